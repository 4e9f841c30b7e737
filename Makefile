# The two commands of the README quick start: `make demo` and `make test`.
# Both install the exact versions pinned (with hashes) in requirements/*.txt; `make lock` refreshes the pins.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
LOCK_CORE := requirements/core.txt
LOCK_DEV := requirements/dev.txt
PIP := $(BIN)/python -m pip --disable-pip-version-check
# Resolve for every platform and for the oldest supported Python; the markers in the lock pick the rest.
UV_COMPILE := .venv-lock/bin/uv pip compile --universal --python-version 3.11 --generate-hashes --quiet

.PHONY: demo test docs lint lock bench clean browser-deps

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Core only: what a user of `palanca demo` needs. The package itself is installed without build isolation so that
# the locked setuptools builds it (no unpinned download at install time).
$(VENV)/.installed: $(LOCK_CORE) pyproject.toml | $(BIN)/python
	$(PIP) install --quiet --require-hashes -r $(LOCK_CORE)
	$(PIP) install --quiet --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.installed-dev: $(LOCK_DEV) pyproject.toml | $(BIN)/python
	$(PIP) install --quiet --require-hashes -r $(LOCK_DEV)
	$(PIP) install --quiet --no-deps --no-build-isolation -e .
	touch $(VENV)/.installed $@

demo: $(VENV)/.installed
	$(BIN)/palanca demo

# Headless Chromium + chromedriver for the dashboard's browser tests (tests/web, marker `browser`):
# installed with apt-get where missing and possible; otherwise those tests skip and say why.
browser-deps:
	@if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then :; \
	elif command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
	  (apt-get update -qq && apt-get install -y -qq chromium chromium-driver >/dev/null) \
	  || echo "could not install chromium/chromium-driver: browser tests will skip"; \
	elif command -v apt-get >/dev/null && sudo -n true 2>/dev/null; then \
	  (sudo apt-get update -qq && sudo apt-get install -y -qq chromium chromium-driver >/dev/null) \
	  || echo "could not install chromium/chromium-driver: browser tests will skip"; \
	else echo "chromium/chromium-driver missing and no root apt-get here: browser tests will skip"; fi

test: $(VENV)/.installed-dev browser-deps
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/lint-imports
	$(BIN)/python -m pytest

# The user guide and the API reference (mkdocs + mkdocstrings), built into ./site.
docs: $(VENV)/.installed-dev
	$(BIN)/mkdocs build --quiet -d site

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts

bench: $(VENV)/.installed
	$(BIN)/python bench/nafta.py

# Refresh the pins on purpose: newest releases allowed by pyproject.toml, for every platform, with hashes.
# The dev lock is resolved first; the core lock is constrained to it, so core versions are the dev versions.
lock:
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet --require-hashes -r requirements/tools.txt
	$(UV_COMPILE) --upgrade pyproject.toml requirements/build.in --extra dev -o $(LOCK_DEV)
	$(UV_COMPILE) pyproject.toml requirements/build.in -c $(LOCK_DEV) -o $(LOCK_CORE)
	rm -f $(VENV)/.installed $(VENV)/.installed-dev

clean:
	rm -rf $(VENV) .venv-lock .pytest_cache .ruff_cache
