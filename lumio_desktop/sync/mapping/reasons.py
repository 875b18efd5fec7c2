"""Why a record was rejected, in words of our own (rejected_records.reason), from pydantic's validation errors.

Each reason is a declared template (lumio_desktop/text.py), so the UI shows it in the person's language. `{field}` is
the store's field name the payload field fills (`employees`, not HubSpot's `properties.numberofemployees`: the UI
shows its label; docs/field-mappings.md says which provider field fills it); a payload field Lumio does not store
keeps the provider's dotted name. `{value}` is what the provider sent, as JSON (a string in quotes, `null`, an
object), cut at 60 characters. An error type not worded here keeps pydantic's English message in `{said}`.
"""

from __future__ import annotations

import json
import typing
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ValidationError

from lumio_desktop.text import QT_TRANSLATE_NOOP, Text

MISSING = QT_TRANSLATE_NOOP("engine", "{field}: required but missing")
NOT_TEXT = QT_TRANSLATE_NOOP("engine", "{field}: {value} is not text")
NOT_WHOLE_NUMBER = QT_TRANSLATE_NOOP("engine", "{field}: {value} is not a whole number")
NOT_NUMBER = QT_TRANSLATE_NOOP("engine", "{field}: {value} is not a number")
NOT_DATE = QT_TRANSLATE_NOOP("engine", "{field}: {value} is not a date")
NOT_TRUE_FALSE = QT_TRANSLATE_NOOP("engine", "{field}: {value} is not true or false")
NOT_OBJECT = QT_TRANSLATE_NOOP("engine", "{field}: {value} is not a JSON object")
MALFORMED = QT_TRANSLATE_NOOP("engine", "{field}: {value} is malformed")
TOO_LONG = QT_TRANSLATE_NOOP("engine", "{field}: longer than {n} characters")
# Anything else pydantic (or a transform) says: its own words, verbatim.
NOT_VALID = QT_TRANSLATE_NOOP("engine", "{field}: {value} is not valid ({said})")
PROBLEMS = (MISSING, NOT_TEXT, NOT_WHOLE_NUMBER, NOT_NUMBER, NOT_DATE, NOT_TRUE_FALSE, NOT_OBJECT, MALFORMED, TOO_LONG,
            NOT_VALID)
NOT_A_RECORD = QT_TRANSLATE_NOOP("engine", "not a record: the provider sent {value} instead of a JSON object")
# Up to three problems of one record, the first first: "a; also, in the same record: b; also, in the same record: c".
# text.parse() tries the template with the most words of its own first, and "{field}: {value} is not a number" would
# also match two problems joined (its {value} swallowing the rest), so this one must keep more words than any of
# PROBLEMS (tests/sync/test_mapping.py checks it).
ALSO = QT_TRANSLATE_NOOP("engine", "{first}; also, in the same record: {then}")

# pydantic error type -> our template (pydantic 2: https://docs.pydantic.dev/latest/errors/validation_errors/).
_BY_TYPE = {
    "missing": MISSING,
    "string_type": NOT_TEXT, "string_unicode": NOT_TEXT,
    "int_parsing": NOT_WHOLE_NUMBER, "int_from_float": NOT_WHOLE_NUMBER, "int_type": NOT_WHOLE_NUMBER,
    "int_parsing_size": NOT_WHOLE_NUMBER,
    "float_parsing": NOT_NUMBER, "float_type": NOT_NUMBER, "finite_number": NOT_NUMBER,
    "bool_parsing": NOT_TRUE_FALSE, "bool_type": NOT_TRUE_FALSE,
    "dict_type": NOT_OBJECT, "model_type": NOT_OBJECT, "model_attributes_type": NOT_OBJECT,
    "string_pattern_mismatch": MALFORMED,
    "string_too_long": TOO_LONG,
}
_DATE_TYPES = {"datetime_parsing", "datetime_type", "datetime_from_date_parsing", "datetime_object_invalid",
               "date_parsing", "date_type", "date_from_datetime_parsing"}
MAX_PROBLEMS = 3
_SHOWN = 60  # characters of a value kept in the reason (the raw payload keeps it whole)

# Payload fields that are not record columns but have a store name of their own (record_links).
LINK_FIELDS = {"id": "external_id", "Id": "external_id", "archived": "remote_deleted", "IsDeleted": "remote_deleted"}


def shown(value: Any) -> str:
    """A provider's value as the reason shows it: JSON, cut short."""
    if isinstance(value, str) and len(value) > _SHOWN:  # a 10 MB field is not encoded whole to show 60 characters
        value = value[:_SHOWN]
    try:
        s = json.dumps(value, ensure_ascii=False, default=str)
    except (TypeError, ValueError):  # a circular or odd object: its repr is still a fair picture
        s = repr(value)
    return s if len(s) <= _SHOWN else s[:_SHOWN - 3] + "..."


class Fields:
    """Where pydantic's errors point, for one payload model: every spelling of a location it may report (field
    names and their aliases, one level of nesting) -> (the store's field name, whether the field holds a date)."""

    def __init__(self, model: type[BaseModel], rules: Iterable[tuple[str, str]]):
        """`rules`: (target column, source path with "|" alternatives)."""
        self.names = _locations(model, {path: col for col, source in rules for path in source.split("|")})

    def reason(self, e: ValidationError) -> Text:
        """The record's reason: its first problems (at most MAX_PROBLEMS), joined."""
        return together([self.problem(err) for err in e.errors(include_url=False)[:MAX_PROBLEMS]])

    def problem(self, err: dict[str, Any]) -> Text:
        """One pydantic error (an item of ValidationError.errors()) as our sentence."""
        loc = tuple(err.get("loc") or ())
        field, is_date = self.names.get(loc) or (".".join(str(p) for p in loc) or "record", False)
        kind = err.get("type", "")
        value = shown(err.get("input"))
        if kind in _DATE_TYPES or (kind == "value_error" and is_date):
            return NOT_DATE(field=field, value=value)  # our to_datetime's ValueError, or Python's, says the same
        t = _BY_TYPE.get(kind)
        if t is MISSING:
            return MISSING(field=field)
        if t is TOO_LONG:
            return TOO_LONG(field=field, n=str((err.get("ctx") or {}).get("max_length", "?")))
        if t is not None:
            return t(field=field, value=value)
        return NOT_VALID(field=field, value=value, said=str(err.get("msg") or kind))


def _locations(model: type[BaseModel], target: dict[str, str]) -> dict[tuple[str, ...], tuple[str, bool]]:
    out: dict[tuple[str, ...], tuple[str, bool]] = {}

    def walk(m: type[BaseModel], prefix: tuple[tuple[str, ...], ...], path: str) -> None:
        for name, info in m.model_fields.items():
            alias = info.validation_alias
            spellings = [name, *(c for c in getattr(alias, "choices", ()) if isinstance(c, str))]
            if isinstance(alias, str):
                spellings.append(alias)
            if info.alias:
                spellings.append(info.alias)
            dotted = f"{path}{name}"
            col = target.get(dotted) or (LINK_FIELDS.get(name) if not path else None) or dotted
            is_date = any(a in (datetime, date) for a in (info.annotation, *typing.get_args(info.annotation)))
            for loc in _product(prefix, spellings):
                out[loc] = (col, is_date)
            sub = _model_of(info.annotation)
            if sub is not None and not path:
                walk(sub, (*prefix, tuple(dict.fromkeys(spellings))), f"{dotted}.")

    walk(model, (), "")
    return out


def _product(prefix: tuple[tuple[str, ...], ...], last: list[str]) -> list[tuple[str, ...]]:
    out: list[tuple[str, ...]] = [()]
    for options in (*prefix, tuple(dict.fromkeys(last))):
        out = [(*o, s) for o in out for s in options]
    return out


def _model_of(ann: Any) -> type[BaseModel] | None:
    for a in (ann, *typing.get_args(ann)):
        if isinstance(a, type) and issubclass(a, BaseModel):
            return a
    return None


def together(problems: list[Text]) -> Text:
    """Problems as one reason ("a; also b")."""
    out = problems[-1]
    for p in reversed(problems[:-1]):
        out = ALSO(first=p, then=out)
    return out
