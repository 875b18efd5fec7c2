"""The traffic light's sentence templates (health.py builds them inline, so pyside6-lupdate collects them from
this list, context "health"); `ui.tr_text.tr_text` translates one at display time."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

TEMPLATES = (
    QT_TRANSLATE_NOOP("health", "1 conflict to review"),
    QT_TRANSLATE_NOOP("health", "Attention"),
    QT_TRANSLATE_NOOP("health", "Last sync failed"),
    QT_TRANSLATE_NOOP("health", "Needs reconnect"),
    QT_TRANSLATE_NOOP("health", "Needs review"),
    QT_TRANSLATE_NOOP("health", "Not synced yet"),
    QT_TRANSLATE_NOOP("health", "Out of date"),
    QT_TRANSLATE_NOOP("health", "Records failing"),
    QT_TRANSLATE_NOOP("health", "Retrying"),
    QT_TRANSLATE_NOOP("health", "Sync queued: waiting for the running one to finish"),
    QT_TRANSLATE_NOOP("health", "Synced"),
    QT_TRANSLATE_NOOP("health", "Syncing now {pct}%"),
    QT_TRANSLATE_NOOP("health", "Syncing now"),
    QT_TRANSLATE_NOOP("health", "Syncing"),
    QT_TRANSLATE_NOOP("health", "Waiting"),
    QT_TRANSLATE_NOOP("health", "a minute ago"),
    QT_TRANSLATE_NOOP("health", "just now"),
    QT_TRANSLATE_NOOP("health", "last good sync {ago}, more than twice its schedule (every {every})"),
    QT_TRANSLATE_NOOP("health", "last run {status}; last good sync {ago}"),
    QT_TRANSLATE_NOOP("health", "last sync completed {ago}"),
    QT_TRANSLATE_NOOP("health", "only {pct}% of records synced in recent runs (under 90%)"),
    QT_TRANSLATE_NOOP("health", "press Sync Now to fetch the records"),
    QT_TRANSLATE_NOOP("health", "the first sync was {status}: press Sync Now"),
    QT_TRANSLATE_NOOP("health", "the last sync failed"),
    QT_TRANSLATE_NOOP("health", "the provider is busy or unreachable: retrying"),
    QT_TRANSLATE_NOOP("health", "the provider refused Lumio's credentials"),
    QT_TRANSLATE_NOOP("health", "{n} conflicts to review"),
    QT_TRANSLATE_NOOP("health", "{n} days ago"),
    QT_TRANSLATE_NOOP("health", "{n} h ago"),
    QT_TRANSLATE_NOOP("health", "{n} h"),
    QT_TRANSLATE_NOOP("health", "{n} min ago"),
    QT_TRANSLATE_NOOP("health", "{n} min"),
    QT_TRANSLATE_NOOP("health", "{why}. Reconnect to resume."),
    QT_TRANSLATE_NOOP("health", "{why} Reconnect to resume."),
)

