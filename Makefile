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
	touch $(STAMP)

run: $(STAMP)  ## install, then start the app on the built-in demo data
	$(BIN)/lumio-desktop --sandbox --data-dir $(DEMO_DIR)

system-deps:
	@missing=$$(for p in $(SYSTEM_PKGS); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "installing $$missing"; \
		apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	elif [ -n "$$missing" ]; then echo "note: $$missing not installed; the tests that need them will skip"; fi

test: $(STAMP) system-deps  ## install, then run every test headless
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check lumio_desktop tests bench

bundle: $(STAMP)  ## a one-folder bundle of lumio-desktop in dist/lumio-desktop
	$(BIN)/pyinstaller --noconfirm --log-level WARN packaging/lumio-desktop.spec
	@du -sh dist/lumio-desktop

bench: $(STAMP)  ## install the bench extra, then run the eight benchmarks (JSON in bench/results/)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .pytest_cache
