"""Redaction helpers: keep tokens and secrets out of logs, messages and job errors.

Public API:
- `redact_headers(headers) -> dict`: `Authorization`, `X-Shopify-Access-Token`, cookies and the like become
  "[redacted]" (the auth scheme is kept: "Bearer [redacted]").
- `redact_url(url) -> str`: secret query parameters (access_token, refresh_token, code, client_secret, ...) redacted.
- `redact_text(text) -> str`: secrets inside free text or bodies (JSON or form fields named like tokens,
  "Bearer ...", Shopify `shp..._` tokens, Salesforce session ids) plus every secret registered below, byte for byte.
- `register_secret(value)` / `forget_secret(value)`: the vault registers every secret it reads or writes, so a token
  that leaks into some unexpected string (an exception from a library, a provider's echo) is still scrubbed.
- `RedactingFilter`: a `logging.Filter` to put on log handlers; `install_log_redaction(handler_or_logger=None)` adds it
  to the given handler, or to every handler of the root logger.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable, Mapping
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from lumio_desktop.text import Text

REDACTED = "[redacted]"

SENSITIVE_HEADERS = frozenset(
    {"authorization", "proxy-authorization", "x-shopify-access-token", "cookie", "set-cookie", "x-api-key"}
)
SENSITIVE_FIELDS = frozenset(
    {
        "access_token",
        "refresh_token",
        "id_token",
        "client_secret",
        "code",
        "code_verifier",
        "token",
        "password",
        "assertion",
        "client_assertion",
        "signature",
        "accesstoken",
        "refreshtoken",
    }
)

# In JSON, "code" and "signature" are ordinary words of error bodies (HubSpot's error "code"), so they stay.
_JSON_FIELDS = SENSITIVE_FIELDS - {"code", "signature"}


def _alternation(names: frozenset[str]) -> str:
    return "|".join(sorted((re.escape(f) for f in names), key=len, reverse=True))


_FIELD_ALT = _alternation(SENSITIVE_FIELDS)
# "access_token": "abc"  /  'access_token': 'abc'
_JSON_FIELD = re.compile(rf"""(?i)(["'](?:{_alternation(_JSON_FIELDS)})["']\s*:\s*)(["'])(?:\\.|(?!\2).)*\2""")
# access_token=abc&...  (form bodies and query strings); the lookbehind keeps "grant_type=..." etc. intact
_FORM_FIELD = re.compile(rf"(?i)(?<![A-Za-z0-9_])((?:{_FIELD_ALT})=)[^&\s\"']+")
_BEARER = re.compile(r"(?i)\b(bearer|oauth)\s+[A-Za-z0-9._~+/=!\-]{8,}")
_SHOPIFY = re.compile(r"\bshp(?:at|ca|pa|ss|ua|rt)_[A-Za-z0-9]{8,}")
_SALESFORCE_SESSION = re.compile(r"\b00D[A-Za-z0-9]{12,15}![A-Za-z0-9._\-]{16,}")

_MIN_SECRET_LEN = 8  # shorter values would scrub ordinary words

_lock = threading.Lock()
_secrets: set[str] = set()


def register_secret(value: str | None) -> None:
    """Remember a secret so that `redact_text` removes it wherever it appears."""
    if value and len(value) >= _MIN_SECRET_LEN:
        with _lock:
            _secrets.add(value)


def forget_secret(value: str | None) -> None:
    if value:
        with _lock:
            _secrets.discard(value)


def redact_text(text: str) -> str:
    """Scrub secrets out of free text (a log message, an exception message, a response body). A sentence `Text`
    stays one (its values are scrubbed), so the UI can still show it in the person's language."""
    if not text:
        return text
    if isinstance(text, Text):
        return _redact_sentence(text)
    return _redact_plain(text)


def _redact_sentence(text: Text) -> str:
    params = {k: redact_text(v) if isinstance(v, str) else v for k, v in text.params.items()}
    out = text if params == text.params else Text(text.context, text.template, params)
    whole = _redact_plain(str(out))
    # A secret across the template's own words and a value (not expected): the plain scrubbed English wins.
    return out if whole == str(out) else whole


def _redact_plain(text: str) -> str:
    with _lock:
        known = sorted(_secrets, key=len, reverse=True)
    for secret in known:
        if secret in text:
            text = text.replace(secret, REDACTED)
    text = _JSON_FIELD.sub(lambda m: f"{m.group(1)}{m.group(2)}{REDACTED}{m.group(2)}", text)
    text = _FORM_FIELD.sub(lambda m: m.group(1) + REDACTED, text)
    text = _BEARER.sub(lambda m: f"{m.group(1)} {REDACTED}", text)
    text = _SHOPIFY.sub(REDACTED, text)
    text = _SALESFORCE_SESSION.sub(REDACTED, text)
    return text


def redact_headers(headers: Mapping[str, str] | Iterable[tuple[str, str]]) -> dict[str, str]:
    """A copy of the headers that is safe to log."""
    items = headers.items() if isinstance(headers, Mapping) else headers
    out: dict[str, str] = {}
    for name, value in items:
        if name.lower() in SENSITIVE_HEADERS:
            scheme, _, rest = str(value).partition(" ")
            out[name] = f"{scheme} {REDACTED}" if rest and scheme.lower() in ("bearer", "basic", "oauth") else REDACTED
        else:
            out[name] = redact_text(str(value))
    return out


def redact_url(url: object) -> str:
    """The URL with secret query parameters (and any registered secret) redacted."""
    text = str(url)
    try:
        parts = urlsplit(text)
    except ValueError:
        return redact_text(text)
    if parts.query:
        pairs = [
            (k, REDACTED if k.lower() in SENSITIVE_FIELDS else v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
        ]
        query = urlencode(pairs, safe="[]")
        text = urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))
    if parts.password:
        text = text.replace(f":{parts.password}@", f":{REDACTED}@", 1)
    return redact_text(text)


class RedactingFilter(logging.Filter):
    """Rewrites each record's message (and traceback text) with `redact_text` before any handler formats it."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: keep the raw template rather than drop the record
            message = str(record.msg)
        record.msg = redact_text(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact_text(record.exc_text)
        if record.stack_info:
            record.stack_info = redact_text(record.stack_info)
        return True


def install_log_redaction(target: logging.Handler | logging.Logger | None = None) -> None:
    """Add a `RedactingFilter` to a handler, to a logger's handlers, or (None) to every root handler. Idempotent."""
    handlers: list[logging.Handler]
    if isinstance(target, logging.Handler):
        handlers = [target]
    else:
        handlers = list((target or logging.getLogger()).handlers)
    for handler in handlers:
        if not any(isinstance(f, RedactingFilter) for f in handler.filters):
            handler.addFilter(RedactingFilter())
