"""Make the markup Material for MkDocs generates valid HTML (DESIGN.md §8: vnu, 0 errors).

Material 9.x writes three things the Nu Html Checker rejects. They sit in its base template
(outside any block) and in its nav partials, so overriding them would mean copying those
templates into `theme/` and keeping the copies in step with Material; a few exact string
edits on the rendered page do the same job and fail safe (no match, no change):

* ``<input type="checkbox" … autocomplete="off">`` (the drawer and search toggles):
  ``autocomplete`` is not allowed on checkboxes. Material adds it so that Firefox does not
  restore the toggles' state on reload; the toggles are closed on every load anyway.
* ``<label … tabindex="">`` (section labels with ``navigation.sections``): an empty tabindex
  is not an integer. Browsers ignore it, so removing it changes nothing.
* ``<label class="md-nav__title" for="__toc">`` on pages whose ``__toc`` toggle Material did
  not render (pages outside the nav): a label must point at an existing control. Without the
  ``for`` it is the same caption, pointing nowhere.
"""

from __future__ import annotations

_TOGGLES = (
    ('id="__drawer" autocomplete="off">', 'id="__drawer">'),
    ('id="__search" autocomplete="off">', 'id="__search">'),
)
_EMPTY_TABINDEX = ' tabindex="">'
_TOC_LABEL = '<label class="md-nav__title" for="__toc">'


def valid_html(html: str) -> str:
    """The page with Material's invalid attributes removed (see the module docstring)."""
    for before, after in _TOGGLES:
        html = html.replace(before, after, 1)
    html = html.replace(_EMPTY_TABINDEX, ">")
    if _TOC_LABEL in html and 'id="__toc"' not in html:
        html = html.replace(_TOC_LABEL, '<label class="md-nav__title">')
    return html
