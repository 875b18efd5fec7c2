"""The traffic light of one connection, as a pure function of plain facts (no Qt, no database): testable alone.

Rules (issue 7):
  red    = the last sync failed, or the connection needs reconnecting (revoked grant, missing scope);
  yellow = running or queued, retrying / rate-limited, success rate under 90%, last success older than twice the
           schedule, or unresolved conflicts;
  green  = the last sync completed and is fresh;
  grey   = never synced (nothing to judge yet).
A running sync outranks an earlier failure (the user just pressed Sync Now and wants to see it go), but never a
"needs reconnect": that stays red until the person reconnects.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from lumio_desktop.text import Text

SUCCESS_RATE_FLOOR = 0.90


class Reason(Text):
    """A sentence of the light (context "health"): an English str that remembers its template and values, so the UI
    can translate it (ui/tr_text.py) while this module stays Qt-free."""

    def __new__(cls, template: str, **params):
        return super().__new__(cls, "health", template, params)


def _r(template: str, **params) -> Reason:
    return Reason(template, **params)


class Light(enum.StrEnum):
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"
    GREY = "grey"


@dataclass(frozen=True, slots=True)
class HealthFacts:
    now: datetime
    health: str = "unknown"  # ConnectionHealth value: unknown | healthy | transient | config_error
    health_reason: str | None = None
    running: bool = False
    queued: bool = False
    progress: float | None = None  # 0..1 of the running job
    last_status: str | None = None  # status of the last finished job: completed | failed | cancelled | ...
    last_error: str | None = None  # its error message, in words
    last_success_at: datetime | None = None
    schedule_interval: timedelta | None = None  # None: not scheduled
    success_rate: float | None = None  # 0..1 over the recent runs; None: no data
    open_conflicts: int = 0
    enabled: bool = True


@dataclass(frozen=True, slots=True)
class Verdict:
    light: Light
    title: str  # a few words: "Synced", "Needs reconnect", "Syncing"
    reasons: tuple[str, ...] = field(default_factory=tuple)  # every reason, most important first

    @property
    def reason(self) -> str:
        return self.reasons[0] if self.reasons else ""

    @property
    def text(self) -> str:
        return "; ".join(self.reasons)


def _ago(delta: timedelta) -> Reason:
    s = int(delta.total_seconds())
    if s < 90:
        return _r("just now") if s < 45 else _r("a minute ago")
    if s < 90 * 60:
        return _r("{n} min ago", n=round(s / 60))
    if s < 36 * 3600:
        return _r("{n} h ago", n=round(s / 3600))
    return _r("{n} days ago", n=round(s / 86400))


def _interval_words(delta: timedelta) -> Reason:
    m = int(delta.total_seconds() // 60)
    return _r("{n} min", n=m) if m < 120 else _r("{n} h", n=m // 60)


def traffic_light(f: HealthFacts) -> Verdict:
    if f.health == "config_error":
        why = f.health_reason or _r("the provider refused Lumio's credentials")
        if "reconnect" in why.lower():  # the engine's reason already says what to do
            return Verdict(Light.RED, _r("Needs reconnect"), (why,))
        # `why` stays whole (a stored sentence is read back by its exact words): the full stop goes in the template
        then = _r("{why} Reconnect to resume.", why=why) if why.endswith(".") else \
            _r("{why}. Reconnect to resume.", why=why)
        return Verdict(Light.RED, _r("Needs reconnect"), (then,))

    yellow: list[str] = []
    title = None
    if f.running:
        title = _r("Syncing")
        yellow.append(_r("Syncing now {pct}%", pct=round((f.progress or 0) * 100)) if f.progress is not None
                      else _r("Syncing now"))
    elif f.queued:
        title = _r("Waiting")
        yellow.append(_r("Sync queued: waiting for the running one to finish"))

    if not f.running and not f.queued and f.last_status == "failed":
        why = f.last_error or _r("the last sync failed")
        return Verdict(Light.RED, _r("Last sync failed"), (why,))

    if f.health == "transient":
        title = title or _r("Retrying")
        yellow.append(f.health_reason or _r("the provider is busy or unreachable: retrying"))
    if f.success_rate is not None and f.success_rate < SUCCESS_RATE_FLOOR:
        title = title or _r("Records failing")
        yellow.append(_r("only {pct}% of records synced in recent runs (under 90%)", pct=round(f.success_rate * 100)))
    if f.schedule_interval is not None and f.last_success_at is not None and f.enabled:
        age = f.now - f.last_success_at
        if age > 2 * f.schedule_interval:
            title = title or _r("Out of date")
            yellow.append(_r("last good sync {ago}, more than twice its schedule (every {every})",
                             ago=_ago(age), every=_interval_words(f.schedule_interval)))
    if f.open_conflicts:
        title = title or _r("Needs review")
        n = f.open_conflicts
        yellow.append(_r("1 conflict to review") if n == 1 else _r("{n} conflicts to review", n=n))
    if yellow:
        return Verdict(Light.YELLOW, title or _r("Attention"), tuple(yellow))

    if f.last_success_at is None:
        if f.last_status in ("cancelled", "interrupted", "skipped"):
            return Verdict(Light.GREY, _r("Not synced yet"),
                           (_r("the first sync was {status}: press Sync Now", status=f.last_status),))
        return Verdict(Light.GREY, _r("Not synced yet"), (_r("press Sync Now to fetch the records"),))
    if f.last_status in ("cancelled", "interrupted"):
        return Verdict(Light.GREEN, _r("Synced"), (_r("last run {status}; last good sync {ago}", status=f.last_status,
                                                      ago=_ago(f.now - f.last_success_at)),))
    return Verdict(Light.GREEN, _r("Synced"), (_r("last sync completed {ago}", ago=_ago(f.now - f.last_success_at)),))


WORST_ORDER = (Light.RED, Light.YELLOW, Light.GREEN, Light.GREY)


def worst(lights: list[Light]) -> Light:
    """The tray's colour: the worst light of all connections (grey when there are none)."""
    for light in WORST_ORDER:
        if light in lights:
            return light
    return Light.GREY
