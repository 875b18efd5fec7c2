"""Redaction of headers, URLs, bodies and log records."""

from __future__ import annotations

import logging

from lumio_desktop.auth.redact import (
    REDACTED,
    RedactingFilter,
    forget_secret,
    install_log_redaction,
    redact_headers,
    redact_text,
    redact_url,
    register_secret,
)


def test_headers():
    out = redact_headers({"Authorization": "Bearer abc.def", "X-Shopify-Access-Token": "shpat_1234", "Accept": "a"})
    assert out == {"Authorization": f"Bearer {REDACTED}", "X-Shopify-Access-Token": REDACTED, "Accept": "a"}
    assert redact_headers([("authorization", "opaque")]) == {"authorization": REDACTED}


def test_urls_keep_what_is_not_secret():
    url = "http://127.0.0.1:5/callback?code=abc123&state=st&shop=x.myshopify.com&hmac=ff"
    out = redact_url(url)
    assert "abc123" not in out and "state=st" in out and "shop=x.myshopify.com" in out and "hmac=ff" in out
    assert "s3cr3t" not in redact_url("https://user:s3cr3t@example.com/x?access_token=tok")
    assert redact_url("https://example.com/x?access_token=T0KEN&a=1").endswith(f"?access_token={REDACTED}&a=1")


def test_bodies_json_and_form():
    body = '{"access_token":"A1","refresh_token": "R1","token_type":"bearer","code":"INVALID_EMAIL"}'
    out = redact_text(body)
    assert "A1" not in out and "R1" not in out and '"token_type":"bearer"' in out
    assert '"code":"INVALID_EMAIL"' in out  # an error code, not an auth code
    form = "grant_type=refresh_token&refresh_token=R2&client_id=c&client_secret=S2&code_verifier=V2"
    out = redact_text(form)
    assert "R2" not in out and "S2" not in out and "V2" not in out and "grant_type=refresh_token" in out


def test_token_shapes_and_registered_secrets():
    assert "shpat_" not in redact_text("token shpat_0123456789abcdef0123")
    assert "!AR8AQ" not in redact_text("sid 00Dxx0000000123!AR8AQabcdefghijklmnopqrstu")
    assert "Bearer abcdefgh" not in redact_text("sent Bearer abcdefghijkl")
    register_secret("a-secret-nobody-would-guess")
    assert "nobody" not in redact_text("oops: a-secret-nobody-would-guess leaked")
    register_secret("short")  # too short to scrub safely
    assert redact_text("a short word") == "a short word"


def test_log_filter_scrubs_messages_args_and_tracebacks(caplog):
    register_secret("tok-in-a-traceback-123")
    handler = logging.StreamHandler()
    install_log_redaction(handler)
    install_log_redaction(handler)
    assert sum(isinstance(f, RedactingFilter) for f in handler.filters) == 1
    logger = logging.getLogger("lumio.test.redact")
    caplog.handler.addFilter(RedactingFilter())
    logger.warning("header %s", {"Authorization": "Bearer zzzzzzzzzzzz"})
    try:
        raise RuntimeError("failed with tok-in-a-traceback-123")
    except RuntimeError:
        logger.exception("boom")
    assert "zzzzzzzz" not in caplog.text and "tok-in-a-traceback-123" not in caplog.text
    assert REDACTED in caplog.text


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_TOKENISH = st.text(alphabet=st.characters(min_codepoint=33, max_codepoint=126), min_size=8, max_size=80)


@settings(max_examples=60, deadline=None)
@given(secret=_TOKENISH, before=st.text(max_size=40), after=st.text(max_size=40))
def test_a_registered_secret_never_survives(secret, before, after):
    register_secret(secret)
    try:
        assert secret not in redact_text(before + secret + after)
        assert secret not in redact_url(f"https://x.test/cb?x={before}&t={secret}")
    finally:
        forget_secret(secret)  # the registry is process-wide: leave it as found
