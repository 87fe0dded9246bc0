/* Portal SOP: glue around Pagefind's Component UI (templates/partials/cari/*.html, cari.html).
 *
 * - /cari/?q=…&instansi=…&jenis=…&tahun=…&status=…&urut=… opens with that query, those filters
 *   and that order, and the address follows every change, so a search can be bookmarked or shared.
 * - /cari/ "Urutkan": most relevant first (Pagefind's ranking), or newest / oldest first by the
 *   pages' data-pagefind-sort="tanggal". Two gaps in Pagefind 1.5.2 shape how:
 *     1. the Component UI has no sort: Instance.__search__ calls pagefind.search(term, {filters})
 *        and nothing else, so the order is added by wrapping the search function of the
 *        instance's own Pagefind object (instance.__pagefind__; pagefind[bin] is pinned, and
 *        tests/test_search.py fails if an upgrade moves it);
 *     2. a sorted search drops every page without the sort key (an agency's page, an SOP with
 *        no tanggal efektif) instead of ranking it last. A citizen must never lose a result by
 *        changing the order, so the sorted search runs beside the plain one and the pages it
 *        dropped follow the dated ones, in order of relevance, whichever direction is chosen.
 * - The "Pencarian lengkap" links (header dialog, home page) carry the query typed beside them,
 *   so the full page with filters opens on it.
 *
 * Pagefind draws everything; this file moves a query between components and the address
 * bar, and adds the order. Without it search still works, minus those conveniences.
 */
(function () {
  "use strict";

  var FILTERS = ["instansi", "jenis", "tahun", "status"];
  // ?urut= value -> Pagefind sort; "relevan" (the default) is left out of the address.
  var SORTS = { terbaru: { tanggal: "desc" }, terlama: { tanggal: "asc" } };

  function start() {
    var components = window.PagefindComponents;
    if (!components) return;
    var manager = components.getInstanceManager();
    document.querySelectorAll("[data-sop-cari-lengkap]").forEach(function (link) {
      linkFullSearch(manager.getInstance(link.getAttribute("data-sop-cari-lengkap")), link);
    });
    if (document.querySelector("[data-sop-cari-halaman]")) searchPage(manager.getInstance("cari"));
  }

  // The /cari/ address for a query (and filters, and order), relative to the link already on the page.
  function fullSearchUrl(base, term, filters, order) {
    var url = new URL(base, window.location.href);
    url.search = "";
    if (term) url.searchParams.set("q", term);
    FILTERS.forEach(function (name) {
      ((filters || {})[name] || []).forEach(function (value) {
        url.searchParams.append(name, value);
      });
    });
    if (SORTS[order]) url.searchParams.set("urut", order);
    return url;
  }

  // Makes the instance's searches follow currentOrder() (see gap 1 and 2 at the top).
  // Returns false, leaving search untouched, when Pagefind's internals are not where 1.5.2 has them.
  function sortable(instance, currentOrder) {
    var pagefind = instance.__pagefind__;
    if (!pagefind || typeof pagefind.search !== "function") return false;
    var search = pagefind.search;
    pagefind.search = function (term, options) {
      var sort = SORTS[currentOrder()];
      if (!sort) return search.call(pagefind, term, options);
      return Promise.all([
        search.call(pagefind, term, Object.assign({}, options, { sort: sort })),
        search.call(pagefind, term, options),
      ]).then(function (both) {
        var sorted = both[0], all = both[1];
        if (!sorted || !all) return all;
        var dated = {};
        sorted.results.forEach(function (result) { dated[result.id] = true; });
        var undated = all.results.filter(function (result) { return !dated[result.id]; });
        // Counts and filter totals come from the plain search: it is the complete set.
        return Object.assign({}, all, { results: sorted.results.concat(undated) });
      });
    };
    return true;
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
    // Below 60em the filters stand above the results (sop-cari.css): an open "Instansi" list of
    // 30-50 agencies would push every result screens down on a phone. It stays closed there,
    // unless the address already filters by agency.
    var pane = document.querySelector('pagefind-filter-pane[instance="cari"]');
    if (pane && window.matchMedia("(max-width: 59.99em)").matches && !filters.instansi) pane.setAttribute("open", "jenis");
    var control = document.querySelector("[data-sop-cari-urut]");
    var select = control && control.querySelector("select");
    var note = control && control.querySelector(".sop-cari__urut-catatan");
    var order = SORTS[params.get("urut")] ? params.get("urut") : "relevan";
    var base = window.location.pathname;
    function showOrder() {
      select.value = order;
      var byDate = Boolean(SORTS[order]);
      note.hidden = !byDate;
      if (byDate) select.setAttribute("aria-describedby", note.id);
      else select.removeAttribute("aria-describedby");
    }
    // Faceted mode runs an empty search once the index has loaded; ours must come after it.
    instance.triggerLoad().then(function () {
      instance.on("search", function (newTerm, newFilters) {
        var url = fullSearchUrl(base, (newTerm || "").trim(), newFilters, order);
        window.history.replaceState(null, "", url.pathname + url.search);
      });
      if (select && sortable(instance, function () { return order; })) {
        showOrder();
        control.hidden = false;
        select.addEventListener("change", function () {
          order = SORTS[select.value] ? select.value : "relevan";
          showOrder();
          instance.triggerSearchWithFilters(instance.searchTerm || "", instance.searchFilters || {});
        });
      } else {
        order = "relevan"; // no working control: the address must not claim an order
      }
      if (term || Object.keys(filters).length || SORTS[order]) instance.triggerSearchWithFilters(term, filters);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
