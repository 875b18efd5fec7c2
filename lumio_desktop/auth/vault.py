"""The token vault: a connection's secrets in the OS keychain (through `keyring`), never anywhere else.

Public API:
- `Credentials`: frozen dataclass of one connection's secrets and token facts: `access_token`, `refresh_token`,
  `expires_at` (epoch seconds or None: Salesforce and static tokens give no lifetime), `client_id`, `client_secret`,
  `token_type`, `scope`. Its repr never shows a secret.
- `TokenVault(backend=None, *, service="lumio-desktop")` and `TokenVault.from_settings(settings)`:
  `get(connection_id) -> Credentials | None`, `set(connection_id, credentials)`, `delete(connection_id) -> bool`.
  `vault.persistent` is False when secrets live only in this process; `vault.warning` then holds
  `NO_KEYCHAIN_MESSAGE`, which the CLI and the app must show.

Choice of backend: an explicit `backend` argument wins; else `settings.keyring_backend` (a dotted class name the user
chose, e.g. a file backend from keyrings.alt: their explicit opt-in, never a dependency of ours); else keyring's own
choice. When keyring has no usable backend (headless Linux: the "fail" backend, or NoKeyringError on first use) the
vault keeps secrets in memory for this run only and says so.

One keychain item per connection (service "lumio-desktop", user "connection-<id>"), holding a small JSON object:
writing the access token and a rotated refresh token is then one atomic keychain write.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import threading
import time
from dataclasses import dataclass
from typing import Any

import keyring
import keyring.backends.chainer
import keyring.backends.fail
import keyring.core
from keyring.backend import KeyringBackend
from keyring.errors import KeyringError, NoKeyringError, PasswordDeleteError

from lumio_desktop.auth import words
from lumio_desktop.auth.errors import VaultError
from lumio_desktop.auth.memory_keyring import MemoryKeyring
from lumio_desktop.auth.redact import redact_text, register_secret
from lumio_desktop.errors import SettingsError

log = logging.getLogger(__name__)

SERVICE = "lumio-desktop"
NO_KEYCHAIN_MESSAGE = words.NO_KEYCHAIN()

# One in-memory store per process, shared by every vault that had to fall back, so the app's services agree.
_fallback_lock = threading.Lock()
_fallback: MemoryKeyring | None = None


def _fallback_keyring() -> MemoryKeyring:
    global _fallback
    with _fallback_lock:
        if _fallback is None:
            _fallback = MemoryKeyring()
        return _fallback


@dataclass(frozen=True)
class Credentials:
    access_token: str | None = None
    refresh_token: str | None = None
    expires_at: float | None = None  # epoch seconds; None = the provider gave no lifetime
    client_id: str | None = None
    client_secret: str | None = None
    token_type: str = "Bearer"
    scope: str | None = None

    def __repr__(self) -> str:  # secrets stay out of reprs, tracebacks and debuggers' summaries
        facts = [
            f"access_token={'set' if self.access_token else None}",
            f"refresh_token={'set' if self.refresh_token else None}",
            f"expires_at={self.expires_at!r}",
            f"client_id={'set' if self.client_id else None}",
            f"client_secret={'set' if self.client_secret else None}",
        ]
        return f"Credentials({', '.join(facts)})"

    __str__ = __repr__

    def expires_within(self, seconds: float, now: float | None = None) -> bool:
        """True when the access token has a known lifetime that ends within `seconds`."""
        if self.expires_at is None:
            return False
        return (now if now is not None else time.time()) >= self.expires_at - seconds

    def replace(self, **changes: Any) -> Credentials:
        return dataclasses.replace(self, **changes)

    def secrets(self) -> list[str]:
        return [v for v in (self.access_token, self.refresh_token, self.client_secret) if v]

    def to_json(self) -> str:
        return json.dumps({k: v for k, v in dataclasses.asdict(self).items() if v is not None}, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> Credentials:
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
        fields = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in fields})


def _is_unusable(backend: KeyringBackend) -> bool:
    """keyring's way of saying "no keychain here": the fail backend, or a chainer with nothing to chain."""
    if isinstance(backend, keyring.backends.fail.Keyring):
        return True
    if isinstance(backend, keyring.backends.chainer.ChainerBackend):
        return not backend.backends
    return False


def load_backend(name: str) -> KeyringBackend:
    """The backend the user named in settings (`keyring_backend`), or a SettingsError saying why not."""
    try:
        return keyring.core.load_keyring(name)
    except Exception as e:  # ImportError, AttributeError, the backend's own constructor errors
        raise SettingsError(words.BAD_KEYRING_SETTING(name=repr(name), said=f"{type(e).__name__}: {e}")) from None


class TokenVault:
    """get/set/delete a connection's `Credentials` in the keychain."""

    def __init__(self, backend: KeyringBackend | None = None, *, service: str = SERVICE):
        self.service = service
        self.warning: str | None = None
        if backend is None:
            backend = keyring.get_keyring()
            if _is_unusable(backend):
                backend = self._fall_back()
        self._backend = backend

    @classmethod
    def from_settings(cls, settings: Any, *, service: str = SERVICE) -> TokenVault:
        name = getattr(settings, "keyring_backend", None)
        return cls(load_backend(name) if name else None, service=service)

    @property
    def backend(self) -> KeyringBackend:
        return self._backend

    @property
    def persistent(self) -> bool:
        """False when secrets live only in this process (the no-keychain fallback)."""
        return self._backend is not _fallback

    @property
    def backend_name(self) -> str:
        cls = type(self._backend)
        return f"{cls.__module__}.{cls.__qualname__}"

    def _fall_back(self) -> MemoryKeyring:
        if self.warning is None:
            self.warning = NO_KEYCHAIN_MESSAGE
            log.info(NO_KEYCHAIN_MESSAGE)  # the CLI and the app show `warning` themselves; the log keeps a trace
        return _fallback_keyring()

    @staticmethod
    def _user(connection_id: int | str) -> str:
        return f"connection-{connection_id}"

    def _call(self, what: str, connection_id: int | str, method: str, *args):
        try:
            return getattr(self._backend, method)(self.service, self._user(connection_id), *args)
        except NoKeyringError:
            # keyring chose a backend that turned out to have no keychain behind it (e.g. no D-Bus session).
            self._backend = self._fall_back()
            return getattr(self._backend, method)(self.service, self._user(connection_id), *args)
        except PasswordDeleteError:
            raise
        except KeyringError as e:
            said = f"{type(e).__name__}: {redact_text(str(e))}".rstrip(": ")
            raise VaultError(words.KEYCHAIN_REFUSED[what](connection=connection_id, said=said)) from None

    def get(self, connection_id: int | str) -> Credentials | None:
        raw = self._call("read", connection_id, "get_password")
        if raw is None:
            return None
        try:
            creds = Credentials.from_json(raw)
        except (ValueError, TypeError):
            raise VaultError(words.KEYCHAIN_UNREADABLE(connection=connection_id)) from None
        for secret in creds.secrets():
            register_secret(secret)
        return creds

    def set(self, connection_id: int | str, credentials: Credentials) -> None:
        for secret in credentials.secrets():
            register_secret(secret)
        self._call("save", connection_id, "set_password", credentials.to_json())

    def delete(self, connection_id: int | str) -> bool:
        """Remove the connection's secrets. False when there was nothing to remove."""
        try:
            self._call("delete", connection_id, "delete_password")
        except PasswordDeleteError:
            return False
        return True
