"""The live preview's error banner (`mkdocs serve` only; the published site never has it).

When a save breaks an SOP, the preview keeps serving the last good site, and
the terminal shows the located errors. But staff look at the browser, where the
page would simply stay as it was. So during a preview every page carries a tiny
script that asks for ``_pratinjau/galat.json``; the plugin writes that file into
the served site when a rebuild fails (the site folder is not cleaned then), and
the next good build cleans it away. The page then shows the errors in a banner
above the last good content, and the banner goes when the file is fixed.

Plain data in, strings out: no MkDocs import here.
"""

from __future__ import annotations

import json
from pathlib import Path

ERRORS_FILE = "_pratinjau/galat.json"

# Messages are inserted with textContent, never as HTML: an SOP file's text must not run as markup.
_SCRIPT = """<script>
(function () {
  fetch(%(url)s, {cache: "no-store"}).then(function (r) { return r.ok ? r.json() : null; }).then(function (d) {
    if (!d || !d.pesan || !d.pesan.length) return;
    var box = document.createElement("div");
    box.setAttribute("role", "alert");
    box.className = "sop-pratinjau-galat";
    box.style.cssText = "position:sticky;top:0;z-index:10;background:#fdecea;color:#611a15;" +
      "border-bottom:3px solid #d32f2f;padding:.75rem 1rem;font:14px/1.45 system-ui,sans-serif;max-height:40vh;overflow:auto";
    var title = document.createElement("strong");
    title.textContent = d.judul;
    box.appendChild(title);
    var list = document.createElement("ul");
    list.style.cssText = "margin:.4rem 0 0;padding-left:1.2rem";
    d.pesan.forEach(function (m) {
      var item = document.createElement("li");
      item.style.cssText = "font-family:ui-monospace,monospace;font-size:12px;white-space:pre-wrap;word-break:break-word";
      item.textContent = m;
      list.appendChild(item);
    });
    box.appendChild(list);
    document.body.insertBefore(box, document.body.firstChild);
  }).catch(function () {});
})();
</script>"""


def script(errors_url: str) -> str:
    """The banner script for one page; `errors_url` is ERRORS_FILE relative to that page."""
    return _SCRIPT % {"url": json.dumps(errors_url)}


def write_errors(site_dir: Path, messages: list[str]) -> None:
    """Record a failed rebuild's errors where the preview's pages look for them."""
    count = len(messages)
    data = {
        "judul": f"Pratinjau belum diperbarui: {count} kesalahan. Halaman ini versi terakhir yang valid; "
        "perbaiki berkasnya lalu simpan, halaman dimuat ulang otomatis.",
        "pesan": messages,
    }
    target = site_dir / ERRORS_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def add_to_page(html: str, errors_url: str) -> str:
    """Insert the banner script before </body>."""
    tag = script(errors_url)
    index = html.rfind("</body>")
    return html + tag if index < 0 else html[:index] + tag + html[index:]
