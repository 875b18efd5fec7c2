"""Errors of the auth layer. Their messages are safe to show and to log: they never carry a token or a secret.

- `AuthError`: base class (a `LumioError`, so the CLI prints it on one line and exits 2).
- `ReconnectRequired`: the provider refused the grant (revoked, expired, invalid) or rejected a token that cannot be
  renewed. The connection's health turns to "needs reconnect"; `.message` is the provider's words, redacted.
- `OAuthFlowError`: the browser flow ended without a token (denied consent, wrong state, bad callback, failed
  exchange); `OAuthTimeout` and `OAuthCancelled` are its two "nobody finished it" cases.
- `TransientAuthError`: the token endpoint could not be reached or answered 5xx; try again later (amber, not red).
- `VaultError`: the OS keychain refused to store or read a secret.
"""

from __future__ import annotations

from lumio_desktop.auth import words
from lumio_desktop.errors import LumioError


class AuthError(LumioError):
    """Base for auth failures; `str(e)` is a complete sentence for a person (a `Text` of `auth/words.py`, which the
    UI shows in the person's language)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class ReconnectRequired(AuthError):
    """The credentials cannot be made valid again without the user: reconnect the account."""

    def __init__(self, message: str, *, provider_error: str | None = None):
        super().__init__(message)
        self.provider_error = provider_error  # e.g. "invalid_grant"; never a token


class OAuthFlowError(AuthError):
    """The authorization-code flow ended without a usable token."""

    def __init__(self, message: str, *, reason: str = "failed"):
        super().__init__(message)
        self.reason = reason  # short machine word: denied, state_mismatch, bad_hmac, exchange_failed, ...


class OAuthTimeout(OAuthFlowError):
    def __init__(self, message: str):
        super().__init__(message, reason="timeout")


class OAuthCancelled(OAuthFlowError):
    def __init__(self, message: str = words.CANCELLED()):
        super().__init__(message, reason="cancelled")


class TransientAuthError(AuthError):
    """The token endpoint is unreachable or failing on its side; a later retry may work."""


class VaultError(AuthError):
    """The keychain refused an operation (locked, denied, broken backend)."""
