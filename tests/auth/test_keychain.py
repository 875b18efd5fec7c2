"""The vault against a real Secret Service keychain (gnome-keyring), headless, under its own D-Bus session.

Needs the Debian packages `gnome-keyring` and `dbus` (for dbus-run-session): `apt-get install -y gnome-keyring dbus`.
Skipped, with the reason, where they are missing (macOS/Windows developers, a bare CI image).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.keychain

SCRIPT = textwrap.dedent(
    """
    import keyring, sys
    from keyring.backends import SecretService
    from lumio_desktop.auth.vault import Credentials, TokenVault

    backend = keyring.get_keyring()
    assert isinstance(backend, SecretService.Keyring), f"expected the Secret Service backend, got {backend!r}"
    v = TokenVault()
    assert v.persistent and v.warning is None
    creds = Credentials(access_token="kc-access-0123456789", refresh_token="kc-refresh-0123456789",
                        expires_at=1900000000.0, client_id="cid", client_secret="kc-secret-0123456789")
    v.set(41, creds)
    assert TokenVault().get(41) == creds, "read back differs"
    # a second process-level object sees it through the keychain itself, not through our memory
    assert keyring.get_password("lumio-desktop", "connection-41") is not None
    v.set(41, creds.replace(refresh_token="kc-refresh-rotated-0001"))
    assert TokenVault().get(41).refresh_token == "kc-refresh-rotated-0001"
    assert v.delete(41) is True and v.get(41) is None and v.delete(41) is False
    print("KEYCHAIN-OK", type(backend).__module__)
    """
)


def test_vault_round_trip_in_gnome_keyring(tmp_path):
    missing = [tool for tool in ("dbus-run-session", "gnome-keyring-daemon") if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"{' and '.join(missing)} not installed (apt-get install -y gnome-keyring dbus)")
    script = tmp_path / "keychain_check.py"
    script.write_text(SCRIPT)
    home = tmp_path / "home"
    home.mkdir()
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),  # a throwaway login keyring, never the developer's own
        "XDG_DATA_HOME": str(home / ".local/share"),
        "XDG_RUNTIME_DIR": str(tmp_path),
        "PYTHONPATH": os.pathsep.join(p for p in sys.path if p),
    }
    inner = (
        "printf lumio-test-pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null && "
        f"exec {sys.executable} {script}"
    )
    proc = subprocess.run(["dbus-run-session", "--", "sh", "-c", inner], capture_output=True, text=True,
                          env=env, timeout=60)
    assert proc.returncode == 0 and "KEYCHAIN-OK" in proc.stdout, proc.stdout + proc.stderr
