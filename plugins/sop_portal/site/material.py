"""What Material for MkDocs needs from the portal: titles escaped the way it prints them, and
the front matter of a generated page (its template, title and which sidebars to hide)."""

from __future__ import annotations

import json
from typing import Any

from markupsafe import escape

from .pages import PageSpec


def material_title(text: str) -> str:
    """A page or nav title for Material, which prints titles as HTML (<title>, the header, the
    nav): text agency staff typed ("Sarana & Prasarana", "nilai < 60") goes in escaped."""
    return str(escape(text))


def front_matter(spec: PageSpec) -> str:
    """The Markdown source of a generated page: front matter only, the template draws the rest."""
    meta: dict[str, Any] = {"template": spec.template, "title": material_title(spec.title)}
    if spec.hide:
        meta["hide"] = list(spec.hide)  # Material's `hide`: navigation, toc
    # JSON is YAML (a flow mapping) and json.dumps is C, where yaml.safe_dump is pure Python.
    return "---\n" + json.dumps(meta, ensure_ascii=False) + "\n---\n"
