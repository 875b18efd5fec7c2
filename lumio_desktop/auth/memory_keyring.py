"""`MemoryKeyring`: a keyring backend that keeps passwords in a dict, for one process only.

Two uses: the vault's fallback when the machine has no OS keychain (headless Linux), and the keyring of the test
suite (`keyring.set_keyring(MemoryKeyring())` in an autouse fixture), so no test ever touches a real keychain.
"""

from __future__ import annotations

import threading

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class MemoryKeyring(KeyringBackend):
    # keyring must never pick this one on its own (it would silently forget tokens): not viable, lowest priority.
    priority = -1  # type: ignore[assignment]
    viable = False

    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()
        self._data: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        with self._lock:
            return self._data.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        with self._lock:
            self._data[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        with self._lock:
            if self._data.pop((service, username), None) is None:
                raise PasswordDeleteError(f"no secret stored for {service}/{username}")

    def entries(self) -> list[tuple[str, str]]:
        """(service, username) pairs stored, for tests that check what was (or was not) kept."""
        with self._lock:
            return sorted(self._data)

    def values(self) -> list[str]:
        with self._lock:
            return list(self._data.values())

    def clear(self) -> None:
        with self._lock:
            self._data.clear()
