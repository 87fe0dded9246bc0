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
 *   so the full page with filters opens on it; Enter in the header dialog's field opens it.
 * - Ranking (every instance): among the top results, a page whose title (or SOP number) holds
 *   every word searched comes first, the closer the title is to just those words the earlier;
 *   Pagefind alone ranked the SOP "Pengukuran Kinerja" below two documents that repeat the word.
 * - Nothing found (header dialog, /cari/): "Mungkin maksud Anda: kinerja?" from the portal's own
 *   words (cari/kosakata.json, written at build time, fetched only then) by edit distance, and
 *   ways on: every agency, and the kinds of pages to browse.
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
      var instance = manager.getInstance(link.getAttribute("data-sop-cari-lengkap"));
      linkFullSearch(instance, link);
      rankTitlesFirst(instance);
      if (link.getAttribute("data-sop-cari-lengkap") === "default") {
        enterOpensFullSearch(link);
        helpWhenNothingFound(instance, link.href, document.querySelector(".sop-cari-kepala pagefind-summary"), false);
      }
    });
    if (document.querySelector("[data-sop-cari-halaman]")) {
      var page = manager.getInstance("cari");
      rankTitlesFirst(page);
      helpWhenNothingFound(page, window.location.pathname, document.querySelector(".sop-cari__atas"), true);
      searchPage(page);
    }
  }

  // --- Ranking: a title (or SOP number) match above body matches -------------------------------

  var RERANK = 20; // results whose titles are read (the first screenfuls); the rest keep Pagefind's order

  function words(text) {
    return (text || "").toLowerCase().split(/[^0-9a-z\u00c0-\u024f]+/).filter(Boolean);
  }

  function sameWord(a, b) {
    if (a === b) return true;
    var shorter = a.length < b.length ? a : b, longer = a.length < b.length ? b : a;
    return shorter.length >= 4 && longer.indexOf(shorter) === 0; // Pagefind's stemming, roughly
  }

  // 0: the title does not hold every word searched; else 1 + the share of the title's words searched
  // (the title that is just the query wins); an exact SOP number wins over all.
  function titleMatch(term, meta) {
    var compact = function (t) { return (t || "").toLowerCase().replace(/\s+/g, ""); };
    if (meta.nomor && compact(meta.nomor) === compact(term)) return 3;
    var asked = words(term), title = words(meta.title);
    if (!asked.length || !title.length) return 0;
    var all = asked.every(function (q) { return title.some(function (w) { return sameWord(q, w); }); });
    if (!all) return 0;
    var hit = title.filter(function (w) { return asked.some(function (q) { return sameWord(q, w); }); }).length;
    return 1 + hit / title.length;
  }

  function titlesFirst(result, term) {
    if (!result || !term || !result.results || result.results.length < 2) return Promise.resolve(result);
    var top = result.results.slice(0, RERANK);
    return Promise.all(top.map(function (r) { return r.data(); })).then(function (datas) {
      var ranked = top.map(function (r, i) { return { r: r, i: i, m: titleMatch(term, datas[i].meta || {}) }; });
      ranked.sort(function (a, b) { return b.m - a.m || a.i - b.i; });
      var results = ranked.map(function (x) { return x.r; }).concat(result.results.slice(RERANK));
      return Object.assign({}, result, { results: results });
    }, function () { return result; });
  }

  // Wraps the instance's Pagefind search once it is loaded (Pagefind 1.5.2: instance.__load__,
  // instance.__pagefind__; tests/test_search.py fails if an upgrade moves them). A sorted search
  // (/cari/ "Urutkan") is left in date order: sortable() marks its own calls.
  function rankTitlesFirst(instance) {
    var load = instance && instance.__load__;
    if (typeof load !== "function") return;
    instance.__load__ = function () {
      return Promise.resolve(load.apply(instance, arguments)).then(function (value) {
        var pagefind = instance.__pagefind__;
        if (pagefind && typeof pagefind.search === "function" && !pagefind.__sopUrutJudul__) {
          var search = pagefind.search;
          pagefind.search = function (term, options) {
            var sorted = options && options.sort;
            return search.call(pagefind, term, options).then(function (result) {
              return sorted || pagefind.__sopUrutTanggal__ ? result : titlesFirst(result, term);
            });
          };
          pagefind.__sopUrutJudul__ = true;
        }
        return value;
      });
    };
  }

  // --- Enter in the header dialog: the full search page on that query ---------------------------

  function enterOpensFullSearch(link) {
    var modal = link.closest("pagefind-modal");
    if (!modal) return;
    modal.addEventListener("keydown", function (event) {
      var field = event.target;
      if (event.key !== "Enter" || event.isComposing || !field.matches || !field.matches("input")) return;
      var term = (field.value || "").trim();
      if (!term) return;
      event.preventDefault();
      window.location.href = fullSearchUrl(link.getAttribute("href") || link.href, term).href;
    });
  }

  // --- Nothing found: a nearby word, and ways on -------------------------------------------------

  var vocabulary = null; // one fetch per page, on the first empty result

  function loadVocabulary(cariUrl) {
    if (!vocabulary) {
      vocabulary = fetch(new URL("kosakata.json", new URL(cariUrl, window.location.href)).href)
        .then(function (response) { return response.ok ? response.json() : null; })
        .catch(function () { return null; });
    }
    return vocabulary;
  }

  // Optimal string alignment distance (Damerau-Levenshtein: a swap of two letters counts once).
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var prev2 = null, prev = [], row, i, j;
    for (j = 0; j <= b.length; j++) prev[j] = j;
    for (i = 1; i <= a.length; i++) {
      row = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j], prev2[j - 2] + 1);
        if (row[j] < best) best = row[j];
      }
      if (best > limit) return limit + 1;
      prev2 = prev;
      prev = row;
    }
    return prev[b.length];
  }

  // The query with each unknown word replaced by the nearest portal word, or null.
  function suggestion(term, list) {
    var known = {};
    list.forEach(function (entry) { known[entry[0]] = true; });
    var changed = false;
    var out = words(term).map(function (word) {
      if (known[word] || word.length < 3 || /\d/.test(word)) return word;
      var limit = word.length <= 5 ? 1 : 2, best = null, bestDistance = limit + 1;
      list.forEach(function (entry) { // most frequent first: a tie keeps the more common word
        var d = distance(word, entry[0], limit);
        if (d < bestDistance) { best = entry[0]; bestDistance = d; }
      });
      if (best) { changed = true; return best; }
      return word;
    });
    return changed ? out.join(" ") : null;
  }

  function element(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text) node.textContent = text;
    return node;
  }

  function renderHelp(box, data, term, cariUrl, onSuggest) {
    box.textContent = "";
    var root = new URL("../", new URL(cariUrl, window.location.href));
    var better = data.kata ? suggestion(term, data.kata) : null;
    if (better) {
      var line = element("p", { class: "sop-cari-saran__usul" }, "Mungkin maksud Anda: ");
      var link = element("a", { href: fullSearchUrl(cariUrl, better).href }, better);
      if (onSuggest) link.addEventListener("click", function (event) { event.preventDefault(); onSuggest(better); });
      line.appendChild(link);
      line.appendChild(document.createTextNode("?"));
      box.appendChild(line);
    }
    if (data.instansi && data.instansi.length) {
      box.appendChild(element("p", { class: "sop-cari-saran__judul" }, "Telusuri SOP menurut instansi:"));
      var agencies = element("ul", { class: "sop-cari-saran__daftar" });
      data.instansi.forEach(function (a) {
        var item = element("li");
        item.appendChild(element("a", { href: new URL(a.url, root).href }, a.nama));
        agencies.appendChild(item);
      });
      box.appendChild(agencies);
    }
    if (data.jenis && data.jenis.length) {
      box.appendChild(element("p", { class: "sop-cari-saran__judul" }, "Atau lihat semua menurut jenisnya:"));
      var kinds = element("ul", { class: "sop-cari-saran__daftar sop-cari-saran__daftar--jenis" });
      data.jenis.forEach(function (name) {
        var item = element("li");
        item.appendChild(element("a", { href: fullSearchUrl(cariUrl, "", { jenis: [name] }).href }, name));
        kinds.appendChild(item);
      });
      box.appendChild(kinds);
    }
    box.hidden = !box.firstChild;
  }

  // After `after` (the summary "… tidak ditemukan", or the row holding it): filled when a search with
  // words finds nothing. On /cari/ the then empty filter pane is hidden too, unless filters are set.
  function helpWhenNothingFound(instance, cariUrl, after, inPlace) {
    if (!instance || !after || !after.parentNode) return;
    var box = element("div", { class: "sop-cari-saran", "aria-live": "polite" });
    box.hidden = true;
    after.parentNode.insertBefore(box, after.nextSibling);
    var section = inPlace ? document.querySelector("[data-sop-cari-halaman]") : null;
    var asked = "";
    instance.on("search", function (term) { asked = (term || "").trim(); });
    instance.on("results", function (result) {
      var term = asked;
      var found = Boolean(result && result.results && result.results.length);
      var filtered = Object.keys(instance.searchFilters || {}).some(function (k) { return (instance.searchFilters[k] || []).length; });
      if (section) section.toggleAttribute("data-sop-cari-kosong", Boolean(term) && !found && !filtered);
      if (!term || found) {
        box.hidden = true;
        box.textContent = "";
        return;
      }
      loadVocabulary(cariUrl).then(function (data) {
        if (!data || term !== asked) return;
        var onSuggest = inPlace ? function (word) {
          var field = document.querySelector('pagefind-input[instance="cari"] input');
          if (field) field.value = word;
          instance.triggerSearchWithFilters(word, instance.searchFilters || {});
        } : null;
        renderHelp(box, data, term, cariUrl, onSuggest);
      });
    });
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
      pagefind.__sopUrutTanggal__ = Boolean(sort); // rankTitlesFirst leaves a date order alone
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
