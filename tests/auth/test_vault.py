"""The vault: keychain round trips, the in-memory fallback and its message, the opt-in backend setting."""

from __future__ import annotations

import keyring
import keyring.backends.fail
import pytest
from keyring.errors import KeyringError, NoKeyringError

from lumio_desktop.auth import vault as vault_mod
from lumio_desktop.auth.errors import VaultError
from lumio_desktop.auth.memory_keyring import MemoryKeyring
from lumio_desktop.auth.vault import NO_KEYCHAIN_MESSAGE, Credentials, TokenVault
from lumio_desktop.errors import SettingsError
from tests.auth.helpers import worded

CREDS = Credentials(
    access_token="acc-0123456789abcdef",
    refresh_token="ref-0123456789abcdef",
    expires_at=1_900_000_000.0,
    client_id="client-1",
    client_secret="sec-0123456789abcdef",
)


def test_round_trip_in_the_configured_keyring(memory_keyring):
    v = TokenVault()
    assert v.persistent and v.warning is None
    v.set(7, CREDS)
    assert memory_keyring.entries() == [("lumio-desktop", "connection-7")]
    assert TokenVault().get(7) == CREDS
    assert v.delete(7) is True
    assert v.get(7) is None
    assert v.delete(7) is False


def test_repr_never_shows_a_secret():
    text = repr(CREDS) + str(CREDS)
    for secret in CREDS.secrets():
        assert secret not in text


def test_fail_backend_falls_back_to_memory_with_the_message(caplog):
    caplog.set_level("INFO")
    keyring.set_keyring(keyring.backends.fail.Keyring())
    v = TokenVault()
    assert not v.persistent
    assert v.warning == NO_KEYCHAIN_MESSAGE == "no OS keychain found: tokens will be kept in memory for this run only"
    assert NO_KEYCHAIN_MESSAGE in caplog.text
    v.set(1, CREDS)
    # a second vault in the same process sees the same memory (the app's services agree)
    assert TokenVault().get(1) == CREDS
    v.delete(1)


class _NoKeychainAtRunTime(MemoryKeyring):  # stays non-viable: keyring registers every subclass globally

    def get_password(self, service, username, *_):
        raise NoKeyringError("no D-Bus session")

    set_password = delete_password = get_password


def test_no_keyring_error_on_first_use_falls_back():
    v = TokenVault(_NoKeychainAtRunTime())
    assert v.persistent
    v.set(2, CREDS)
    assert not v.persistent and v.warning == NO_KEYCHAIN_MESSAGE
    assert v.get(2) == CREDS
    assert v.delete(2)


class _Locked(MemoryKeyring):
    def set_password(self, service, username, password):
        raise KeyringError(f"locked while saving {password}")


def test_keychain_refusal_is_a_clear_error_without_secrets():
    with pytest.raises(VaultError) as e:
        TokenVault(_Locked()).set(3, CREDS)
    worded(e.value)
    assert "refused to save the credentials of connection 3" in str(e.value)
    for secret in CREDS.secrets():
        assert secret not in str(e.value)


def test_explicit_backend_from_settings(settings):
    s = settings.model_copy(update={"keyring_backend": "lumio_desktop.auth.memory_keyring.MemoryKeyring"})
    v = TokenVault.from_settings(s)
    assert isinstance(v.backend, MemoryKeyring) and v.warning is None
    bad = settings.model_copy(update={"keyring_backend": "no.such.Backend"})
    with pytest.raises(SettingsError, match="keyring_backend='no.such.Backend'") as e:
        TokenVault.from_settings(bad)
    worded(e.value)


def test_unreadable_item_says_reconnect(memory_keyring):
    memory_keyring.set_password("lumio-desktop", "connection-9", "not json")
    with pytest.raises(VaultError, match="reconnect the account") as e:
        TokenVault().get(9)
    worded(e.value)


def test_memory_keyring_is_never_chosen_by_keyring_itself():
    assert not MemoryKeyring.viable
    assert all(not isinstance(k, MemoryKeyring) for k in keyring.backend.get_all_keyring())
    assert vault_mod._is_unusable(keyring.backends.fail.Keyring())
