"""The cache across builds (shared/cache.py): the site is byte for byte the same with a cold cache,
a warm one, after one SOP changed, after an option changed, and with no cache at all."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest
from conftest import copy_project, edit_config, generate_portal, run_build
from test_drawing import index_contents, site_files

from sop_portal.format.loader import load_portal
from sop_portal.shared.cache import Store, code_version, source_version

N_SOPS = 60  # enough for the drawing worker (bagan/drawing.py PARALLEL_FROM)


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    return generate_portal(N_SOPS, tmp_path_factory.mktemp("cache"))


def stores(project: Path) -> dict[str, dict[str, bytes]]:
    """The cache files a build left: kind ("muat", "bagan") -> its entries."""
    found = {}
    for path in sorted((project / ".cache" / "sop-portal").glob("*.pickle")):
        kind = path.name.split("-")[0]
        assert kind not in found, f"two stores of {kind}: {sorted(p.name for p in path.parent.iterdir())}"
        found[kind] = pickle.loads(path.read_bytes())
    return found


def assert_same_site(one: Path, other: Path) -> None:
    a, b = site_files(one), site_files(other)
    assert a.keys() == b.keys()
    assert [name for name in a if a[name] != b[name]] == []
    assert index_contents(one) == index_contents(other)


def build(project: Path) -> Path:
    result = run_build(project)
    assert result.returncode == 0, result.output
    return result.site


def first_sop(project: Path) -> Path:
    return next(p for p in sorted((project / "sops").glob("*/*.yml")) if not p.name.startswith("_"))


def test_the_site_is_the_same_with_a_cold_cache_a_warm_one_and_none(generated, tmp_path):
    cached = copy_project(generated, tmp_path / "dengan-cache")
    plain = copy_project(generated, tmp_path / "tanpa-cache")
    edit_config(plain, "  - sop-portal:\n", "  - sop-portal:\n      cache: false\n")

    cold = build(cached)
    saved = stores(cached)
    assert set(saved) == {"muat", "bagan"}
    assert len(saved["muat"]) == len(saved["bagan"]) >= N_SOPS  # every SOP loaded and drawn once
    assert not (plain / ".cache").exists()
    assert_same_site(cold, build(plain))

    # One SOP changed (a step's text): the warm build loads and draws that one again, and its
    # page, JSON and SVG show the new text exactly as a build without a cache does.
    for project in (cached, plain):
        sop = first_sop(project)
        text = sop.read_text(encoding="utf-8")
        assert "kegiatan: " in text
        sop.write_text(text.replace("kegiatan: ", "kegiatan: Diubah sekali ", 1), encoding="utf-8")
    warm = build(cached)
    after = stores(cached)
    for kind in ("muat", "bagan"):
        assert len(after[kind]) == len(saved[kind])  # the changed SOP's old entries are gone
        assert len(after[kind].keys() - saved[kind].keys()) == 1
    assert_same_site(warm, build(plain))
    assert "Diubah sekali" in (warm / first_sop(cached).relative_to(cached / "sops").with_suffix("").as_posix().join(("sop/", "/index.html"))).read_text(encoding="utf-8")

    # An option the drawings depend on: another drawing for every SOP, never the cached ones.
    for project in (cached, plain):
        edit_config(project, "  - sop-portal:\n", "  - sop-portal:\n      rows_per_page: 4\n")
    assert_same_site(build(cached), build(plain))
    assert len(stores(cached)["bagan"].keys() & after["bagan"].keys()) == 0


def test_a_damaged_cache_is_rebuilt_not_trusted(generated, tmp_path):
    project = copy_project(generated, tmp_path / "rusak")
    build(project)
    for path in (project / ".cache" / "sop-portal").glob("*.pickle"):
        path.write_bytes(b"bukan pickle")
    damaged = build(project)
    assert len(stores(project)["bagan"]) >= N_SOPS
    plain = copy_project(generated, tmp_path / "polos")
    edit_config(plain, "  - sop-portal:\n", "  - sop-portal:\n      cache: false\n")
    assert_same_site(damaged, build(plain))


def test_a_changed_file_or_package_version_changes_the_code_version(tmp_path):
    package = tmp_path / "paket"
    (package / "templates").mkdir(parents=True)
    (package / "templates" / "sop.html").write_text("<h1>{{ sop.nama }}</h1>", encoding="utf-8")
    (package / "kode.py").write_text("X = 1\n", encoding="utf-8")
    versions = {"mkdocs": "1.6.1", "mkdocs-material": "9.6.0"}
    before = source_version(package, versions)
    assert source_version(package, versions) == before
    assert source_version(package, {**versions, "mkdocs-material": "9.6.1"}) != before
    (package / "templates" / "sop.html").write_text("<h1>{{ sop.nama }}!</h1>", encoding="utf-8")
    assert source_version(package, versions) != before
    assert len(code_version()) == 64


def test_options_name_another_store_and_save_keeps_only_what_was_used(tmp_path):
    assert Store(tmp_path, "bagan", {"rows_per_page": 7}).path != Store(tmp_path, "bagan", {"rows_per_page": 8}).path
    store = Store(tmp_path, "bagan")
    store.put("a", ("satu", 1))
    store.put("b", ("dua", 2))
    store.save()
    again = Store(tmp_path, "bagan")
    assert again.get("a") == ("satu", 1)
    assert again.get("c") is None
    again.save()  # used: "a" only
    last = Store(tmp_path, "bagan")
    assert last.has("a") and not last.has("b")
    assert Store(None, "bagan").get("a") is None  # no folder: no cache


def test_the_loader_gives_the_same_portal_from_the_cache(generated, tmp_path):
    project = copy_project(generated, tmp_path / "muat")
    shutil.rmtree(project / ".cache", ignore_errors=True)
    plain = load_portal(project / "sops", project)
    cold_store = Store(tmp_path / "c", "muat")
    cold = load_portal(project / "sops", project, parallel=True, cache=cold_store)
    cold_store.save()
    warm_store = Store(tmp_path / "c", "muat")
    warm = load_portal(project / "sops", project, parallel=True, cache=warm_store)
    assert warm_store.hits == len(plain.portal.sops) and warm_store.misses == 0
    assert plain.portal == cold.portal == warm.portal
    assert plain.errors == cold.errors == warm.errors
    assert cold.keys == warm.keys and set(warm.keys) == {s.uid for s in plain.portal.sops}
