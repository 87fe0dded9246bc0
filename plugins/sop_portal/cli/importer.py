"""`sop-portal import`: an agency's existing procedure table (XLSX or CSV) to an SOP file.

Most agencies already keep their SOPs as spreadsheets laid out like the paper
form's procedure table::

    No | Kegiatan | <one column per pelaksana> | Kelengkapan | Waktu | Output | Keterangan

often with a second header row (a "Pelaksana" cell spanning the lane names and
a "Mutu Baku" cell spanning Kelengkapan/Waktu/Output). A step's pelaksana are
the lane columns marked with any symbol (x, v, √, ●, 1 …); several marks make a
joint step. This module finds the header, reads the rows and writes an SOP
YAML file that `load_sop` accepts; when the sheet does not fit it says where,
in Indonesian, by the sheet's own row number and column letter ("baris 7,
kolom C"), so the fix can be made in the spreadsheet the staff know.

What a table cannot say (decisions and their branches, the SOP's identity
fields) is left for the author: the file starts as `status: draf` with a
comment saying what to complete.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..format.loader import load_sop, slugify
from ..format.model import LABEL_BAWAAN
from ..format.waktu import known_unit
from ..format.yamlwrite import Flow, Quoted, dump
from ..shared.unsafe import one_line, strip_forbidden

HEADER_SCAN_ROWS = 30  # the title block above the table is rarely longer than this


class SheetError(Exception):
    """The spreadsheet does not fit; `messages` are Indonesian, one per problem."""

    def __init__(self, messages: list[str]):
        self.messages = messages
        super().__init__("\n".join(messages))


@dataclass(frozen=True)
class Sheet:
    name: str  # "" for CSV
    rows: list[list[str]]  # cell texts; rows[0] is spreadsheet row 1
    cleaned: tuple[str, ...] = ()  # a note per cell an invisible control character was removed from

    def cell(self, row: int, col: int) -> str:
        """Text at a 1-based (row, column); '' outside the used range."""
        if 1 <= row <= len(self.rows) and 1 <= col <= len(self.rows[row - 1]):
            return self.rows[row - 1][col - 1]
        return ""

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


def column_letter(col: int) -> str:
    """1 -> A, 27 -> AA: how a spreadsheet names a column."""
    letters = ""
    while col > 0:
        col, rest = divmod(col - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def where(row: int, col: int | None = None) -> str:
    return f"baris {row}, kolom {column_letter(col)}" if col else f"baris {row}"


# -- reading files -----------------------------------------------------------------


def _text(value: Any) -> str:
    """A cell as text the way the author sees it (decimal comma, ISO dates, one line)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return repr(value).replace(".", ",")
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    # Cells wrap lines visually (Alt+Enter); on the portal one line reads the same.
    return " ".join(str(value).split())


def _clean(grid: list[list[str]]) -> tuple[str, ...]:
    """Remove, in place, the invisible control characters the loader refuses (shared/unsafe.py) from
    every cell; a note per cell, by its row and column. Copied from other documents, they are
    invisible in the spreadsheet too, so deleting them is the only fix (the loader's message asks
    for it), and the imported file passes check."""
    notes = []
    for r, row in enumerate(grid, start=1):
        for c, text in enumerate(row, start=1):
            clean, found = strip_forbidden(text)
            if found:
                row[c - 1] = " ".join(clean.split())
                notes.append(f"{where(r, c)}: karakter kendali tak terlihat ({', '.join(found)}) dihapus dari selnya.")
    return tuple(notes)


def read_csv(path: Path) -> Sheet:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")  # Excel's "CSV" on Windows is ANSI
    # Indonesian Excel separates with ';' because ',' is the decimal mark. csv.Sniffer gives up
    # on title lines above the table, so take the separator that makes the widest table.
    sample = text[:16384]

    def width(delimiter: str) -> int:
        return max((len(row) for row in csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)), default=0)

    delimiter = max((",", ";", "\t"), key=width)  # ties keep ','
    rows = [[_text(c) for c in row] for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    cleaned = _clean(rows)
    return Sheet("", rows, cleaned)


def xlsx_sheets(path: Path) -> list[Sheet]:
    """Every worksheet, merged cells filled with their value (a merged mark covers every lane it spans)."""
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(path, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise SheetError([f"berkas tidak dapat dibaca sebagai XLSX ({type(exc).__name__}); buka di Excel/LibreOffice lalu simpan ulang sebagai .xlsx."]) from None
    sheets = []
    for ws in book.worksheets:
        grid = [
            [_text(v) for v in row]
            for row in ws.iter_rows(min_row=1, min_col=1, max_row=ws.max_row, max_col=ws.max_column, values_only=True)
        ]
        cleaned = _clean(grid)  # before merged cells are filled: one note per cell the author typed
        for merged in ws.merged_cells.ranges:
            value = grid[merged.min_row - 1][merged.min_col - 1]
            for r in range(merged.min_row, merged.max_row + 1):
                for c in range(merged.min_col, merged.max_col + 1):
                    grid[r - 1][c - 1] = value
        sheets.append(Sheet(ws.title, grid, cleaned))
    # The sheet open when the file was saved is the one the author meant, if it fits.
    active = book.active.title if book.active is not None else None
    sheets.sort(key=lambda s: s.name != active)
    return sheets


# -- recognising the table ---------------------------------------------------------


def _norm(text: str) -> str:
    return " ".join(text.lower().replace("\u00a0", " ").split()).strip(" .:")


def _is_no(text: str) -> bool:
    return _norm(text) in ("no", "nomor", "no urut", "nomor urut")


def _is_kegiatan(text: str) -> bool:
    t = _norm(text)
    return t in ("kegiatan", "aktivitas", "aktifitas", "langkah", "prosedur", "uraian") or t.startswith(
        ("uraian ", "kegiatan ", "aktivitas ")
    )


# Mutu Baku columns and Keterangan, by what their header starts with.
_MUTU = {
    "kelengkapan": ("kelengkapan", "persyaratan", "syarat", "bahan"),
    "waktu": ("waktu",),
    "output": ("output", "ouput", "keluaran", "hasil"),
    "keterangan": ("keterangan", "ket"),
}


def _mutu_kind(text: str) -> str | None:
    t = _norm(text)
    for kind, starts in _MUTU.items():
        if any(t == s or t.startswith(s + " ") or t.startswith(s + "/") or t.startswith(s + "(") for s in starts):
            return kind
    return None


@dataclass
class Layout:
    header_rows: tuple[int, ...]
    no_col: int | None
    kegiatan_col: int
    lanes: list[tuple[int, str]]  # (column, lane name)
    columns: dict[str, int]  # kelengkapan/waktu/output/keterangan -> column
    labels: dict[str, str] = field(default_factory=dict)  # header texts, by field

    @property
    def first_data_row(self) -> int:
        return self.header_rows[-1] + 1


def find_layout(sheet: Sheet) -> Layout:
    """Locate the header row(s) and the role of every column."""
    top = None
    for r in range(1, min(len(sheet.rows), HEADER_SCAN_ROWS) + 1):
        row = sheet.rows[r - 1]
        keg = next((c for c, t in enumerate(row, 1) if _is_kegiatan(t)), None)
        if keg is not None and any(_mutu_kind(t) for t in row[keg:]) or (
            keg is not None and any(_is_no(t) for t in row[: keg - 1])
        ):
            top = r
            break
    if top is None:
        raise SheetError(
            [
                f"judul kolom tabel prosedur tidak ditemukan di {HEADER_SCAN_ROWS} baris pertama: harus ada satu baris "
                'yang memuat kolom "Kegiatan" (atau "Aktivitas"/"Uraian Prosedur") dan "No" atau "Kelengkapan"/'
                '"Waktu"/"Output". Susun tabel seperti formulir: No | Kegiatan | satu kolom per pelaksana | '
                "Kelengkapan | Waktu | Output | Keterangan."
            ]
        )
    first = sheet.rows[top - 1]
    second = sheet.rows[top] if top < len(sheet.rows) else []
    # A second header row: the top one has the spanning "Pelaksana"/"Mutu Baku" cells,
    # or the row below names columns the top row leaves blank.
    spans = any(_norm(t) in ("pelaksana", "mutu baku") for t in first)
    fills = any(
        (_mutu_kind(t) and not _mutu_kind(first[c - 1] if c <= len(first) else "")) for c, t in enumerate(second, 1)
    )
    header_rows = (top, top + 1) if (spans or fills) and second else (top,)

    width = sheet.width

    def label(col: int) -> str:
        # The lower row names the column when it says something; merged cells repeat the top text.
        texts = [sheet.cell(r, col) for r in header_rows]
        return next((t for t in reversed(texts) if t), "")

    labels = {c: label(c) for c in range(1, width + 1)}
    kegiatan_col = next(c for c in labels if _is_kegiatan(labels[c]))
    no_col = next((c for c in range(1, kegiatan_col) if _is_no(labels[c])), None)
    columns: dict[str, int] = {}
    for c in range(kegiatan_col + 1, width + 1):
        kind = _mutu_kind(labels[c])
        if kind and kind not in columns:
            columns[kind] = c
    lane_end = min(columns.values(), default=width + 1)
    hr = header_rows[-1]
    lanes = _lane_columns(sheet, labels, hr, kegiatan_col, lane_end)
    field_labels = {"kegiatan": labels[kegiatan_col]}
    if no_col:
        field_labels["no"] = labels[no_col]
    for kind, c in columns.items():
        field_labels[kind] = labels[c]
    return Layout(header_rows, no_col, kegiatan_col, lanes, columns, field_labels)


def _lane_columns(sheet: Sheet, labels: dict[int, str], hr: int, kegiatan_col: int, lane_end: int) -> list[tuple[int, str]]:
    """The pelaksana columns between Kegiatan and the first Mutu Baku column, as (column, name)."""
    width = sheet.width
    lanes: list[tuple[int, str]] = []
    problems = []
    for c in range(kegiatan_col + 1, lane_end):
        name = labels[c]
        blank_column = not any(sheet.cell(r, c) for r in range(hr + 1, len(sheet.rows) + 1))
        if not name or _norm(name) == "pelaksana":
            if blank_column and not name:
                continue  # an empty spacer column
            problems.append(
                f"{where(hr, c)}: nama pelaksana kosong; tulis nama pelaksana (misalnya Kepala Seksi) "
                "di judul setiap kolom pelaksana."
            )
            continue
        if any(name == other for _, other in lanes):
            problems.append(f"{where(hr, c)}: pelaksana \"{name}\" ditulis dua kali di judul kolom.")
            continue
        lanes.append((c, name))
    if not lanes and not problems:
        end = f"kolom {column_letter(lane_end)}" if lane_end <= width else "kolom terakhir"
        problems.append(
            f"{where(hr)}: tidak ada kolom pelaksana di antara kolom Kegiatan ({column_letter(kegiatan_col)}) "
            f"dan {end}; setiap pelaksana mendapat satu kolom dengan namanya di judul."
        )
    if problems:
        raise SheetError(problems)
    return lanes


# -- reading the steps ---------------------------------------------------------------

_NUMBER = re.compile(r"^\(?(\d+)\)?\.?$")


@dataclass
class Row:
    row: int
    no: int | None
    kegiatan: str
    pelaksana: list[str]
    values: dict[str, str]


def _row_number(sheet: Sheet, no_col: int, r: int, numbers: dict[int, int], problems: list[str]) -> int | None:
    """Row r's printed number from the No column (None when blank); `numbers` maps each to its row."""
    raw = sheet.cell(r, no_col)
    match = _NUMBER.match(raw)
    if raw and not match:
        problems.append(f"{where(r, no_col)}: \"{raw}\" bukan nomor langkah; tulis angka atau kosongkan.")
        return None
    if not match:
        return None
    number = int(match.group(1))
    if number in numbers:
        problems.append(
            f"{where(r, no_col)}: nomor {number} sudah dipakai di baris {numbers[number]}; "
            "setiap langkah punya nomor sendiri."
        )
    numbers[number] = r
    return number


def read_rows(sheet: Sheet, layout: Layout) -> list[Row]:
    rows: list[Row] = []
    problems: list[str] = []
    numbers: dict[int, int] = {}
    lane_cols = [c for c, _ in layout.lanes]
    lane_span = f"{column_letter(lane_cols[0])}–{column_letter(lane_cols[-1])}" if len(lane_cols) > 1 else column_letter(lane_cols[0])
    for r in range(layout.first_data_row, len(sheet.rows) + 1):
        texts = sheet.rows[r - 1]
        if not any(texts):
            continue
        first = _norm(next(t for t in texts if t))
        if first.startswith(("jumlah", "total")):
            break  # the Jumlah waktu footer ends the table
        kegiatan = sheet.cell(r, layout.kegiatan_col)
        repeated_header = _norm(kegiatan) == _norm(layout.labels["kegiatan"]) or all(
            sheet.cell(r, c) == name for c, name in layout.lanes
        )
        numbering_row = _NUMBER.match(kegiatan) and (not layout.no_col or _NUMBER.match(sheet.cell(r, layout.no_col)))
        if repeated_header or numbering_row:
            continue  # a header repeated on a new page, or the "(1) (2) (3)" column-number row
        if not kegiatan:
            problems.append(
                f"{where(r, layout.kegiatan_col)}: kegiatan kosong, padahal baris ini berisi; isi kegiatannya "
                "atau kosongkan seluruh baris."
            )
            continue
        marked = [name for c, name in layout.lanes if sheet.cell(r, c)]
        if not marked:
            problems.append(
                f"{where(r)}: tidak ada tanda di kolom pelaksana ({lane_span}); beri tanda (misalnya x) di kolom "
                "pelaksana yang mengerjakan langkah ini."
            )
        number = _row_number(sheet, layout.no_col, r, numbers, problems) if layout.no_col else len(rows) + 1
        values = {kind: sheet.cell(r, c) for kind, c in layout.columns.items()}
        rows.append(Row(r, number, kegiatan, marked, values))
    if problems:
        raise SheetError(problems)
    if not rows:
        raise SheetError([f"{where(layout.first_data_row)}: tidak ada langkah di bawah judul kolom; isi tabelnya dulu."])
    return rows


# -- writing the SOP -----------------------------------------------------------------


def sop_data(nama: str, layout: Layout, rows: list[Row]) -> dict[str, Any]:
    data: dict[str, Any] = {"nama": nama, "status": "draf"}
    labels = {}
    for key, text in layout.labels.items():
        default = LABEL_BAWAAN.get(key, key)
        if text and _norm(text) != _norm(default):
            labels[key] = text
    if labels:
        data["label"] = labels
    mutu = [k for k in ("kelengkapan", "waktu", "output") if k in layout.columns]
    if mutu != ["kelengkapan", "waktu", "output"]:
        data["kolom_mutu_baku"] = mutu
    unit_match = re.search(r"\(([^)]+)\)", layout.labels.get("waktu", ""))
    unit = known_unit(unit_match.group(1)) if unit_match else None
    if unit:
        data["satuan_waktu"] = unit  # "Waktu (menit)": bare numbers are minutes
    data["pelaksana"] = [name for _, name in layout.lanes]
    steps = []
    counter = 0
    for row in rows:
        step: dict[str, Any] = {}
        if row.no is None:
            step["no"] = None  # an unnumbered row, as on the form
        elif row.no != counter + 1:
            step["no"] = row.no
        if row.no is not None:
            counter = row.no
        step["kegiatan"] = row.kegiatan
        step["pelaksana"] = row.pelaksana[0] if len(row.pelaksana) == 1 else Flow(row.pelaksana)
        for kind in ("kelengkapan", "waktu", "output", "keterangan"):
            value = row.values.get(kind, "")
            if value and value != "-":
                step[kind] = Quoted(value) if kind == "waktu" else value
        steps.append(step)
    data["langkah"] = steps
    return data


def sop_text(source: Path, sheet: Sheet, data: dict[str, Any], schema_line: str, today: dt.date) -> str:
    origin = f"{source.name}" + (f", lembar \"{sheet.name}\"" if sheet.name else "")
    origin = strip_forbidden(one_line(origin))[0]  # a comment line: no line break, nothing the loader refuses
    head = [
        schema_line,
        f"# Diimpor dari {origin} dengan sop-portal import pada {today.isoformat()}.",
        "# Periksa dan lengkapi sebelum diterbitkan:",
        "# - identitas SOP (nomor, tanggal, disahkan_oleh, dasar_hukum, …) tidak ada di tabel;",
        "# - keputusan (simbol belah ketupat) tidak terbaca dari tabel: tambahkan cabang, misalnya",
        "#   cabang: {Ya: 5, Tidak: 3}, pada langkah keputusannya;",
        '# - status: draf belum tampil di portal; ganti menjadi "berlaku" setelah SOP disahkan.',
    ]
    joint = [n for n, step in enumerate(data.get("langkah", ()), start=1) if isinstance(step.get("pelaksana"), Flow)]
    if joint:
        head += [
            f"# - baris ke-{', '.join(str(n) for n in joint)} bertanda di beberapa kolom pelaksana: diimpor sebagai",
            "#   kegiatan bersama (garis putus-putus antara kolom yang tidak bersebelahan). Bila formulir",
            "#   menggambar beberapa simbol yang disambung panah, tulis ulang baris itu dengan bagan:",
            "#   bagan: [{pelaksana: A}, {pelaksana: B, teks: Setuju?, cabang: {Ya: 5, Tidak: 3}}]",
        ]
    head.append("# Panduan format: halaman /panduan/ portal ini (baris dengan beberapa simbol: /panduan/format/#bagan).")
    return "\n".join(head) + "\n" + dump(data)


def guess_name(sheet: Sheet, layout: Layout, source: Path) -> str:
    """The SOP's name from a 'Nama SOP' cell above the table, else from the file name."""
    for r in range(1, layout.header_rows[0]):
        row = sheet.rows[r - 1]
        for c, text in enumerate(row, 1):
            label, sep, rest = text.partition(":")
            if _norm(label) in ("nama sop", "nama prosedur", "judul sop"):
                if sep and rest.strip():
                    return rest.strip()
                after = next((t for t in row[c:] if t.strip(" :")), "")
                if after:
                    return after.strip(" :")
    words = re.sub(r"[-_]+", " ", source.stem).strip()
    return words[:1].upper() + words[1:] if words else "SOP"


@dataclass(frozen=True)
class Imported:
    sheet: Sheet
    nama: str
    text: str
    steps: int
    lanes: int
    notes: tuple[str, ...] = ()  # what was changed on the way (invisible characters removed), located


def convert(source: Path, *, nama: str | None, sheet_name: str | None, schema_line: str, today: dt.date) -> Imported:
    """Read a spreadsheet and return the SOP file text; raises SheetError when it does not fit."""
    suffix = source.suffix.lower()
    if suffix == ".csv":
        candidates = [read_csv(source)]
        if sheet_name:
            raise SheetError(["--lembar hanya berlaku untuk berkas .xlsx; berkas CSV hanya punya satu lembar."])
    elif suffix in (".xlsx", ".xlsm"):
        candidates = xlsx_sheets(source)
        if sheet_name:
            chosen = [s for s in candidates if s.name == sheet_name]
            if not chosen:
                names = ", ".join(f'"{s.name}"' for s in candidates)
                raise SheetError([f'lembar "{sheet_name}" tidak ada; lembar di berkas ini: {names}.'])
            candidates = chosen
    elif suffix == ".xls":
        raise SheetError(["format .xls (Excel 97–2003) tidak didukung; buka di Excel/LibreOffice lalu simpan sebagai .xlsx atau .csv."])
    else:
        raise SheetError([f'jenis berkas "{source.suffix or source.name}" tidak dikenal; yang bisa diimpor: .xlsx dan .csv.'])

    first_error: SheetError | None = None
    for sheet in candidates:
        try:
            layout = find_layout(sheet)
        except SheetError as exc:
            # Try the other sheets; report the first sheet's problem if none fits.
            first_error = first_error or _on_sheet(exc, sheet, len(candidates) > 1)
            continue
        try:
            rows = read_rows(sheet, layout)
        except SheetError as exc:
            raise _on_sheet(exc, sheet, len(candidates) > 1) from None
        name, found = strip_forbidden(nama or guess_name(sheet, layout, source))
        name = " ".join(name.split())
        notes = sheet.cleaned + ((f"nama SOP: karakter kendali tak terlihat ({', '.join(found)}) dihapus.",) if found else ())
        data = sop_data(name, layout, rows)
        text = sop_text(source, sheet, data, schema_line, today)
        _self_check(text, slugify(name))
        return Imported(sheet, name, text, len(rows), len(layout.lanes), notes)
    assert first_error is not None
    raise first_error


def _on_sheet(exc: SheetError, sheet: Sheet, several: bool) -> SheetError:
    if not (several and sheet.name):
        return exc
    return SheetError([f'lembar "{sheet.name}", {m}' for m in exc.messages])


def _self_check(text: str, slug: str) -> None:
    """The written file must load cleanly; anything else is a bug here, reported plainly."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{slug}.yml"
        path.write_text(text, encoding="utf-8")
        sop, errors = load_sop(path, Path(tmp), "impor")
        failed = [e for e in errors if e.level == "kesalahan"]
        if sop is None or failed:
            raise SheetError([f"hasil impor tidak lolos pemeriksaan: {e.format()}" for e in failed] or ["hasil impor tidak dapat dibaca."])
