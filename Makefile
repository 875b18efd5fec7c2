# Everything a fresh machine needs, from one command. PYTHON may name any CPython 3.11-3.13.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# the demo keeps its own store, apart from your real one
DEMO_DIR ?= demo-data

.PHONY: run test lint bench bundle clean system-deps

# Debian packages some tests use: a real Secret Service keychain (the vault's integration test) and the
# freedesktop validators. Installed when we are root on Debian; elsewhere those tests skip and say why.
SYSTEM_PKGS := gnome-keyring dbus desktop-file-utils appstream

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(MAKE) translations
	touch $(STAMP)

# The .ts catalogues are the source (committed); the app loads the compiled .qm files (not committed).
# The UI's strings and the engine's sentence templates (lumio_desktop/text.py); the sandbox speaks for the providers.
TS_SOURCES := $(sort $(shell find lumio_desktop -name '*.py' -not -path '*/sandbox/*'))

QM := $(patsubst %.ts,%.qm,$(wildcard resources/translations/*.ts))

.PHONY: translations lupdate
translations: $(QM)  ## compile resources/translations/*.ts to the .qm files the app loads

resources/translations/%.qm: resources/translations/%.ts
	$(BIN)/pyside6-lrelease -silent $< -qm $@

lupdate:  ## collect new UI strings into the .ts catalogues (then translate the unfinished ones)
	$(BIN)/pyside6-lupdate $(TS_SOURCES) -no-obsolete -locations relative -target-language pt_BR \
		-ts resources/translations/lumio_pt_BR.ts
	$(BIN)/pyside6-lupdate $(TS_SOURCES) -no-obsolete -locations relative -target-language en \
		-ts resources/translations/lumio_en.ts

run: $(STAMP) $(QM)  ## install, then start the app on the built-in demo data
	$(BIN)/lumio-desktop --sandbox --data-dir $(DEMO_DIR)

system-deps:
	@missing=$$(for p in $(SYSTEM_PKGS); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "installing $$missing"; \
		apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	elif [ -n "$$missing" ]; then echo "note: $$missing not installed; the tests that need them will skip"; fi

test: $(STAMP) $(QM) system-deps  ## install, then run every test headless
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check lumio_desktop tests bench

bundle: $(STAMP) $(QM)  ## a one-folder bundle of lumio-desktop in dist/lumio-desktop
	$(BIN)/pyinstaller --noconfirm --log-level WARN packaging/lumio-desktop.spec
	@du -sh dist/lumio-desktop

bench: $(STAMP)  ## install the bench extra, then run the eight benchmarks (JSON in bench/results/)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .pytest_cache
