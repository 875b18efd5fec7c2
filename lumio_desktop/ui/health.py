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

SUCCESS_RATE_FLOOR = 0.90


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


def _ago(delta: timedelta) -> str:
    s = int(delta.total_seconds())
    if s < 90:
        return "just now" if s < 45 else "a minute ago"
    if s < 90 * 60:
        return f"{round(s / 60)} min ago"
    if s < 36 * 3600:
        return f"{round(s / 3600)} h ago"
    return f"{round(s / 86400)} days ago"


def _interval_words(delta: timedelta) -> str:
    m = int(delta.total_seconds() // 60)
    return f"{m} min" if m < 120 else f"{m // 60} h"


def traffic_light(f: HealthFacts) -> Verdict:
    if f.health == "config_error":
        why = f.health_reason or "the provider refused Lumio's credentials"
        return Verdict(Light.RED, "Needs reconnect", (f"{why}. Reconnect to resume.",))

    yellow: list[str] = []
    title = None
    if f.running:
        pct = f" {round((f.progress or 0) * 100)}%" if f.progress is not None else ""
        title = "Syncing"
        yellow.append(f"Syncing now{pct}")
    elif f.queued:
        title = "Waiting"
        yellow.append("Sync queued: waiting for the running one to finish")

    if not f.running and not f.queued and f.last_status == "failed":
        why = f.last_error or "the last sync failed"
        return Verdict(Light.RED, "Last sync failed", (why,))

    if f.health == "transient":
        title = title or "Retrying"
        yellow.append(f.health_reason or "the provider is busy or unreachable: retrying")
    if f.success_rate is not None and f.success_rate < SUCCESS_RATE_FLOOR:
        title = title or "Records failing"
        yellow.append(f"only {f.success_rate:.0%} of records synced in recent runs (under 90%)")
    if f.schedule_interval is not None and f.last_success_at is not None and f.enabled:
        age = f.now - f.last_success_at
        if age > 2 * f.schedule_interval:
            title = title or "Out of date"
            yellow.append(f"last good sync {_ago(age)}, more than twice its schedule "
                          f"(every {_interval_words(f.schedule_interval)})")
    if f.open_conflicts:
        title = title or "Needs review"
        n = f.open_conflicts
        yellow.append(f"{n} conflict{'s' if n != 1 else ''} to review")
    if yellow:
        return Verdict(Light.YELLOW, title or "Attention", tuple(yellow))

    if f.last_success_at is None:
        if f.last_status in ("cancelled", "interrupted", "skipped"):
            return Verdict(Light.GREY, "Not synced yet", (f"the first sync was {f.last_status}: press Sync Now",))
        return Verdict(Light.GREY, "Not synced yet", ("press Sync Now to fetch the records",))
    if f.last_status in ("cancelled", "interrupted"):
        return Verdict(Light.GREEN, "Synced",
                       (f"last run {f.last_status}; last good sync {_ago(f.now - f.last_success_at)}",))
    return Verdict(Light.GREEN, "Synced", (f"last sync completed {_ago(f.now - f.last_success_at)}",))


WORST_ORDER = (Light.RED, Light.YELLOW, Light.GREEN, Light.GREY)


def worst(lights: list[Light]) -> Light:
    """The tray's colour: the worst light of all connections (grey when there are none)."""
    for light in WORST_ORDER:
        if light in lights:
            return light
    return Light.GREY
