/* Portal SOP: glue around Pagefind's Component UI (templates/partials/cari/*.html, cari.html).
 *
 * - /cari/?q=…&instansi=…&jenis=…&tahun=…&status=… opens with that query and those filters,
 *   and the address follows every change, so a search can be bookmarked or shared.
 * - The "Pencarian lengkap" links (header dialog, home page) carry the query typed beside them,
 *   so the full page with filters opens on it.
 *
 * Pagefind draws everything; this file only moves a query between components and the
 * address bar. Without it search still works, minus those conveniences.
 */
(function () {
  "use strict";

  var FILTERS = ["instansi", "jenis", "tahun", "status"];

  function start() {
    var components = window.PagefindComponents;
    if (!components) return;
    var manager = components.getInstanceManager();
    document.querySelectorAll("[data-sop-cari-lengkap]").forEach(function (link) {
      linkFullSearch(manager.getInstance(link.getAttribute("data-sop-cari-lengkap")), link);
    });
    if (document.querySelector("[data-sop-cari-halaman]")) searchPage(manager.getInstance("cari"));
  }

  // The /cari/ address for a query (and filters), relative to the link already on the page.
  function fullSearchUrl(base, term, filters) {
    var url = new URL(base, window.location.href);
    url.search = "";
    if (term) url.searchParams.set("q", term);
    FILTERS.forEach(function (name) {
      ((filters || {})[name] || []).forEach(function (value) {
        url.searchParams.append(name, value);
      });
    });
    return url;
  }

  function linkFullSearch(instance, link) {
    var base = link.href;
    instance.on("search", function (term) {
      link.href = fullSearchUrl(base, (term || "").trim()).href;
    });
  }

  function searchPage(instance) {
    var params = new URLSearchParams(window.location.search);
    var term = (params.get("q") || "").trim();
    var filters = {};
    FILTERS.forEach(function (name) {
      var values = params.getAll(name).filter(Boolean);
      if (values.length) filters[name] = values;
    });
    var base = window.location.pathname;
    // Faceted mode runs an empty search once the index has loaded; ours must come after it.
    instance.triggerLoad().then(function () {
      instance.on("search", function (newTerm, newFilters) {
        var url = fullSearchUrl(base, (newTerm || "").trim(), newFilters);
        window.history.replaceState(null, "", url.pathname + url.search);
      });
      if (term || Object.keys(filters).length) instance.triggerSearchWithFilters(term, filters);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
