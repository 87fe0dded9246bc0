"""The plugin's options, written under `plugins: - sop-portal:` in site_config.yml.

Each option checks its value and says what is wrong in Indonesian (what was found, what is
expected, an example); `project.py` adds the file and line. A typo in an option's name is
refused with a suggestion, like an unknown key in an SOP file.
"""

from __future__ import annotations

import datetime as dt
import re
from fractions import Fraction
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c

from ..format.errors import join_choices, quote, suggestion
from ..kinerja import capaian
from ..shared.unsafe import forbidden_character


def _found(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"teks {quote(value)}"
    if isinstance(value, (int, float)):
        return f"angka {value}"
    if isinstance(value, (list, tuple)):
        return "daftar"
    if isinstance(value, dict):
        return "pemetaan"
    return "nilai kosong" if value is None else type(value).__name__


class _Text(c.BaseConfigOption[str]):
    def __init__(self, default: str, example: str) -> None:
        super().__init__()
        self.default, self.example = default, example

    def run_validation(self, value: object) -> str:
        if not isinstance(value, str):
            raise c.ValidationError(f"ditemukan {_found(value)}, seharusnya teks, misalnya {self.example}.")
        why = forbidden_character(value)  # printed on every page (pemerintah), like an SOP's text
        if why:
            raise c.ValidationError(why)
        return value


class _Whole(c.BaseConfigOption[int]):
    """A whole number from `minimum` up."""

    def __init__(self, default: int, minimum: int, meaning: str) -> None:
        super().__init__()
        self.default, self.minimum, self.meaning = default, minimum, meaning

    def run_validation(self, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < self.minimum:
            raise c.ValidationError(
                f"ditemukan {_found(value)}, seharusnya bilangan bulat {self.minimum} atau lebih ({self.meaning}), "
                f"misalnya {self.default}."
            )
        return value


class _YesNo(c.BaseConfigOption[bool]):
    def __init__(self, default: bool) -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> bool:
        if not isinstance(value, bool):
            raise c.ValidationError(f"ditemukan {_found(value)}, seharusnya true atau false.")
        return value


class _OneOf(c.BaseConfigOption[str]):
    def __init__(self, choices: tuple[str, ...], default: str) -> None:
        super().__init__()
        self.choices, self.default = choices, default

    def run_validation(self, value: object) -> str:
        if value not in self.choices:
            hint = suggestion(value, self.choices) if isinstance(value, str) else ""
            raise c.ValidationError(
                f"ditemukan {_found(value)}, seharusnya salah satu dari: {join_choices(self.choices)}{hint}."
            )
        return str(value)


class _IsoDate(c.BaseConfigOption[str | None]):
    """An ISO date (kept as written; `project.Project.today` reads it), or nothing."""

    def run_validation(self, value: object) -> str | None:
        if value is None:
            return None
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value.isoformat()  # an unquoted 2026-01-31 is a date to PyYAML
        if isinstance(value, str):
            try:
                dt.date.fromisoformat(value)
                return value
            except ValueError:
                pass
        raise c.ValidationError(
            f"ditemukan {_found(value)}, seharusnya tanggal yang ada, ditulis TTTT-BB-HH, misalnya 2026-01-31."
        )


class _SkalaPredikat(c.BaseConfigOption[tuple[tuple[Fraction, str], ...]]):
    """A predikat scale: a list of {min, label}; checked (and sorted best first) by `capaian.skala_predikat`."""

    def __init__(self, default: list[dict[str, Any]]) -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> tuple[tuple[Fraction, str], ...]:
        if not isinstance(value, (list, tuple)):
            raise c.ValidationError("predikat harus berupa daftar {min, label}, misalnya - {min: 91, label: Sangat Baik}.")
        try:
            return capaian.skala_predikat(value)
        except ValueError as exc:
            raise c.ValidationError(f"predikat: {exc}.") from None


class _SiteFile(_Text):
    """A path of a file under content/ (the government's logo), or empty: never another host's
    address (a portal must not make its visitors load anything from elsewhere, ARCHITECTURE.md)."""

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value)
        if re.match(r"[a-z][a-z0-9+.-]*:|//", text, re.I):
            raise c.ValidationError(
                f"{quote(text)} adalah alamat di situs lain; simpan gambarnya di folder content/ "
                f"(misalnya content/gambar/logo-pemda.png) dan tulis {self.example}."
            )
        return text.lstrip("/")


class SopPortalConfig(base.Config):
    sops_dir = _Text("sops", "sops")
    """Folder of the SOP files (one sub-folder per agency), relative to site_config.yml."""

    pemerintah = _Text("", '"Pemerintah Kabupaten Contoh"')
    """The government owning the portal ("Pemerintah Kabupaten Contoh"), set by `sop-portal mulai`;
    `sop-portal new-instansi` writes it into a new agency's `_instansi.yml` unless told otherwise.
    Shown in the header of every page and on the home page, so a citizen knows whose portal this is."""

    logo = _SiteFile("", "gambar/logo-pemda.png")
    """That government's logo: an image file under content/ (e.g. gambar/logo-pemda.png), never
    another host's address; shown beside its name in the header and on the home page."""

    pegawai = _Text("panduan", "panduan")
    """The folder under content/ of the staff guide: left out of the citizens' navigation and
    linked from every page's footer as "Untuk pegawai"."""

    lisensi = _Text("CC BY 4.0", '"CC BY 4.0"')
    """The licence of the open data (/data/): its name as shown."""

    lisensi_url = _Text("https://creativecommons.org/licenses/by/4.0/deed.id", "https://creativecommons.org/licenses/by/4.0/deed.id")
    """Where the licence's text is (linked from /data/)."""

    review_months = _Whole(12, 1, "jumlah bulan")
    """An SOP whose later of tanggal_revisi / tanggal_efektif is older than this gets a "perlu ditinjau" banner."""

    publish_draft = _YesNo(False)
    """Publish SOPs with `status: draf` (a preview site may want them; the public one does not)."""

    paper = _OneOf(("A4", "F4", "Letter"), "A4")
    """Paper size for printing SOPs, always landscape."""

    rows_per_page = _Whole(0, 0, "batas baris tabel prosedur per halaman cetak; 0 berarti tanpa batas")
    """At most this many procedure-table rows per printed page (0: no cap). Pages are planned from the
    paper size and the rows' estimated heights (`bagan/paging.py`); this only caps them."""

    predikat = _SkalaPredikat([{"min": int(bound), "label": label} for bound, label in capaian.SKALA_SAMPANG])
    """Predikat of a capaian (performance documents): lower bound (inclusive, in %) -> label. Default: the
    Kab. Sampang scale. A capaian above 100 % gets the top label; one below every bound gets the lowest."""

    parallel = _YesNo(True)
    """On 2+ cores, `mkdocs build` loads a large portal (200+ SOP files) in forked workers, renders
    the SOP pages (64+ SOPs) in one forked worker per core (`page_workers.py`) and writes the open
    data in one more (`shared/workers.py`). The site is the same either way; false keeps the build
    in one process."""

    cache = _YesNo(True)
    """Keep loaded SOPs and drawn flowcharts between builds in `cache_dir` (`shared/cache.py`):
    a build after one SOP changed loads and draws that one only. The site is the same either way."""

    cache_dir = _Text(".cache/sop-portal", '".cache/sop-portal"')
    """Folder of that cache, relative to site_config.yml (keep it out of git; CI may keep it between runs)."""

    today = _IsoDate()
    """Fix "today" (ISO date) for reproducible builds and tests; default: the build date."""

    def _validate(self) -> tuple[list[tuple[str, Exception]], list[tuple[str, str]]]:
        failed, warnings = super()._validate()
        known = [name for name, _ in self._schema]
        said = [
            (key, f"opsi {quote(key)} tidak dikenal{suggestion(key, known)}; yang ada: {join_choices(known)}.")
            if message.startswith("Unrecognised configuration name") else (key, message)
            for key, message in warnings
        ]  # fmt: skip
        return failed, said
