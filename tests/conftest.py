"""Shared fixtures: a fresh data dir per test, no leaking user settings, Qt offscreen."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # headless, whatever the shell says

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path_factory, monkeypatch):
    """No test reads the developer's own settings file or LUMIO_* variables."""
    for k in list(os.environ):
        if k.startswith("LUMIO_"):
            monkeypatch.delenv(k)
    cfg = tmp_path_factory.mktemp("config")
    monkeypatch.setenv("LUMIO_CONFIG_FILE", str(cfg / "settings.toml"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("xdg-data")))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(cfg))


@pytest.fixture
def data_dir(tmp_path):
    d = tmp_path / "data"
    d.mkdir()
    return d


@pytest.fixture
def settings(data_dir):
    from lumio_desktop.config import load_settings

    return load_settings(data_dir=data_dir)


@pytest.fixture
def store(settings):
    from lumio_desktop.store import open_store

    s = open_store(settings)
    yield s
    s.close()


@pytest.fixture(autouse=True)
def memory_keyring():
    """Every test gets a fresh in-memory keyring: no test touches (or depends on) a real OS keychain."""
    import keyring

    from lumio_desktop.auth.memory_keyring import MemoryKeyring

    previous = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(previous)
