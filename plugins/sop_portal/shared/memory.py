"""Python's cyclic garbage collector around a bulk load.

Loading a portal makes millions of small objects and no garbage cycles; the collector would
rescan all of them again and again as they pile up (10,000 SOPs: 8 of 28 s of a build). While
`bulk_load()` runs nothing is collected; afterwards what was loaded is frozen, so no later
collection (while pages render) walks it again. The collector's own state is restored, and the
previous load's frozen objects (a `mkdocs serve` rebuild) are unfrozen first so they can go.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def bulk_load() -> Iterator[None]:
    gc.unfreeze()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
    gc.freeze()
