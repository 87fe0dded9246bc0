"""buku.assemble copies each SOP's official part into the agency's book in one pass (issue #21:
the four-regex copy took 3.5 s of a 1,000-SOP build): ids and what names them get the SOP's
prefix, relative links are rebased onto the book, Pagefind's markers go, the rest is untouched."""

from __future__ import annotations

from sop_portal.site import buku

BOOK = '<article><div class="buku-daftar__lembar"><!--sop-buku-halaman:0:mulai-->/<!--sop-buku-halaman:0:jumlah--></div>' + buku.ISI + "</article>"


def sop_page(body: str) -> str:
    return f'<html><body data-pagefind-body><p id="luar">x</p>{buku.RESMI}{body}{buku.RESMI_END}</body></html>'


def test_ids_and_their_references_get_the_sops_prefix():
    body = (
        '<table id="t" aria-describedby="a b"><th id="h">N</th><td headers="h">1</td></table>'
        '<label for="f">L</label><a href="#t">ke tabel</a><a href="#">atas</a>'
    )
    book = buku.assemble(BOOK, [sop_page(body)], ["sop/dinas/satu/"], "instansi/dinas/buku/")
    assert ' id="s1-t" aria-describedby="s1-a s1-b"' in book
    assert ' id="s1-h"' in book and ' headers="s1-h"' in book and ' for="s1-f"' in book
    assert ' href="#s1-t"' in book and ' href="#s1-"' in book
    assert 'id="luar"' not in book  # only the official part is copied


def test_links_are_rebased_onto_the_book_and_foreign_ones_kept():
    body = (
        '<a href="../dua/">SOP dua</a><img src="../../../gambar/logo.png" alt="">'
        '<a href="https://contoh.go.id/">luar</a><a href="/mutlak/">mutlak</a><a href="mailto:a@b.id">surel</a>'
    )
    book = buku.assemble(BOOK, [sop_page(body)], ["sop/dinas/satu/"], "instansi/dinas/buku/")
    assert ' href="../../../sop/dinas/dua/"' in book
    assert ' src="../../../gambar/logo.png"' in book  # same depth: the same relative path
    assert ' href="https://contoh.go.id/"' in book and ' href="/mutlak/"' in book and ' href="mailto:a@b.id"' in book


def test_pagefind_markers_go_and_other_data_attributes_stay():
    body = '<h2 data-pagefind-meta="nomor" data-sop-lajur="2" data-pagefind-ignore>Judul</h2><tbody class="sop-lembar">'
    book = buku.assemble(BOOK, [sop_page(body), sop_page(body)], ["sop/d/a/", "sop/d/b/"], "instansi/d/buku/")
    assert "data-pagefind" not in book  # the book is not indexed again
    assert book.count('<h2 data-sop-lajur="2">Judul</h2>') == 2
    assert '<section class="buku-sop" aria-label="SOP 2">' in book
    assert "3/2" in book  # cover, daftar isi, then SOP 1 on sheet 3 (two sheets: identity + one page)
