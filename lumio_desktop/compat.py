"""Workarounds for quirks of the libraries that share the app's one event loop (qasync, APScheduler, uvicorn, Qt).

Every quirk lives here, with a link to its upstream bug, so that the day it is fixed upstream there is one place to
look. Nothing here imports Qt: the modules that need a workaround import it from here.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterator

import uvicorn
from apscheduler.schedulers.asyncio import AsyncIOScheduler

# --- uvicorn ---------------------------------------------------------------------------------------------------------
# uvicorn's Server.serve() installs SIGINT/SIGTERM handlers with signal.signal() for the whole process
# (capture_signals, since the "cooperative signal handling" change https://github.com/Kludex/uvicorn/pull/1600),
# and re-raises the captured signal when it stops. The old escape hatch, overriding install_signal_handlers
# (https://github.com/Kludex/uvicorn/issues/526, https://github.com/Kludex/uvicorn/pull/402), no longer exists
# in uvicorn 0.54. Inside the app (Qt owns Ctrl+C) or the daemon (which owns SIGTERM), the server must not touch
# signals: the owner stops it by setting should_exit. The same fix vLLM uses (vllm-project/vllm#50916).


class EmbeddedServer(uvicorn.Server):
    """A uvicorn server that leaves the process's signal handlers alone."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


# uvicorn calls sys.exit(3) when it cannot bind its port (Server.startup, "except OSError ... sys.exit").
# Inside a desktop app that would be SystemExit raised from a task; callers bind the socket themselves and pass it
# through serve(sockets=[sock]), so a busy port is an OSError they can turn into a message.


# --- APScheduler 3 ---------------------------------------------------------------------------------------------------
# AsyncIOScheduler.start() takes asyncio.get_running_loop() since 3.11, so it must be called from inside the running
# loop (https://github.com/agronholm/apscheduler/issues/994, /issues/1029); earlier 3.x took get_event_loop(), which
# under qasync could be a different loop than Qt's. shutdown() before start() raises AttributeError instead of
# SchedulerNotRunningError (https://github.com/agronholm/apscheduler/issues/1019), and shutdown() is deferred through
# call_soon_threadsafe, so `running` stays True until the loop turns once.
#
# The scheduler sleeps with loop.call_later(wait) where wait can reach threading.TIMEOUT_MAX (base.py caps it there).
# Two problems follow:
# - qasync turns call_later into QObject.startTimer(int(delay * 1000)): an int32 of milliseconds, about 24.8 days;
#   a longer wait raises OverflowError out of call_later (seen with qasync 0.28 + PySide6 6.11 for a 30-day delay;
#   qasync/__init__.py `_SimpleTimer.add_callback`; the same code path rejected negative delays until
#   https://github.com/CabbageDevelopment/qasync/issues/84). A yearly cron would hit it.
# - asyncio's clock is monotonic and does not advance while a laptop sleeps, but cron times are wall-clock times:
#   after a resume the scheduler would oversleep until the old monotonic deadline.
# Waking at least once a minute fixes both: each wakeup re-reads the wall clock (misfire grace and coalescing then
# decide what to run).
SCHEDULER_MAX_WAIT = 60.0


class WallClockAsyncIOScheduler(AsyncIOScheduler):
    """AsyncIOScheduler that never sleeps longer than SCHEDULER_MAX_WAIT seconds at a time."""

    max_wait = SCHEDULER_MAX_WAIT

    def _start_timer(self, wait_seconds):
        if wait_seconds is not None:
            wait_seconds = min(wait_seconds, self.max_wait)
        super()._start_timer(wait_seconds)


def shutdown_scheduler(scheduler: AsyncIOScheduler) -> None:
    """Shut a scheduler down whether or not it was started (see apscheduler#1019 above)."""
    if getattr(scheduler, "_eventloop", None) is None or not scheduler.running:
        return
    with contextlib.suppress(Exception):
        scheduler.shutdown(wait=False)


# --- asyncio signals -----------------------------------------------------------------------------------------------------
# loop.add_signal_handler raises NotImplementedError on Windows event loops (https://github.com/pallets/quart/issues/193,
# https://github.com/h2oai/wave/issues/47). The headless daemon then falls back to signal.signal,
# whose handler hands the stop over to the loop with call_soon_threadsafe.
def add_stop_signal_handlers(loop: asyncio.AbstractEventLoop, stop, signals) -> None:
    import signal as _signal

    for sig in signals:
        try:
            loop.add_signal_handler(sig, stop)
        except (NotImplementedError, RuntimeError):
            _signal.signal(sig, lambda *_: loop.call_soon_threadsafe(stop))


# --- APScheduler 3 cron day-of-week ------------------------------------------------------------------------------------
# CronTrigger.from_crontab() reads day-of-week numbers the APScheduler way (0 = Monday), not the crontab way
# (0 or 7 = Sunday): "0 9 * * 1-5" would run Tuesday to Saturday (https://github.com/agronholm/apscheduler/issues/286,
# fixed only in 4.x). crontab_trigger() expands the field to day names, which both agree on.
_DOW_NAMES = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")


_DOW_FULL = ("sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday")


def _dow_value(token: str) -> int:
    t = token.strip().lower()
    if t in _DOW_NAMES:
        return _DOW_NAMES.index(t)
    if t in _DOW_FULL:
        return _DOW_FULL.index(t)
    if t.isdigit() and 0 <= int(t) <= 7:
        return int(t) % 7
    raise ValueError(f"day of week {token!r} is not 0-7 or a day name (sun, mon, ...)")


def crontab_dow_to_names(field: str) -> str:
    """A crontab day-of-week field as an explicit list of day names ("1-5" -> "mon,tue,wed,thu,fri")."""
    if field.strip() == "*":
        return "*"
    days: set[int] = set()
    for part in field.split(","):
        rng, _, step_s = part.partition("/")
        if step_s and not step_s.isdigit():
            raise ValueError(f"step {step_s!r} in day of week is not a number")
        step = int(step_s) if step_s else 1
        if step < 1:
            raise ValueError(f"step {step_s!r} in day of week must be at least 1")
        if rng == "*":
            lo, hi = 0, 6
        elif "-" in rng:
            a, b = rng.split("-", 1)
            lo, hi = _dow_value(a), _dow_value(b)
            if b.strip() == "7":
                hi = 7  # "5-7" is Friday to Sunday
        else:
            lo = _dow_value(rng)
            hi = 6 if step_s else lo
        if hi < lo:
            raise ValueError(f"day-of-week range {rng!r} runs backwards")
        days.update(d % 7 for d in range(lo, hi + 1, step))
    return ",".join(_DOW_NAMES[d] for d in sorted(days))


def crontab_trigger(expr: str, timezone):
    """A CronTrigger with crontab semantics for a five-field expression; ValueError says what is wrong."""
    from apscheduler.triggers.cron import CronTrigger

    fields = expr.split()
    if len(fields) != 5:
        raise ValueError(f"{expr!r} is not a cron expression: it needs five fields, e.g. '*/30 * * * *'")
    minute, hour, day, month, dow = fields
    return CronTrigger(minute=minute, hour=hour, day=day, month=month, day_of_week=crontab_dow_to_names(dow),
                       timezone=timezone)
