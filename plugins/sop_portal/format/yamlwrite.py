"""Write SOP YAML that reads back exactly as meant, in the order of the paper form.

PyYAML's dumper sorts or reorders nothing we need, but it quotes for YAML 1.1
(``no`` becomes ``'no'``, ``0,5`` stays plain) and cannot place comments. The
files `sop-portal new` and `sop-portal import` write are read by people first,
so this small emitter writes block style in the order given, leaves ordinary
text unquoted, and double-quotes any text the YAML 1.2 core schema
(`yamlcore`) or a YAML 1.1 editor would read as something else: numbers,
``null``, ``true``, ``yes``/``no``, dates, or text with ``: `` / `` #`` in it.
Fields that are text by nature but often look like numbers (waktu, nomor, NIP)
are always quoted, wrapped in `Quoted`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..shared.unsafe import strip_forbidden
from .yamlcore import core_value

# Plain scalars that YAML 1.1 tools (and many editors' highlighters) read as booleans.
_YAML11_BOOL = re.compile(r"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$")
_DATE_LIKE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}")
_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")


class Quoted(str):
    """Text that is always written between double quotes (waktu, nomor, NIP)."""


class Flow(list[object]):
    """A short list written on one line, `[Kasubag, Kepala Badan]`, as the paper form reads."""


def needs_quotes(text: str) -> bool:
    if not text or text != text.strip():
        return True
    if not isinstance(core_value(text), str):  # 15, 0.5, null, true, .inf …
        return True
    if _YAML11_BOOL.match(text) or _DATE_LIKE.match(text):
        return True
    if text[0] in _INDICATORS:
        return True
    if ": " in text or " #" in text or text.endswith(":") or "\t" in text:
        return True
    return any(_unprintable(ch) for ch in text)


def _unprintable(ch: str) -> bool:
    """Outside YAML's printable set, or a line break YAML 1.1 readers would fold (NEL, LS, PS)."""
    o = ord(ch)
    printable = 0x20 <= o <= 0x7E or 0xA0 <= o <= 0xD7FF or 0xE000 <= o <= 0xFFFD or o >= 0x10000
    return not printable or ch in "\u2028\u2029\ufeff"


def quote(text: str) -> str:
    """A YAML double-quoted scalar.

    Refuses (ValueError) a text holding a character the loader refuses (`forbidden_character`): a
    writer must never write a file that check rejects, so callers clean outside text first
    (`strip_forbidden`, as `sop-portal import` does with spreadsheet cells).
    """
    _, found = strip_forbidden(text)
    if found:
        raise ValueError(f"text holds {', '.join(found)}, which the loader refuses; clean it with strip_forbidden first: {text!r}")
    out = ['"']
    for ch in text:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif _unprintable(ch):
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def scalar(value: Any) -> str:
    """One value as YAML text."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if isinstance(value, Quoted) or needs_quotes(text):
        return quote(text)
    return text


def dump(data: dict[str, Any]) -> str:
    """A mapping as block-style YAML, keys in the given order."""
    lines: list[str] = []
    _mapping(data, 0, lines)
    return "\n".join(lines) + "\n"


def _mapping(data: dict[str, Any], indent: int, lines: list[str], first_prefix: str | None = None) -> None:
    pad = " " * indent
    for n, (key, value) in enumerate(data.items()):
        prefix = first_prefix if (n == 0 and first_prefix is not None) else pad
        head = f"{prefix}{scalar(key)}:"
        if isinstance(value, dict):
            if not value:
                lines.append(f"{head} {{}}")
            else:
                lines.append(head)
                _mapping(value, indent + 2, lines)
        elif isinstance(value, Flow) and all(_flow_safe(v) for v in value):
            lines.append(f"{head} [{', '.join(scalar(v) for v in value)}]")
        elif isinstance(value, (list, tuple)):
            if not value:
                lines.append(f"{head} []")
            else:
                lines.append(head)
                _sequence(list(value), indent + 2, lines)
        else:
            lines.append(f"{head} {scalar(value)}")


def _sequence(items: list[Any], indent: int, lines: list[str]) -> None:
    pad = " " * indent
    for item in items:
        if isinstance(item, dict) and item:
            # "- key: value" with the following keys aligned under the first.
            _mapping(item, indent + 2, lines, first_prefix=f"{pad}- ")
        elif isinstance(item, (list, tuple)) and item:
            lines.append(f"{pad}-")
            _sequence(list(item), indent + 2, lines)
        else:
            empty = "{}" if isinstance(item, dict) else "[]"
            lines.append(f"{pad}- {empty if isinstance(item, (dict, list, tuple)) else scalar(item)}")


def _flow_safe(value: Any) -> bool:
    """Inside [...] a comma or bracket would split the item; such items make the list block style."""
    return not isinstance(value, (dict, list, tuple)) and not any(ch in str(value) for ch in ",[]{}")
