"""Click's own words in Bahasa Indonesia: help, usage errors and prompts of `sop-portal`.

Click marks every text it prints with ``gettext`` (``_("Usage:")``, ``ngettext(...)``),
looked up at call time through each of its modules' globals. Portal staff read
Indonesian, and the catalogue is small and fixed, so instead of shipping a compiled
``.mo`` file and depending on the user's locale, `install()` points those module
globals at a lookup in the table below. A text Click adds in a later release is
printed in English until it is added here; `tests/test_cli_bahasa.py` runs the
command's help and its usage errors and fails on any English left.
"""

from __future__ import annotations

import importlib

# Click 8.x message ids -> Indonesian. Placeholders ({name!r}, %(prog)s) are kept as they are.
TEKS: dict[str, str] = {
    "Usage:": "Cara pakai:",
    "Options": "Opsi",
    "Commands": "Perintah",
    "Positional arguments": "Argumen",
    "Show this message and exit.": "Tampilkan bantuan ini lalu keluar.",
    "Show the version and exit.": "Tampilkan versi lalu keluar.",
    "%(prog)s, version %(version)s": "%(prog)s, versi %(version)s",
    "Error: {message}": "Kesalahan: {message}",
    "Try '{command} {option}' for help.": "Lihat '{command} {option}' untuk bantuan.",
    "No such option {name!r}.": "Opsi {name!r} tidak dikenal.",
    "No such command {name!r}.": "Perintah {name!r} tidak dikenal.",
    "Missing command.": "Perintah belum ditulis.",
    "Missing argument": "Argumen belum ditulis",
    "Missing option": "Opsi belum ditulis",
    "Missing parameter": "Parameter belum ditulis",
    "Missing parameter: {param_name}": "Parameter belum ditulis: {param_name}",
    "Missing {param_type}": "{param_type} belum ditulis",
    "Option {name!r} does not take a value.": "Opsi {name!r} tidak menerima nilai.",
    "Option {name!r} requires an argument.": "Opsi {name!r} memerlukan nilai.",
    "Option {name!r} requires {nargs} arguments.": "Opsi {name!r} memerlukan {nargs} nilai.",
    "Got unexpected extra argument ({args})": "Ada argumen yang tidak diharapkan ({args})",
    "Got unexpected extra arguments ({args})": "Ada argumen yang tidak diharapkan ({args})",
    "Invalid value for {param_hint}: {message}": "Nilai {param_hint} tidak valid: {message}",
    "Invalid value: {message}": "Nilai tidak valid: {message}",
    "Did you mean {possibility}?": "Maksud Anda {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Maksud Anda salah satu dari: {possibilities}?)",
    "{value!r} is not {choice}.": "{value!r} bukan {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} bukan salah satu dari {choices}.",
    "Choose from:\n\t{choices}": "Pilih dari:\n\t{choices}",
    "{value!r} is not a valid {number_type}.": "{value!r} bukan {number_type} yang valid.",
    "{value} is not in the range {range}.": "{value} di luar rentang {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}": "{value!r} bukan ya/tidak yang valid. Nilai yang dikenal: {states}",
    "{name} {filename!r} does not exist.": "{name} {filename!r} tidak ada.",
    "{name} {filename!r} is a file.": "{name} {filename!r} adalah berkas, bukan folder.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} adalah folder, bukan berkas.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} tidak dapat dibaca.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} tidak dapat ditulisi.",
    "{name} {filename!r} is not executable.": "{name} {filename!r} tidak dapat dijalankan.",
    "Could not open file {filename!r}: {message}": "Berkas {filename!r} tidak dapat dibuka: {message}",
    "file": "berkas",
    "directory": "folder",
    "path": "jalur",
    "default: {default}": "bawaan: {default}",
    "env var: {var}": "variabel lingkungan: {var}",
    "(dynamic)": "(dinamis)",
    "deprecated": "usang",
    "Aborted!": "Dibatalkan.",
    "Repeat for confirmation": "Ulangi untuk konfirmasi",
    "Error: The two entered values do not match.": "Kesalahan: kedua nilai yang diketik tidak sama.",
    "Error: invalid input": "Kesalahan: masukan tidak valid",
    "Do you want to continue?": "Lanjutkan?",
    "Confirm the action without prompting.": "Setujui tanpa ditanya.",
    "Press any key to continue...": "Tekan tombol apa saja untuk melanjutkan...",
    "unknown error": "kesalahan tak dikenal",
}

# The metavars Click writes itself (not through gettext), for our commands to pass explicitly.
OPSI = "[OPSI]"
SUBPERINTAH = "PERINTAH [ARGUMEN]..."

_CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "termui", "types", "utils")


def gettext(message: str) -> str:
    return TEKS.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return gettext(singular if n == 1 else plural)


def install() -> None:
    """Make Click print its texts in Indonesian (idempotent)."""
    for name in _CLICK_MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]
