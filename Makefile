# Portal SOP — two commands on a fresh machine with Python 3 and make:
#   make site   build the portal into site/
#   make test   run the whole test suite
# and `make serve` for a live preview at http://127.0.0.1:8000/
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test check clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): $(STAMP) pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# A failed build publishes nothing: site/ is removed so no half-built portal is left to deploy.
site: $(STAMP)
	@$(BIN)/mkdocs build --strict -f site_config.yml || { rm -rf site; exit 1; }

serve: $(STAMP)
	$(BIN)/mkdocs serve --livereload -f site_config.yml

check: $(STAMP)
	$(BIN)/sop-portal check

test: $(TEST_STAMP)
	$(BIN)/python -m pytest

clean:
	rm -rf site .pytest_cache
