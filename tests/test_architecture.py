"""Comments cite ARCHITECTURE.md by section name; every cited section exists, and nothing cites a
spec that is not in the repository (the old DESIGN.md § numbers, "reference §")."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CITING = ("plugins", "tests", "theme", "bench", ".github", "pyproject.toml", "Makefile")
SUFFIXES = {".py", ".html", ".css", ".js", ".yml", ".yaml", ".toml", ".md", ""}
# `ARCHITECTURE.md, "Flowchart"`, `ARCHITECTURE.md, "URLs" and "Search"`
CITATION = re.compile(r'ARCHITECTURE\.md, ((?:"[^"\n]+"(?:,? and |, )?)+)')


def headings(text: str) -> set[str]:
    found = set()
    for line in text.splitlines():
        match = re.match(r"^#{2,4} (.+)$", line)
        if match:
            title = match.group(1).strip()
            found.add(title)
            found.add(re.sub(r" \(.*\)$", "", title))  # "Rows with several symbols (`bagan`)"
    return found


def citations(text: str) -> list[str]:
    return [name for group in CITATION.findall(text) for name in re.findall(r'"([^"]+)"', group)]


def sources() -> list[Path]:
    files = []
    for name in CITING:
        path = ROOT / name
        if path.is_file():
            files.append(path)
        elif path.is_dir():
            files += [p for p in path.rglob("*") if p.is_file() and p.suffix in SUFFIXES and "__pycache__" not in p.parts and not any(part.endswith(".egg-info") for part in p.parts)]
    return [p for p in files if p.name != "test_architecture.py"]


def test_every_cited_section_exists():
    sections = headings((ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8"))
    missing = []
    cited = 0
    for path in sources():
        for name in citations(path.read_text(encoding="utf-8", errors="replace")):
            cited += 1
            if name not in sections:
                missing.append(f"{path.relative_to(ROOT)}: {name}")
    assert cited > 40  # the code does point into it
    assert missing == []


def test_no_comment_cites_a_spec_outside_the_repository():
    stale = re.compile(r"DESIGN\.md|reference §|reference/ecosystem")
    found = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in sources()
        for n, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1)
        if stale.search(line)
    ]
    assert found == []


def test_the_checks_can_fail():
    assert citations('see ARCHITECTURE.md, "URLs" and "Nowhere"') == ["URLs", "Nowhere"]
    assert "Nowhere" not in headings("## URLs\n### Rows with several symbols (`bagan`)\n")
    assert "Rows with several symbols" in headings("### Rows with several symbols (`bagan`)\n")
