"""Typed field readers over the positioned YAML tree, shared by every content loader.

Each reader takes a node and the field path the author sees, returns a plain
Python value, and reports a located Indonesian error when the node is not what
the field expects (saying what was found and what is expected). Readers never
raise for content mistakes: they return None and the caller carries on, so one
run reports every error in a file.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import TypeVar

from .errors import ErrorSink, quote, suggestion
from .yamlcore import YMap, YNode, YScalar, YSeq

C = TypeVar("C", bound=str)  # one of a fixed set of texts (a Literal alias where the caller has one)

_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def describe(node: YNode) -> str:
    """How a found value is named in an error: 'daftar', 'pemetaan', 'angka 15', 'teks "x"'."""
    if isinstance(node, YScalar):
        if node.value is None:
            return "nilai kosong"
        if node.kind == "teks":
            return f"teks {quote(node.raw)}"
        return f"{node.kind} {node.raw}"
    return node.kind


class FieldReader:
    def __init__(self, sink: ErrorSink):
        self.sink = sink

    def error(self, node: YNode | None, path: str, message: str) -> None:
        self.sink.add(node.pos if node is not None else None, path, message)

    # -- containers -------------------------------------------------------

    def mapping(
        self,
        node: YNode | None,
        path: str,
        allowed: Iterable[str],
        required: Iterable[str] = (),
        what: str = "pemetaan",
    ) -> YMap | None:
        """Check a mapping's keys: unknown keys (with a suggestion) and missing required ones."""
        if node is None:
            return None
        if not isinstance(node, YMap):
            self.error(node, path, f"ditemukan {describe(node)}, seharusnya {what} (kunci: nilai).")
            return None
        allowed = allowed if isinstance(allowed, tuple) else tuple(allowed)  # callers pass tuples: no copy
        for key in node.items:
            if key not in allowed:
                self.sink.add(
                    node.items[key][0],
                    f"{path}.{key}" if path else key,
                    f'kunci "{key}" tidak dikenal{suggestion(key, allowed)}. '
                    f"Kunci yang boleh: {', '.join(allowed)}.",
                )
        for key in required:
            value = node.get(key)
            if value is None or (isinstance(value, YScalar) and value.value is None):
                self.error(node, f"{path}.{key}" if path else key, f'kunci "{key}" wajib diisi.')
        return node

    def sequence(self, node: YNode | None, path: str, what: str = "daftar (butir diawali '- ')") -> YSeq | None:
        if node is None:
            return None
        if isinstance(node, YScalar) and node.value is None:
            return None
        if not isinstance(node, YSeq):
            self.error(node, path, f"ditemukan {describe(node)}, seharusnya {what}.")
            return None
        return node

    # -- scalars ------------------------------------------------------------

    def text(self, node: YNode | None, path: str, required: bool = False) -> str | None:
        """Text exactly as written: an unquoted 196005241981031005 or 15 stays that text."""
        if node is None or (isinstance(node, YScalar) and node.value is None):
            if required:
                self.error(node, path, "wajib diisi dengan teks.")
            return None
        if not isinstance(node, YScalar):
            self.error(node, path, f"ditemukan {describe(node)}, seharusnya teks satu baris atau paragraf.")
            return None
        text = node.raw.strip()
        if not text:
            if required:
                self.error(node, path, "wajib diisi dengan teks, ditemukan teks kosong.")
            return None
        return text

    def text_list(self, node: YNode | None, path: str) -> tuple[str, ...]:
        """A list of texts; a single text is accepted as a one-item list."""
        if node is None:
            return ()
        if isinstance(node, YScalar):
            single = self.text(node, path)
            return (single,) if single else ()
        seq = self.sequence(node, path)
        if seq is None:
            return ()
        items = []
        for index, item in enumerate(seq.items, start=1):
            text = self.text(item, f"{path}[{index}]")
            if text:
                items.append(text)
        return tuple(items)

    def choice(self, node: YNode | None, path: str, choices: Iterable[C], default: C | None = None) -> C | None:
        text = self.text(node, path)
        if text is None:
            return default
        allowed = list(choices)
        for choice in allowed:
            if choice == text:
                return choice
        self.error(
            node,
            path,
            f"ditemukan {quote(text)}, seharusnya salah satu dari: {', '.join(allowed)}{suggestion(text, allowed)}.",
        )
        return default

    def date(self, node: YNode | None, path: str) -> dt.date | None:
        if node is None or (isinstance(node, YScalar) and node.value is None):
            return None
        if isinstance(node, YScalar):
            match = _DATE.match(node.raw.strip())
            if match:
                try:
                    return dt.date(*(int(g) for g in match.groups()))
                except ValueError:
                    self.error(node, path, f"tanggal {quote(node.raw)} tidak ada di kalender.")
                    return None
            if node.raw.strip() == "-":
                return None
        self.error(node, path, f"ditemukan {describe(node)}, seharusnya tanggal dengan format TTTT-BB-HH, misalnya 2024-01-31.")
        return None

    def integer(self, node: YNode | None, path: str) -> int | None:
        if node is None:
            return None
        if isinstance(node, YScalar) and isinstance(node.value, int) and not isinstance(node.value, bool):
            return node.value
        self.error(node, path, f"ditemukan {describe(node)}, seharusnya bilangan bulat.")
        return None

    def number(self, node: YNode | None, path: str) -> float | None:
        """A number; a decimal comma ('78,5') is accepted because that is how Indonesians write it."""
        if node is None or (isinstance(node, YScalar) and node.value is None):
            return None
        if isinstance(node, YScalar):
            if isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
                return float(node.value)
            candidate = node.raw.strip().replace(" ", "")
            if re.fullmatch(r"[-+]?\d+(,\d+)?", candidate):
                return float(candidate.replace(",", "."))
        self.error(node, path, f"ditemukan {describe(node)}, seharusnya angka (misalnya 75 atau 78,5).")
        return None

    def string_map(self, node: YNode | None, path: str, allowed: Iterable[str]) -> Mapping[str, str]:
        """A mapping of known keys to texts (e.g. `label:` overrides)."""
        checked = self.mapping(node, path, allowed)
        if checked is None:
            return {}
        result = {}
        for key, (_, value) in checked.items.items():
            text = self.text(value, f"{path}.{key}")
            if text is not None:
                result[key] = text
        return result
