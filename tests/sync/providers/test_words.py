"""The providers' and the auth layer's sentences (sync/providers/words.py, auth/words.py) read back from the store as
what they were: a sentence quoted inside another (a job's reason inside an alert, a 503 inside "gave up after 5
attempts") must come back so that a translation renders it exactly as the original would have been rendered.

The check uses a stand-in translation that shouts every template's own words: a sentence parsed back wrongly (a
provider's {said} swallowing our "(gave up after ...)", a {provider} swallowing the alert's words) keeps some words
quiet, and the two renderings differ."""

from __future__ import annotations

import string

import pytest

import lumio_desktop.sync.alerts as alerts
from lumio_desktop.auth import words as auth_words
from lumio_desktop.sync.providers import words as sync_words
from lumio_desktop.text import Template, Text, parse

_F = string.Formatter()


def _shout(template: str) -> str:
    return "".join(lit.upper().replace("{", "{{").replace("}", "}}") + (f"{{{name}}}" if name is not None else "")
                   for lit, name, _, _ in _F.parse(template))


def render(value) -> str:
    """`value` as a translation that shouts our words would show it (values of {said} stay as they came)."""
    if not isinstance(value, Text):
        return str(value)
    params = {k: render(v) for k, v in value.params.items()}  # {said} is never a Text: it shows as it came
    return _shout(value.template).format(**params)


def shown(sentence: Text) -> tuple[str, str]:
    """(how the sentence as made is shown, how the same English read back from the store is shown)."""
    back = parse(str(sentence))
    assert isinstance(back, Text), f"no template makes: {sentence}"
    return render(sentence), render(back)


def ours(module) -> list[Template]:
    out = []
    for v in vars(module).values():
        out.extend(v.values() if isinstance(v, dict) else [v])
    return [t for t in out if isinstance(t, Template)]


VALUES = {"provider": "HubSpot", "code": 503, "said": "Service Unavailable: try later", "n": 5, "n_seconds": 300,
          "n_used": 4999, "n_max": 5000, "n_left": 12, "object": "contacts", "ts": 1700000000000, "kind": "'x'",
          "choices": "hubspot, salesforce, shopify", "shop": "acme.myshopify.com", "port": 8765, "seconds": "300",
          "connection": 3, "name": "'hs'", "names": "hs, sf", "other": "salesforce", "url": "'ftp://x'"}
INNER = sync_words.HS_TROUBLE(code=503, said="Service Unavailable")


def sample(t: Template) -> Text:
    return t(**{k: INNER if k == "reason" else VALUES[k] for k in t.names})


# Shown only by the connect wizard and the CLI, at once: never stored, never quoted inside another sentence.
WIZARD_ONLY = {auth_words.EXCHANGE_REFUSED, auth_words.EXCHANGE_TROUBLE, auth_words.NEEDS_CLIENT_ID,
               auth_words.NEEDS_CLIENT_SECRET, auth_words.NOT_APPROVED, auth_words.NOT_A_URL, auth_words.NOT_A_SHOP}
STORED = [t for t in ours(sync_words) + ours(auth_words) if t not in WIZARD_ONLY]


@pytest.mark.parametrize("t", ours(sync_words) + ours(auth_words), ids=lambda t: str(t)[:60])
def test_each_sentence_reads_back_as_itself(t):
    made, back = shown(sample(t))
    assert back == made


@pytest.mark.parametrize("t", STORED, ids=lambda t: str(t)[:60])
def test_a_stored_reason_quoted_in_an_alert_reads_back_as_itself(t):
    made, back = shown(alerts.SYNC_FAILED(connection="hs", reason=sample(t)))
    assert back == made


W = sync_words
A = auth_words
NESTED = {
    # what the HTTP layer says after its retries, rate-limit waits and a failed renewal
    "5xx, gave up": W.GAVE_UP(reason=W.SF_TROUBLE(code=500, said="oops (x)"), n=5),
    "timeout, gave up": W.GAVE_UP(reason=W.TIMED_OUT(provider="Shopify", said="ReadTimeout"), n=5),
    "reset, gave up": W.GAVE_UP(reason=W.CONNECTION_FAILED(provider="HubSpot", said="ReadError: reset"), n=5),
    "malformed, gave up": W.GAVE_UP(reason=W.MALFORMED(provider="HubSpot", said="GET /crm/v3/objects/contacts",
                                                        code=200, n=17), n=5),
    "sf query timeout, gave up": W.GAVE_UP(reason=W.SF_QUERY_TIMEOUT(), n=5),
    "429s, still refused": W.STILL_REFUSED(reason=W.HS_RATE_LIMITED(said="You have reached your ten_secondly_rolling "
                                                                        "limit."), n=8),
    "429, long wait": W.WAIT_TOO_LONG(reason=W.SH_RATE_LIMITED(said="Exceeded 2 calls per second"), n_seconds=600),
    "token 503, gave up": W.SIGN_IN_UNAVAILABLE(provider="HubSpot", reason=A.REFRESH_GAVE_UP(
        reason=A.TOKEN_HTTP(code=503), n=5)),
    "token unreadable, gave up": W.SIGN_IN_UNAVAILABLE(provider="Shopify", reason=A.REFRESH_GAVE_UP(
        reason=A.TOKEN_NOT_JSON(code=200, n=12), n=5)),
    "token unreachable, gave up": W.SIGN_IN_UNAVAILABLE(provider="Salesforce", reason=A.REFRESH_GAVE_UP(
        reason=A.REFRESH_UNREACHABLE(provider="Salesforce", said="ConnectError"), n=5)),
    "no vault": W.CANNOT_RENEW(provider="HubSpot", reason=A.KEYCHAIN_REFUSED["read"](connection=3, said="locked")),
}


@pytest.mark.parametrize("name", NESTED)
def test_sentences_made_of_sentences_read_back_as_made(name):
    made, back = shown(NESTED[name])
    assert back == made
    made, back = shown(alerts.SYNC_FAILED(connection="hs", reason=NESTED[name]))
    assert back == made


def test_the_wizards_sign_in_errors_read_back_as_made():
    made, back = shown(A.EXCHANGE_TROUBLE(provider="HubSpot", reason=A.TOKEN_HTTP(code=503)))
    assert back == made
