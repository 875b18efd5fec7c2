"""The generated fast path of each field map (mapping/fast.py) against the pydantic reference (`map_validated`):
on valid and invalid payloads, it either maps exactly as pydantic does or says "not sure" (None), never accepts
what pydantic rejects; and typical provider payloads do take it. Payloads are decoded JSON, so object keys are
always text (the fast path does not check the keys of nested objects)."""

from __future__ import annotations

import math
import random
import zlib

import pytest

from lumio_desktop.sync.mapping import MAPS, MappingError, get_map
from lumio_desktop.sync.mapping.fast import compile_map
from tests.sync.test_mapping import BAD_DEALS

VALUES = [None, "", "  ", "abc", " Jane@Example.COM ", "Ana, Bia,", "vip; x", 12, -3, 0, 12.5, 1.0, float("nan"),
          float("inf"), True, False, "12", "-7", "0012", "12.50", " 12 ", "1e3", "1,5", "1_000", "١٢", "12.", ".5",
          "2024-01-02", "2024-01-02T03:04:05Z", "2024-01-02T03:04:05.000+0000", "1572480000000", "next tuesday",
          "gid://shopify/Customer/123", "003000000000001AAA", "003000000000001", "https://www.Acme.com/x",
          "subscribed", {"state": "subscribed"}, {"state": "unsubscribed"}, ["vip", "b2b"], [1, None], b"x",
          10 ** 30, "9" * 30, "\ud800", "São Paulo 🚀", "Founder & CEO", "\n"]

GOOD = {"Id": ["003000000000001AAA", "00Q000000000001"], "id": ["512", 512, "gid://shopify/Customer/123"],
        "IsDeleted": [False, True], "archived": [False, True]}
PLAIN = [None, "", "Ana", " x ", "12", 7]


def _fields(model):
    return {name: info for name, info in model.model_fields.items()}


def _random_payload(model, rng: random.Random, depth: int = 0):
    out = {}
    for name, info in _fields(model).items():
        r = rng.random()
        if r < 0.15:
            continue  # missing
        ann = info.annotation
        sub = getattr(ann, "model_fields", None) or next(
            (getattr(a, "model_fields", None) for a in getattr(ann, "__args__", ()) if getattr(a, "model_fields", None)),
            None)
        key = name
        alias = info.validation_alias
        if alias is not None and hasattr(alias, "choices") and rng.random() < 0.5:
            key = rng.choice(alias.choices)
        if sub is not None and depth == 0 and r < 0.85:
            sub_model = ann if hasattr(ann, "model_fields") else next(
                a for a in ann.__args__ if hasattr(a, "model_fields"))
            out[key] = _random_payload(sub_model, rng, depth + 1)
        elif name in GOOD and rng.random() < 0.8:
            out[key] = rng.choice(GOOD[name])
        elif rng.random() < 0.4:
            out[key] = rng.choice(PLAIN)
        else:
            out[key] = rng.choice(VALUES)
    if rng.random() < 0.3:
        out["unmapped_extra"] = rng.choice(VALUES)
    return out


def _same(a, b) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    return type(a) is type(b) and a == b


@pytest.mark.parametrize("key", sorted(MAPS))
def test_fast_path_agrees_with_pydantic_on_random_payloads(key):
    m = MAPS[key]
    assert m.fast is not None, "every map of payloads.py compiles to a fast path"
    rng = random.Random(zlib.crc32(repr(key).encode()))
    took_fast = 0
    for _ in range(1500):
        raw = _random_payload(m.model, rng)
        try:
            fast = m.fast(raw)
        except Exception:  # noqa: BLE001 - map() falls back to pydantic on any error of the fast path
            fast = None
        try:
            ref = m.map_validated(raw)
        except MappingError as e:
            assert fast is None, f"fast path accepted what pydantic rejects ({e.reason}): {raw!r}"
            continue
        if fast is not None:
            took_fast += 1
            assert _same(fast, ref), f"{raw!r}: fast {fast!r} != pydantic {ref!r}"
        assert _same(m.map(raw), ref)
    assert took_fast > 0


@pytest.mark.parametrize("raw", [
    {"id": "512", "properties": {"email": "a@b.co", "firstname": "Ana", "lifecyclestage": "lead",
                                 "hs_lead_status": "NEW, HOT", "lastmodifieddate": "2019-12-07T16:50:06.678Z"},
     "archived": False, "createdAt": "2019-10-30T03:30:17.883Z"},
    {"id": 512, "properties": {"email": None, "phone": "", "company": 42}},
])
def test_typical_hubspot_contacts_take_the_fast_path(raw):
    m = get_map("hubspot", "contacts")
    out = m.fast(raw)
    assert out is not None and out == m.map_validated(raw)


def test_typical_salesforce_and_shopify_records_take_the_fast_path():
    lead = {"attributes": {"type": "Lead"}, "Id": "00Q000000000001AAA", "IsDeleted": False, "FirstName": "Ana",
            "LastName": "Silva", "Company": "Acme", "Email": "ana@acme.com", "Status": "Working - Contacted",
            "OwnerId": "005000000000001"}
    opp = {"Id": "006000000000001AAA", "Name": "Pilot", "Amount": 1500.5, "CloseDate": "2024-05-01",
           "Probability": 20, "StageName": "Prospecting"}
    customer = {"id": 6001, "email": "a@b.co", "tags": "vip, b2b", "orders_count": 3, "total_spent": "120.00",
                "email_marketing_consent": {"state": "subscribed"}, "default_address": {"city": "Recife"},
                "state": "enabled"}
    for provider, obj, raw in (("salesforce", "Lead", lead), ("salesforce", "Opportunity", opp),
                               ("shopify", "customers", customer)):
        m = get_map(provider, obj)
        out = m.fast(raw)
        assert out is not None and out == m.map_validated(raw), (provider, obj)


@pytest.mark.parametrize("raw, fragment", BAD_DEALS)
def test_what_the_fast_path_cannot_prove_is_rejected_by_pydantic_with_its_reason(raw, fragment):
    m = get_map("hubspot", "deals")
    assert m.fast(raw) is None
    with pytest.raises(MappingError) as e:
        m.map(raw)
    assert fragment in e.value.reason


def test_an_unknown_field_kind_keeps_pydantic_only():
    from pydantic import BaseModel

    class Odd(BaseModel):
        id: str
        when: complex | None = None

    from lumio_desktop.sync.mapping.fast import Unsupported

    with pytest.raises(Unsupported):
        compile_map(Odd, (), False)
