"""The SOP file format core: reading, validation, model, waktu (ARCHITECTURE.md, "format")."""
