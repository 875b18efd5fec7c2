# Everything a fresh machine needs, from one command. PYTHON may name any CPython 3.11-3.13.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)  ## install, then start the app on the built-in demo data
	$(BIN)/lumio-desktop --sandbox

test: $(STAMP)  ## install, then run every test headless
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check lumio_desktop tests bench

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .pytest_cache
