"""Cheaper ``x.name`` in templates whose ``x`` is a plain dict (no MkDocs import).

The views (views.py, sekilas.py, …) hand the templates plain dicts, and the templates read them
as ``row.langkah``, ``v.fakta.langkah``. Jinja's `Environment.getattr` first tries the Python
attribute, which a dict does not have: every such lookup raised and caught an AttributeError
before reading the item, ~0.9 µs against ~0.1 µs, and a SOP page makes several hundred of them
(issue #21). For a plain dict (not a subclass) and a name that is not one of dict's own
attributes (``items``, ``get``, … still resolve to the methods, as in Jinja), the item is read
directly; a missing key gives the same Undefined as Jinja's fallback. Everything else goes
through Jinja's own method. Same results, the same pages byte for byte.
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment

_DICT_NAMES = frozenset(dir(dict))  # a plain dict's only attributes: its class's


def quick_dict_lookups(env: Environment) -> None:
    """Give `env` the lookup above (an instance attribute: compiled templates call ``environment.getattr``)."""
    jinja_getattr = env.getattr

    def getattr_(obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_NAMES:
            try:
                return obj[attribute]
            except KeyError:
                return env.undefined(obj=obj, name=attribute)
        return jinja_getattr(obj, attribute)

    vars(env)["getattr"] = getattr_
