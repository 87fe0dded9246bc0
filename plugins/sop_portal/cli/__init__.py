"""The sop-portal command for staff (ARCHITECTURE.md, "cli")."""
