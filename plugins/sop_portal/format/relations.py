"""Keterkaitan resolved to SOP pages, and the backlinks ("Dirujuk oleh") they imply (no MkDocs import).

Staff write keterkaitan as free text copied from the paper form:
"SOP Penyusunan Renstra", "Penyusunan RKA/DPA", sometimes a nomor. An entry
becomes a link when, after normalising (a leading "SOP" dropped, case,
punctuation and spacing ignored), it equals the nama or the nomor of another
published SOP. An SOP of the same agency wins over one of another agency; a
name that several other agencies use, and none of the own, is ambiguous and
stays text rather than guess. Unmatched entries stay text and are reported as
`peringatan` (not errors): real SOPs mostly name procedures that are not in the
portal (yet), and that must never block a build.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from .errors import ContentError, quote
from .model import Portal, Sop

_LEADING_SOP = re.compile(r"^\s*(?:sop|s\.o\.p\.?|standar operasional prosedur)\b[\s.:\-–—]*", re.IGNORECASE)
_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)


def normalise(text: str) -> str:
    """The matching key of a name or nomor: 'SOP Penyusunan  RKA/DPA.' -> 'penyusunan rka dpa'."""
    text = unicodedata.normalize("NFKC", text)
    text = _LEADING_SOP.sub("", text, count=1)
    return " ".join(_NOT_WORD.sub(" ", text.casefold()).split())


@dataclass(frozen=True)
class Tautan:
    """One keterkaitan entry: the text as written and, when it matched, the SOP it names."""

    teks: str
    target: str | None = None  # uid of the matched SOP


@dataclass(frozen=True)
class Relations:
    keterkaitan: Mapping[str, tuple[Tautan, ...]]  # SOP uid -> its entries, resolved
    dirujuk_oleh: Mapping[str, tuple[str, ...]]  # SOP uid -> uids of the SOPs whose keterkaitan name it
    catatan: tuple[ContentError, ...]  # `peringatan` notes for entries that stayed text

    def links_of(self, uid: str) -> tuple[Tautan, ...]:
        return self.keterkaitan.get(uid, ())

    def backlinks_of(self, uid: str) -> tuple[str, ...]:
        return self.dirujuk_oleh.get(uid, ())


EMPTY = Relations(MappingProxyType({}), MappingProxyType({}), ())


def _index(sops: tuple[Sop, ...]) -> dict[str, list[Sop]]:
    index: dict[str, list[Sop]] = {}
    for sop in sops:
        keys = {normalise(sop.nama)}
        if sop.nomor:
            keys.add(normalise(sop.nomor))
        for key in keys - {""}:
            index.setdefault(key, []).append(sop)
    return index


def _match(entry: str, source: Sop, index: Mapping[str, list[Sop]]) -> tuple[Sop | None, int]:
    """(matched SOP or None, number of candidates): same agency first, else a unique other one."""
    candidates = [s for s in index.get(normalise(entry), ()) if s.uid != source.uid]
    own = [s for s in candidates if s.instansi == source.instansi]
    if len(own) == 1:
        return own[0], 1
    if len(own) > 1:
        return None, len(own)
    if len(candidates) == 1:
        return candidates[0], 1
    return None, len(candidates)


def resolve(portal: Portal) -> Relations:
    """Resolve every keterkaitan of every SOP in `portal` (the published ones, for a build)."""
    index = _index(portal.sops)
    links: dict[str, tuple[Tautan, ...]] = {}
    back: dict[str, list[str]] = {}
    notes: list[ContentError] = []
    for sop in portal.sops:
        resolved = []
        for n, entry in enumerate(sop.keterkaitan):
            target, count = _match(entry, sop, index)
            resolved.append(Tautan(entry, target.uid if target else None))
            if target is not None:
                if sop.uid not in back.setdefault(target.uid, []):
                    back[target.uid].append(sop.uid)
                continue
            line, column = sop.keterkaitan_pos[n] if n < len(sop.keterkaitan_pos) else (1, 1)
            if count > 1:
                why = f"cocok dengan {count} SOP sekaligus; tulis nomor SOP yang dimaksud agar bisa ditautkan"
            else:
                why = "tidak cocok dengan nama atau nomor SOP mana pun di portal, jadi ditampilkan sebagai teks"
            notes.append(ContentError(sop.source, line, column, f"keterkaitan[{n + 1}]", f"{quote(entry)} {why}.", "peringatan"))
        links[sop.uid] = tuple(resolved)
    return Relations(
        MappingProxyType(links),
        MappingProxyType({uid: tuple(sorted(uids)) for uid, uids in back.items()}),
        tuple(sorted(notes)),
    )
