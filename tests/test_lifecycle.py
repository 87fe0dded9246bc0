"""Lifecycle: draf, dicabut, "perlu ditinjau", riwayat, and "terakhir diperbarui" from git."""

from __future__ import annotations

import datetime as dt
import os
import shutil

import contoh_portal
import pytest
from conftest import build_portal, edit_config, make_project, run_build

from sop_portal.site.gitdates import FileDateIndex, parse_log

AGENCY = contoh_portal.AGENCY
RENSTRA = f"sop/{AGENCY}/penyusunan-renstra/"
RENJA_LAMA = f"sop/{AGENCY}/penyusunan-renja-lama/"
LKIP = f"sop/{AGENCY}/penyusunan-lkip/"


@pytest.fixture(scope="module")
def contoh(tmp_path_factory):
    return contoh_portal.build(tmp_path_factory)


def test_draft_is_not_published_by_default(contoh):
    assert not (contoh.site / "sop" / AGENCY / "rancangan-baru").exists()
    assert not (contoh.site / "sop" / AGENCY / "rancangan-baru.json").exists()
    for page in ("", f"instansi/{AGENCY}/", RENSTRA):
        assert "Rancangan Baru" not in contoh.html(page)
    assert "Rancangan Baru" not in (contoh.site / "data" / "sop.json").read_text(encoding="utf-8")
    assert "Rancangan Baru" not in (contoh.site / "feed.xml").read_text(encoding="utf-8")


def test_draft_is_published_with_its_banner_when_the_config_says_so(tmp_path):
    build = build_portal(
        tmp_path,
        sops={f"{AGENCY}/rancangan-baru.yml": contoh_portal.DRAF},
        plugin_options="      publish_draft: true",
    )
    assert build.returncode == 0, build.output
    html = build.html(f"sop/{AGENCY}/rancangan-baru/")
    assert 'sop-banner--draf' in html and "belum disahkan" in html


def test_revoked_sop_is_published_with_a_banner_but_left_out_of_listings(contoh):
    html = contoh.html(RENJA_LAMA)
    assert "sop-banner--dicabut" in html and "tidak berlaku lagi" in html
    agency = contoh.html(f"instansi/{AGENCY}/")
    current, _, archive = agency.partition('id="sop-dicabut"')
    assert "Penyusunan Renja Lama" not in current  # not in the default table (nor counted there)
    assert "Penyusunan Renstra" in current
    assert '<a href="../../sop/bkpsdm-kota-tangerang/penyusunan-renja-lama/">Penyusunan Renja Lama</a>' in archive
    assert "Jumlah SOP</dt><dd>2</dd>" in current  # LKIP and Renstra; the revoked one is not counted
    home = contoh.html("")
    assert "Penyusunan Renja Lama" not in home
    assert "<dt>SOP</dt><dd>4</dd>" in home  # 3 seeds + Renstra; neither the revoked nor the draft


def test_review_banner_follows_the_later_of_revision_and_effective_date(contoh):
    # today = 2026-06-01, review period 12 months. LKIP: effective 2017-12-27, never revised.
    lkip = contoh.html(LKIP)
    assert "sop-banner--tinjau" in lkip and "27 Desember 2017" in lkip.split("sop-banner--tinjau", 1)[1][:300]
    # Renstra: effective 2024-01-02 (old) but revised 2026-01-15 (recent): no banner.
    assert "sop-banner--tinjau" not in contoh.html(RENSTRA)
    # A revoked SOP is an archive, not something to review.
    assert "sop-banner--tinjau" not in contoh.html(RENJA_LAMA)


@pytest.mark.browser
def test_search_results_say_which_sop_is_revoked_and_not_by_its_banner(contoh, browser, serve):
    from sop_portal.site.search import indexed_fragments

    fragments = {f["url"]: f for f in indexed_fragments(contoh.site / "pagefind")}  # by URL path: "/sop/…/"
    assert fragments["/" + RENJA_LAMA]["meta"].get("status") == "Dicabut"
    assert "status" not in fragments["/" + RENSTRA]["meta"]  # in force: nothing to warn about
    # The banners' sentences are not indexed: they were the excerpt of most results.
    assert "tidak berlaku lagi" not in fragments["/" + RENJA_LAMA]["content"]
    assert "sop-banner--tinjau" in contoh.html(LKIP) and "Perlu ditinjau" not in fragments["/" + LKIP]["content"]

    served = serve(contoh.site)
    tab = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        tab.goto(served.url("cari/?q=penyusunan"))

        def result(title):
            return tab.locator(".sop-cari__hasil li.pf-result").filter(
                has=tab.locator("a.pf-result-link", has_text=title)
            )

        result("Penyusunan Renja Lama").wait_for()
        result("Penyusunan Renstra").wait_for()
        assert result("Penyusunan Renja Lama").locator(".sop-hasil-status").inner_text() == "Dicabut"
        assert result("Penyusunan Renstra").locator(".sop-hasil-status").count() == 0
    finally:
        tab.close()


def test_review_period_comes_from_the_config(tmp_path):
    project = make_project(
        tmp_path, sops={f"{AGENCY}/penyusunan-renstra.yml": contoh_portal.RENSTRA}, plugin_options='      today: "2026-06-01"'
    )
    edit_config(project, "review_months: 12", "review_months: 3")
    build = run_build(project)
    assert build.returncode == 0, build.output
    # Revised 2026-01-15: more than 3 months before 2026-06-01.
    html = build.html(RENSTRA)
    assert "sop-banner--tinjau" in html and "lebih dari 3 bulan" in html


def test_riwayat_is_shown_newest_first(contoh):
    section = contoh.html(RENSTRA).split('id="riwayat-judul"', 1)[1].split("</section>", 1)[0]
    newest = section.index("15 Januari 2026")
    oldest = section.index("2 Januari 2024")
    assert newest < oldest
    assert "Penyesuaian dengan RPJMD 2025-2029" in section and "Penetapan pertama" in section


def test_last_updated_comes_from_git_history(contoh):
    # Renstra changed in the second commit; LKIP only in the first (see contoh_portal).
    renstra = contoh.html(RENSTRA)
    assert '<time datetime="2025-03-05T14:30:00+07:00">5 Maret 2025</time>' in renstra
    assert '<time datetime="2024-01-10T09:00:00+07:00">10 Januari 2024</time>' in contoh.html(LKIP)
    # The home page's "SOP terakhir diubah" list is ordered by that date.
    home = contoh.html("")
    recent = home.split('id="terbaru"', 1)[1].split("</ol>", 1)[0]
    assert recent.index("Penyusunan Renstra") < recent.index("Penyusunan LKIP")
    assert "diubah <time datetime=\"2025-03-05T14:30:00+07:00\">5 Maret 2025</time>" in recent


def test_git_log_is_parsed_in_one_pass():
    # Newest commit first, as git log prints it; names may hold spaces and non-ASCII letters.
    log = (
        "\x1e2025-03-05T14:30:00+07:00\0\nsops/a/renstra.yml\0"
        "\x1e2024-06-01T08:00:00+07:00\0\nsops/a/renstra.yml\0sops/a/lkip.yml\0"
        "\x1e2024-01-10T09:00:00+07:00\0\nsops/a/renstra.yml\0content/kinerja/ré sumé.md\0"
    )
    dates = parse_log(log)
    assert dates["sops/a/renstra.yml"] == (
        dt.datetime.fromisoformat("2025-03-05T14:30:00+07:00"),
        dt.datetime.fromisoformat("2024-01-10T09:00:00+07:00"),
    )
    assert dates["sops/a/lkip.yml"][0] == dates["sops/a/lkip.yml"][1]
    assert "content/kinerja/ré sumé.md" in dates


def test_dates_fall_back_to_the_file_time_without_git(tmp_path):
    path = tmp_path / "sops" / "a" / "x.yml"
    path.parent.mkdir(parents=True)
    path.write_text("nama: X\n", encoding="utf-8")
    stamp = dt.datetime(2023, 5, 6, 7, 8, 9, tzinfo=dt.timezone.utc).timestamp()
    os.utime(path, (stamp, stamp))
    index = FileDateIndex.read(tmp_path, ["sops"])
    assert not index.has_git
    got = index.get("sops/a/x.yml")
    assert not got.dari_git and got.diubah == dt.datetime(2023, 5, 6, 7, 8, 9, tzinfo=dt.timezone.utc)


def test_uncommitted_file_in_a_repository_uses_its_file_time(contoh, tmp_path):
    project = tmp_path / "portal"
    shutil.copytree(contoh.project, project, ignore=shutil.ignore_patterns("site"))  # with its .git
    fresh = project / "sops" / AGENCY / "belum-dikomit.yml"
    fresh.write_text(contoh_portal.sop_yaml("Belum Dikomit"), encoding="utf-8")
    stamp = dt.datetime(2026, 2, 3, 4, 5, 6, tzinfo=dt.timezone.utc)
    os.utime(fresh, (stamp.timestamp(), stamp.timestamp()))
    index = FileDateIndex.read(project, ["sops"])
    assert index.has_git
    committed = index.get(f"sops/{AGENCY}/penyusunan-renstra.yml")
    assert committed.dari_git and committed.diubah == dt.datetime.fromisoformat(contoh_portal.COMMIT_2)
    uncommitted = index.get(f"sops/{AGENCY}/belum-dikomit.yml")
    assert not uncommitted.dari_git and uncommitted.diubah == uncommitted.dibuat == stamp
