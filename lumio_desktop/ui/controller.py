"""The controller: widgets call its plain methods; it starts asyncio tasks, runs store reads in a worker thread and
answers with Qt signals. Widgets never await, and never talk to the engine directly.

Services are optional so the shell works before every layer is wired (and in screenshots): a missing one turns the
matching action into a clear message instead of a crash.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QObject, Signal

from lumio_desktop.errors import LumioError
from lumio_desktop.ui import queries
from lumio_desktop.ui.tr_text import tr_text

log = logging.getLogger(__name__)


class DashboardData:
    __slots__ = ("summaries", "runs", "errors", "open_conflicts", "at")

    def __init__(self, summaries, runs, errors, open_conflicts, at):
        self.summaries = summaries
        self.runs = runs
        self.errors = errors
        self.open_conflicts = open_conflicts
        self.at = at


class AppController(QObject):
    dashboard_ready = Signal(object)  # DashboardData
    message = Signal(str)  # a sentence for the status bar
    error = Signal(str, str)  # title, message: shown in a dialog
    open_job_requested = Signal(str)  # job id
    job_submitted = Signal(str, int)  # job id, connection id
    schedules_paused_changed = Signal(bool)
    settings_saved = Signal()
    duplicates_ready = Signal(object)  # list of dedupe.Group
    duplicates_changed = Signal()
    conflicts_resolved = Signal(object)  # ResolveReport, or None after an undo
    record_saved = Signal(str, int)  # entity, local id: a person's edit is in the store

    def __init__(self, store, settings, hub, *, service=None, scheduler=None, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self.settings = settings
        self.hub = hub
        self.service = service
        self.scheduler = scheduler
        self._tasks: set[asyncio.Task] = set()
        self._closed = False
        self.actor = "you"
        self._undo_stack: list[list[int]] = []
        self._merge_stack: list[str] = []
        self._refreshing = False
        self._refresh_again = False

    # -- tasks ----------------------------------------------------------------------------------------------------
    def _spawn(self, coro, what: str) -> asyncio.Task | None:
        if self._closed:  # shutting down: no new work (the store may already be closed)
            coro.close()
            return None
        try:
            task = asyncio.ensure_future(coro)
        except RuntimeError:  # no running loop (a bare widget test): nothing to do asynchronously
            coro.close()
            return None
        self._tasks.add(task)

        def done(t: asyncio.Task) -> None:
            self._tasks.discard(t)
            if t.cancelled():
                return
            exc = t.exception()
            if exc is not None and not self._closed:
                log.error("%s failed", what, exc_info=exc)
                from lumio_desktop.sync.jobs import describe_store_error

                # a database error in words with what to do, never SQLAlchemy's text (it quotes the SQL and a
                # page's values: names, emails)
                said = describe_store_error(exc, getattr(self.store, "path", None), sync=False)
                self.error.emit(what, said or str(exc) or type(exc).__name__)

        task.add_done_callback(done)
        return task

    async def _in_thread(self, fn: Callable[..., Any], *args: Any) -> Any:
        return await asyncio.get_running_loop().run_in_executor(None, fn, *args)

    def read(self, fn: Callable[[], Any], on_done: Callable[[Any], None]) -> None:
        """Run a blocking read in a worker thread; `on_done(result)` runs on the Qt thread."""
        self._off_thread(fn, on_done, self.tr("Reading records"))

    def _off_thread(self, fn: Callable[[], Any], on_done: Callable[[Any], None], what: str,
                    on_error: Callable[[Exception], None] | None = None) -> None:
        """`fn` (store work) in a worker thread, then `on_done(result)` or `on_error(exception)` on the Qt thread;
        without `on_error` a failure is reported as `what` failed. Without a running loop (a bare widget test, the
        screenshot script) it runs inline."""
        def settle(result: Any = None, error: Exception | None = None) -> None:
            if error is None:
                on_done(result)
            elif on_error is None:
                raise error
            else:
                on_error(error)

        try:
            asyncio.get_running_loop()
        except RuntimeError:
            try:
                result = fn()
            except Exception as e:  # noqa: BLE001 - settled: on_error, or raised again
                settle(error=e)
                return
            settle(result)
            return

        async def run():
            try:
                result = await self._in_thread(fn)
            except Exception as e:  # noqa: BLE001 - settled: on_error, or raised again (then `what` failed)
                settle(error=e)
                return
            settle(result)

        self._spawn(run(), what)

    async def aclose(self) -> None:
        self._closed = True
        for t in list(self._tasks):
            t.cancel()
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)

    # -- reads ----------------------------------------------------------------------------------------------------
    def load_dashboard(self) -> DashboardData:
        """Blocking read (worker thread, or the screenshot script)."""
        from lumio_desktop.text import prepare

        prepare()  # the cards and recent errors are engine sentences to translate: index them here, not on Qt's thread
        now = datetime.now(UTC)
        next_runs = None
        if self.scheduler is not None and getattr(self.scheduler, "running", False):
            try:
                next_runs = {e.connection_id: e.next_run for e in self.scheduler.entries()}
            except Exception:  # noqa: BLE001 - the dashboard still shows the cron-derived time
                log.exception("scheduler.entries failed")
        return DashboardData(
            queries.connection_summaries(self.store, self.settings, now, next_runs),
            queries.chart_runs(self.store),
            queries.recent_errors(self.store),
            queries.open_conflict_count(self.store),
            now,
        )

    def refresh_dashboard(self) -> None:
        if self._refreshing:
            self._refresh_again = True  # coalesce bursts of events into one more read
            return
        self._refreshing = True
        self._spawn(self._refresh(), self.tr("Refreshing the dashboard"))

    async def _refresh(self) -> None:
        try:
            while True:
                self._refresh_again = False
                data = await self._in_thread(self.load_dashboard)
                self.dashboard_ready.emit(data)
                if not self._refresh_again:
                    break
        finally:
            self._refreshing = False

    # -- sync actions ---------------------------------------------------------------------------------------------
    def _need_service(self) -> bool:
        if self.service is None:
            self.error.emit(self.tr("Sync is not available"), self.tr("The sync engine is not running in this window."))
            return False
        return True

    def sync_now(self, connection_id: int, sync_type: str = "manual") -> None:
        if self._need_service():
            self._spawn(self._submit(connection_id, sync_type, "user"), self.tr("Starting the sync"))

    def sync_all(self) -> None:
        if self._need_service():
            self._spawn(self._sync_all(), self.tr("Starting the syncs"))

    async def _sync_all(self) -> None:
        summaries = await self._in_thread(queries.connection_summaries, self.store, self.settings)  # off the Qt thread
        for summ in summaries:
            if summ.enabled and summ.health != "config_error" and summ.running_job is None:
                await self._submit(summ.id, "manual", "user")

    async def _submit(self, connection_id: int, sync_type: str, trigger: str, objects=None) -> str:
        from lumio_desktop.store.models import SyncType, Trigger

        job_id = self.service.submit(connection_id, SyncType(sync_type), Trigger(trigger), objects)
        if inspect.isawaitable(job_id):
            job_id = await job_id
        self.job_submitted.emit(str(job_id), connection_id)
        self.message.emit(self.tr("Sync queued"))
        return job_id

    def cancel_job(self, job_id: str) -> None:
        if not self._need_service():
            return
        res = self.service.cancel(job_id)
        if inspect.isawaitable(res):
            self._spawn(res, self.tr("Cancelling the sync"))
        self.message.emit(self.tr("Cancelling the sync…"))

    def run_again(self, job: queries.JobRow) -> None:
        if job.connection_id is None:
            self.error.emit(self.tr("Cannot run again"), self.tr("The connection of this job was removed."))
            return
        if self._need_service():
            sync_type = "incremental" if job.sync_type in ("incremental", "initial", "manual") else job.sync_type
            if job.sync_type == "manual":
                sync_type = "manual"
            self._spawn(self._submit(job.connection_id, sync_type, "user"), self.tr("Running the job again"))

    def open_job(self, job_id: str) -> None:
        self.open_job_requested.emit(job_id)

    # -- records ------------------------------------------------------------------------------------------------------
    def save_record(self, entity: str, local_id: int, changes: dict) -> None:
        """A person's edit: through the store's edit API (history, dirty flag for the next push), written in a worker
        thread (a locked database waits up to its busy timeout: never on the Qt thread). `record_saved` follows."""
        from lumio_desktop.store.edits import edit_record

        def write():
            return edit_record(self.store, entity, local_id, changes, actor=self.actor, hub=self.hub)

        def saved(result) -> None:
            n = len(result.changed)
            self.message.emit(self.tr("Saved {n} change(s); pushed on the next sync where the connection allows it")
                              .format(n=n) if n else self.tr("Nothing changed"))
            self.record_saved.emit(entity, local_id)

        self._off_thread(write, saved, self.tr("Saving the record"), on_error=self._not_saved)

    def _not_saved(self, e: Exception) -> None:
        from lumio_desktop.sync.jobs import describe_store_error

        said = str(e) if isinstance(e, LumioError) else describe_store_error(e, getattr(self.store, "path", None), sync=False)
        if said is None:
            raise e
        self.error.emit(self.tr("The record was not saved"), said)

    # -- conflicts ----------------------------------------------------------------------------------------------------
    def resolve_conflicts(self, ids: list[int], choices: dict[int, str], description: str = "") -> None:
        self._spawn(self._resolve(list(ids), dict(choices)), self.tr("Resolving conflicts"))

    async def _resolve(self, ids: list[int], choices: dict[int, str]):
        from lumio_desktop.sync.conflicts import resolve

        report = await self._in_thread(lambda: resolve(self.store, ids, choices=choices, actor=self.actor,
                                                       hub=self.hub))
        done = [o.conflict_id for o in report.outcomes if o.status == "resolved"]
        refused = [o.message for o in report.outcomes if o.status == "refused"]
        if done:
            self._undo_stack.append(done)
        self.conflicts_resolved.emit(report)
        if refused:
            self.error.emit(self.tr("Some conflicts were not resolved"), "\n".join(refused))
        n = len(done)
        pushing = bool(report.push_connections) and hasattr(self.service, "push_now")
        for cid in sorted(report.push_connections) if pushing else ():
            self.service.push_now(cid)  # a push-only job in the connection's lane: the provider gets Lumio's values
        if pushing:
            self.message.emit(self.tr("Resolved {n} conflict(s); pushing Lumio's values now.").format(n=n))
        else:
            self.message.emit((self.tr("Resolved {n} conflict(s). They will be pushed on the next sync.")
                               if report.push_connections else self.tr("Resolved {n} conflict(s).")).format(n=n))
        return report

    @property
    def can_undo(self) -> bool:
        return bool(self._undo_stack)

    def undo_last_resolution(self) -> None:
        if self._undo_stack:
            self._spawn(self._undo(self._undo_stack.pop()), self.tr("Undoing the resolution"))

    async def _undo(self, ids: list[int]):
        from lumio_desktop.sync.conflicts import undo

        def run():
            outcomes, problems = [], []
            for cid in ids:
                try:
                    outcomes.append(undo(self.store, cid, actor=self.actor, hub=self.hub))
                except LumioError as e:
                    problems.append(str(e))
            return outcomes, problems

        outcomes, problems = await self._in_thread(run)
        self.conflicts_resolved.emit(None)
        if problems:
            self.error.emit(self.tr("Undo was only partly possible"), "\n".join(problems))
        self.message.emit(self.tr("Undid {n} resolution(s): the conflicts are open again").format(n=len(outcomes)))
        return outcomes

    # -- duplicates -----------------------------------------------------------------------------------------------------
    def find_duplicates(self, strategy: str) -> None:
        async def run():
            from lumio_desktop.sync.dedupe import find_groups

            groups = await self._in_thread(lambda: find_groups(self.store, strategy=strategy))
            self.duplicates_ready.emit(groups)

        self._spawn(run(), self.tr("Looking for duplicates"))

    def merge_duplicates(self, survivor: int, others: list[int]) -> None:
        async def run():
            from lumio_desktop.sync.dedupe import merge_group

            plan = await self._in_thread(lambda: merge_group(self.store, survivor, others, actor=self.actor,
                                                             hub=self.hub))
            self._merge_stack.append(plan.merge_id)
            self.message.emit(self.tr("Merged {n} records into lead #{id}").format(n=len(plan.merged) + 1,
                                                                                    id=plan.survivor))
            self.duplicates_changed.emit()

        self._spawn(run(), self.tr("Merging duplicates"))

    def merge_all_duplicates(self, strategy: str) -> None:
        async def run():
            from lumio_desktop.sync.dedupe import dedupe

            report = await self._in_thread(lambda: dedupe(self.store, strategy=strategy, actor=self.actor,
                                                          hub=self.hub))
            self._merge_stack.extend(m.merge_id for m in report.merges)
            self.message.emit(self.tr("Merged {n} groups").format(n=len(report.merges)))
            self.duplicates_changed.emit()

        self._spawn(run(), self.tr("Merging duplicates"))

    @property
    def can_undo_merge(self) -> bool:
        return bool(self._merge_stack)

    def undo_last_merge(self) -> None:
        if not self._merge_stack:
            return
        merge_id = self._merge_stack.pop()

        async def run():
            from lumio_desktop.sync.dedupe import undo_merge

            try:
                out = await self._in_thread(lambda: undo_merge(self.store, merge_id, actor=self.actor, hub=self.hub))
            except LumioError as e:
                self.error.emit(self.tr("The merge was not undone"), str(e))
                return
            text = self.tr("Merge undone: {n} records stand alone again.").format(n=len(out["restored"]))
            if out["kept"]:
                text += " " + self.tr("Kept (changed since): {fields}.").format(
                    fields=", ".join(tr_text(k) for k in out["kept"]))
            self.message.emit(text)
            self.duplicates_changed.emit()

        self._spawn(run(), self.tr("Undoing the merge"))

    # -- settings -------------------------------------------------------------------------------------------------------
    def save_connection(self, connection_id: int, changes: dict) -> None:
        async def run():
            from lumio_desktop.store.models import Connection, Direction, Strategy

            def write():
                with self.store.session.begin() as s:
                    c = s.get(Connection, connection_id)
                    c.schedule = changes.get("schedule") or None
                    c.enabled = bool(changes.get("enabled", True))
                    c.strategy = Strategy(changes["strategy"])
                    c.direction = Direction(changes["direction"])

            await self._in_thread(write)
            self.hub.publish("connections_changed")  # the scheduler moves its job; the dashboard re-reads
            self.message.emit(self.tr("Connection saved"))
            self.settings_saved.emit()

        self._spawn(run(), self.tr("Saving the connection"))

    def save_app_settings(self, changes: dict) -> None:
        from lumio_desktop.ui.settings_file import update_settings_file

        try:
            path = update_settings_file(changes)
        except LumioError as e:
            self.error.emit(self.tr("Settings were not saved"), str(e))
            return
        alerts = changes.get("alerts") or {}
        for k, v in alerts.items():  # thresholds apply now: the alert service reads them per job
            setattr(self.settings.alerts, k, v)
        self.message.emit(self.tr("Settings saved to {path}").format(path=path))
        self.settings_saved.emit()

    # -- schedules ------------------------------------------------------------------------------------------------
    @property
    def schedules_paused(self) -> bool:
        sch = self.scheduler
        return bool(sch is not None and sch.paused)

    def set_schedules_paused(self, paused: bool) -> None:
        sch = self.scheduler
        if sch is None:
            self.error.emit(self.tr("Schedules"), self.tr("The scheduler is not running in this window."))
            return
        sch.pause() if paused else sch.resume()
        from lumio_desktop.ui.main_window import ui_settings

        ui_settings().setValue("schedules/paused", paused)
        self.schedules_paused_changed.emit(paused)
        self.message.emit(self.tr("Scheduled syncs paused") if paused else self.tr("Scheduled syncs resumed"))
