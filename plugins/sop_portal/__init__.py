"""Portal SOP: SOP AP and performance documents, as YAML/Markdown, into a static portal.

The package is layered; each subpackage may import only the ones listed before it
(``tests/test_layering.py`` holds the rule, ``ARCHITECTURE.md`` explains it):

``shared``
    Helpers every layer may use: Indonesian number/date formatting, the fork helper.
``format``
    The SOP file format core: YAML 1.2 reading with positions, located Indonesian
    errors, the frozen model, the loader, flow references, waktu arithmetic,
    keterkaitan, the JSON Schemas. Imports ``shared`` only.
``bagan``
    The swimlane flowchart: layout engine, lane-cell HTML and standalone SVG
    renderers, the drawing worker. Imports ``format`` and ``shared``.
``kinerja``
    Performance documents: front-matter model and loader, capaian and predikat,
    charts, what their pages show. Imports ``format`` and ``shared``.
``site``
    The MkDocs adapter (the only code that imports ``mkdocs`` or knows Material):
    plugin, typed options, generated pages, page views, frame, search, open data,
    feed, git dates, preview. Imported by nothing but its entry point.
``cli``
    The ``sop-portal`` command for staff. Imported by nothing but its entry point.

Naming rule: code is English. Indonesian is kept only for the domain's own nouns
that staff read on the paper form and in the YAML (``sop``, ``langkah``,
``pelaksana``, ``waktu``, ``kinerja``, ``capaian``, ``bagan``, ``keterkaitan``,
``instansi``, ``dokumen``, …), so a name in code matches the key in the file.
"""
