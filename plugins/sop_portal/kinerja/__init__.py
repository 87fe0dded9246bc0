"""Performance documents: model, capaian, charts, views (ARCHITECTURE.md, "kinerja")."""
