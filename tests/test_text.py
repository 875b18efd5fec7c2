"""The engine's sentences (lumio_desktop/text.py): a sentence read back from the store is matched to the template
that made it, with its values; every declared template can be told apart from every other."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lumio_desktop.text import NUMBER, QT_TRANSLATE_NOOP, SENTENCE_MODULES, Text, parse, templates

SAY = QT_TRANSLATE_NOOP("test", "{provider} answered HTTP {code}: {said}")
WRAP = QT_TRANSLATE_NOOP("test", "the test wrapper could not go on: {reason}")
EMAIL = QT_TRANSLATE_NOOP("test", "{field}: value is not a valid email address")
ANY = QT_TRANSLATE_NOOP("test", "{field}: {problem} (test)")


def test_a_text_is_its_english_sentence_and_remembers_how_it_was_made():
    t = SAY(provider="HubSpot", code=500, said="oops")
    assert t == "HubSpot answered HTTP 500: oops" and isinstance(t, str)
    assert (t.context, t.template, t.params) == ("test", SAY, {"provider": "HubSpot", "code": 500, "said": "oops"})
    assert pickle.loads(pickle.dumps(t)).params == t.params


def test_a_stored_sentence_is_parsed_back_with_nested_sentences():
    stored = str(WRAP(reason=SAY(provider="Shopify", code=503, said="the test wrapper could not go on: x")))
    t = parse(stored)
    assert isinstance(t, Text) and t.template == WRAP
    inner = t.params["reason"]
    assert inner.template == SAY and inner.params["code"] == "503"
    assert inner.params["said"] == "the test wrapper could not go on: x"  # a provider's words are never parsed


def test_the_reading_that_explains_the_most_wins_over_a_swallowing_one():
    """A wrapper quoting a sentence: the inner template's {said} could swallow the wrapper's words ("x) (test: gave
    up"), but the reading with both templates explains more of the sentence."""
    trouble = QT_TRANSLATE_NOOP("test", "{provider} is having trouble answering right now (test HTTP {code}: {said})")
    gave_up = QT_TRANSLATE_NOOP("test", "{reason} (test: gave up after {n})")  # fewer words than what it wraps
    stored = str(gave_up(reason=trouble(provider="HubSpot", code=503, said="x"), n=5))
    t = parse(stored)
    assert t.template == gave_up and t.params["reason"].template == trouble
    assert t.params["reason"].params["said"] == "x"


def test_a_tie_goes_to_the_wrapper_that_opens_with_its_own_words():
    """Both readings explain every word: the wrapper around "X is locked", or "X is locked" about a thing named
    "test stopped: X". Wrappers quote at their end, so the first is the sentence written."""
    locked = QT_TRANSLATE_NOOP("test", "{db} is locked by another test program")
    short = QT_TRANSLATE_NOOP("test", "test stopped: {reason}")  # fewer words than the sentence it quotes
    t = parse(str(short(reason=locked(db="/tmp/x.db"))))
    assert t.template == short and t.params["reason"].template == locked
    assert t.params["reason"].params["db"] == "/tmp/x.db"


def test_the_most_specific_template_wins_and_unknown_text_stays_as_it_is():
    assert parse("email: value is not a valid email address").template == EMAIL
    assert parse("a sentence nobody declared") == "a sentence nobody declared"
    assert not isinstance(parse("a sentence nobody declared"), Text)


def test_a_value_is_never_read_as_a_sentence_unless_its_placeholder_holds_sentences():
    """"the token endpoint answered HTTP 503 (gave up after 5 attempts)" must not read as HTTP status "503 (gave up
    after 5 attempts)": {code} holds data, so only the wrapper reading is possible."""
    http = QT_TRANSLATE_NOOP("test", "the test endpoint answered HTTP {code}")
    gave = QT_TRANSLATE_NOOP("test", "{reason} (test gave up after {n} attempts); the next one tries again")
    t = parse(str(gave(reason=http(code=503), n=5)))
    assert t.template == gave and t.params["reason"].template == http and t.params["reason"].params["code"] == "503"
    with pytest.raises(TypeError, match="holds a sentence"):
        http(code=gave(reason="x", n=1))


def test_templates_are_checked_when_declared():
    with pytest.raises(ValueError, match="format spec"):
        QT_TRANSLATE_NOOP("test", "{n:,} records")
    with pytest.raises(ValueError, match="no words"):
        QT_TRANSLATE_NOOP("test", "{a}: {b}")
    with pytest.raises(TypeError, match="needs code"):
        SAY(provider="x", said="y")


def _sample(t, value, number=7):
    """The template filled in: `value` (numbered) in every placeholder, a number where the placeholder holds one."""
    return t(**{name: number + i if NUMBER.fullmatch(name) else f"{value}{i}" for i, name in enumerate(t.names)})


@pytest.mark.parametrize("t", templates(), ids=lambda t: str(t)[:50])
def test_every_declared_template_parses_back_to_itself(t):
    """Two templates that read alike would translate one sentence as the other: each must come back as itself."""
    got = parse(str(_sample(t, "v")))
    assert isinstance(got, Text) and (got.context, got.template) == (t.context, str(t)), got.template


# Values as the engine puts them in sentences: names, ids, counts, e-mail addresses, URLs, accented words.
VALUE = st.text(alphabet="abcXYZ019 -_@./áç", min_size=1, max_size=12).filter(lambda s: s.strip() == s)


@given(st.sampled_from(templates()), VALUE, st.integers(min_value=0, max_value=10**9))
def test_values_come_back_as_they_went_in(t, value, number):
    text = _sample(t, value, number)
    got = parse(str(text))
    assert (got.context, got.template) == (t.context, str(t))
    assert {k: str(v) for k, v in got.params.items()} == {k: str(v) for k, v in text.params.items()}


def test_every_module_that_declares_sentences_is_loaded_before_a_sentence_is_read_back():
    """parse() imports SENTENCE_MODULES on first use (not the engine's start): a module declaring templates but
    missing from the list would leave its sentences in English wherever it had not run."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    declaring = {".".join(p.relative_to(root).with_suffix("").parts)
                 for p in (root / "lumio_desktop").rglob("*.py")
                 if "ui" not in p.parts and re.search(r"^from lumio_desktop\.text import .*QT_TRANSLATE_NOOP",
                                                      p.read_text(encoding="utf-8"), re.M)}
    assert declaring == set(SENTENCE_MODULES)


def test_importing_the_engine_does_not_import_every_sentence_module():
    import subprocess
    import sys

    code = ("import sys, lumio_desktop.sync.engine; "
            "print('lumio_desktop.sync.webhooks' in sys.modules, 'apscheduler' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.split() == ["False", "False"], out.stdout + out.stderr
