"""Markdown bodies through an allowlist sanitiser (ARCHITECTURE.md, "Trust model"): content never runs script.

A performance document or a hand-written page is Markdown from many hands; Python-Markdown
passes raw HTML through (``<script>``, ``<img onerror>``, ``<svg onload>``) and ``attr_list``
lets ``## Judul {onmouseover="…"}`` add any attribute. Every such body is cleaned with `nh3`
(the Rust `ammonia` sanitiser, an allowlist, not regular expressions) before a template prints
it with ``| safe``. Kept: what documents need, i.e. headings with their ids, paragraphs, lists,
tables (with their ``text-align``), emphasis, code, quotes, admonitions (``div``/``p`` with
classes), abbreviations, links to http(s), mailto and the site itself, images from the site.
Dropped: scripts and styles with their content, event handlers, ``javascript:``/``data:`` URLs,
iframes, forms, SVG/MathML, images from other hosts (visitors are never sent elsewhere), ids
that would shadow the theme's own controls (``__search``…).

Python-Markdown writes ``<br />`` and ``&quot;``; the sanitiser ``<br>`` and ``"``. A body that
loses nothing to the sanitiser is kept byte for byte, so well-behaved content builds exactly as
before.
"""

from __future__ import annotations

import copy
import re

import nh3

TAGS = (set(nh3.ALLOWED_TAGS) - {"area", "map"}) | {"tfoot"}
ATTRIBUTES: dict[str, set[str]] = copy.deepcopy(nh3.ALLOWED_ATTRIBUTES)
ATTRIBUTES["*"] = {"id", "class", "title", "lang", "dir"}
ATTRIBUTES["a"] = ATTRIBUTES.get("a", set()) | {"title"}
ATTRIBUTES["details"] = {"open"}
ATTRIBUTES["img"] = ATTRIBUTES.get("img", set()) | {"title", "loading"}
for _cell in ("th", "td"):
    ATTRIBUTES[_cell] = ATTRIBUTES.get(_cell, set()) | {"style"}  # Markdown tables align with text-align
URL_SCHEMES = {"http", "https", "mailto"}
_ELSEWHERE = re.compile(r"^\s*(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//|\\\\)")
_SELF_CLOSED = re.compile(r"\s*/>")
_TEXT = re.compile(r">[^<>]*<")  # the text between two tags
_ALIGN = re.compile(r'style="text-align: ?(\w+);?"')


def _attribute(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src" and _ELSEWHERE.match(value):
        return None  # an image from another host would tell it who reads the portal
    if attribute == "id" and value.startswith("__"):
        return None  # Material's own controls (__drawer, __search, __toc) keep their ids
    return value


def clean(html: str) -> str:
    """`html` with everything outside the allowlist removed."""
    cleaned = nh3.clean(
        html,
        tags=TAGS,
        clean_content_tags={"script", "style", "template", "noscript", "textarea", "title", "xmp", "iframe"},
        attributes=ATTRIBUTES,
        attribute_filter=_attribute,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
        filter_style_properties={"text-align"},
    )
    # Nothing removed, only written another way: keep the original bytes.
    if _canonical(cleaned) == _canonical(html):
        return html
    return cleaned


def _canonical(html: str) -> str:
    """`html` with the serialisation choices the two writers differ in made the same: how a void
    element closes (``<br />``), how a table cell's alignment is spelt, and a quote escaped in text
    (``&quot;``, only between tags, where it means the same as ``"``)."""
    html = _ALIGN.sub(r'style="text-align:\1"', _SELF_CLOSED.sub(">", html))
    return _TEXT.sub(lambda m: m.group().replace("&quot;", '"').replace("&#39;", "'").replace("&#x27;", "'"), html)
