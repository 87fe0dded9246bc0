"""Capaian and predikat (ARCHITECTURE.md, "Capaian and predikat"): every formula case, exact arithmetic, raw vs shown."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from sop_portal.kinerja import capaian as cp


@pytest.mark.parametrize(
    "target, realisasi, arah, nilai, teks",
    [
        # naik: realisasi / target × 100
        (75, "78.2", "naik", Fraction(782, 750) * 100, "104,27%"),
        (85, "72.5", "naik", Fraction(725, 850) * 100, "85,29%"),
        (100, 100, "naik", Fraction(100), "100%"),
        # turun: (2 × target − realisasi) / target × 100
        (2, 1, "turun", Fraction(150), "150%"),
        (3, 4, "turun", Fraction(200, 3), "66,67%"),
        (14, 12, "turun", Fraction(16, 14) * 100, "114,29%"),
        # decimal comma, exactly
        ("0,75", "0,78", "naik", Fraction(104), "104%"),
    ],
)
def test_single_targets(target, realisasi, arah, nilai, teks):
    result = cp.hitung(target, realisasi, arah)
    assert result.nilai == nilai
    assert result.teks == teks
    assert result.tercapai == (nilai >= 100)


def test_range_naik_uses_the_bound_on_the_side_of_the_realisasi():
    above = cp.hitung("80-90", 92)
    assert above.acuan == 90 and above.nilai == Fraction(92, 90) * 100  # 102,22 %
    assert above.teks == "102,22%"
    below = cp.hitung("80-90", 70)
    assert below.acuan == 80 and below.nilai == Fraction(175, 2) and below.teks == "87,5%"
    assert not below.tercapai


def test_range_turun_matches_the_permenpan_worked_example():
    # target "7–8 bulan": realisasi 6,5 → (1 + (1 − 6,5/7)) × 100 = 107,14 %; realisasi 9 → 87,5 %
    assert cp.hitung("7-8", "6.5", "turun").nilai == (1 + (1 - Fraction(65, 70))) * 100
    assert cp.hitung("7-8", "6.5", "turun").teks == "107,14%"
    assert cp.hitung("7 s.d. 8", 9, "turun").nilai == Fraction(175, 2)


@pytest.mark.parametrize("realisasi", [80, 85, 90])
def test_inside_a_range_is_exactly_met_and_continuous_at_the_bounds(realisasi):
    for arah in ("naik", "turun"):
        result = cp.hitung("80 – 90", realisasi, arah)
        assert result.nilai == 100 and result.tercapai


@pytest.mark.parametrize(
    "realisasi, arah, tercapai, teks",
    [
        (0, "turun", True, "Tercapai"),
        (0, "naik", True, "Tercapai"),
        (2, "turun", False, "Tidak tercapai"),
        (3, "naik", True, "Tercapai"),
        (-1, "naik", False, "Tidak tercapai"),
    ],
)
def test_target_zero_never_divides(realisasi, arah, tercapai, teks):
    result = cp.hitung(0, realisasi, arah)
    assert result.nilai is None and result.tampil is None and result.mentah is None
    assert result.tercapai is tercapai
    assert result.teks == teks
    assert cp.predikat(result) is None  # no percentage, so no interval


def test_range_starting_at_zero_with_realisasi_zero_is_inside_the_range():
    assert cp.hitung("0-5", 0, "turun").nilai == 100


def test_raw_value_is_exact_and_displayed_value_is_rounded_half_up():
    result = cp.hitung(3, 2)  # 66,666… %
    assert result.nilai == Fraction(200, 3)
    assert result.tampil == Decimal("66.67")
    assert result.mentah == pytest.approx(66.6666666667)
    # half-up, not banker's rounding: 100,125 → 100,13
    assert cp.hitung(800, "801").tampil == Decimal("100.13")
    # no binary float noise: 78.2 is 782/10
    assert cp.exact(78.2) == Fraction(782, 10)
    assert cp.exact("78,2") == Fraction(782, 10)


def test_negative_capaian_is_kept_raw_but_shown_as_zero():
    result = cp.hitung(2, 5, "turun")  # (4 − 5) / 2 = −50 %
    assert result.nilai == -50
    assert result.tampil == Decimal("0.00")
    assert result.teks == "0%"
    assert cp.predikat(result) == "Sangat Kurang"


@pytest.mark.parametrize(
    "nilai, label",
    [
        (Fraction(150), "Sangat Baik"),  # above 100 %: the top level
        (Fraction(100), "Sangat Baik"),
        (Fraction(91), "Sangat Baik"),
        (Fraction(9099, 100), "Baik"),  # judged on the raw value, not the rounded one
        (Fraction(76), "Baik"),
        (Fraction(75), "Cukup"),
        (Fraction(66), "Cukup"),
        (Fraction(65), "Kurang"),
        (Fraction(51), "Kurang"),
        (Fraction(50), "Sangat Kurang"),
        (Fraction(0), "Sangat Kurang"),
    ],
)
def test_sampang_predikat_scale(nilai, label):
    assert cp.predikat(cp.Capaian(nilai, nilai >= 100, Fraction(1))) == label


def test_configured_scale_is_sorted_and_checked():
    skala = cp.skala_predikat([{"min": 0, "label": "Kurang"}, {"min": 85, "label": "Memuaskan"}, {"min": 65, "label": "Baik"}])
    assert [label for _, label in skala] == ["Memuaskan", "Baik", "Kurang"]
    assert cp.predikat(cp.hitung(100, 70), skala) == "Baik"
    # below every bound: the lowest label
    assert cp.predikat(cp.hitung(100, 70), cp.skala_predikat([{"min": 80, "label": "A"}, {"min": 75, "label": "B"}])) == "B"
    with pytest.raises(ValueError, match="min harus angka"):
        cp.skala_predikat([{"min": "tinggi", "label": "A"}])
    with pytest.raises(ValueError, match="min yang sama"):
        cp.skala_predikat([{"min": 50, "label": "A"}, {"min": 50, "label": "B"}])
    with pytest.raises(ValueError, match="kosong"):
        cp.skala_predikat([])
    with pytest.raises(ValueError, match="tingkat ke-1"):
        cp.skala_predikat([{"batas": 50, "label": "A"}])


def test_target_parsing():
    assert cp.target("80-90") == cp.Target(Fraction(80), Fraction(90))
    assert cp.target("80,5 – 90").bawah == Fraction(161, 2)
    assert cp.target("7 s.d. 8").teks == "7–8"
    assert cp.target(75).teks == "75" and not cp.target(75).rentang
    assert cp.parse_range("75") is None
    with pytest.raises(ValueError, match="lebih besar"):
        cp.target("90-80")
    with pytest.raises(ValueError):
        cp.target("banyak")
