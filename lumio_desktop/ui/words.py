"""Words the UI shows for values that come from the store (job status, sync type, trigger, record fields), marked
for translation (context "words") and looked up at display time."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

STATUS = {
    "queued": QT_TRANSLATE_NOOP("words", "queued"), "running": QT_TRANSLATE_NOOP("words", "running"),
    "completed": QT_TRANSLATE_NOOP("words", "completed"), "failed": QT_TRANSLATE_NOOP("words", "failed"),
    "cancelled": QT_TRANSLATE_NOOP("words", "cancelled"), "interrupted": QT_TRANSLATE_NOOP("words", "interrupted"),
    "skipped": QT_TRANSLATE_NOOP("words", "skipped"),
}
SYNC_TYPE = {
    "initial": QT_TRANSLATE_NOOP("words", "initial"), "incremental": QT_TRANSLATE_NOOP("words", "incremental"),
    "manual": QT_TRANSLATE_NOOP("words", "manual"), "webhook": QT_TRANSLATE_NOOP("words", "webhook"),
    "push": QT_TRANSLATE_NOOP("words", "push"),
}
TRIGGER = {
    "user": QT_TRANSLATE_NOOP("words", "you"), "schedule": QT_TRANSLATE_NOOP("words", "schedule"),
    "webhook": QT_TRANSLATE_NOOP("words", "webhook"), "cli": QT_TRANSLATE_NOOP("words", "command line"),
    "startup": QT_TRANSLATE_NOOP("words", "start-up"),
}
FIELDS = {
    "first_name": QT_TRANSLATE_NOOP("words", "First name"), "last_name": QT_TRANSLATE_NOOP("words", "Last name"),
    "email": QT_TRANSLATE_NOOP("words", "Email"), "phone": QT_TRANSLATE_NOOP("words", "Phone"),
    "company_name": QT_TRANSLATE_NOOP("words", "Company"), "job_title": QT_TRANSLATE_NOOP("words", "Job title"),
    "status": QT_TRANSLATE_NOOP("words", "Status"), "source": QT_TRANSLATE_NOOP("words", "Source"),
    "tags": QT_TRANSLATE_NOOP("words", "Tags"), "lead_score": QT_TRANSLATE_NOOP("words", "Score"),
    "owner": QT_TRANSLATE_NOOP("words", "Owner"), "city": QT_TRANSLATE_NOOP("words", "City"),
    "state": QT_TRANSLATE_NOOP("words", "State"), "country": QT_TRANSLATE_NOOP("words", "Country"),
    "name": QT_TRANSLATE_NOOP("words", "Name"), "domain": QT_TRANSLATE_NOOP("words", "Domain"),
    "industry": QT_TRANSLATE_NOOP("words", "Industry"), "website": QT_TRANSLATE_NOOP("words", "Website"),
    "employees": QT_TRANSLATE_NOOP("words", "Employees"), "annual_revenue": QT_TRANSLATE_NOOP("words", "Revenue"),
    "amount": QT_TRANSLATE_NOOP("words", "Amount"), "currency": QT_TRANSLATE_NOOP("words", "Currency"),
    "stage": QT_TRANSLATE_NOOP("words", "Stage"), "pipeline": QT_TRANSLATE_NOOP("words", "Pipeline"),
    "close_date": QT_TRANSLATE_NOOP("words", "Close date"), "probability": QT_TRANSLATE_NOOP("words", "Probability"),
    "updated_at": QT_TRANSLATE_NOOP("words", "Updated"),
    "accepts_marketing": QT_TRANSLATE_NOOP("words", "Accepts marketing"),
    "total_spent": QT_TRANSLATE_NOOP("words", "Total spent"), "orders_count": QT_TRANSLATE_NOOP("words", "Orders"),
    "company_id": QT_TRANSLATE_NOOP("words", "Company record"), "lead_id": QT_TRANSLATE_NOOP("words", "Lead record"),
    "merged_into_id": QT_TRANSLATE_NOOP("words", "Merged into"),
    # named by rejected-record reasons (sync/mapping/reasons.py)
    "external_id": QT_TRANSLATE_NOOP("words", "Provider id"),
    "remote_deleted": QT_TRANSLATE_NOOP("words", "Deleted in the provider"),
    "properties": QT_TRANSLATE_NOOP("words", "Provider properties"),
    "default_address": QT_TRANSLATE_NOOP("words", "Default address"),
}
CONFLICT_STATE = {"open": QT_TRANSLATE_NOOP("words", "open"), "resolved": QT_TRANSLATE_NOOP("words", "resolved"),
                  "auto": QT_TRANSLATE_NOOP("words", "settled by the strategy"),
                  "undone": QT_TRANSLATE_NOOP("words", "undone")}
WINNER = {"lumio": QT_TRANSLATE_NOOP("words", "Lumio's value"), "provider": QT_TRANSLATE_NOOP("words", "the provider's value"),
          "custom": QT_TRANSLATE_NOOP("words", "a typed value"), "same": QT_TRANSLATE_NOOP("words", "the same value")}
LEVEL = {"debug": QT_TRANSLATE_NOOP("words", "DEBUG"), "info": QT_TRANSLATE_NOOP("words", "INFO"),
         "warning": QT_TRANSLATE_NOOP("words", "WARNING"), "error": QT_TRANSLATE_NOOP("words", "ERROR")}
ENTITY = {"lead": QT_TRANSLATE_NOOP("words", "lead"), "company": QT_TRANSLATE_NOOP("words", "company"),
          "deal": QT_TRANSLATE_NOOP("words", "deal")}


def _t(table: dict[str, str], value) -> str:
    v = getattr(value, "value", value)
    text = table.get(v)
    return QCoreApplication.translate("words", text) if text else str(v)


def status(v) -> str:
    return _t(STATUS, v)


def sync_type(v) -> str:
    return _t(SYNC_TYPE, v)


def trigger(v) -> str:
    return _t(TRIGGER, v)


def conflict_state(v) -> str:
    return _t(CONFLICT_STATE, v)


def winner(v) -> str:
    return _t(WINNER, v)


def actor(v: str | None) -> str:
    """Who changed a record: the app records a person's own edits as "you" (AppController.actor)."""
    if not v:
        return ""
    return QCoreApplication.translate("words", "you") if v == "you" else v


# How a record's change came about (record_edits.source); "edit" is a person's own edit and needs no word.
SOURCE = {"conflict": QT_TRANSLATE_NOOP("words", "conflict resolved"), "undo": QT_TRANSLATE_NOOP("words", "undo"),
          "merge": QT_TRANSLATE_NOOP("words", "merge {id}"), "unmerge": QT_TRANSLATE_NOOP("words", "merge {id} undone"),
          "sync": QT_TRANSLATE_NOOP("words", "sync from {connection}")}


def source(v: str | None) -> str:
    if not v or v == "edit":
        return ""
    kind, _, rest = v.partition(":")
    text = SOURCE.get(kind)
    if text is None:
        return v
    return QCoreApplication.translate("words", text).format(id=rest[:8], connection=rest)


def level(v) -> str:
    """A job log line's level, as the log shows it (INFO, WARNING...)."""
    return _t(LEVEL, str(v).lower()) if str(v).lower() in LEVEL else str(v).upper()


def entity(v) -> str:
    return _t(ENTITY, v)


def field(name: str) -> str:
    text = FIELDS.get(name)
    return QCoreApplication.translate("words", text) if text else name.replace("_", " ").capitalize()
