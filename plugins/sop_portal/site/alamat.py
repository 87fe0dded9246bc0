"""A build without the portal's public address publishes no made-up one (issue #19; no MkDocs import).

Staff who build with a plain `make site` and upload `site/` by hand used to publish
http://127.0.0.1:8000/ in the open data, the feed, the sitemap and every page's canonical link.
Now `site_config.yml` has no default address: the Pages workflow passes the real one (SITE_URL),
and without it every link the portal writes is relative (pages, open data URLs relative to the
portal's root, `$schema` beside its file), and the two files that only work with absolute
addresses are left out: /feed.xml (Atom requires them) and /sitemap.xml (MkDocs writes an empty
one). The build says so, at INFO: `--strict` fails on warnings, and this build is still good.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

LEFT_OUT = ("sitemap.xml", "sitemap.xml.gz")  # written by MkDocs; feed.xml is never made
NOTE = (
    "Alamat situs belum diisi (site_url / SITE_URL): semua tautan dibuat relatif, dan feed.xml serta "
    "sitemap.xml tidak dibuat karena memerlukan alamat lengkap. Untuk menerbitkan, bangun dengan "
    "SITE_URL=https://alamat-portal/ (alur kerja GitHub Pages mengisinya sendiri)."
)


def leave_out_absolute_files(site_dir: Path, say: Callable[[str], object]) -> None:
    """Remove what needs the public address from a built site, and say so."""
    for name in LEFT_OUT:
        (site_dir / name).unlink(missing_ok=True)
    say(NOTE)
