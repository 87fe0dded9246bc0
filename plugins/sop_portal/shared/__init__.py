"""Helpers every layer may use (no imports of the other subpackages)."""
