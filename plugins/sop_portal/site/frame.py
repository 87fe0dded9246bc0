"""A SOP page's frame: Material's page around the SOP, rendered once per build instead of once per SOP.

Every SOP page sits at the same depth, outside the nav, with no table of contents, so
everything Material draws around the SOP (head, header, sidebars, footer, scripts) is the
same on every SOP page but for three values: the title, the canonical address and the address
printed at the foot of every sheet (`paper_address`; the page's path when there is no canonical
address). Rendering
that frame took about half of a SOP page's template time: 2.4 ms a page whole, 1.3 ms framed
(bench/, N = 1,000, the two renders interleaved page by page).

`SopFrames` renders the frame once, with markers in place of the title, the canonical address, the sheets'
address and the SOP itself (`sop.html`'s ``sop_body`` block), and then gives each SOP page a
``sop_frame`` whose `before`/`after` put the page's own values in. ``sop.html`` extends
``sop-bingkai.html`` (the SOP between the two halves) when it has a frame, and Material's
page otherwise.

Safety: the frame is rendered with a stand-in page that notes every attribute the templates
read beyond the ones that are the same on every SOP page; a theme override that shows, say,
``page.file`` or ``page.edit_url`` in the frame disables it for the build. The first
`CHECKED_PAGES` pages that get a frame are also rendered whole and compared byte for byte; any
difference disables it too. Pages whose title is not plain text (`fits`) render whole.
No MkDocs import here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment
from markupsafe import Markup

TEMPLATE = "sop.html"
MAKER = "sop-bingkai-buat.html"  # sop.html with a marker for the SOP itself
# Whole-page renders compared with the framed ones before the frame is trusted.
CHECKED_PAGES = 2
_MARK = "\x00sop-frame:{}\x00"
_SLOTS = ("judul", "kanonik", "alamat", "isi")  # the title, the canonical address, the sheets' address, the SOP itself
_SLOT = re.compile("\x00sop-frame:(" + "|".join(_SLOTS) + ")\x00")
# Page attributes that are the same on every SOP page: generated from front matter alone,
# outside the nav, at one depth. Anything else read while the frame renders disables it.
# `url` differs, but MkDocs' `url` filter reads it for relative links, which depend only on the
# depth (frames are kept per depth); a template that prints it is caught by the comparison.
_SAME_ON_EVERY_SOP = frozenset(
    {"is_homepage", "toc", "previous_page", "next_page", "ancestors", "parent", "is_page", "is_section", "is_link", "active", "children", "url"}
)
_SAME_META = frozenset({"hide", "template"})
_PLAIN = re.compile(r"[^&<>\"']*")


@dataclass(frozen=True)
class Frame:
    """The frame's two halves, as literal text and the names of the slots between."""

    before_parts: tuple[str, ...]
    after_parts: tuple[str, ...]
    template: str = "sop-bingkai.html"

    def before(self, page: Any) -> Markup:
        return Markup(_fill(self.before_parts, page))

    def after(self, page: Any) -> Markup:
        return Markup(_fill(self.after_parts, page))


class RenderedOnce:
    """Template output that is the same on many pages (theme/main.html's sidebars of SOP pages):
    the first page renders it and hands it to `keep`, the others `get` it."""

    def __init__(self) -> None:
        self._html: dict[object, str] = {}

    def get(self, key: object) -> str | None:
        return self._html.get(key)

    def keep(self, key: object, html: str) -> str:
        return self._html.setdefault(key, html)


def _fill(parts: tuple[str, ...], page: Any) -> str:
    # split() with one group alternates text and slot names: [text, slot, text, slot, …, text].
    values = {"judul": page.title, "kanonik": page.canonical_url or "", "alamat": paper_address(page)}
    return "".join(part if i % 2 == 0 else values[part] for i, part in enumerate(parts))


def paper_address(page: Any) -> str:
    """The address at the foot of every printed sheet (partials/sop/kertas.html, context
    ``alamat_kertas``), so a paper copy leads back to the current version: the page's permanent
    address, or its path when the build has no site_url. Printed inside a CSS string, so without
    backslash, double quote or "<"."""
    address = page.canonical_url or page.url or ""
    return str(address).replace("\\", "").replace('"', "").replace("<", "")


def fits(page: Any) -> bool:
    """Whether the frame renders this page's values exactly as the templates would.

    They print a title raw in one place, escaped or through `striptags` in another; plain text
    (no ``&<>"'``, no leading, trailing or doubled spaces) comes out the same every way. Any
    other title, or an address with such characters, renders whole.
    """
    title, address = page.title or "", page.canonical_url or ""
    return bool(_PLAIN.fullmatch(title) and _PLAIN.fullmatch(address)) and " ".join(title.split()) == title


class SopFrames:
    """The SOP pages' frame for one build; `frame_for` decides page by page."""

    def __init__(self, env: Environment) -> None:
        self.env = env
        self.frames: dict[Any, Frame | None] = {}  # per depth (base_url); None: not usable
        self.checked = 0
        self.seen = 0

    def frame_for(self, context: dict[str, Any]) -> Frame | None:
        """The frame for the SOP page `context` renders, or None (the page renders whole).

        The first SOP page renders whole (it fills theme/main.html's nav cache the frame then
        reuses); the next makes the frame, and the `CHECKED_PAGES` after it are compared.
        """
        page = context["page"]
        self.seen += 1
        if self.seen == 1 or not fits(page):
            return None
        key = context.get("base_url")
        if key not in self.frames:
            # The page the frame is made from renders whole: a value wrongly baked into the
            # frame is its own, so only the next pages' comparison can show it.
            self.frames[key] = _make(self.env, context)
            return None
        frame = self.frames[key]
        if frame is None or self.checked >= CHECKED_PAGES:
            return frame
        self.checked += 1
        template = self.env.get_template(TEMPLATE)
        whole = template.render({**context, "sop_frame": None})
        if template.render({**context, "sop_frame": frame}) != whole:
            self.frames[key] = None
            return None
        return frame


class _StandInMeta(dict):
    """The page's front matter with a marker for its title. Keys a SOP page lacks are lacking on
    every SOP page (their front matter is generated, `pages.PageSpec`); a present key other
    than the title, `hide` and `template` may differ between pages and is noted."""

    def __init__(self, meta: dict[str, Any], noted: set[str]) -> None:
        super().__init__(meta)
        if "title" in self:
            self["title"] = _MARK.format("judul")
        self._noted = noted

    def _note(self, key: str) -> None:
        if key in self and key not in _SAME_META and key != "title":
            self._noted.add(f"meta.{key}")

    def __getitem__(self, key: str) -> Any:
        self._note(key)
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:
        self._note(key)
        return super().get(key, default)


class _StandInPage:
    """The page the frame renders with: markers for its title and canonical address."""

    def __init__(self, page: Any, noted: set[str]) -> None:
        self._page = page
        self._noted = noted
        self.title = _MARK.format("judul")
        self.canonical_url = _MARK.format("kanonik") if page.canonical_url else page.canonical_url
        self.meta = _StandInMeta(page.meta, noted)

    def __getattr__(self, name: str) -> Any:
        if name not in _SAME_ON_EVERY_SOP:
            self._noted.add(name)
        return getattr(self._page, name)


class _Unused:
    """A page-specific context value the frame must not read (the SOP's view, its documents)."""

    def __init__(self, name: str, noted: set[str]) -> None:
        self._name = name
        self._noted = noted

    def __getattr__(self, attr: str) -> Any:
        self._noted.add(self._name)
        return ""

    def __bool__(self) -> bool:
        self._noted.add(self._name)
        return False


def _make(env: Environment, context: dict[str, Any]) -> Frame | None:
    noted: set[str] = set()  # what the frame read that may differ between pages
    stand_in = {
        **context,
        "page": _StandInPage(context["page"], noted),
        "v": _Unused("v", noted),
        "kinerja": _Unused("kinerja", noted),
        "sop_frame": None,
        "alamat_kertas": _MARK.format("alamat"),
        "sop_bingkai_isi": Markup(_MARK.format("isi")),
    }
    html = env.get_template(MAKER).render(stand_in)
    if noted or html.count(_MARK.format("isi")) != 1:
        return None
    before, after = html.split(_MARK.format("isi"))
    return Frame(tuple(_SLOT.split(before)), tuple(_SLOT.split(after)))
