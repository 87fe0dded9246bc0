"""The plugin's options, written under `plugins: - sop-portal:` in site_config.yml."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class SopPortalConfig(base.Config):
    sops_dir = c.Type(str, default="sops")
    """Folder of the SOP files (one sub-folder per agency), relative to site_config.yml."""

    review_months = c.Type(int, default=12)
    """An SOP whose later of tanggal_revisi / tanggal_efektif is older than this gets a "perlu ditinjau" banner."""

    publish_draft = c.Type(bool, default=False)
    """Publish SOPs with `status: draf` (a preview site may want them; the public one does not)."""

    paper = c.Choice(("A4", "F4", "Letter"), default="A4")
    """Paper size for printing SOPs, always landscape."""

    rows_per_page = c.Type(int, default=7)
    """Procedure-table rows per printed page; the flowchart draws off-page connectors at these breaks."""

    today = c.Optional(c.Type(str))
    """Fix "today" (ISO date) for reproducible builds and tests; default: the build date."""
