"""Load `sops/<instansi>/*.yml` into the validated model, collecting every error.

Layout on disk (ARCHITECTURE.md, "Data flow"): one folder per agency, named by its id, holding
``_instansi.yml`` (the agency's identity) and one file per SOP, whose file
name is the SOP's permanent URL id (slug). The loader reads each file with the
YAML 1.2 core schema (`yamlcore`), checks every key and type (`fields`),
resolves the flow (`flow`) and returns frozen model objects (`model`) together
with all located errors. Validation happens here, once.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..shared.cache import Store, key_of
from ..shared.memory import bulk_load
from ..shared.workers import can_fork, fork_worker, spare_cores
from . import flow, paths, sanity
from .errors import (
    ContentError,
    ErrorSink,
    Pos,
    RelativePaths,
    join_choices,
    quote,
    relative_path,
    suggestion,
)
from .fields import FieldReader
from .model import (
    KOLOM_MUTU_BAKU,
    LABEL_BAWAAN,
    STATUS,
    Instansi,
    Portal,
    Prosedur,
    Riwayat,
    Sop,
)
from .pejabat import read_pejabat
from .rows import STEP_KEYS, read_steps  # noqa: F401  (STEP_KEYS: part of this module's interface)
from .waktu import UNITS, jumlah_waktu, known_unit
from .yamlcore import YNode, YScalar, YSeq, parse

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# An agency's `situs` becomes a link citizens click: a web address, never `javascript:` or a bare
# name. Its `logo` is an image every SOP page loads: a file of the site, never another host's.
_WEB_ADDRESS = re.compile(r"https?://[^\s/?#]+\.[^\s]*\Z", re.I)
_ELSEWHERE = re.compile(r"[a-z][a-z0-9+.-]*:|//", re.I)
_EMAIL = re.compile(r"[^@\s<>\"',;:]+@[^@\s<>\"',;:]+\.[a-z]{2,}\Z", re.I)

INSTANSI_KEYS = ("nama", "singkatan", "pemerintah", "logo", "alamat", "telepon", "email", "situs", "kepala")
SOP_KEYS = (
    "nomor", "nama", "ringkasan", "unit", "status", "tanggal_pembuatan", "tanggal_revisi", "tanggal_efektif",
    "disahkan_oleh", "dasar_hukum", "kualifikasi_pelaksana", "keterkaitan", "peralatan", "peringatan",
    "pencatatan", "riwayat", "label", "kolom_mutu_baku", "satuan_waktu", "pelaksana", "langkah",
    "sub_prosedur",
)  # fmt: skip
SUB_KEYS = ("judul", "pelaksana", "langkah")
LIST_FIELDS = ("dasar_hukum", "kualifikasi_pelaksana", "keterkaitan", "peralatan", "peringatan", "pencatatan")


@dataclass(frozen=True)
class LoadResult:
    portal: Portal
    errors: tuple[ContentError, ...]
    # With a cache: each SOP's (uid) content key, which the caches of later work (drawing) build on.
    keys: Mapping[str, str] = field(default_factory=dict)

    @property
    def failed(self) -> bool:
        return any(e.level == "kesalahan" for e in self.errors)


def slugify(text: str) -> str:
    """A URL id from a name: 'Penyusunan LKIP' -> 'penyusunan-lkip'."""
    text = re.sub(r"[^a-z0-9]+", "-", text.lower())
    return text.strip("-") or "sop"


def _read(path: Path, sink: ErrorSink) -> YNode | None:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        sink.add(Pos(1, 1), "", f"berkas bukan teks UTF-8 (byte ke-{exc.start}); simpan ulang sebagai UTF-8.")
        return None
    return parse(text, sink)


def _email(reader: FieldReader, node: YNode | None) -> str | None:
    """An agency's `email` becomes a mailto: link: one address, nothing else."""
    email = reader.text(node, "email")
    if email and not _EMAIL.match(email):
        reader.error(node, "email", f"{quote(email)} bukan alamat surel; tulis satu alamat, misalnya humas@contoh.go.id.")
    return email


def load_instansi(path: Path, root: Path) -> tuple[Instansi | None, list[ContentError]]:
    sink = ErrorSink(relative_path(path, root))
    reader = FieldReader(sink)
    node = _read(path, sink)
    agency_id = path.parent.name
    if node is None and not sink.errors:
        sink.add(Pos(1, 1), "", "berkas kosong; isi sedikitnya nama instansi (nama: ...).")
    mapping = reader.mapping(node, "", INSTANSI_KEYS, required=("nama",))
    if not SLUG.match(agency_id):
        sink.add(
            Pos(1, 1),
            "",
            f"nama folder {quote(agency_id)} tidak bisa menjadi alamat halaman; pakai huruf kecil, angka dan "
            f"tanda hubung, misalnya {quote(slugify(agency_id))}.",
        )
    if mapping is None or sink.failed:
        return None, sink.errors
    g = mapping.get
    logo, situs = reader.text(g("logo"), "logo"), reader.text(g("situs"), "situs")
    if logo and _ELSEWHERE.match(logo):
        reader.error(
            g("logo"),
            "logo",
            f"{quote(logo)} adalah alamat di situs lain; simpan gambarnya di folder content/ (misalnya "
            f"content/gambar/logo-{agency_id}.png) dan tulis logo: gambar/logo-{agency_id}.png, agar pengunjung "
            "portal tidak memuat apa pun dari situs lain.",
        )
    if situs and not _WEB_ADDRESS.match(situs):
        reader.error(g("situs"), "situs", f"{quote(situs)} bukan alamat web; tulis lengkap, misalnya https://bkpsdm.tangerangkota.go.id.")
    instansi = Instansi(
        id=agency_id,
        nama=reader.text(g("nama"), "nama", required=True) or agency_id,
        singkatan=reader.text(g("singkatan"), "singkatan"),
        pemerintah=reader.text(g("pemerintah"), "pemerintah"),
        logo=logo,
        alamat=reader.text(g("alamat"), "alamat"),
        situs=situs,
        telepon=reader.text(g("telepon"), "telepon"),
        email=_email(reader, g("email")),
        kepala=read_pejabat(reader, g("kepala"), "kepala"),
        source=sink.file,
    )
    return (None if sink.failed else instansi), sink.errors


RawChart = tuple[str | None, tuple[str, ...], list[flow.RawStep]]


def _lanes(reader: FieldReader, g: Callable[[str], YNode | None]) -> tuple[str, ...]:
    lanes = reader.text_list(g("pelaksana"), "pelaksana")
    seen: set[str] = set()
    for lane in lanes:
        if lane in seen:
            reader.error(g("pelaksana"), "pelaksana", f"pelaksana {quote(lane)} ditulis dua kali.")
        seen.add(lane)
    return lanes


def _satuan(reader: FieldReader, satuan_node: YNode | None) -> str:
    if satuan_node is None:
        return "menit"
    written = reader.text(satuan_node, "satuan_waktu")
    known = known_unit(written) if written else None
    if written and known is None:
        reader.error(satuan_node, "satuan_waktu", f"satuan {quote(written)} tidak dikenal; pilih salah satu dari: {', '.join(UNITS)}.")
    return known or "menit"


def _kolom(reader: FieldReader, kolom_node: YNode | None) -> tuple[str, ...]:
    if kolom_node is None:
        return KOLOM_MUTU_BAKU
    kolom = reader.text_list(kolom_node, "kolom_mutu_baku")
    for name in kolom:
        if name not in KOLOM_MUTU_BAKU:
            reader.error(
                kolom_node,
                "kolom_mutu_baku",
                f"kolom {quote(name)} tidak dikenal{suggestion(name, KOLOM_MUTU_BAKU)}; "
                f"yang boleh: {', '.join(KOLOM_MUTU_BAKU)}.",
            )
    return kolom


def _riwayat(reader: FieldReader, node: YNode | None) -> list[Riwayat]:
    riwayat = []
    for n, item in enumerate((reader.sequence(node, "riwayat") or _EMPTY).items, start=1):
        entry = reader.mapping(item, f"riwayat[{n}]", ("tanggal", "catatan"), required=("tanggal", "catatan"))
        if entry is None:
            continue
        tanggal = reader.date(entry.get("tanggal"), f"riwayat[{n}].tanggal")
        catatan = reader.text(entry.get("catatan"), f"riwayat[{n}].catatan")
        if tanggal and catatan:
            riwayat.append(Riwayat(tanggal, catatan))
    return riwayat


def _raw_charts(
    reader: FieldReader, node: YNode | None, g: Callable[[str], YNode | None], lanes: tuple[str, ...]
) -> list[RawChart]:
    """The flowchart(s) as written: `langkah`, or `sub_prosedur` when one SOP holds several."""
    raw_charts: list[RawChart] = []
    if g("langkah") is not None and g("sub_prosedur") is not None:
        reader.error(g("sub_prosedur"), "sub_prosedur", 'pakai "langkah" atau "sub_prosedur", tidak keduanya.')
    elif g("sub_prosedur") is not None:
        subs = reader.sequence(g("sub_prosedur"), "sub_prosedur")
        for n, item in enumerate(subs.items if subs else (), start=1):
            chart = _sub_chart(reader, item, f"sub_prosedur[{n}]", lanes)
            if chart is not None:
                raw_charts.append(chart)
    elif g("langkah") is not None:
        raw_charts.append((None, lanes, read_steps(reader, g("langkah"), "langkah", lanes)))
    else:
        reader.error(node, "langkah", 'kunci "langkah" wajib diisi (atau "sub_prosedur" untuk beberapa bagan).')
    return raw_charts


def _sub_chart(reader: FieldReader, item: YNode, spath: str, lanes: tuple[str, ...]) -> RawChart | None:
    sub = reader.mapping(item, spath, SUB_KEYS, required=("judul", "langkah"))
    if sub is None:
        return None
    sub_lanes = lanes
    if sub.get("pelaksana") is not None:
        sub_lanes = reader.text_list(sub.get("pelaksana"), f"{spath}.pelaksana")
        for lane in sub_lanes:
            if lane not in lanes:
                reader.error(
                    sub.get("pelaksana"),
                    f"{spath}.pelaksana",
                    f"{quote(lane)} tidak ada di daftar pelaksana SOP{suggestion(lane, lanes)}; "
                    f"yang ada: {join_choices(lanes)}.",
                )
    steps = read_steps(reader, sub.get("langkah"), f"{spath}.langkah", sub_lanes)
    return reader.text(sub.get("judul"), f"{spath}.judul"), sub_lanes, steps


def _prosedur(raw_charts: list[RawChart], sink: ErrorSink, satuan: str) -> list[Prosedur]:
    prosedur = []
    for n, (judul, chart_lanes, steps) in enumerate(raw_charts, start=1):
        prefix = "langkah-" if len(raw_charts) == 1 else f"langkah-{n}-"
        langkah = flow.build_flow(steps, sink, anchor_prefix=prefix, satuan_waktu=satuan)
        prosedur.append(Prosedur(judul, chart_lanes, langkah, jumlah_waktu((s.waktu for s in langkah), satuan)))
    return prosedur


def load_sop(path: Path, root: Path, instansi_id: str, *, source: str | None = None) -> tuple[Sop | None, list[ContentError]]:
    """Load and check one SOP file. Returns (None, errors) when it has errors.
    `source`: `relative_path(path, root)` when the caller has it already (`RelativePaths`)."""
    sink = ErrorSink(relative_path(path, root) if source is None else source)
    reader = FieldReader(sink)
    node = _read(path, sink)
    if node is None and not sink.errors:
        sink.add(Pos(1, 1), "", "berkas kosong; isi sedikitnya nama, pelaksana dan langkah.")
    sanity.check_sop_tree(node, sink)  # well-typed nonsense (sanity.py)
    m = reader.mapping(node, "", SOP_KEYS, required=("nama", "pelaksana"), what="pemetaan (kunci: nilai) di tingkat atas")
    slug = path.stem
    if not SLUG.match(slug):
        sink.add(
            Pos(1, 1),
            "",
            f"nama berkas {quote(path.name)} tidak bisa menjadi alamat halaman; ganti namanya menjadi "
            f"{quote(slugify(slug) + '.yml')} (huruf kecil, angka, tanda hubung).",
        )
    if m is None:
        return None, sink.errors
    g = m.get

    lanes = _lanes(reader, g)
    satuan = _satuan(reader, g("satuan_waktu"))
    kolom = _kolom(reader, g("kolom_mutu_baku"))
    labels = dict(LABEL_BAWAAN)
    labels.update(reader.string_map(g("label"), "label", LABEL_BAWAAN))
    riwayat = _riwayat(reader, g("riwayat"))
    raw_charts = _raw_charts(reader, node, g, lanes)
    _check_ids(raw_charts, sink)
    prosedur = _prosedur(raw_charts, sink, satuan) if not sink.failed else []

    status = reader.choice(g("status"), "status", STATUS, default="berlaku")
    sop_kwargs: dict[str, Any] = dict(
        instansi=instansi_id,
        slug=slug,
        source=sink.file,
        nama=reader.text(g("nama"), "nama", required=True) or slug,
        pelaksana=lanes,
        prosedur=tuple(prosedur),
        nomor=reader.text(g("nomor"), "nomor"),
        ringkasan=reader.text(g("ringkasan"), "ringkasan"),
        unit=reader.text(g("unit"), "unit"),
        status=status,
        tanggal_pembuatan=reader.date(g("tanggal_pembuatan"), "tanggal_pembuatan"),
        tanggal_revisi=reader.date(g("tanggal_revisi"), "tanggal_revisi"),
        tanggal_efektif=reader.date(g("tanggal_efektif"), "tanggal_efektif"),
        disahkan_oleh=read_pejabat(reader, g("disahkan_oleh"), "disahkan_oleh"),
        riwayat=tuple(sorted(riwayat, key=lambda r: r.tanggal, reverse=True)),
        label=labels,
        kolom_mutu_baku=tuple(kolom),
        satuan_waktu=satuan,
        keterkaitan_pos=_text_positions(g("keterkaitan")),
        **{name: reader.text_list(g(name), name) for name in LIST_FIELDS},
    )
    if sink.failed:
        return None, sink.errors
    return Sop(**sop_kwargs), sink.errors


def _check_ids(raw_charts: list[RawChart], sink: ErrorSink) -> None:
    """Row and item ids share one namespace across the whole SOP: a reference never depends on its chart."""
    ids: dict[str, Pos] = {}
    for _, _, steps in raw_charts:
        for step in steps:
            named = [(step.id, step.id_pos, step.path)] + [(item.id, item.id_pos, item.path) for item in step.items]
            for ident, pos, path in named:
                if not ident:
                    continue
                if ident in ids:
                    sink.add(pos, f"{path}.id", f'id "{ident}" sudah dipakai di baris {ids[ident].line}; id harus unik.')
                else:
                    ids[ident] = pos or step.pos


class _Empty:
    items: tuple[YNode, ...] = ()


def _text_positions(node: YNode | None) -> tuple[tuple[int, int], ...]:
    """(line, column) of each text `reader.text_list` keeps from this node, in the same order."""
    items = node.items if isinstance(node, YSeq) else (node,) if node is not None else ()
    return tuple(
        (item.pos.line, item.pos.column)
        for item in items
        if isinstance(item, YScalar) and item.value is not None and item.raw.strip()
    )


_EMPTY = _Empty()


# Below this many SOP files a second process costs more (fork, pickling the answer) than it saves.
PARALLEL_FROM = 200


@bulk_load()  # no collection while loading, the model frozen after it (shared/memory.py)
def load_portal(sops_dir: Path, root: Path | None = None, *, parallel: bool = False, cache: Store | None = None) -> LoadResult:
    """Load every agency and SOP under `sops_dir`; never raises for content mistakes.

    `parallel`: on a large portal, forked workers, one per spare core (`shared/workers.py`),
    load the first groups of agency folders while this process loads the last: with one worker,
    10,000 SOPs load in ~8 s instead of ~14 s (bench/). The result is the same either way (tests/test_loader.py compares them).
    Only where forking is safe: `mkdocs build`, not `serve`.
    `cache` (`shared/cache.py`): each SOP file's (SOP, errors), by its bytes, path and agency;
    unchanged files are not read again.
    """
    root = root or sops_dir.parent
    errors: list[ContentError] = []
    if not sops_dir.is_dir():
        errors.append(ContentError(relative_path(sops_dir, root), 1, 1, "", "folder SOP tidak ditemukan."))
        return LoadResult(Portal((), ()), tuple(errors))
    if sops_dir.is_symlink() and paths.outside(sops_dir, root):  # the folder itself: never read (paths.py)
        return LoadResult(Portal((), ()), tuple(paths.check_tree(sops_dir, root)[0]))
    for stray in sorted(p for p in sops_dir.iterdir() if p.is_file() and p.suffix in (".yml", ".yaml")):
        errors.append(
            ContentError(
                relative_path(stray, root), 1, 1, "",
                "berkas SOP harus berada di folder instansinya: sops/<instansi>/<nama-sop>.yml.",
            )
        )  # fmt: skip
    # Links that leave the repository are errors, never followed (paths.py).
    link_errors, refused = paths.check_tree(sops_dir, root)
    errors += link_errors
    folders = sorted(p for p in sops_dir.iterdir() if p.is_dir() and not p.name.startswith(".") and p not in refused)
    cache = cache if cache is not None and cache.enabled else None
    keys = _file_keys(folders, root) if cache is not None else {}
    groups = [folders]
    if parallel and can_fork():
        # The files to load: with a cache, those it does not hold (unpickling is cheaper than forking).
        sizes = [sum(1 for p in folder.glob("*.y*ml") if not (cache and cache.has(keys.get(p, "")))) for folder in folders]
        if sum(sizes) >= PARALLEL_FROM:
            groups = _split(folders, sizes, spare_cores() + 1)
    worker = fork_worker(len(groups) - 1) if len(groups) > 1 else None
    try:
        # Workers take the first groups of folders; this process loads the last one meanwhile.
        futures = [worker.submit(_load_folders, group, root, cache, keys) for group in groups[:-1]] if worker else []
        last = _load_folders(groups[-1], root, cache, keys)
        parts = [future.result() for future in futures] + [last]
    finally:
        if worker:
            worker.shutdown()
    if cache is not None:  # what the workers got from or added to their copies of the cache
        for part in parts[:-1]:
            cache.keep(part[4])
    agencies = [agency for part in parts for agency in part[0]]
    sops = [sop for part in parts for sop in part[1]]
    errors += [error for part in parts for error in part[2]]
    sop_keys = {uid: key for part in parts for uid, key in part[3].items()}
    return LoadResult(Portal(_disambiguate(agencies), tuple(sops)), tuple(sorted(errors)), sop_keys)


def _split(folders: list[Path], sizes: list[int], count: int) -> list[list[Path]]:
    """`folders` in order, cut into at most `count` groups of about the same number of files."""
    share, running = sum(sizes) / count, 0
    groups: list[list[Path]] = []
    current: list[Path] = []
    for folder, size in zip(folders, sizes):
        if current and running + size > share * (len(groups) + 1) and len(groups) < count - 1:
            groups.append(current)
            current = []
        current.append(folder)
        running += size
    return [*groups, current] if current else groups or [[]]


def _file_keys(folders: list[Path], root: Path) -> dict[Path, str]:
    """Each SOP file's cache key: its bytes, path and agency folder, all a loaded SOP depends on."""
    keys = {}
    names = RelativePaths(root)
    for folder in folders:
        for path, link in paths.yaml_files(folder):
            if path.name.startswith("_") or (link and paths.outside(path, root)):
                continue
            try:
                keys[path] = key_of(names(path, link), folder.name, path.read_bytes())
            except OSError:  # unreadable: loaded without the cache, and load_sop says why
                continue
    return keys


def _load_folders(
    folders: list[Path], root: Path, cache: Store | None = None, file_keys: Mapping[Path, str] | None = None
) -> tuple[list[Instansi], list[Sop], list[ContentError], dict[str, str], dict[str, bytes]]:
    """Agencies, SOPs and errors of these agency folders, in their order; with a cache (and
    `file_keys`, `_file_keys`), each SOP's content key and the cache entries used, which a
    worker's parent saves."""
    keys: dict[str, str] = {}
    errors: list[ContentError] = []
    agencies: list[Instansi] = []
    sops: list[Sop] = []
    names = RelativePaths(root)
    for folder in folders:
        identity = folder / "_instansi.yml"
        if identity.is_symlink() and paths.outside(identity, root):
            continue  # reported by paths.check_tree; never opened
        if not identity.exists():
            errors.append(
                ContentError(
                    relative_path(folder, root), 1, 1, "",
                    "folder instansi belum punya _instansi.yml (nama, singkatan, pemerintah); "
                    "buat dengan: sop-portal new-instansi.",
                )
            )  # fmt: skip
            continue
        agency, agency_errors = load_instansi(identity, root)
        errors.extend(agency_errors)
        if agency is not None:
            agencies.append(agency)
        seen: dict[str, Path] = {}  # slug -> file: uji.yml and uji.yaml would share one URL
        for path, link in paths.yaml_files(folder):
            if path.name.startswith("_") or (link and paths.outside(path, root)):
                continue
            if path.stem in seen:
                errors.append(
                    ContentError(
                        relative_path(path, root), 1, 1, "",
                        f"berkas {seen[path.stem].name} dan {path.name} memberi alamat halaman yang sama "
                        f"(/sop/{folder.name}/{path.stem}/); hapus atau ganti nama salah satunya.",
                    )
                )  # fmt: skip
                continue
            seen[path.stem] = path
            key = file_keys.get(path) if cache is not None and file_keys else None
            if cache is None or key is None:
                sop, sop_errors = load_sop(path, root, folder.name, source=names(path, link))
            else:
                loaded = cache.get(key)
                if loaded is None:
                    loaded = load_sop(path, root, folder.name, source=names(path, link))
                    cache.put(key, loaded)
                sop, sop_errors = loaded
                if sop is not None:
                    keys[sop.uid] = key
            errors.extend(sop_errors)
            if sop is not None:
                sops.append(sop)
    return agencies, sops, errors, keys, cache.raw(keys.values()) if cache is not None else {}


def _disambiguate(agencies: list[Instansi]) -> tuple[Instansi, ...]:
    """Give agencies that share a singkatan a short name that names their Pemda too."""
    counts: dict[str, int] = {}
    for agency in agencies:
        if agency.singkatan:
            counts[agency.singkatan] = counts.get(agency.singkatan, 0) + 1
    result = []
    for agency in agencies:
        if agency.singkatan and counts[agency.singkatan] > 1:
            region = re.sub(r"^Pemerintah\s+", "", agency.pemerintah or "", flags=re.I)
            agency = dataclasses.replace(agency, singkatan_unik=f"{agency.singkatan} {region}" if region else agency.nama)
        result.append(agency)
    return tuple(result)
