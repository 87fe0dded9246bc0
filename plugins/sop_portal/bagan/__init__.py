"""The swimlane flowchart: layout engine and renderers (ARCHITECTURE.md, "bagan")."""
