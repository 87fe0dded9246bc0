"""Open data: /data/sop.json, /data/sop.csv, the per-SOP JSON and the JSON Schemas, in a real build."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import contoh_portal
import jsonschema
import pytest
from conftest import ROOT, SAMPLE_SOPS

from sop_portal.format.errors import ErrorSink
from sop_portal.format.loader import INSTANSI_KEYS, SOP_KEYS, STEP_KEYS
from sop_portal.format.model import SIMBOL, STATUS
from sop_portal.format.schema import sop_schema
from sop_portal.format.yamlcore import YMap, YScalar, YSeq, parse

AGENCY = contoh_portal.AGENCY
SITE_URL = contoh_portal.SITE_URL


@pytest.fixture(scope="module")
def contoh(tmp_path_factory):
    return contoh_portal.build(tmp_path_factory)


def _load(site: Path, rel: str):
    return json.loads((site / rel).read_text(encoding="utf-8"))


def as_editor_sees(text: str):
    """A YAML file as plain data under the YAML 1.2 core schema, as editors' language servers read it."""
    sink = ErrorSink("x.yml")
    node = parse(text, sink)
    assert not sink.errors, sink.errors

    def plain(n):
        if isinstance(n, YMap):
            return {k: plain(v) for k, (_, v) in n.items.items()}
        if isinstance(n, YSeq):
            return [plain(v) for v in n.items]
        assert isinstance(n, YScalar)
        return n.value

    return plain(node)


def _source(path: Path) -> dict:
    """An SOP file as plain data, read on the YAML 1.2 core schema like the loader (not by it)."""
    sink = ErrorSink(path.name)
    node = parse(path.read_text(encoding="utf-8"), sink)
    assert not sink.errors
    return _plain_yaml(node)


def _plain_yaml(node):
    if isinstance(node, YMap):
        return {k: _plain_yaml(v) for k, (_, v) in node.items.items()}
    if isinstance(node, YSeq):
        return [_plain_yaml(i) for i in node.items]
    return node.raw if isinstance(node.value, (int, float)) and not isinstance(node.value, bool) else node.value


def test_sop_json_holds_every_published_sop_and_validates_against_its_schema(contoh):
    data = _load(contoh.site, "data/sop.json")
    assert data["$schema"] == f"{SITE_URL}data/sop-data.schema.json"
    schema = _load(contoh.site, "data/sop-data.schema.json")
    jsonschema.Draft7Validator.check_schema(schema)
    jsonschema.Draft7Validator(schema).validate(data)
    pages = sorted(p.parent.relative_to(contoh.site / "sop").as_posix() for p in (contoh.site / "sop").glob("*/*/index.html"))
    assert sorted(f"{s['instansi']}/{s['slug']}" for s in data["sop"]) == pages
    assert data["jumlah"] == len(pages) == 5  # 3 seeds + Renstra + the revoked Renja; not the draft
    assert data["diperbarui"] == contoh_portal.COMMIT_2


def test_sop_json_resolves_keterkaitan_backlinks_and_dates(contoh):
    renstra = next(s for s in _load(contoh.site, "data/sop.json")["sop"] if s["slug"] == "penyusunan-renstra")
    assert renstra["terkait"] == [
        {"teks": "S.O.P. Penyusunan LKIP", "url": f"{SITE_URL}sop/{AGENCY}/penyusunan-lkip/"},
        {"teks": "SOP Pelaksanaan Forum SKPD", "url": None},
    ]
    assert renstra["dirujuk_oleh"] == [
        f"{SITE_URL}sop/{AGENCY}/penyusunan-lkip/",
        f"{SITE_URL}sop/{AGENCY}/penyusunan-renja-lama/",
    ]
    assert renstra["terakhir_diperbarui"] == contoh_portal.COMMIT_2
    assert renstra["riwayat"][0] == {"tanggal": "2026-01-15", "catatan": "Penyesuaian dengan RPJMD 2025-2029"}
    assert renstra["prosedur"][0]["jumlah_waktu"] == "1 hari 2 jam"


def test_per_sop_json_is_the_same_record(contoh):
    everything = {s["slug"]: s for s in _load(contoh.site, "data/sop.json")["sop"]}
    one = _load(contoh.site, f"sop/{AGENCY}/penyusunan-lkip.json")
    assert one == everything["penyusunan-lkip"]
    # ...and that record is the file as written (read here on its own, not by the code that wrote it).
    source = _source(contoh.project / "sops" / AGENCY / "penyusunan-lkip.yml")
    assert (one["nama"], one["nomor"], one["pelaksana"]) == (source["nama"], source["nomor"], source["pelaksana"])
    assert [s["kegiatan"] for s in one["prosedur"][0]["langkah"]] == [s["kegiatan"] for s in source["langkah"]]
    assert [s["waktu"] for s in one["prosedur"][0]["langkah"]] == [s.get("waktu") for s in source["langkah"]]
    # The page links to it.
    assert 'href="../penyusunan-lkip.json"' in contoh.html(f"sop/{AGENCY}/penyusunan-lkip/")


def test_sop_csv_has_one_row_per_step_with_working_anchors(contoh):
    raw = (contoh.site / "data" / "sop.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel then reads UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    # One row per step of each published SOP, counted from the files as written.
    published = {f"{s['instansi']}/{s['slug']}" for s in _load(contoh.site, "data/sop.json")["sop"]}
    files = {f"{p.parent.name}/{p.stem}": _source(p) for p in (contoh.project / "sops").glob("*/[!_]*.yml")}
    assert published < files.keys()  # the draft is not published
    assert len(rows) == sum(len(files[uid]["langkah"]) for uid in published)
    lkip = [r for r in rows if r["slug"] == "penyusunan-lkip"]
    assert [r["no"] for r in lkip] == [str(n) for n in range(1, 13)]
    assert lkip[0]["nomor_sop"] == "065/767-1.01/BKPSDM" and lkip[0]["simbol"] == "mulai"
    assert lkip[0]["lanjut"] == "2" and lkip[-1]["lanjut"] == ""
    # Every row's URL points at an anchor that exists on that SOP's page.
    for row in rows:
        page, _, anchor = row["url"].removeprefix(SITE_URL).partition("#")
        assert f'id="{anchor}"' in contoh.html(page), row["url"]


def test_sop_schema_is_complete_and_described_in_indonesian(contoh):
    schema = _load(contoh.site, "data/sop.schema.json")
    assert schema == sop_schema(f"{SITE_URL}data/sop.schema.json")  # the build publishes the core's schema
    jsonschema.Draft7Validator.check_schema(schema)
    assert schema["additionalProperties"] is False
    assert list(schema["properties"]) == list(SOP_KEYS)
    step = schema["definitions"]["langkah"]
    assert list(step["properties"]) == list(STEP_KEYS) and step["additionalProperties"] is False
    for props in (schema["properties"], step["properties"]):
        for key, prop in props.items():
            assert prop.get("description"), key
    assert schema["properties"]["status"]["enum"] == list(STATUS)
    assert step["properties"]["simbol"]["enum"] == list(SIMBOL)
    assert [o["type"] for o in step["properties"]["pelaksana"]["oneOf"]] == ["string", "array"]
    assert [o["type"] for o in step["properties"]["cabang"]["oneOf"]] == ["object", "array"]
    assert "wajib" in schema["properties"]["nama"]["description"]  # Indonesian, not English
    instansi = _load(contoh.site, "data/instansi.schema.json")
    assert list(instansi["properties"]) == list(INSTANSI_KEYS)


def test_every_real_sop_file_validates_and_mistakes_do_not():
    validator = jsonschema.Draft7Validator(sop_schema())
    files = sorted((SAMPLE_SOPS).glob("*/[!_]*.yml"))
    assert files
    for path in files:
        errors = [e.message for e in validator.iter_errors(as_editor_sees(path.read_text(encoding="utf-8")))]
        assert errors == [], path
    good = as_editor_sees(contoh_portal.RENSTRA)
    assert list(validator.iter_errors(good)) == []
    # YAML 1.2 reads `no:`/`Ya:` keys and bare numbers as the loader does: a numeric waktu is fine.
    good["langkah"][0]["waktu"] = 15
    good["langkah"][1].update({"id": "cek", "cabang": {"Ya": 1, "Tidak": "cek"}})
    assert list(validator.iter_errors(good)) == []
    # Rows with several symbols, and what a signed form may carry (one exit, an unlabelled exit).
    signed = {**good, "langkah": [
        {"kegiatan": "x", "bagan": [{"pelaksana": "A", "simbol": "mulai", "teks": "Langsung", "ke": 2}, {"id": "b", "pelaksana": "B"}]},
        {"kegiatan": "y", "bersama": True, "bagan": [{"pelaksana": "A"}, {"pelaksana": "C", "cabang": [{"ke": 1}, {"label": "Ya", "ke": "b"}]}]},
        {"kegiatan": "z", "pelaksana": "A", "cabang": {"Ya": 2}},
    ]}  # fmt: skip
    assert list(validator.iter_errors(signed)) == []
    for broken, why in (
        ({**good, "nmaa": "x"}, "misspelt key"),
        ({**good, "status": "aktif"}, "unknown status"),
        ({**good, "tanggal_efektif": "27-12-2017"}, "date not ISO"),
        ({**good, "langkah": [{"kegiatan": "x"}]}, "step without pelaksana"),
        ({**good, "langkah": [{"kegiatan": "x", "pelaksana": "A", "simbol": "panah"}]}, "unknown simbol"),
        ({**good, "langkah": [{"kegiatan": "x", "pelaksana": "A", "cabang": {}}]}, "decision without branches"),
        ({**good, "langkah": [{"kegiatan": "x", "pelaksana": "A", "bagan": [{"pelaksana": "A"}]}]}, "pelaksana and bagan"),
        ({**good, "langkah": [{"kegiatan": "x", "bagan": [{"pelaksana": "A", "simbol": "panah"}]}]}, "unknown item simbol"),
        ({**good, "langkah": [{"kegiatan": "x", "bagan": [{"simbol": "mulai"}]}]}, "item without pelaksana"),
        ({**good, "langkah": [{"kegiatan": "x", "bersama": "ya", "bagan": [{"pelaksana": "A"}]}]}, "bersama not a boolean"),
        ({**good, "sub_prosedur": [{"judul": "A", "langkah": good["langkah"]}]}, "langkah and sub_prosedur"),
        ({k: v for k, v in good.items() if k != "nama"}, "no nama"),
    ):
        assert list(validator.iter_errors(broken)), why


def test_open_data_page_links_every_file(contoh):
    html = contoh.html("data/")
    for target in ("sop.json", "sop.csv", "sop.schema.json", "instansi.schema.json", "sop-data.schema.json"):
        assert f'href="{target}"' in html, target
        assert (contoh.site / "data" / target).is_file()
    assert f"# yaml-language-server: $schema={SITE_URL}data/sop.schema.json" in html


def test_the_files_registered_before_the_pages_are_the_files_written_after_them():
    """The plugin tells MkDocs of the static files in on_files (`static_uris`) and makes them after
    the pages (`static_specs`, `feed_spec`), while Pagefind builds its index: the two lists must agree."""
    from sop_portal.format.loader import load_portal
    from sop_portal.site.gitdates import FileDateIndex
    from sop_portal.site.pages import feed_spec, static_specs, static_uris

    portal = load_portal(SAMPLE_SOPS, ROOT).portal
    dates = FileDateIndex(ROOT, None)
    made = [spec.src_uri for spec in static_specs(portal, SITE_URL, dates=dates)]
    made.append(feed_spec(portal, site_url=SITE_URL, site_name="Portal SOP", dates=dates).src_uri)
    assert len(portal.sops) >= 3
    assert made == static_uris(portal)
