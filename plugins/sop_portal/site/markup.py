"""Finish every rendered page: valid HTML (ARCHITECTURE.md, "Quality bars": vnu, 0 errors) and no dead weight.

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

Templates (Material's nav macros most of all) also indent their output deeply: about 11 KB of a
15-step SOP page's 69 KB were indentation (ARCHITECTURE.md, "Quality bars": ≤ 60 KB). `compact` drops the spaces
that start a line. The line break stays, so whitespace between inline elements still renders as
one space; ``<pre>``, ``<textarea>`` and ``<script>`` keep theirs, where whitespace means
something.
"""

from __future__ import annotations

import re

from .skiplink import add_skip_link

_TOGGLES = (
    ('id="__drawer" autocomplete="off">', 'id="__drawer">'),
    ('id="__search" autocomplete="off">', 'id="__search">'),
)
_EMPTY_TABINDEX = ' tabindex="">'
_TOC_LABEL = '<label class="md-nav__title" for="__toc">'

# Elements whose text is kept exactly as written (split() keeps them as odd-numbered parts).
_VERBATIM = re.compile(r"(<(pre|textarea|script)\b.*?</\2\s*>)", re.S | re.I)
_INDENT = re.compile(r"\n[\n \t]+")  # a line break, then indentation and blank lines


def valid_html(html: str) -> str:
    """The page with Material's invalid attributes removed (see the module docstring)."""
    for before, after in _TOGGLES:
        html = html.replace(before, after, 1)
    html = html.replace(_EMPTY_TABINDEX, ">")
    if _TOC_LABEL in html and 'id="__toc"' not in html:
        html = html.replace(_TOC_LABEL, '<label class="md-nav__title">')
    return html


def compact(html: str) -> str:
    """The page without line-leading indentation and blank lines, outside verbatim elements."""
    parts = _VERBATIM.split(html)
    out = []
    # split() with two groups yields [text, whole element, tag name, text, …].
    for i in range(0, len(parts), 3):
        out.append(_INDENT.sub("\n", parts[i]))
        if i + 1 < len(parts):
            out.append(parts[i + 1])
    return "".join(out)


def finish(html: str) -> str:
    """What the plugin applies to every rendered HTML page (and a skip link, `skiplink.py`)."""
    return compact(add_skip_link(valid_html(html)))
