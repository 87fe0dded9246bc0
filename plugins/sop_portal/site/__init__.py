"""The MkDocs adapter: the only code that imports mkdocs (ARCHITECTURE.md, "site")."""
