# Two commands on a fresh machine: `make demo` (the dashboard on the Twente demo data) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: setup demo test lint browser-deps bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

demo: setup
	$(BIN)/semon demo

# Debian's chromium for the browser tests (Playwright cannot download its own browser here).
browser-deps:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    (apt-get update -qq && apt-get install -y -qq chromium) >/dev/null; \
	  else echo "chromium ontbreekt: installeer Debian's pakket 'chromium' (browsertests worden anders overgeslagen)"; fi; \
	fi

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	@# On every core: 25 s in one process here, 14 s on two. Its pool sometimes leaves a semaphore that Python's
	@# resource tracker then warns about at exit: harmless, and not a finding of the lint.
	PYTHONWARNINGS="ignore:resource_tracker:UserWarning" $(BIN)/sqlfluff lint --processes 0 dbt_project

# Python's own default of keeping compiled modules (an environment may turn it off): each worker then reads the test
# modules pytest rewrote on a run before rather than rewriting them, 2 s of every run's start here.
test: setup browser-deps lint
	@start=$$(date +%s); env -u PYTHONDONTWRITEBYTECODE $(BIN)/pytest; status=$$?; \
	  echo "make test: $$(( $$(date +%s) - start )) s (pytest)"; exit $$status

bench: setup
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) warehouse/*.duckdb* data/demo data/rejected dbt_project/target dbt_project/logs
