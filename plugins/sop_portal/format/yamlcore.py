"""Read YAML the way a civil servant means it: YAML 1.2 core schema, with positions.

PyYAML implements YAML 1.1, where ``no:``, ``Ya``/``Tidak`` look-alikes such as
``Yes``/``No``/``On``/``Off`` become booleans and ``0,5`` or ``1:30`` become
numbers. The SOP format (ARCHITECTURE.md, "File format") is defined on the YAML 1.2 core schema
instead, and a field that holds text must take the scalar exactly as written
(an unquoted NIP stays its 18 digits, a waktu ``15`` stays ``"15"``).

So we let PyYAML only *compose* (scan, parse, build a node graph) with a
resolver that has no implicit rules, and build our own small tree:

* every node keeps its 1-based line and column, so errors can point at it;
* a plain scalar gets its core-schema value (null/bool/int/float/str) *and*
  keeps its raw text, so the schema layer decides which one a field wants;
* duplicate mapping keys are errors, not silently last-one-wins;
* explicit tags (``!!python/object``, ``!foo``) are refused: safe loading only;
* aliases are followed with a budget, so a "billion laughs" document is refused
  after a bounded amount of work instead of being expanded;
* nesting is bounded (`MAX_DEPTH`): 500 nested ``[`` is a located error, not a
  RecursionError;
* a text that holds a character XML forbids (a C0 control, U+FFFE, …) is refused where
  it is written: the feed and the SVG must stay well-formed (ARCHITECTURE.md, "Trust model"), and an
  invisible control character is never what an author meant;
* every reader error PyYAML words in English becomes a located Indonesian sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml
from yaml.composer import Composer
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader, ReaderError
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from ..shared.unsafe import forbidden_character
from .errors import ErrorSink, Pos

# Enough for a 1,000-step SOP many times over; a billion-laughs document blows
# through it after a few thousand node visits.
NODE_BUDGET = 100_000
# A SOP nests about eight levels deep (langkah > step > bagan > item > cabang > …); anything far
# deeper is a mistake or an attack, and Python's recursion limit must never be what stops it.
MAX_DEPTH = 40

_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"

# YAML 1.2 core schema, https://yaml.org/spec/1.2.2/#1032-tag-resolution
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_INT10 = re.compile(r"^[-+]?[0-9]+$")
_INT8 = re.compile(r"^0o[0-7]+$")
_INT16 = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")


_DEFAULT_TAGS = {ScalarNode: _STR, SequenceNode: _SEQ, MappingNode: _MAP}

_FastComposer: type[yaml.CBaseLoader] | None
try:  # libyaml composes ~10x faster; CBaseLoader resolves no implicit tags either
    from yaml import CBaseLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    _FastComposer = None
else:

    class _CComposeOnly(CBaseLoader):
        """CBaseLoader whose per-node calls back into Python cost nothing.

        libyaml's composer asks the resolver, in Python, for every node's tag and path. With no
        implicit and no path resolvers (BaseResolver's tables are empty) the answer is always the
        default tag of the node's kind, which is all `resolve` returns here: the same tags, a
        quarter less composing time.
        """

        def resolve(self, kind: type[Node], value: object, implicit: object) -> str:
            return _DEFAULT_TAGS[kind]

        def descend_resolver(self, current_node: object, current_index: object) -> None:
            pass

        def ascend_resolver(self) -> None:
            pass

    _FastComposer = _CComposeOnly


class _ComposeOnly(Reader, Scanner, Parser, Composer, BaseResolver):
    """A loader that composes nodes and resolves no implicit tags at all."""

    yaml_implicit_resolvers: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
    yaml_path_resolvers: dict[object, object] = {}

    def __init__(self, stream: str):
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        BaseResolver.__init__(self)


@dataclass(frozen=True)
class YScalar:
    value: object  # None, bool, int, float or str, per the core schema
    raw: str  # the text exactly as written (without quotes)
    plain: bool  # True when unquoted, i.e. the core schema applied
    pos: Pos

    @property
    def kind(self) -> str:
        if self.value is None:
            return "kosong"
        if isinstance(self.value, bool):
            return "boolean"
        if isinstance(self.value, (int, float)):
            return "angka"
        return "teks"


@dataclass(frozen=True)
class YSeq:
    items: tuple[YNode, ...]
    pos: Pos
    kind = "daftar"


@dataclass(frozen=True)
class YMap:
    # key text -> (position of the key, value node); insertion ordered
    items: dict[str, tuple[Pos, YNode]]
    pos: Pos
    kind = "pemetaan"

    def get(self, key: str) -> YNode | None:
        entry = self.items.get(key)
        return entry[1] if entry else None


YNode = YScalar | YSeq | YMap


def _scalar(value: object, raw: str, plain: bool, pos: Pos) -> YScalar:
    """YScalar(value, raw, plain, pos), made in half the time of the frozen dataclass's __init__
    (which sets each field through object.__setattr__): a SOP has a hundred scalars. The same
    object: the fields are the instance's __dict__ either way."""
    made = object.__new__(YScalar)
    fields = made.__dict__
    fields["value"] = value
    fields["raw"] = raw
    fields["plain"] = plain
    fields["pos"] = pos
    return made


# Positions recur from file to file (line 12, column 3 ...) and a Pos is immutable: one object
# per position, made once, is cheaper than a new frozen dataclass for each of the ~250 nodes and
# keys of a SOP. Bounded: positions past these limits are made each time.
_SHARED_LINES, _SHARED_COLUMNS = 2000, 80
_POSITIONS: dict[int, Pos] = {}


def _pos(node: Node) -> Pos:
    mark = node.start_mark
    line, column = mark.line, mark.column
    if line >= _SHARED_LINES or column >= _SHARED_COLUMNS:
        return Pos(line + 1, column + 1)
    key = line * _SHARED_COLUMNS + column
    pos = _POSITIONS.get(key)
    if pos is None:
        pos = _POSITIONS[key] = Pos(line + 1, column + 1)
    return pos


# The first characters a null, bool, int or float of the core schema can start with (or "": the
# empty scalar is null). Any other plain scalar, most of a SOP's text, is a str without trying
# the eight patterns below.
_NOT_TEXT_START = frozenset("~nNtTfF-+.0123456789")


def core_value(raw: str) -> object:
    """The YAML 1.2 core-schema value of a plain scalar."""
    if raw and raw[0] not in _NOT_TEXT_START:
        return raw
    if _NULL.match(raw):
        return None
    if _BOOL.match(raw):
        return raw.lower() == "true"
    if _INT10.match(raw):
        return int(raw)
    if _INT8.match(raw):
        return int(raw[2:], 8)
    if _INT16.match(raw):
        return int(raw[2:], 16)
    if _FLOAT.match(raw):
        return float(raw)
    if _INF.match(raw):
        return float("-inf") if raw.startswith("-") else float("inf")
    if _NAN.match(raw):
        return float("nan")
    return raw


class _Builder:
    def __init__(self, sink: ErrorSink):
        self.sink = sink
        self.visits = 0
        self.depth = 0
        self.too_deep = False
        self.active: set[int] = set()  # nodes on the current path: catches recursive aliases

    def build(self, node: Node, path: str) -> YNode | None:
        self.visits += 1
        if self.visits > NODE_BUDGET:
            raise _TooLarge()
        if id(node) in self.active:
            self.sink.add(_pos(node), path, "alias merujuk ke dirinya sendiri; tulis nilainya langsung.")
            return None
        if isinstance(node, ScalarNode):
            return self._scalar(node, path)
        if self.depth >= MAX_DEPTH:
            if not self.too_deep:  # one error for the whole too-deep branch
                self.too_deep = True
                self.sink.add(
                    _pos(node), path,
                    f"daftar/pemetaan bertingkat terlalu dalam (lebih dari {MAX_DEPTH} tingkat); "
                    "tulis datanya lebih datar, tanpa kurung [ ] atau { } di dalam kurung berlapis-lapis.",
                )  # fmt: skip
            return None
        self.active.add(id(node))
        self.depth += 1
        try:
            if isinstance(node, SequenceNode):
                return self._sequence(node, path)
            assert isinstance(node, MappingNode)  # the composer makes only these three kinds
            return self._mapping(node, path)
        finally:
            self.depth -= 1
            self.active.discard(id(node))

    def _refuse_tag(self, node: Node, path: str) -> None:
        self.sink.add(
            _pos(node),
            path,
            f"tag YAML {node.tag!s} tidak diizinkan; tulis nilainya sebagai teks, daftar atau pemetaan biasa.",
        )

    def _scalar(self, node: ScalarNode, path: str) -> YScalar | None:
        if node.tag != _STR:
            self._refuse_tag(node, path)
            return None
        # Only a double-quoted scalar can hold one (through an escape, "\x01"): the reader refuses them raw.
        bad = forbidden_character(node.value) if node.style == '"' else None
        if bad is not None:
            self.sink.add(_pos(node), path, bad)
            return None
        raw = node.value
        if node.style:  # quoted or a block: the text as written
            return _scalar(raw, raw, False, _pos(node))
        # Plain (style None from PyYAML, "" from libyaml): most are text, which core_value returns as is.
        value = raw if raw and raw[0] not in _NOT_TEXT_START else core_value(raw)
        return _scalar(value, raw, True, _pos(node))

    def _sequence(self, node: SequenceNode, path: str) -> YSeq | None:
        if node.tag != _SEQ:
            self._refuse_tag(node, path)
            return None
        items = []
        for index, child in enumerate(node.value, start=1):
            built = self.build(child, f"{path}[{index}]")
            if built is not None:
                items.append(built)
        return YSeq(tuple(items), _pos(node))

    def _mapping(self, node: MappingNode, path: str) -> YMap | None:
        if node.tag != _MAP:
            self._refuse_tag(node, path)
            return None
        items: dict[str, tuple[Pos, YNode]] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.sink.add(_pos(key_node), path, "kunci harus berupa teks, bukan daftar atau pemetaan.")
                continue
            key = key_node.value
            bad = forbidden_character(key) if key_node.style == '"' else None
            if bad is not None:
                self.sink.add(_pos(key_node), path, f"kunci {bad}")
                continue
            child_path = f"{path}.{key}" if path else key
            if key in items:
                first = items[key][0]
                self.sink.add(
                    _pos(key_node),
                    child_path,
                    f'kunci "{key}" ditulis dua kali (pertama di baris {first.line}); hapus salah satunya.',
                )
                continue
            built = self.build(value_node, child_path)
            if built is not None:
                items[key] = (_pos(key_node), built)
        return YMap(items, _pos(node))


class _TooLarge(Exception):
    pass


def parse(text: str, sink: ErrorSink) -> YNode | None:
    """Compose one YAML document into a positioned tree; errors go to `sink`.

    Returns None for an empty document or when the document could not be read.
    """
    loader = (_FastComposer if _FastComposer is not None else _ComposeOnly)(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        pos = Pos(mark.line + 1, mark.column + 1) if mark else Pos(1, 1)
        problem = exc.problem or exc.context or ""
        sink.add(pos, "", f"YAML tidak dapat dibaca: {_translate(problem)}. Periksa indentasi dan tanda baca di sekitar baris ini.")
        return None
    except ReaderError as exc:  # a raw control character or a broken encoding in the file itself
        sink.add(_reader_pos(text, exc.position), "", _reader_message(exc))
        return None
    except (yaml.YAMLError, RecursionError):  # the pure-Python composer nests by recursion
        sink.add(Pos(1, 1), "", "YAML tidak dapat dibaca: susunan berkas tidak dikenali atau bertingkat terlalu dalam.")
        return None
    finally:
        loader.dispose()
    if node is None:
        return None
    builder = _Builder(sink)
    try:
        return builder.build(node, "")
    except _TooLarge:
        sink.add(
            _pos(node),
            "",
            f"berkas terlalu besar setelah alias diuraikan (lebih dari {NODE_BUDGET} nilai); "
            "jangan memakai alias (*nama) berlapis.",
        )
        return None


_PROBLEMS = {
    "mapping values are not allowed here": "tanda titik dua ':' tidak boleh di sini (mungkin teksnya perlu diberi tanda kutip)",
    "found character '\\t' that cannot start any token": "karakter TAB tidak boleh dipakai untuk indentasi; gunakan spasi",
    "could not find expected ':'": "tanda titik dua ':' yang diharapkan tidak ditemukan",
    "found undefined alias": "alias (*nama) tidak didefinisikan",
    "expected <block end>, but found '-'": "indentasi butir daftar '-' tidak sejajar",
    "found unexpected end of stream": "berkas berakhir sebelum tanda kutip atau kurung ditutup",
    # libyaml (the fast composer used whenever PyYAML has it) words its problems differently.
    "mapping values are not allowed in this context": "tanda titik dua ':' tidak boleh di sini (mungkin teksnya perlu diberi tanda kutip)",
    "found a tab character": "karakter TAB tidak boleh dipakai untuk indentasi; gunakan spasi",
    "found character that cannot start any token": "ada karakter yang tidak boleh mengawali nilai (TAB, %, @ atau `); "
    "gunakan spasi untuk indentasi dan beri tanda kutip pada teksnya",
    "did not find expected '-' indicator": "indentasi butir daftar '-' tidak sejajar",
    "did not find expected key": "indentasi tidak sejajar: baris ini tidak sejajar dengan kunci atau butir di atasnya",
    "expected <block end>, but found": "indentasi tidak sejajar: baris ini tidak sejajar dengan kunci atau butir di atasnya",
    "did not find expected ',' or ']'": "daftar dalam kurung siku [ ] tidak ditutup, atau butirnya perlu tanda kutip",
    "expected ',' or ']'": "daftar dalam kurung siku [ ] tidak ditutup, atau butirnya perlu tanda kutip",
    "did not find expected ',' or '}'": "pemetaan dalam kurung kurawal { } tidak ditutup, atau isinya perlu tanda kutip",
    "expected ',' or '}'": "pemetaan dalam kurung kurawal { } tidak ditutup, atau isinya perlu tanda kutip",
    "did not find expected hexdecimal number": "garis miring terbalik \\ di dalam tanda kutip ganda harus ditulis dua kali (\\\\)",
    "expected escape sequence": "garis miring terbalik \\ di dalam tanda kutip ganda harus ditulis dua kali (\\\\)",
    "found unknown escape character": "garis miring terbalik \\ di dalam tanda kutip ganda harus ditulis dua kali (\\\\)",
}


_PROBLEMS.update({
    "but found another document": "berkas memuat lebih dari satu dokumen YAML (baris '---' atau '...' di tengah "
    "berkas); satu berkas berisi satu SOP, hapus baris itu atau pisahkan berkasnya",
    "expected a single document": "berkas memuat lebih dari satu dokumen YAML (baris '---' atau '...' di tengah "
    "berkas); satu berkas berisi satu SOP, hapus baris itu atau pisahkan berkasnya",
    "did not find expected node content": "nilai yang diharapkan tidak ada (kurung atau tanda kutip belum ditutup, "
    "atau tanda baca berlebih)",
    "second occurrence": "jangkar (&nama) yang sama ditulis dua kali; beri nama lain",
    "found duplicate anchor": "jangkar (&nama) yang sama ditulis dua kali; beri nama lain",
    "found an indentation indicator equal to 0": "angka indentasi setelah | atau > tidak boleh 0",
    "found unknown directive name": "baris yang diawali % bukan YAML yang dikenal; beri tanda kutip bila itu teks",
    "did not find expected alphabetic or numeric character": "nama alias/jangkar setelah * atau & harus huruf atau angka; "
    "beri tanda kutip bila itu teks",
    "did not find expected <document start>": "ada teks di luar struktur kunci: nilai (mungkin setelah '---')",
    "block sequence entries are not allowed": "butir daftar '-' tidak boleh di sini; periksa indentasinya",
    "mapping keys are not allowed": "kunci tidak boleh di sini; periksa indentasinya",
    "did not find expected comment or line break": "ada teks setelah nilai yang sudah selesai; beri tanda kutip "
    "pada seluruh teksnya",
    "did not find expected whitespace or line break": "tanda ! harus diikuti spasi; beri tanda kutip bila itu teks",
    "found undefined tag handle": "tag YAML (diawali !) tidak dikenal; beri tanda kutip bila itu teks",
    "found invalid Unicode character escape code": "kode \\u atau \\U di dalam tanda kutip ganda bukan karakter yang sah",
    "found unexpected ':'": "tanda titik dua ':' tidak boleh di sini (mungkin teksnya perlu diberi tanda kutip)",
    "found incompatible YAML document": "versi YAML (%YAML) tidak didukung; hapus baris itu",
    "found duplicate %YAML directive": "baris %YAML ditulis dua kali; hapus baris itu",
    "found a tab character that violates indentation": "karakter TAB tidak boleh dipakai untuk indentasi; gunakan spasi",
})


def _translate(problem: str) -> str:
    for english, indonesian in _PROBLEMS.items():
        if problem.startswith(english):
            return indonesian
    # Never PyYAML's English: a problem not listed above gets a plain Indonesian description.
    return "susunan YAML tidak dikenali di sini"


def _reader_pos(text: str, position: int) -> Pos:
    """Line and column of a reader error; libyaml counts UTF-8 bytes, PyYAML's Python reader characters."""
    if _FastComposer is not None:
        before = text.encode("utf-8", "surrogatepass")[:position].decode("utf-8", "ignore")
    else:  # pragma: no cover - PyYAML built without libyaml
        before = text[:position]
    return Pos(before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1)


def _reader_message(exc: ReaderError) -> str:
    character = exc.character
    if isinstance(character, str):
        code = f"U+{ord(character):04X}"
    elif isinstance(character, int):
        code = f"U+{character:04X}" if "character" in str(exc.reason) else f"byte {character:#04x}"
    else:
        code = "karakter"
    return (
        f"berkas memuat karakter kendali tak terlihat ({code}) yang tidak boleh ada di YAML; hapus karakter itu "
        "(biasanya terbawa saat menyalin dari dokumen lain), atau simpan ulang berkasnya sebagai teks UTF-8."
    )
