"""The layout engine keeps the flowchart invariants for every sample SOP and for generated ones."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLE_SOPS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from layout_check import violations

from sop_portal.bagan.layout import layout, stretched
from sop_portal.format.loader import load_portal
from sop_portal.format.model import Cabang, Item, Langkah, Prosedur
from sop_portal.format.waktu import jumlah_waktu

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "sops"


def _charts():
    charts = []
    for folder in (SAMPLE_SOPS, FIXTURES):
        result = load_portal(folder, ROOT)
        assert not result.failed, [e.format() for e in result.errors]
        for sop in result.portal.sops:
            for n, prosedur in enumerate(sop.prosedur):
                charts.append(pytest.param(prosedur, id=f"{sop.slug}-{n + 1}"))
    return charts


CHARTS = _charts()


@pytest.mark.parametrize("rows_per_page", [0, 3, 7])
@pytest.mark.parametrize("prosedur", CHARTS)
def test_sample_sops_keep_the_invariants(prosedur, rows_per_page):
    lay = layout(prosedur, rows_per_page)
    assert violations(lay, prosedur) == []


def test_samples_cover_what_the_format_allows():
    """The fixtures exercise every feature the engine must draw (else the test above proves little)."""
    steps = [s for p in CHARTS for s in p.values[0].langkah]
    charts = [p.values[0] for p in CHARTS]
    assert any(len(s.pelaksana) > 1 for s in steps), "joint step"
    assert any(s.no is None for s in steps), "unnumbered row"
    assert any(s.teks for s in steps), "text in a symbol"
    assert any(len(s.cabang) > 2 for s in steps), "decision with three exits"
    assert any(len({c.label for c in s.cabang}) < len(s.cabang) for s in steps), "repeated branch label"
    assert any(any(c.ke == s.key for c in s.cabang) for s in steps), "branch back to itself"
    assert any(len(s.ke) > 1 for s in steps), "parallel paths"
    assert any(sum(s.simbol == "selesai" for s in p.langkah) >= 2 for p in charts), "two ends"
    assert any(sum(s.simbol == "mulai" for s in p.langkah) >= 2 for p in charts), "two starts"
    assert any({lane for s in p.langkah for lane in s.pelaksana} != set(p.pelaksana) for p in charts), "unused lane"
    big = max((p for p in charts if len(p.pelaksana) >= 6), key=lambda p: len(p.langkah))
    assert len(big.langkah) >= 20
    # Rows with several symbols (ARCHITECTURE.md, "Rows with several symbols").
    assert any(s.multi and len({i.pelaksana for i in s.items}) == 1 for s in steps), "stacked symbols in one lane"
    assert any(s.multi and len({i.pelaksana for i in s.items}) > 1 for s in steps), "symbols side by side"
    assert any(s.multi and sum(i.simbol == "mulai" for i in s.items) >= 2 for s in steps), "parallel starts in one row"
    assert any(s.multi and sum(i.simbol == "keputusan" for i in s.items) >= 2 for s in steps), "chained decisions"
    lanes_of = {p.pelaksana: p for p in charts}
    assert any(
        s.bersama and max(b - a for a, b in zip(idx, idx[1:])) > 1
        for p in lanes_of.values()
        for s in p.langkah
        if (idx := sorted(p.pelaksana.index(x) for x in s.pelaksana))
    ), "joint step on non-adjacent lanes"
    lay = layout(big, 7)
    back = [o for o in lay.offpages if not o.downward]
    assert back, "a back edge across a page break"


def test_layout_is_deterministic_and_stretchable():
    prosedur = max((p.values[0] for p in CHARTS), key=lambda p: len(p.langkah))
    a, b = layout(prosedur, 7), layout(prosedur, 7)
    assert a == b
    taller = stretched(a, [float(10 * (i % 3)) for i in range(len(a.rows))])
    assert violations(taller, prosedur) == []
    assert taller.height == a.height + sum(10 * (i % 3) for i in range(len(a.rows)))


def test_off_page_pairs_share_a_label_and_sit_on_both_sides_of_the_break():
    prosedur = max((p.values[0] for p in CHARTS), key=lambda p: len(p.langkah))
    lay = layout(prosedur, 7)
    assert lay.breaks == (7, 14, 21)
    assert [o.label for o in lay.offpages] == [chr(ord("A") + i) for i in range(len(lay.offpages))]
    for o in lay.offpages:
        boundary = lay.rows[o.break_row].top
        assert o.out.y1 <= boundary <= o.into.y0


# -- generated SOPs ------------------------------------------------------------------------

LABELS = ["Ya", "Tidak", "Ada", "Belum", "Revisi", "Lengkap", "Bukan wewenang"]


def _exits(draw, simbol: str, keys: list[str], follow: str | None):
    """(cabang, ke) of one item: a decision's branches, own `ke` targets, or the chain's next item."""
    if simbol == "keputusan":
        targets = draw(st.lists(st.sampled_from(keys), min_size=1, max_size=4))
        exits = [(draw(st.sampled_from([*LABELS, ""])), t) for t in targets]
        # The loader refuses an exit written twice (same label, same target): so does the model.
        return tuple(Cabang(label, t) for label, t in dict.fromkeys(exits)), ()
    if simbol == "selesai":  # an end capsule has no `ke` of its own: the row's chain runs through it, or ends
        return (), (() if follow is None else (follow,))
    if follow is None or draw(st.integers(0, 6)) == 0:
        return (), tuple(draw(st.lists(st.sampled_from(keys), min_size=1, max_size=3, unique=True)))
    return (), (follow,)


# Patterns of a row with several symbols (ARCHITECTURE.md, "Rows with several symbols"): (same lane as the previous item?, simbol).
PATTERNS = (
    ((False, "mulai"), (True, "proses")),  # a box opened by its own start capsule
    ((False, "proses"), (True, "keputusan")),  # a box, then a decision in the same lane
    ((False, "keputusan"), (False, "proses")),  # a decision, and on "Ya" a box in another lane
    ((False, "keputusan"), (False, "keputusan")),  # two chained decisions in two lanes
    ((False, "mulai"), (False, "mulai")),  # two parallel starts side by side
    ((False, "proses"), (True, "selesai")),  # a box closed by its own end capsule
    ((False, "selesai"), (False, "selesai"), (False, "selesai")),  # three end capsules in a row
)


@st.composite
def prosedur_st(draw) -> Prosedur:
    n_lanes = draw(st.integers(1, 7))
    lanes = tuple(f"Lajur {i + 1}" for i in range(n_lanes))
    n = draw(st.integers(2, 22))
    keys = [f"s{i}" for i in range(n)]
    steps = []
    for i in range(n):
        follow = keys[i + 1] if i < n - 1 else None
        form = draw(st.sampled_from(["satu"] * 12 + ["bersama", "bersama", "bagan", "bagan", "bagan"]))
        if form == "bersama" and n_lanes > 1:
            # A joint activity: any lanes, adjacent or not (one shape per lane, dashed joins between).
            chosen = draw(st.lists(st.sampled_from(lanes), min_size=2, max_size=n_lanes, unique=True))
            simbol = draw(st.sampled_from(["proses"] * 3 + ["keputusan", "selesai"]))
            simbol = "selesai" if follow is None else simbol
            cabang, ke = _exits(draw, simbol, keys, follow)
            items = [
                Item(key=keys[i] if j == 0 else f"{keys[i]}.{j + 1}", pelaksana=lane, simbol=simbol)
                for j, lane in enumerate(chosen)
            ]
            items[-1] = Item(key=items[-1].key, pelaksana=items[-1].pelaksana, simbol=simbol, cabang=cabang, ke=ke)
            bersama = True
        elif form == "bagan":
            pattern = draw(st.sampled_from(PATTERNS))
            item_keys = [keys[i] if j == 0 else f"{keys[i]}.{j + 1}" for j in range(len(pattern))]
            lane = draw(st.sampled_from(lanes))
            items = []
            for j, (same, simbol) in enumerate(pattern):
                if not same:
                    lane = draw(st.sampled_from(lanes))
                later = [k for k, (_, s) in zip(item_keys[j + 1 :], pattern[j + 1 :]) if s != "mulai"]
                nxt = later[0] if later else (None if simbol == "selesai" else follow)
                if simbol == "mulai" and j > 0 or pattern[-1][1] == "mulai":
                    nxt = draw(st.sampled_from(keys))  # parallel starts: each its own path
                cabang, ke = _exits(draw, simbol, keys + item_keys, nxt)
                teks = draw(st.one_of(st.none(), st.text("abcdefgh ?", min_size=1, max_size=20)))
                items.append(Item(key=item_keys[j], pelaksana=lane, simbol=simbol, teks=teks, cabang=cabang, ke=ke))
            bersama = False
        else:
            kind = draw(st.sampled_from(["proses"] * 5 + ["keputusan"] * 3 + ["selesai"]))
            simbol = "selesai" if follow is None else kind
            if i == 0 and simbol == "proses":
                simbol = "mulai"
            cabang, ke = _exits(draw, simbol, keys, follow)
            teks = draw(st.one_of(st.none(), st.text("abcdefgh ?", min_size=1, max_size=30)))
            items = [Item(key=keys[i], pelaksana=draw(st.sampled_from(lanes)), simbol=simbol, teks=teks, cabang=cabang, ke=ke)]
            bersama = False
        steps.append(
            Langkah(
                key=keys[i], index=i, no=i + 1, anchor=f"langkah-{i + 1}", kegiatan=f"Langkah {i + 1}",
                items=tuple(items), bersama=bersama,
            )
        )  # fmt: skip
    return Prosedur(None, lanes, tuple(steps), jumlah_waktu((), "menit"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prosedur_st(), st.sampled_from([0, 2, 5, 7]))
def test_generated_sops_keep_the_invariants(prosedur, rows_per_page):
    lay = layout(prosedur, rows_per_page)
    assert violations(lay, prosedur, vertices=False) == []
