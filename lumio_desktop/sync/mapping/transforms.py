"""Small value transforms used by the field maps. Each one's docstring (first line) is what docs/field-mappings.md
shows, so keep it a short phrase. A transform raises ValueError for a value it cannot make sense of: the record then
becomes a rejected row with that reason."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import urlsplit

EMAIL_RE = re.compile(r"^[^@\s,]+@[^@\s,]+\.[A-Za-z]{2,}$")


def empty_to_none(v: Any) -> Any:
    """Blank strings are no value (HubSpot clears a property with "")."""
    if isinstance(v, str) and not v.strip():
        return None
    return v


def strip(v: str | None) -> str | None:
    """trimmed; blank -> none"""
    if v is None:
        return None
    v = str(v).strip()
    return v or None


def email(v: str | None) -> str | None:
    """trimmed, lower-cased (kept even when malformed: hygiene flags it, nothing is lost)"""
    v = strip(v)
    return v.lower() if v else None


def is_valid_email(v: str | None) -> bool:
    return bool(v) and EMAIL_RE.match(v) is not None


def tags_comma(v: str | None) -> list[str] | None:
    """split on ",", each trimmed, empties dropped"""
    if v is None:
        return None
    out = [t.strip() for t in str(v).split(",")]
    return [t for t in out if t] or None


def tags_semicolon(v: str | None) -> list[str] | None:
    """split on ";" (HubSpot multi-select), each trimmed"""
    if v is None:
        return None
    out = [t.strip() for t in str(v).split(";")]
    return [t for t in out if t] or None


def domain_from_url(v: str | None) -> str | None:
    """host of the URL, without www."""
    v = strip(v)
    if not v:
        return None
    host = urlsplit(v if "://" in v else f"//{v}").hostname or ""
    host = host.lower().removeprefix("www.")
    return host or None


def lower(v: str | None) -> str | None:
    """trimmed, lower-cased"""
    v = strip(v)
    return v.lower() if v else None


def to_datetime(v: Any) -> datetime | None:
    """epoch milliseconds, ISO-8601 date-time or date -> aware UTC"""
    v = empty_to_none(v)
    if v is None:
        return None
    if isinstance(v, datetime):
        return v.astimezone(UTC) if v.tzinfo else v.replace(tzinfo=UTC)
    if isinstance(v, date):
        return datetime(v.year, v.month, v.day, tzinfo=UTC)
    s = str(v).strip()
    if s.isdigit():
        try:
            return datetime.fromtimestamp(int(s) / 1000, UTC)
        except (OverflowError, OSError):  # else it escapes pydantic and fails the whole page, not one record
            raise ValueError(f"timestamp out of range: {s[:20]}") from None
    if len(s) == 10:
        d = date.fromisoformat(s)
        return datetime(d.year, d.month, d.day, tzinfo=UTC)
    # Salesforce writes +0000 (no colon); fromisoformat accepts it from 3.11 on, and "Z" too.
    dt = datetime.fromisoformat(s)
    return dt.astimezone(UTC) if dt.tzinfo else dt.replace(tzinfo=UTC)


def to_float(v: Any) -> float | None:
    """number (a string in HubSpot) -> float"""
    v = empty_to_none(v)
    if v is None:
        return None
    if isinstance(v, bool):
        raise ValueError(f"expected a number, got {v!r}")
    return float(v)


def to_int(v: Any) -> int | None:
    """whole number (a string in HubSpot) -> int"""
    v = empty_to_none(v)
    if v is None:
        return None
    f = float(v)
    if f != int(f):
        raise ValueError(f"expected a whole number, got {v!r}")
    return int(f)


def subscribed(v: Any) -> bool | None:
    """marketing consent state "subscribed" -> true, other states -> false"""
    if v is None or isinstance(v, bool):
        return v
    if isinstance(v, dict):
        v = v.get("state") or v.get("marketingState")
    return None if v is None else str(v).lower() == "subscribed"
