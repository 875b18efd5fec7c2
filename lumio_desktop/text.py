"""Sentences Lumio's engine says to people, written in English and shown in the person's language by the UI.

The engine stays Qt-free and headless: it builds its reasons, errors and log lines from templates declared once at
module level,

    RATE_LIMITED = QT_TRANSLATE_NOOP("engine", "Rate-limited by {provider}: pacing requests")
    ...
    reason = RATE_LIMITED(provider="Salesforce")      # a Text: an English str that remembers template and values

`QT_TRANSLATE_NOOP` here is a plain function with Qt's name, so `pyside6-lupdate` collects the templates into the
translation catalogue like any UI string. The CLI, the log files and the database keep the English sentence; the UI
translates at display time (`lumio_desktop.ui.tr_text`). A sentence read back from the database has lost its template,
so `parse()` finds it again by matching the English against every declared template.

Placeholder names carry meaning for the UI:
  {field}            a record field ("email"): shown with the field's label in the UI language;
  {entity}           lead / company / deal;
  {status}           a job status word (completed, failed, ...);
  {state}, {winner}  a conflict's state (resolved, auto, undone) and the side kept (lumio, provider, custom, same);
  {n}, {count}, ...  a whole number: shown with the locale's digit grouping;
  {said}             words a provider or the system wrote (an API's error message): shown exactly as they came;
  {reason}, {db}, {error}, {first}, {then}, {connection}
                     may hold another sentence ("the sync did not start: {reason}"), translated in turn (NESTED);
                     a sentence passed in any other placeholder is refused when the template is called.
Templates carry no format specs ({n:,}): the engine passes values already formatted where it needs to.
"""

from __future__ import annotations

import re
import string
from functools import lru_cache

__all__ = ["QT_TRANSLATE_NOOP", "Template", "Text", "parse", "templates"]

_FORMATTER = string.Formatter()
_REGISTRY: dict[tuple[str, str], Template] = {}
# The only placeholders that may hold another sentence. Naming them keeps a stored sentence to one reading: without
# it, "the token endpoint answered HTTP 503 (gave up after 5 attempts)" also reads as an HTTP status "503 (gave up
# after 5 attempts)". Every other placeholder holds data (a name, a number, an id) and is never parsed.
NESTED = frozenset({"reason", "db", "error", "first", "then", "connection", "why"})
# Placeholders that hold a number (or an HTTP status, an id): matched as digits, so no regex backtracks through them.
NUMBER = re.compile(r"n|n_\w+|count|total|code|id|local_id")
# Longer stored text is shown as it is: no sentence of ours is this long, and a crafted one could make the regexes
# backtrack for seconds on the Qt thread.
MAX_SENTENCE = 2_000


class Text(str):
    """An English sentence that remembers the template and values it was made from."""

    context: str
    template: str
    params: dict

    def __new__(cls, context: str, template: str, params: dict):
        obj = super().__new__(cls, template.format(**params))
        obj.context, obj.template, obj.params = context, template, params
        return obj

    def __reduce__(self):  # crosses process boundaries (pickling) as what it is
        return (Text, (self.context, self.template, self.params))


class Template(str):
    """One English template; calling it with the values gives the Text."""

    context: str
    names: tuple[str, ...]

    def __new__(cls, context: str, source: str):
        obj = super().__new__(cls, source)
        obj.context = context
        obj.names = tuple(dict.fromkeys(name for _, name, spec, _ in _FORMATTER.parse(source) if name is not None))
        for _, name, spec, conv in _FORMATTER.parse(source):
            if name is not None and (spec or conv or not name.isidentifier()):
                raise ValueError(f"template {source!r}: write {{{name}}} without a format spec or conversion")
        if not any(lit.strip(" .,:;()") for lit, *_ in _FORMATTER.parse(source)):
            raise ValueError(f"template {source!r} has no words of its own: it could not be told apart")
        return obj

    def __call__(self, **params) -> Text:
        missing = set(self.names) - params.keys()
        if missing:
            raise TypeError(f"template {str(self)!r} needs {', '.join(sorted(missing))}")
        wrong = [k for k, v in params.items() if isinstance(v, Text) and k not in NESTED]
        if wrong:
            raise TypeError(f"template {str(self)!r}: {{{wrong[0]}}} holds a sentence; only "
                            f"{', '.join(sorted(NESTED))} may (text.NESTED)")
        return Text(self.context, str(self), params)

    def __reduce__(self):
        return (QT_TRANSLATE_NOOP, (self.context, str(self)))


def QT_TRANSLATE_NOOP(context: str, source: str) -> Template:  # noqa: N802 - Qt's name, so lupdate extracts it
    """Declare an English template (at module level, so `parse` knows it before any sentence is read back)."""
    key = (context, source)
    t = _REGISTRY.get(key)
    if t is None:
        t = _REGISTRY[key] = Template(context, source)
        _compiled.cache_clear()
        parse.cache_clear()
    return t


# The modules that declare templates. A sentence read back from the store must find its template even when the
# module that wrote it (an alert, a token refresh, a push) never ran in this process, so parse() imports them all the
# first time it is used: a cost paid by whoever reads sentences back (the UI), never by the engine's or the CLI's
# start (tests/test_text.py checks the list against the sources).
SENTENCE_MODULES = ("lumio_desktop.auth.words", "lumio_desktop.store.edits", "lumio_desktop.sync.alerts",
                    "lumio_desktop.sync.conflicts", "lumio_desktop.sync.dedupe", "lumio_desktop.sync.jobs",
                    "lumio_desktop.sync.mapping.reasons", "lumio_desktop.sync.providers.words",
                    "lumio_desktop.sync.push", "lumio_desktop.sync.scheduler", "lumio_desktop.sync.webhooks")


def _declare_all() -> None:
    import importlib

    for name in SENTENCE_MODULES:
        importlib.import_module(name)


def templates() -> list[Template]:
    """Every declared template (the engine's modules imported first)."""
    _declare_all()
    return list(_REGISTRY.values())


def _pattern(t: Template, greedy: bool) -> re.Pattern:
    parts, seen = [], set()
    for lit, name, _, _ in _FORMATTER.parse(str(t)):
        parts.append(re.escape(lit))
        if name is not None:
            value = r"-?\d[\d.,]*" if NUMBER.fullmatch(name) else f".+{'' if greedy else '?'}"
            parts.append(f"(?P={name})" if name in seen else f"(?P<{name}>{value})")
            seen.add(name)
    return re.compile("".join(parts), re.DOTALL)


@lru_cache(maxsize=1)
def _compiled() -> tuple[dict[str, list], list]:
    """The templates as (first words, last words, all words, template, patterns), most words first, indexed by the
    first word of the sentence they can start: a sentence is tried only against templates that open with its first
    word, plus those that open with a value; first and last words are compared before any regex runs. (2,000 stored
    sentences took 134 ms against every template, cold; 2,000 log lines are read on the job page.)"""
    _declare_all()
    rows = []
    for t in tuple(_REGISTRY.values()):  # a module declaring templates may be imported by another thread meanwhile
        chunks = [lit for lit, *_ in _FORMATTER.parse(str(t))]
        rows.append((sum(map(len, chunks)), chunks[0], tuple(c for c in chunks if c), t,
                     (_pattern(t, greedy=False), _pattern(t, greedy=True))))
    rows.sort(key=lambda x: -x[0])
    by_word: dict[str, list] = {}
    open_start = []
    for _own, prefix, chunks, t, patterns in rows:
        last = list(_FORMATTER.parse(str(t)))[-1]
        suffix = last[0] if last[1] is None else ""  # its closing words ("" when it ends with a value)
        row = (prefix, suffix, chunks, t, patterns)
        if " " in prefix:
            by_word.setdefault(prefix[:prefix.index(" ")], []).append(row)
        else:  # opens with a value, or with words glued to one ("#{id}"): tried for every sentence
            open_start.append(row)
    return by_word, open_start


def prepare() -> None:
    """Build the template index now (about 30 ms, once): call it from a worker thread, so the first sentence the UI
    translates does not pay for it on the Qt thread."""
    _compiled()


def _own_words(x) -> int:
    """How many characters of a parse are template words (its own and its nested sentences')."""
    if not isinstance(x, Text):
        return 0
    return (sum(len(lit) for lit, *_ in _FORMATTER.parse(x.template))
            + sum(_own_words(v) for k, v in x.params.items() if k in NESTED))


@lru_cache(maxsize=8192)
def parse(sentence: str) -> Text | str:
    """The Text a stored English sentence was made from, or the sentence itself when no template makes it.

    A sentence can quote another ("The sync of hs failed: the request to HubSpot timed out"), and then several
    templates, and several splits of one, may match. The reading that explains the most of the sentence with
    template words (nested sentences included) wins: a {said} or a wide value that swallowed words of ours is the
    poorer reading."""
    if isinstance(sentence, Text) or not sentence or len(sentence) > MAX_SENTENCE:
        return sentence
    best, best_score = sentence, (0, False)
    by_word, open_start = _compiled()
    first = sentence.split(" ", 1)[0]
    for prefix, suffix, chunks, t, patterns in (*by_word.get(first, ()), *open_start):
        if best_score == (len(sentence), True):  # every character explained, words first: nothing reads better
            break
        if not sentence.endswith(suffix) or not sentence.startswith(prefix) or not all(c in sentence for c in chunks):
            continue
        for pattern in patterns:
            m = pattern.fullmatch(sentence)
            if m:
                params = {k: (parse(v) if k in NESTED else v) for k, v in m.groupdict().items()}
                reading = Text(t.context, str(t), params)
                # On a tie ("the sync did not start: the Lumio database X is locked" reads as the wrapper around the
                # lock sentence, or as the lock sentence about a database named by the wrapper), the reading whose
                # outermost template opens with its own words is the one the engine wrote: wrappers quote at the end.
                score = (_own_words(reading), bool(prefix))
                if score > best_score:
                    best, best_score = reading, score
    return best
