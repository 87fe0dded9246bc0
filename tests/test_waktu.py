"""Unit tests for sop_portal.format.waktu: parsing one step's waktu and the Jumlah waktu total."""

from fractions import Fraction as F

import pytest

from sop_portal.format.waktu import (
    UNITS,
    Durasi,
    JumlahWaktu,
    format_durasi,
    jumlah_waktu,
    parse_waktu,
    known_unit,
)


def bagian(teks, default_unit="menit"):
    d = parse_waktu(teks, default_unit)
    assert d is not None, f"{teks!r} should parse"
    return d.bagian


def tetap(unit, n):
    """One fixed (non-range) part."""
    return (unit, F(n), F(n))


# --- units and aliases -------------------------------------------------------------------

def test_units_order_is_largest_first():
    """A total written smallest unit first comes out largest first, in the order of UNITS."""
    assert UNITS == ("tahun", "semester", "bulan", "minggu", "hari kerja", "hari", "jam", "menit")
    total = jumlah_waktu([f"1 {unit}" for unit in reversed(UNITS)], "menit").teks
    assert total == "1 tahun 1 semester 1 bulan 1 minggu 1 hari kerja 1 hari 1 jam 1 menit"


@pytest.mark.parametrize(
    "kata, unit",
    [
        ("menit", "menit"), ("Menit", "menit"), ("MENIT", "menit"), ("mnt", "menit"),
        ("Mnt", "menit"), ("mnt.", "menit"), ("min", "menit"),
        ("jam", "jam"), ("Jam", "jam"), ("jm", "jam"),
        ("hari", "hari"), ("hr", "hari"), ("Hr.", "hari"), ("hari kalender", "hari"),
        ("hari kerja", "hari kerja"), ("Hari Kerja", "hari kerja"), ("HK", "hari kerja"),
        ("hr kerja", "hari kerja"), ("  hari   kerja ", "hari kerja"),
        ("minggu", "minggu"), ("pekan", "minggu"), ("mgg", "minggu"),
        ("bulan", "bulan"), ("bln", "bulan"),
        ("semester", "semester"), ("smt", "semester"),
        ("tahun", "tahun"), ("thn", "tahun"), ("th", "tahun"),
    ],
)
def test_satuan_dikenal_aliases(kata, unit):
    assert known_unit(kata) == unit


@pytest.mark.parametrize("kata", ["", "detik", "Semesteran", "harian", "hari-hari", "menitan", None, 5])
def test_satuan_dikenal_rejects_unknown(kata):
    assert known_unit(kata) is None


@pytest.mark.parametrize(
    "teks, unit, n",
    [
        ("5 menit", "menit", 5), ("10 Menit", "menit", 10), ("15 mnt", "menit", 15),
        ("15 mnt.", "menit", 15), ("3 min", "menit", 3),
        ("1 jam", "jam", 1), ("2 Jam", "jam", 2), ("2 JAM", "jam", 2), ("3Jam", "jam", 3),
        ("1 jm", "jam", 1),
        ("1 hari", "hari", 1), ("14 Hari", "hari", 14), ("4 hr", "hari", 4), ("4hr", "hari", 4),
        ("1 Hari Kerja", "hari kerja", 1), ("30 hari kerja", "hari kerja", 30),
        ("3 HK", "hari kerja", 3), ("3hk", "hari kerja", 3), ("2 hr. kerja", "hari kerja", 2),
        ("1 minggu", "minggu", 1), ("2 Minggu", "minggu", 2),
        ("1 bulan", "bulan", 1), ("1 semester", "semester", 1), ("1 tahun", "tahun", 1),
        ("10 menit.", "menit", 10),  # a full stop closing the cell
        ("  1 jam  ", "jam", 1),
    ],
)
def test_parse_single_unit(teks, unit, n):
    assert bagian(teks) == (tetap(unit, n),)


@pytest.mark.parametrize(
    "teks, n",
    [("0,5 hari", F(1, 2)), ("1,5 jam", F(3, 2)), ("0.5 hari", F(1, 2)), ("2,25 jam", F(9, 4))],
)
def test_parse_decimal_comma_and_dot(teks, n):
    (unit, lo, hi), = bagian(teks)
    assert (lo, hi) == (n, n)
    assert isinstance(lo, F)


# --- ranges and multiplication -----------------------------------------------------------

@pytest.mark.parametrize(
    "teks, unit, lo, hi",
    [
        ("5-10 menit", "menit", 5, 10),
        ("5 - 10 menit", "menit", 5, 10),
        ("1 – 20 Hari Kerja", "hari kerja", 1, 20),  # en dash, as in the BPS corpus
        ("1—3 hari", "hari", 1, 3),  # em dash
        ("1-10 Hari", "hari", 1, 10),
        ("1 s.d. 3 hari", "hari", 1, 3),
        ("1 s.d 3 hari", "hari", 1, 3),
        ("1 s/d 3 hari", "hari", 1, 3),
        ("1 sd 3 hari", "hari", 1, 3),
        ("1 sampai 3 hari", "hari", 1, 3),
        ("1 sampai dengan 3 hari", "hari", 1, 3),
        ("1 hingga 2 minggu", "minggu", 1, 2),
        ("0,5-1 hari", "hari", F(1, 2), 1),
        ("1 jam - 2 jam", "jam", 1, 2),
    ],
)
def test_parse_range_forms(teks, unit, lo, hi):
    d = parse_waktu(teks)
    assert d is not None and d.is_range
    assert d.bagian == ((unit, F(lo), F(hi)),)


def test_parse_range_with_several_parts():
    d = parse_waktu("1 jam 30 menit - 2 jam")
    assert d.bagian == (("jam", F(1), F(2)), ("menit", F(30), F(0)))
    assert format_durasi(d.minimum) == "1 jam 30 menit"
    assert format_durasi(d.maximum) == "2 jam"


def test_bare_lower_bound_takes_unit_of_upper_bound():
    d = parse_waktu("1 - 1 jam 30 menit")
    assert d.bagian == (("jam", F(1), F(1)), ("menit", F(0), F(30)))


@pytest.mark.parametrize(
    "teks, unit, n",
    [("1 x 24 jam", "jam", 24), ("1 x 24 Jam", "jam", 24), ("1x24 jam", "jam", 24),
     ("2 X 24 Jam", "jam", 48), ("2 × 30 menit", "menit", 60), ("3 x 8jam", "jam", 24)],
)
def test_parse_multiplication(teks, unit, n):
    assert bagian(teks) == (tetap(unit, n),)


def test_multiplication_inside_range():
    assert bagian("1 x 24 jam - 2 x 24 jam") == (("jam", F(24), F(48)),)


def test_parse_several_parts_in_one_text():
    assert bagian("4 hr 3Jam 35 Menit") == (tetap("hari", 4), tetap("jam", 3), tetap("menit", 35))
    assert bagian("1 jam 30 menit") == (tetap("jam", 1), tetap("menit", 30))
    # written smallest first: still stored in UNITS order
    assert bagian("30 menit 1 jam") == (tetap("jam", 1), tetap("menit", 30))


# --- bare numbers and default_unit ------------------------------------------------------

@pytest.mark.parametrize(
    "teks, satuan, expected",
    [
        ("15", "menit", (tetap("menit", 15),)),
        ("15", "jam", (tetap("jam", 15),)),
        ("2", "Hari Kerja", (tetap("hari kerja", 2),)),
        ("0,5", "hari", (tetap("hari", F(1, 2)),)),
        ("5-10", "menit", (("menit", F(5), F(10)),)),
        ("1 s.d. 3", "hari", (("hari", F(1), F(3)),)),
        ("1 x 24", "jam", (tetap("jam", 24),)),
        ("3 hari", "jam", (tetap("hari", 3),)),  # an explicit unit wins over the default
    ],
)
def test_bare_numbers_use_satuan_bawaan(teks, satuan, expected):
    assert bagian(teks, satuan) == expected


def test_unknown_satuan_bawaan_is_an_error():
    with pytest.raises(ValueError, match="satuan waktu tidak dikenal"):
        parse_waktu("15", "detik")


# --- texts that are not understood ---------------------------------------------------------

@pytest.mark.parametrize(
    "teks",
    [
        "Sebelum periode revisi bulan berjalan",
        "Semesteran",
        "Setiap hari",
        "jam",  # a unit with no amount
        "± 10 menit",
        "10 menit per berkas",
        "1 jam 30",  # a bare number after a unit
        "5 menit - 10",  # which unit has 10?
        "1 jam 2 jam",  # the same unit twice is a typo, not a sum
        "10-5 menit",  # reversed range
        "1 hari - 20 jam",
        "1-2 x 24 jam",  # 1 jam or 24 jam? refuse to guess
        "1 - 2 - 3 hari",
        "1,5,3 jam",
        "x 24 jam",
        "1 x jam",
        "3 harian",
    ],
)
def test_unparsable_texts_give_none(teks):
    assert parse_waktu(teks) is None


@pytest.mark.parametrize("teks", [None, "", "   ", "-", " - ", "–", "—", "--"])
def test_empty_and_dash_give_none(teks):
    assert parse_waktu(teks) is None


# --- Durasi and format_durasi ------------------------------------------------------------

@pytest.mark.parametrize(
    "teks, tampil",
    [
        ("3 jam 35 menit", "3 jam 35 menit"),
        ("0,5 hari", "0,5 hari"),
        ("1.5 jam", "1,5 jam"),
        ("1 – 3 Hari Kerja", "1–3 hari kerja"),
        ("5-10 menit", "5–10 menit"),
        ("1 jam 30 menit - 2 jam", "1 jam 30 menit – 2 jam"),
        ("90 menit", "90 menit"),  # a single step is shown as written: no roll-up
        ("1 x 24 jam", "24 jam"),
    ],
)
def test_format_durasi(teks, tampil):
    assert format_durasi(parse_waktu(teks)) == tampil


def test_format_rounds_fractions_to_two_decimals():
    d = Durasi((("jam", F(1, 3), F(1, 3)),))
    assert format_durasi(d) == "0,33 jam"
    assert format_durasi(Durasi((("menit", F(2, 3), F(2, 3)),))) == "0,67 menit"


def test_is_range_and_dalam_menit():
    assert parse_waktu("5-10 menit").is_range
    assert not parse_waktu("1 jam 30 menit").is_range
    assert parse_waktu("1 jam 30 menit").in_minutes() == (F(90), F(90))
    assert parse_waktu("1-2 jam").in_minutes() == (F(60), F(120))
    assert parse_waktu("1 hari").in_minutes() is None  # a hari is not a fixed 24 jam here


@pytest.mark.parametrize(
    "salah",
    [
        (("menit", F(1), F(1)), ("jam", F(1), F(1))),  # not in UNITS order
        (("jam", F(1), F(1)), ("jam", F(2), F(2))),  # duplicate unit
        (("detik", F(1), F(1)),),  # unknown unit
        (("jam", F(0), F(0)),),  # zero entry
        (("jam", F(-1), F(1)),),  # negative amount
    ],
)
def test_durasi_rejects_malformed_bagian(salah):
    with pytest.raises(ValueError):
        Durasi(salah)


# --- jumlah_waktu ------------------------------------------------------------------------

def test_seed_002_perjanjian_kinerja_total():
    langkah = ["10 Menit", "15 Menit", "10 Menit", "120 Menit", "3 hari", "1 hari", "30 Menit", "30 Menit"]
    j = jumlah_waktu(langkah)
    assert j.teks == "4 hari 3 jam 35 menit"
    assert j.catatan is None
    assert j.minimum == j.maximum


def test_seed_004_penyusunan_lkip_total():
    langkah = ["1 hari", "1 hari", "1 hari", "1 hari", "2 hari", "3 hari", "2 hari", "0,5 hari",
               "1 hari", "1 hari", "1 hari", "0,5 hari"]
    assert jumlah_waktu(langkah).teks == "15 hari"


def test_seed_003_bare_minutes_total():
    langkah = ["15", "60", "25", "30", "120", "120", "240", "40", "60", "25", "10", "15", "25", "10"]
    j = jumlah_waktu(langkah, "menit")
    assert j.teks == "13 jam 15 menit"
    assert j.maximum.bagian == (tetap("jam", 13), tetap("menit", 15))


def test_bare_numbers_in_sum_follow_satuan_bawaan():
    assert jumlah_waktu(["1", "2", "30 menit"], "jam").teks == "3 jam 30 menit"


def test_hari_and_hari_kerja_stay_apart():
    j = jumlah_waktu(["1 hari", "2 hari kerja", "3 Hari", "1 HK"])
    assert j.teks == "3 hari kerja 4 hari"
    assert j.minimum.bagian == (tetap("hari kerja", 3), tetap("hari", 4))


@pytest.mark.parametrize(
    "langkah, teks",
    [
        (["30 menit", "45 menit"], "1 jam 15 menit"),
        (["60 menit"], "1 jam"),
        (["59 menit"], "59 menit"),
        (["20 jam", "10 jam"], "30 jam"),  # hours never roll into days
        (["1 x 24 jam", "1 x 24 jam"], "48 jam"),
        (["23 jam", "90 menit"], "24 jam 30 menit"),
        (["1 hari", "30 jam"], "1 hari 30 jam"),
        (["0,5 jam", "0,5 jam", "0,5 jam"], "1,5 jam"),  # fractional hours are not turned into minutes
        (["0,5 jam", "75 menit"], "1,5 jam 15 menit"),
        (["0,5 menit", "90 menit"], "1 jam 30,5 menit"),
        (["6 hari", "2 hari"], "8 hari"),  # days never roll into weeks
        (["3 minggu", "2 minggu"], "5 minggu"),  # nor weeks into months
        (["7 bulan", "6 bulan"], "13 bulan"),
        (["1 semester", "1 semester"], "2 semester"),
        (["1 tahun", "1 bulan", "1 semester"], "1 tahun 1 semester 1 bulan"),
    ],
)
def test_sum_rolls_only_minutes_into_hours(langkah, teks):
    assert jumlah_waktu(langkah).teks == teks


def test_range_sum():
    j = jumlah_waktu(["5-10 menit", "1 jam", "1 s.d. 2 jam", "0 - 50 menit"])
    assert j.teks == "2 jam 5 menit – 4 jam"
    assert j.minimum.bagian == (tetap("jam", 2), tetap("menit", 5))
    assert j.maximum.bagian == (tetap("jam", 4),)


def test_range_sum_example_from_brief():
    j = jumlah_waktu(["5 menit", "1 jam - 2 jam"])
    assert j.teks == "1 jam 5 menit – 2 jam 5 menit"
    j = jumlah_waktu(["1 jam 5 menit - 2 jam"])
    assert j.teks == "1 jam 5 menit – 2 jam"


def test_range_sum_keeps_hari_kerja_range():
    assert jumlah_waktu(["1 – 20 Hari Kerja", "3 hari kerja"]).teks == "4 hari kerja – 23 hari kerja"


def test_empty_and_dash_are_skipped_without_a_note():
    j = jumlah_waktu(["10 menit", None, "", "-", " – ", "5 menit"])
    assert j.teks == "15 menit"
    assert j.tidak_dihitung == ()
    assert j.catatan is None


def test_nothing_counted_gives_empty_text():
    j = jumlah_waktu([None, "-", ""])
    assert j.teks == ""
    assert j.catatan is None
    assert jumlah_waktu([]).teks == ""


def test_unparsable_step_is_left_out_with_a_note():
    j = jumlah_waktu(["1 hari", "Sebelum periode revisi bulan berjalan", "2 hari"])
    assert j.teks == "3 hari"
    assert j.tidak_dihitung == ("Sebelum periode revisi bulan berjalan",)
    assert j.catatan == (
        'Tidak termasuk 1 langkah yang waktunya tidak dapat dihitung: '
        '"Sebelum periode revisi bulan berjalan".'
    )


def test_note_counts_steps_and_quotes_each_text_once():
    j = jumlah_waktu(["Semesteran", "1 jam", "Setiap  hari", "Semesteran"])
    assert j.tidak_dihitung == ("Semesteran", "Setiap hari", "Semesteran")
    assert j.catatan == (
        'Tidak termasuk 3 langkah yang waktunya tidak dapat dihitung: "Semesteran", "Setiap hari".'
    )
    assert j.teks == "1 jam"


def test_only_unparsable_steps():
    j = jumlah_waktu(["Semesteran"])
    assert j.teks == ""
    assert j.catatan is not None and "1 langkah" in j.catatan


def test_jumlah_waktu_accepts_a_generator_and_is_frozen():
    j = jumlah_waktu(t for t in ["10 menit", "20 menit"])
    assert isinstance(j, JumlahWaktu)
    assert str(j) == "30 menit"
    with pytest.raises(AttributeError):
        j.tidak_dihitung = ("x",)  # type: ignore[misc]
