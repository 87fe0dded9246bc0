"""The gate (ARCHITECTURE.md, "Quality bars"): ruff and mypy over plugins/ with 0 findings.

Their settings live in pyproject.toml: ruff with a complexity limit (mccabe, max 12), mypy
strict on the format core and the flowchart (``sop_portal.format``, ``sop_portal.bagan``),
normal elsewhere. ``make lint`` runs the same two commands. Under CI=true a missing tool fails.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import need

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CONFIG = ROOT / "pyproject.toml"


def _ruff() -> str:
    path = BIN / "ruff"
    found = str(path) if path.exists() else shutil.which("ruff")
    need(found is not None, "ruff not found; pip install -e '.[test]'")
    return str(found)


def _mypy() -> list[str]:
    ok = subprocess.run([sys.executable, "-c", "import mypy"], capture_output=True).returncode == 0
    need(ok, "mypy not found; pip install -e '.[test]'")
    return [sys.executable, "-m", "mypy"]


def _run(cmd: list[str], cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)


def test_ruff_finds_nothing():
    result = _run([_ruff(), "check", "--no-cache", "--output-format", "concise", "plugins"])
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing(tmp_path):
    result = _run([*_mypy(), "--cache-dir", str(tmp_path / "cache")])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success" in result.stdout


# -- the gate can fail ---------------------------------------------------------------------


def test_ruff_refuses_a_function_too_complex(tmp_path):
    """Thirteen branches (complexity 14) are over the limit; the same with twelve is not."""
    branches = "\n".join(f"    if x == {i}:\n        return {i}" for i in range(13))
    (tmp_path / "deep.py").write_text(f"def deep(x):\n{branches}\n    return -1\n")
    result = _run([_ruff(), "check", "--no-cache", "--config", str(CONFIG), "--output-format", "concise", "deep.py"], tmp_path)
    assert "C901" in result.stdout and "deep" in result.stdout, result.stdout
    shallow = "\n".join(f"    if x == {i}:\n        return {i}" for i in range(11))
    (tmp_path / "deep.py").write_text(f"def deep(x):\n{shallow}\n    return -1\n")
    assert _run([_ruff(), "check", "--no-cache", "--config", str(CONFIG), "deep.py"], tmp_path).returncode == 0


def _mypy_on(tmp_path: Path, layer: str, source: str) -> subprocess.CompletedProcess[str]:
    package = tmp_path / "sop_portal" / layer
    package.mkdir(parents=True)
    (tmp_path / "sop_portal" / "__init__.py").write_text("")
    (package / "__init__.py").write_text("")
    (package / "probe.py").write_text(source)
    return _run(
        [*_mypy(), "--config-file", str(CONFIG), "--cache-dir", str(tmp_path / "cache"), "sop_portal/" + layer + "/probe.py"],
        tmp_path,
    )


UNTYPED = "def half(x):\n    return x / 2\n"


def test_mypy_is_strict_on_the_format_core_and_the_flowchart(tmp_path):
    for layer in ("format", "bagan"):
        result = _mypy_on(tmp_path / layer, layer, UNTYPED)
        assert result.returncode == 1 and "no-untyped-def" in result.stdout, result.stdout


def test_mypy_is_normal_on_the_adapter(tmp_path):
    """An untyped helper in the site adapter passes; a wrong type there still does not."""
    assert _mypy_on(tmp_path / "a", "site", UNTYPED).returncode == 0
    wrong = _mypy_on(tmp_path / "b", "site", "def f() -> int:\n    return 'x'\n")
    assert wrong.returncode == 1 and "return-value" in wrong.stdout, wrong.stdout
