"""Numbers and lines of text for drawings (SVG attributes, CSS lengths), shared by the flowchart
and the performance charts."""

from __future__ import annotations


def number(value: float, places: int = 2) -> str:
    """Compact: rounded to `places` decimals, no trailing zeros, no point for a whole number."""
    value = round(value, places)
    whole = int(value)
    return str(whole) if value == whole else f"{value:g}"


def wrap(text: str, width: int, max_lines: int | None = None) -> list[str]:
    """Greedy word wrap by character count (SVG text does not wrap by itself). A word longer than
    `width` gets a line of its own. With `max_lines`, the last kept line ends in an ellipsis."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    if max_lines is not None and len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: width - 1].rstrip() + "…"
    return lines
