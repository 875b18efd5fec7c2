"""The engine's sentences in the UI language (see lumio_desktop/text.py for how the engine writes them)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from lumio_desktop.text import NESTED, Text, parse
from lumio_desktop.ui import words
from lumio_desktop.ui.theme import number

_NUMBERS = frozenset({"n", "count", "total"})


def tr_text(value) -> str:
    """`value` (a Text, or an English sentence read back from the store) in the UI language; anything the engine
    did not word (a provider's message, customer data) comes back as it is."""
    if value is None:
        return ""
    if not isinstance(value, Text):
        value = parse(str(value))
        if not isinstance(value, Text):
            return value
    params = {k: _value(k, v) for k, v in value.params.items()}
    return QCoreApplication.translate(value.context, value.template).format(**params)


def _value(name: str, v) -> str:
    if name == "field":
        return words.field(str(v))
    if name == "entity":
        return words.entity(v)
    if name == "status":
        return words.status(v)
    if name == "state":
        return words.conflict_state(v)
    if name == "winner":
        return words.winner(v)
    if (name in _NUMBERS or name.startswith("n_")) and str(v).lstrip("-").isdigit():
        return number(int(v))
    if name == "score":  # a similarity, "0.93": the locale's decimal mark
        try:
            return number(float(v), 2)
        except ValueError:
            return str(v)
    # a sentence (health's live Reasons nest in any placeholder); data (a name, an id) and {said}, a provider's
    # words (never a sentence: Template refuses one there), stay as they are
    return tr_text(v) if isinstance(v, Text) or name in NESTED else str(v)
