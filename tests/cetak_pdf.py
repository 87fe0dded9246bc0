"""Reading a printed SOP back: what Chromium put on each sheet of its PDF (`pdftotext -bbox-layout`),
and what the built page planned (its `<tbody class="sop-lembar">` groups). Used by test_cetak.py."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path

from conftest import need_tool

MARGIN_PT = 10 / 25.4 * 72  # the @page margin (kertas.html)
# Sheet sizes in pt, landscape.
SHEETS = {"A4": (841.89, 595.28), "F4": (935.43, 609.45), "Letter": (792.0, 612.0)}


def tool(name: str) -> str:
    path = shutil.which(name)
    need_tool(path, name)
    return path


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass
class Sheet:
    width: float
    height: float
    words: list[Word]

    def texts(self) -> Counter:
        """The sheet's words, and the parts of hyphenated ones (a line may break after a hyphen)."""
        return Counter(w.text for w in self.words) + Counter(p for w in self.words if "-" in w.text for p in w.text.split("-") if p)

    def body(self) -> list[Word]:
        """Words inside the page box, above the foot margin (the permanent address sits below it)."""
        return [w for w in self.words if w.y0 < self.height - MARGIN_PT]

    def foot(self) -> list[Word]:
        return [w for w in self.words if w.y0 >= self.height - MARGIN_PT]


def sheets(pdf: Path) -> list[Sheet]:
    out = subprocess.run([tool("pdftotext"), "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    result = []
    for m in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', out, re.S):
        words = [
            Word(unescape(w.group(5)), float(w.group(1)), float(w.group(2)), float(w.group(3)), float(w.group(4)))
            for w in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', m.group(3))
        ]
        result.append(Sheet(float(m.group(1)), float(m.group(2)), words))
    return result


def _plain(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", " ", html))


@dataclass
class PlannedRow:
    anchor: str
    no: str
    text: str  # every text cell of the row (kegiatan, mutu baku, keterangan)


@dataclass
class PlannedPage:
    rows: list[PlannedRow]
    keluar: list[str] = field(default_factory=list)  # off-page connector labels at its foot
    masuk: list[str] = field(default_factory=list)  # and at its head
    skala: float = 1.0


@dataclass
class Chart:
    judul: str
    lanes: list[str]
    pages: list[PlannedPage]


def planned(html: str) -> list[Chart]:
    """The charts of a built SOP page with their planned printed pages."""
    charts = []
    for section in re.findall(r'<section class="sop-bagan".*?</section>', html, re.S):
        judul = _plain(re.search(r'<h2[^>]*class="sop-bagan__judul"[^>]*>(.*?)</h2>', section, re.S).group(1)).strip()
        lanes = [_plain(t).strip() for t in re.findall(r'<th scope="col" class="sop-tabel__lajur">(.*?)</th>', section, re.S)]
        pages = []
        for attrs, body in re.findall(r'<tbody class="sop-lembar"([^>]*)>(.*?)</tbody>', section, re.S):
            skala = re.search(r"--sop-skala-lembar:([\d.]+)", attrs)
            rows = []
            for anchor, tr in re.findall(r'<tr id="([^"]+)"[^>]*>(.*?)</tr>', body, re.S):
                no = _plain(re.search(r'<td class="sop-tabel__no">(.*?)</td>', tr, re.S).group(1)).strip()
                cells = re.findall(r'<td class="sop-tabel__(?:kegiatan|mutu|ket)">(.*?)</td>', tr, re.S)
                rows.append(PlannedRow(anchor, no, " ".join(_plain(c) for c in cells)))
            page = PlannedPage(rows, skala=float(skala.group(1)) if skala else 1.0)
            for label, where in re.findall(r'data-penghubung="([^"]+)" data-letak="(keluar|masuk)"', body):
                (page.keluar if where == "keluar" else page.masuk).append(label)
            pages.append(page)
        charts.append(Chart(judul, lanes, pages))
    return charts


def identity_blocks(html: str) -> list[str]:
    """The text of each planned sheet of page 1 (`<div class="sop-lembar-identitas">`, planned by
    site/kertas_identitas.py when the identity section is too long for one sheet); [] when it is one."""
    section = html[html.find('<section class="sop-identitas"'):html.find('<section class="sop-fakta"')]
    blocks = section.split('<div class="sop-lembar-identitas">')[1:]
    return [unescape(re.sub(r"<[^>]+>", " ", b)) for b in blocks]


def lowered(words: Counter) -> Counter:
    result: Counter = Counter()
    for k, v in words.items():
        result[k.lower()] += v
    return result


def words_of(text: str) -> Counter:
    """The words a reader must find: 3+ characters, as pdftotext splits them."""
    return Counter(p for w in text.split() for p in (w.split("-") if "-" in w else [w]) if len(p) >= 3)


def print_pdf(browser, url: str, out: Path) -> Path:
    page = browser.new_page()
    try:
        page.goto(url)
        # As a person prints: the page's own @page size, no "background graphics".
        out.write_bytes(page.pdf(prefer_css_page_size=True, print_background=False))
    finally:
        page.close()
    return out
