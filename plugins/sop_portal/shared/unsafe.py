"""Text from content that must not act on whoever reads the output (ARCHITECTURE.md, "Trust model").

Three small rules, used where content leaves the build:

* `forbidden_character`: a character XML 1.0 forbids (C0 controls but tab/newline/carriage
  return, lone surrogates, U+FFFE/U+FFFF) or a C1 control. The YAML reader refuses such text
  where it is written, so the feed and the SVG stay well-formed and no invisible terminal escape
  reaches a log. `strip_forbidden` removes them from text a tool writes (`sop-portal import`).
* `one_line`: a message about content, as one printable line. GitHub Actions reads any log line
  starting with ``::`` as a workflow command; a value holding a newline must not start one.
* `spreadsheet_safe`: a CSV cell that Excel or LibreOffice would run as a formula (it starts with
  ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) gets a leading apostrophe, OWASP's
  neutralisation; plain numbers ("-5", "+62") and a lone dash stay as they are.
"""

from __future__ import annotations

import csv
import re

_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")  # surrogates: a name not in UTF-8
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_HARMLESS = re.compile(r"[-+]?\d+(?:[.,]\d+)*|-+")


def forbidden_character(text: str) -> str | None:
    """An Indonesian sentence naming the first forbidden character of `text`, or None."""
    found = _FORBIDDEN.search(text)
    if found is None:
        return None
    code = f"U+{ord(found.group()):04X}"
    return (
        f"teks memuat karakter kendali tak terlihat ({code}, karakter ke-{found.start() + 1}) yang tidak boleh "
        "diterbitkan; hapus karakter itu (biasanya terbawa saat menyalin dari dokumen lain)."
    )


def strip_forbidden(text: str) -> tuple[str, tuple[str, ...]]:
    """`text` without the characters `forbidden_character` refuses, and their code points ("U+0007"),
    each once, in order: what a writer does with text from outside (a spreadsheet cell) before
    writing a file the loader must accept. Deleting them is the fix the loader's message asks for."""
    found = tuple(dict.fromkeys(f"U+{ord(char):04X}" for char in _FORBIDDEN.findall(text)))
    return (_FORBIDDEN.sub("", text), found) if found else (text, ())


def one_line(text: str) -> str:
    """`text` with every line break and control character shown as an escape (\\n, \\x1b)."""

    def show(match: re.Match[str]) -> str:
        char = match.group()
        return {"\n": "\\n", "\r": "\\r", "\t": " "}.get(char) or f"\\u{ord(char):04x}"

    return _CONTROL.sub(show, text)


def spreadsheet_safe(value: object) -> object:
    """A CSV cell that a spreadsheet will show as text, never evaluate."""
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _HARMLESS.fullmatch(value):
        return "'" + value
    return value


class _SafeWriter:
    def __init__(self, out):
        self._writer = csv.writer(out, lineterminator="\r\n")

    def writerow(self, row) -> None:
        self._writer.writerow([spreadsheet_safe(cell) for cell in row])


def spreadsheet_csv(out) -> _SafeWriter:
    """A `csv.writer` (CRLF rows, as Excel writes them) whose every cell goes through `spreadsheet_safe`."""
    return _SafeWriter(out)
