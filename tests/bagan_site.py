"""One portal build shared by the flowchart and print tests: the seed SOPs plus the flowchart
fixtures (tests/fixtures/sops/uji-bagan), served under the GitHub Pages sub-path."""

from __future__ import annotations

from pathlib import Path

from conftest import SUBPATH, Build, build_portal

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "sops"
ROWS_PER_PAGE = 7
PAGES = [
    "sop/bkpsdm-kota-tangerang/penyusunan-lkip/",
    "sop/kesbangpol-kab-pesisir-selatan/pengukuran-kinerja/",
    "sop/kesbangpol-kota-tangerang/penyusunan-perjanjian-kinerja/",
    "sop/uji-bagan/izin-penelitian/",
    "sop/uji-bagan/tindak-lanjut-pengaduan/",
    "sop/uji-pola-bagan/pola-gabungan/",  # every pattern of rows with several symbols in one chart
    "sop/uji-pola-bagan/disposisi-surat/",
]
LONG = "sop/uji-bagan/izin-penelitian/"

_cache: dict[str, Build] = {}


def fixture_sops() -> dict[str, str]:
    return {p.relative_to(FIXTURES).as_posix(): p.read_text(encoding="utf-8") for p in FIXTURES.rglob("*.yml")}


def bagan_build(tmp_path_factory) -> Build:
    """Built once per test session, whichever module asks first."""
    if "site" not in _cache:
        build = build_portal(
            tmp_path_factory.mktemp("bagan"),
            site_url=f"http://127.0.0.1:8000{SUBPATH}",
            sops=fixture_sops(),
            plugin_options=f"      rows_per_page: {ROWS_PER_PAGE}\n",
        )
        assert build.returncode == 0, build.output
        _cache["site"] = build
    return _cache["site"]
