"""The loader's shortcuts (issue #21, loading CPU) give exactly what the long way gives.

Each shortcut skips work whose answer is known in advance; these tests hold each one against
the long way it replaces, on inputs chosen to sit at its edges.
"""

from __future__ import annotations

import re
from fractions import Fraction

import pytest
import yaml

from sop_portal.format import paths, yamlcore
from sop_portal.format.errors import ErrorSink, RelativePaths, relative_path
from sop_portal.format.waktu import jumlah_waktu, uncounted

# -- waktu: one step's peringatan without summing ---------------------------------------------

WAKTU = [
    None, "", " ", "-", " - ", "\u2013", "15", "15 menit", "1 jam 30", "1 jam 30 menit", "0,5 jam", "5-10 menit",
    "10-5 menit", "1 x 24 jam", "Sebelum periode revisi", "Semesteran", "2 hari kerja.", "1 – 20 Hari Kerja",
    "1 jam 2 jam", "menit", "5 menit - 10", "\u00a0",
]  # fmt: skip


@pytest.mark.parametrize("teks", WAKTU)
def test_uncounted_is_what_the_sum_leaves_out(teks):
    assert uncounted(teks) is bool(jumlah_waktu([teks]).tidak_dihitung)


def test_sum_of_whole_and_fractional_amounts_is_exact():
    """Whole amounts are summed as ints, the rest as Fractions: the total is the same exact Fraction."""
    total = jumlah_waktu(["0,5 jam", "1 jam", "45 menit", "30 menit", "1,25 hari", "2 hari", "1-2 jam"])
    assert total.minimum.bagian == (("hari", Fraction(13, 4), Fraction(13, 4)), ("jam", Fraction(7, 2), Fraction(7, 2)),
                                    ("menit", Fraction(15), Fraction(15)))  # fmt: skip
    assert total.maximum.bagian[1] == ("jam", Fraction(9, 2), Fraction(9, 2))
    assert all(type(amount) is Fraction for _, lo, hi in total.maximum.bagian for amount in (lo, hi))
    assert total.teks == "3,25 hari 3,5 jam 15 menit \u2013 3,25 hari 4,5 jam 15 menit"


# -- yamlcore: plain scalars that cannot be a null, bool or number -----------------------------

_CORE = [
    (re.compile(r"^(?:~|null|Null|NULL|)$"), lambda raw: None),
    (re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), lambda raw: raw.lower() == "true"),
    (re.compile(r"^[-+]?[0-9]+$"), int),
    (re.compile(r"^0o[0-7]+$"), lambda raw: int(raw[2:], 8)),
    (re.compile(r"^0x[0-9a-fA-F]+$"), lambda raw: int(raw[2:], 16)),
    (re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$"), float),
    (re.compile(r"^[-+]?\.(?:inf|Inf|INF)$"), lambda raw: float("-inf") if raw.startswith("-") else float("inf")),
]


def _core_the_long_way(raw: str) -> object:
    for pattern, value in _CORE:
        if pattern.match(raw):
            return value(raw)
    return float("nan") if re.match(r"^\.(?:nan|NaN|NAN)$", raw) else raw


SCALARS = [
    "", "~", "null", "Null", "NULL", "nul", "true", "True", "TRUE", "tRue", "false", "False", "no", "No", "yes", "Ya",
    "15", "-5", "+7", "007", "0o17", "0o8", "0x1F", "0xg", "1.5", "1,5", ".5", "5.", "1e3", "1E-3", ".inf", "-.Inf",
    "+.INF", ".nan", ".NaN", "Kepala Bidang", "kepala", "Tidak", "~x", "-", "- a", "+", ".", "..", "0", "1 jam",
    "2024-01-31", "196005241981031005", "null\n", "15\n", "x\n", "Ñ", "\u00a0", "#", "@", "`",
]  # fmt: skip


@pytest.mark.parametrize("raw", SCALARS + [chr(c) + "x" for c in range(32, 127)] + [chr(c) for c in range(32, 127)])
def test_core_value_shortcut_agrees_with_every_pattern(raw):
    expected, found = _core_the_long_way(raw), yamlcore.core_value(raw)
    assert type(found) is type(expected)
    assert repr(found) == repr(expected)


# -- yamlcore: the composer that answers libyaml's resolver calls itself -----------------------

DOCUMENT = """\
a: 1
b: "kutip"
c: 'kutip'
d: ! tanpa tag
e: !!str 15
f: !!int "15"
g: !lokal x
h: [1, {i: j}, !!seq [k]]
l: !!map {m: n}
o: &jangkar [p]
q: *jangkar
r: |
  blok
s: ""
t:
"""


def _shape(node: yaml.Node) -> object:
    if isinstance(node, yaml.ScalarNode):
        return (node.tag, node.value, node.style, node.start_mark.line, node.start_mark.column)
    if isinstance(node, yaml.SequenceNode):
        return (node.tag, [_shape(item) for item in node.value], node.start_mark.line, node.start_mark.column)
    return (node.tag, [(_shape(k), _shape(v)) for k, v in node.value], node.start_mark.line, node.start_mark.column)


@pytest.mark.skipif(yamlcore._FastComposer is None, reason="PyYAML built without libyaml")
def test_fast_composer_gives_libyaml_nodes_and_tags():
    assert yamlcore._FastComposer is not None
    fast, plain = yamlcore._FastComposer(DOCUMENT), yaml.CBaseLoader(DOCUMENT)
    try:
        assert _shape(fast.get_single_node()) == _shape(plain.get_single_node())
    finally:
        fast.dispose()
        plain.dispose()


def test_shared_positions_are_the_nodes_positions():
    """Positions are shared between files: each still says where its own node is."""
    sink = ErrorSink("x.yml")
    first = yamlcore.parse("a: 1\nb:\n  - c\n", sink)
    second = yamlcore.parse("a: 2\nb:\n  - d\n" + "\n" * 2500 + "z: " + " " * 90 + "[e]\n", sink)
    assert isinstance(first, yamlcore.YMap) and isinstance(second, yamlcore.YMap)
    assert [(pos.line, pos.column) for pos, _ in first.items.values()] == [(1, 1), (2, 1)]
    assert first.items["a"][0] is second.items["a"][0]  # one shared object per position
    b = second.get("b")
    assert isinstance(b, yamlcore.YSeq) and (b.items[0].pos.line, b.items[0].pos.column) == (3, 5)
    z = second.get("z")
    assert z is not None and (z.pos.line, z.pos.column) == (2504, 94)  # beyond the shared range
    assert not sink.errors


# -- loader: a SOP's file name in messages, each folder resolved once --------------------------


def test_relative_paths_name_files_as_relative_path_does(tmp_path):
    repo, elsewhere = tmp_path / "repo", tmp_path / "elsewhere"
    (repo / "sops" / "dinas-a").mkdir(parents=True)
    (repo / "bersama").mkdir()
    elsewhere.mkdir()
    (repo / "sops" / "dinas-a" / "uji.yml").write_text("nama: x\n")
    (repo / "bersama" / "asli.yml").write_text("nama: y\n")
    (repo / "sops" / "dinas-a" / "tautan.yml").symlink_to(repo / "bersama" / "asli.yml")
    (repo / "sops" / "dinas-b").symlink_to(repo / "bersama", target_is_directory=True)
    (elsewhere / "luar.yml").write_text("nama: z\n")
    (repo / "akar.yml").write_text("nama: a\n")
    files = [
        repo / "sops" / "dinas-a" / "uji.yml",  # plain: "sops/dinas-a/uji.yml"
        repo / "sops" / "dinas-a" / "tautan.yml",  # a link names its target: "bersama/asli.yml"
        repo / "sops" / "dinas-b" / "asli.yml",  # in a linked folder: "bersama/asli.yml"
        repo / "sops" / "dinas-a" / "belum-ada.yml",  # not (yet) there
        elsewhere / "luar.yml",  # outside the root: as given
        repo / "akar.yml",  # in the root itself
    ]
    names = RelativePaths(repo)
    for path in files * 2:  # the second round from the folders already resolved
        assert names(path) == relative_path(path, repo)
    assert [names(path) for path in files[:3]] == ["sops/dinas-a/uji.yml", "bersama/asli.yml", "bersama/asli.yml"]


def test_yaml_files_are_what_the_two_globs_find(tmp_path):
    folder = tmp_path / "dinas-a"
    folder.mkdir()
    for name in ("b.yml", "a.yaml", "_instansi.yml", ".tersembunyi.yml", "A.YML", "c.yml.bak", ".yml", "d.yaml~", "spasi di.yml"):
        (folder / name).write_text("nama: x\n")
    (folder / "folder.yml").mkdir()
    (folder / "tautan.yml").symlink_to(folder / "b.yml")
    (folder / "putus.yaml").symlink_to(tmp_path / "tidak-ada.yaml")
    globbed = sorted([*folder.glob("*.yml"), *folder.glob("*.yaml")])
    assert paths.yaml_files(folder) == [(path, path.is_symlink()) for path in globbed]
    assert [link for _, link in paths.yaml_files(folder)].count(True) == 2
    assert paths.yaml_files(tmp_path / "tidak-ada") == []
