"""Every test that drives Chromium carries `@pytest.mark.browser`, so `make test-fast`
(`-m "not browser"`) is a real fast lane. Read from the test sources, like the layering test."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent
# What only a Chromium test touches: the browser fixture, Playwright, Debian's Chromium binary.
CHROMIUM_NAMES = {"browser", "sync_playwright", "CHROMIUM"}


def _marked(decorators: list[ast.expr]) -> bool:
    return any("browser" in ast.unparse(d) and "mark" in ast.unparse(d) for d in decorators)


def _fixtures(tree: ast.Module) -> dict[str, ast.FunctionDef]:
    return {
        node.name: node
        for node in tree.body
        if isinstance(node, ast.FunctionDef) and any("fixture" in ast.unparse(d) for d in node.decorator_list)
    }


def _uses_chromium(func: ast.FunctionDef, fixtures: dict[str, ast.FunctionDef], seen: frozenset[str] = frozenset()) -> bool:
    params = {a.arg for a in func.args.args}
    names = {n.id for n in ast.walk(func) if isinstance(n, ast.Name)}
    if (params | names) & CHROMIUM_NAMES:
        return True
    return any(
        _uses_chromium(fixtures[p], fixtures, seen | {p}) for p in params if p in fixtures and p not in seen
    )


def unmarked(source: str, shared_fixtures: dict[str, ast.FunctionDef]) -> list[str]:
    tree = ast.parse(source)
    module_marked = any(
        isinstance(node, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == "pytestmark" for t in node.targets)
        and "browser" in ast.unparse(node.value)
        for node in tree.body
    )
    fixtures = {**shared_fixtures, **_fixtures(tree)}
    found = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
            if _uses_chromium(node, fixtures) and not (module_marked or _marked(node.decorator_list)):
                found.append(node.name)
    return found


def test_every_chromium_test_is_marked_browser():
    shared = _fixtures(ast.parse((TESTS / "conftest.py").read_text(encoding="utf-8")))
    found = [
        f"{path.name}::{name}"
        for path in sorted(TESTS.glob("test_*.py"))
        for name in unmarked(path.read_text(encoding="utf-8"), shared)
    ]
    assert found == []


def test_the_marker_check_can_fail():
    source = '''
import pytest

@pytest.fixture
def page(browser):
    return browser.new_page()

def test_unmarked(page):
    pass

@pytest.mark.browser
def test_marked(browser):
    pass

def test_no_browser(tmp_path):
    pass
'''
    assert unmarked(source, {}) == ["test_unmarked"]
    assert unmarked("import pytest\npytestmark = pytest.mark.browser\n" + source, {}) == []
