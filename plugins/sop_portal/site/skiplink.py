"""A "Lewati ke isi" skip link on every page, to the page's content (WCAG 2.4.1; no MkDocs import).

Material draws its skip link only on pages with a table of contents, and points it at the
first heading of that table: SOP pages (no table of contents) had none, so Tab walked the whole
header and sidebar first, and on an agency page it skipped the title and contact to land on
the first h2. Material's link sits in its base template outside any block, so, like
`markup.py`, this edits the rendered page: the skip slot gets one link, always to the content
article, which gets the matching id (and tabindex="-1", so focus moves there too). A page
without Material's slot or article is left as it is.
"""

from __future__ import annotations

import re

TARGET = "isi-utama"
_SLOT = re.compile(r'<div data-md-component="skip">.*?</div>', re.S)
_ARTICLE = '<article class="md-content__inner md-typeset">'
LINK = f'<div data-md-component="skip"><a href="#{TARGET}" class="md-skip">Lewati ke isi</a></div>'


def add_skip_link(html: str) -> str:
    slot = _SLOT.search(html) if _ARTICLE in html else None
    if slot is None:
        return html
    html = f"{html[:slot.start()]}{LINK}{html[slot.end():]}"  # the first slot, found once
    return html.replace(_ARTICLE, f'<article class="md-content__inner md-typeset" id="{TARGET}" tabindex="-1">', 1)
