"""What can go wrong talking to a provider, as classes the engine acts on (Singer SDK / Airbyte style).

The provider clients map HTTP answers to these through a per-provider error table (data, not if-chains).
Messages are for people: they say what happened and what to do, never a bare status code, and never a token.
"""

from __future__ import annotations

# The sentences below are declared wherever these classes are importable (a process that only reads the store).
from lumio_desktop.sync.providers import words as _words  # noqa: F401


class SyncError(Exception):
    """Base. `message` is shown to the user as the reason of a failed job / a traffic light: a `Text` made from
    a template of `sync/providers/words.py`, so the UI shows it in the person's language."""

    def __init__(self, message: str, *, status: int | None = None, provider_code: str | None = None):
        super().__init__(message)
        self.message = message
        self.status = status
        self.provider_code = provider_code


class RetryableError(SyncError):
    """5xx, timeouts, connection resets, malformed bodies: try again after a backoff."""


class RateLimited(RetryableError):
    """429 (or Shopify's 422 "Too many requests"): wait `retry_after` seconds (None: back off with jitter)."""

    def __init__(self, message: str, *, retry_after: float | None = None, **kw):
        super().__init__(message, **kw)
        self.retry_after = retry_after


class AuthExpired(SyncError):
    """The access token expired: refresh, then retry once."""


class ConfigError(SyncError):
    """Fatal for the connection until a person acts: revoked grant, missing scope, wrong URL. Light turns red,
    the card offers Reconnect."""


class FatalError(SyncError):
    """The job cannot go on (e.g. daily API allocation exhausted, retries used up); the connection may be fine."""


class SkippableRecord(SyncError):
    """One record is bad; it becomes a rejected row with its reason, and the page goes on."""


class Cancelled(Exception):
    """The job was cancelled by a person."""
