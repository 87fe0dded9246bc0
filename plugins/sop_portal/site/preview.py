"""The live preview's error banner (`mkdocs serve` only; the published site never has it).

When a save breaks an SOP, the preview keeps serving the last good site, and
the terminal shows the located errors. But staff look at the browser, where the
page would simply stay as it was. So during a preview every page carries a tiny
script that asks for ``_pratinjau/galat.json``; the plugin writes that file into
the served site when a rebuild fails (the site folder is not cleaned then), and
the next good build cleans it away. The page then shows the errors in a banner
above the last good content, and the banner goes when the file is fixed.

Two more things staff would otherwise only see in the terminal:

* a new SOP file that has never been valid has no last good page: its address would
  show the citizens' 404. A failed rebuild writes an error page there instead
  (`write_error_pages`): the SOP's messages (file, line, what to write); the next good
  build replaces it with the SOP (or `clear` removes it when the file is gone);
* a build that succeeds with `peringatan` (an uncountable waktu, an SOP without a
  signer, …) publishes, and its peringatan are listed in a yellow banner (`write_notes`).

Plain data in, strings out: no MkDocs import here.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from ..format.errors import ContentError

ERRORS_FILE = "_pratinjau/galat.json"
NOTES_FILE = "_pratinjau/peringatan.json"  # a good build's peringatan (the banner shows it when there is no galat.json)

# Messages are inserted with textContent, never as HTML: an SOP file's text must not run as markup.
_SCRIPT = """<script>
(function () {
  var url = %(url)s;
  function get(u) { return fetch(u, {cache: "no-store"}); }
  // A failed rebuild's errors; else a good build's peringatan (same folder, another file).
  get(url).then(function (r) {
    if (r.ok) return r.json();
    return get(url.replace(/galat\\.json$/, "peringatan.json")).then(function (n) { return n.ok ? n.json() : null; });
  }).then(function (d) {
    if (!d || !d.pesan || !d.pesan.length) return;
    var box = document.createElement("div");
    box.setAttribute("role", "alert");
    var warn = d.tingkat === "peringatan";
    box.className = warn ? "sop-pratinjau-peringatan" : "sop-pratinjau-galat";
    box.style.cssText = "position:sticky;top:0;z-index:10;padding:.75rem 1rem;font:14px/1.45 system-ui,sans-serif;" +
      "max-height:40vh;overflow:auto;" + (warn ? "background:#fff8e1;color:#4d3800;border-bottom:3px solid #f9a825"
      : "background:#fdecea;color:#611a15;border-bottom:3px solid #d32f2f");
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


def write_errors(site_dir: Path, messages: list[str], warnings: int = 0) -> None:
    """Record a failed rebuild's messages (its errors, then its peringatan) where the preview's pages look."""
    count = len(messages) - warnings
    also = f" dan {warnings} peringatan" if warnings else ""
    _write(site_dir, ERRORS_FILE, {
        "tingkat": "kesalahan",
        "judul": f"Pratinjau belum diperbarui: {count} kesalahan{also}. Halaman ini versi terakhir yang valid; "
        "perbaiki berkasnya lalu simpan, halaman dimuat ulang otomatis.",
        "pesan": messages,
    })  # fmt: skip


def write_notes(site_dir: Path, messages: list[str]) -> None:
    """A good build's peringatan for the yellow banner (and no failed rebuild's errors any more)."""
    (site_dir / ERRORS_FILE).unlink(missing_ok=True)
    (site_dir / NOTES_FILE).unlink(missing_ok=True)
    if not messages:
        return
    _write(site_dir, NOTES_FILE, {
        "tingkat": "peringatan",
        "judul": f"Pratinjau: {len(messages)} peringatan. Portal tetap dapat diterbitkan, tetapi sebaiknya diperbaiki:",
        "pesan": messages,
    })  # fmt: skip


def _write(site_dir: Path, name: str, data: dict) -> None:
    target = site_dir / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def sop_page_of(source: str, sops_dir: str) -> str | None:
    """'sops/dinkes/izin.yml' -> 'sop/dinkes/izin/index.html' (an SOP file's page in the site), else None."""
    path = PurePosixPath(source)
    base = PurePosixPath(sops_dir)
    if path.suffix not in (".yml", ".yaml") or path.name.startswith("_") or path.parent.parent != base:
        return None
    return f"sop/{path.parent.name}/{path.stem}/index.html"


_PAGE = """<!doctype html>
<html lang="id">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Pratinjau: {title} belum bisa ditampilkan</title>
<style>@media (prefers-color-scheme: dark) {{ body {{ background: #1e2129 !important; color: #e3e3e3 !important }}
a {{ color: #8ab4f8 }} }}</style></head>
<body style="margin:0;font:16px/1.5 system-ui,sans-serif;color:#1b1b1b;background:#fff">
<main style="max-width:60rem;margin:0 auto;padding:1.5rem 1rem">
<p style="margin:0 0 .5rem;color:#5f6368">Pratinjau · hanya tampil di make serve</p>
<h1 style="font-size:1.5rem;margin:0 0 1rem">SOP ini belum bisa ditampilkan</h1>
<div role="alert" style="background:#fdecea;color:#611a15;border-left:4px solid #d32f2f;padding:.75rem 1rem">
<p style="margin:0 0 .5rem"><strong>{count} kesalahan di <code>{file}</code></strong>. Perbaiki berkasnya lalu simpan;
halaman ini dimuat ulang otomatis dan menampilkan SOP-nya setelah berkas itu valid.</p>
<ul style="margin:0;padding-left:1.2rem">{items}</ul>
</div>
<p>Arti setiap pesan dan cara memperbaikinya: <a href="{guide}">panduan, arti pesan kesalahan</a>.</p>
</main>
</body>
</html>
"""


def write_error_pages(site_dir: Path, errors: Iterable[ContentError], sops_dir: str) -> list[str]:
    """An error page at the address of every SOP file with errors that has no page yet; the pages written."""
    by_file: dict[str, list[ContentError]] = {}
    for error in errors:
        by_file.setdefault(error.file, []).append(error)
    written = []
    for source, messages in by_file.items():
        page = sop_page_of(source, sops_dir)
        if page is None or not any(m.level == "kesalahan" for m in messages):
            continue
        target = site_dir / page
        if target.exists():
            continue  # a last good page: it shows the banner instead
        items = "".join(
            '<li style="font-family:ui-monospace,monospace;font-size:13px;white-space:pre-wrap;word-break:break-word">'
            f"{html.escape(m.format())}</li>"
            for m in messages
        )
        count = sum(1 for m in messages if m.level == "kesalahan")
        text = _PAGE.format(
            title=html.escape(PurePosixPath(source).stem), file=html.escape(source), count=count, items=items,
            guide="../../../panduan/kesalahan/",
        )  # fmt: skip
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written.append(page)
    return written


def clear(site_dir: Path, pages: Iterable[str]) -> None:
    """Remove error pages an earlier failed rebuild wrote (a dirty rebuild keeps the site folder)."""
    for page in pages:
        target = site_dir / page
        if target.exists() and "SOP ini belum bisa ditampilkan" in target.read_text(encoding="utf-8", errors="replace"):
            target.unlink()


def add_to_page(html: str, errors_url: str) -> str:
    """Insert the banner script before </body>."""
    tag = script(errors_url)
    index = html.rfind("</body>")
    return html + tag if index < 0 else html[:index] + tag + html[index:]
