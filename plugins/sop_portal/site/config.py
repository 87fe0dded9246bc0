"""The plugin's options, written under `plugins: - sop-portal:` in site_config.yml."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from ..kinerja import capaian


class _SkalaPredikat(c.BaseConfigOption):
    """A predikat scale: a list of {min, label}; checked (and sorted best first) by `capaian.skala_predikat`."""

    def __init__(self, default: list[dict]):
        super().__init__()
        self.default = default

    def run_validation(self, value: object):
        if not isinstance(value, (list, tuple)):
            raise c.ValidationError("predikat harus berupa daftar {min, label}, misalnya - {min: 91, label: Sangat Baik}.")
        try:
            return capaian.skala_predikat(value)
        except ValueError as exc:
            raise c.ValidationError(f"predikat: {exc}.") from None


class SopPortalConfig(base.Config):
    sops_dir = c.Type(str, default="sops")
    """Folder of the SOP files (one sub-folder per agency), relative to site_config.yml."""

    pemerintah = c.Type(str, default="")
    """The government owning the portal ("Pemerintah Kabupaten Contoh"), set by `sop-portal mulai`;
    `sop-portal new-instansi` writes it into a new agency's `_instansi.yml` unless told otherwise."""

    review_months = c.Type(int, default=12)
    """An SOP whose later of tanggal_revisi / tanggal_efektif is older than this gets a "perlu ditinjau" banner."""

    publish_draft = c.Type(bool, default=False)
    """Publish SOPs with `status: draf` (a preview site may want them; the public one does not)."""

    paper = c.Choice(("A4", "F4", "Letter"), default="A4")
    """Paper size for printing SOPs, always landscape."""

    rows_per_page = c.Type(int, default=0)
    """At most this many procedure-table rows per printed page (0: no cap). Pages are planned from the
    paper size and the rows' estimated heights (`bagan/paging.py`); this only caps them."""

    predikat = _SkalaPredikat(
        [
            {"min": 91, "label": "Sangat Baik"},
            {"min": 76, "label": "Baik"},
            {"min": 66, "label": "Cukup"},
            {"min": 51, "label": "Kurang"},
            {"min": 0, "label": "Sangat Kurang"},
        ]
    )
    """Predikat of a capaian (performance documents): lower bound (inclusive, in %) -> label. Default: the
    Kab. Sampang scale. A capaian above 100 % gets the top label; one below every bound gets the lowest."""

    parallel = c.Type(bool, default=True)
    """On 2+ cores, `mkdocs build` loads a large portal (200+ SOP files) in two processes and draws
    flowcharts (48+ SOPs) in a second process while pages render (`paralel.py`). The site is the
    same either way; false keeps the build in one process."""

    today = c.Optional(c.Type(str))
    """Fix "today" (ISO date) for reproducible builds and tests; default: the build date."""
