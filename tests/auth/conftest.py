from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _empty_no_keychain_fallback():
    """The vault's no-keychain fallback lives for the process; no test may see another's secrets in it."""
    yield
    from lumio_desktop.auth import vault

    if vault._fallback is not None:
        vault._fallback.clear()
