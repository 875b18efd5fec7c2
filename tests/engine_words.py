"""What the engine stored for people to read, checked against its declared sentence templates (lumio_desktop/text.py):
a sentence no template makes would show in English in a translated UI."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from lumio_desktop.text import Text, parse

# (table, column) holding sentences the UI shows; sync_jobs.errors is a JSON list of them.
COLUMNS = (("connections", "health_reason"), ("sync_jobs", "error_message"), ("sync_jobs", "errors"),
           ("job_logs", "message"), ("rejected_records", "reason"), ("alerts", "message"))


def stored_sentences(db: str | Path) -> set[str]:
    out: set[str] = set()
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        for table, col in COLUMNS:
            for (v,) in con.execute(f"SELECT DISTINCT {col} FROM {table} WHERE {col} IS NOT NULL"):  # noqa: S608
                if col == "errors":
                    out.update(str(x) for x in json.loads(v) or [])
                else:
                    out.add(v)
    finally:
        con.close()
    return out


def _engine_words(t) -> bool:
    """Made by the engine's own templates, nested sentences included: a template a test declared (context "test")
    stays registered for the rest of the session and must not make an engine sentence pass."""
    return isinstance(t, Text) and t.context == "engine" and all(
        _engine_words(v) for v in t.params.values() if isinstance(v, Text))


def unworded(db: str | Path) -> list[str]:
    """The stored sentences that no declared template makes (so they could not be translated)."""
    return sorted(s for s in stored_sentences(db) if not _engine_words(parse(s)))
