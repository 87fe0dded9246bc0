"""The portal's vocabulary, for "Mungkin maksud Anda: …?" in the browser (issue #19; no MkDocs import).

Pagefind finds nothing for a misspelt word ("kinrja"). A citizen then needs a nearby word that
the portal really uses, and ways on. Both come from one small file written at build time,
`cari/kosakata.json`, which the search script (`sop-cari.js`) fetches only when a search found
nothing, so no page carries its weight:

* ``kata``: the words of what citizens search (SOP names, purposes, units, steps, what to bring,
  outputs, lanes, agencies, document titles), lower case, with how often each occurs, most
  frequent first, at most `LIMIT`; the browser suggests the nearest by edit distance;
* ``instansi``: every agency, name and page (relative to the portal's root): a way on;
* ``jenis``: the kinds of pages the search can be narrowed to (SOP, Instansi, Perjanjian Kinerja, …).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from typing import Any

from ..format.model import Portal

PATH = "cari/kosakata.json"
LIMIT = 4000  # words kept: the file stays under ~60 KB even for a portal of thousands of SOPs
# Words of four letters or more (shorter ones are rarely misspelt and match too much), Latin letters
# with the accents Indonesian names may carry; digits and codes are left to search itself.
WORD = re.compile(r"[a-zà-öø-ÿ]{4,}", re.I)


def _texts(portal: Portal, dokumen: Iterable[Any]) -> Iterable[str | None]:
    for agency in portal.instansi:
        yield agency.nama
        yield agency.singkatan
    for sop in portal.sops:
        yield from (sop.nama, sop.ringkasan, sop.unit, *sop.pelaksana)
        for step in sop.semua_langkah:
            yield from (step.kegiatan, step.kelengkapan, step.output)
    for doc in dokumen:
        yield getattr(doc, "judul", None)


def vocabulary(portal: Portal, dokumen: Iterable[Any] = ()) -> dict[str, Any]:
    """The content of `PATH` (see the module docstring)."""
    dokumen = list(dokumen)
    counts: Counter[str] = Counter()
    for text in _texts(portal, dokumen):
        if text:
            counts.update(word.lower() for word in WORD.findall(text))
    words = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:LIMIT]
    jenis = ["SOP", "Instansi", *sorted({getattr(d, "label_jenis", "") for d in dokumen} - {""})]
    return {
        "kata": [[word, count] for word, count in words],
        "instansi": [{"nama": a.nama, "url": a.url} for a in sorted(portal.instansi, key=lambda a: a.nama)],
        "jenis": jenis,
    }


def vocabulary_json(portal: Portal, dokumen: Iterable[Any] = ()) -> bytes:
    return json.dumps(vocabulary(portal, dokumen), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
