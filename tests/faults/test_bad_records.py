"""Bad records planted in the sandbox (its Python API): invalid emails, a 10 MB field, wrong types, nulls, pt-BR
names and emoji, and the same id twice within one page. Each is stored or rejected as the contract says
(docs/field-mappings.md: malformed emails are kept, a number that is not a number or a date that is not a date is a
rejected row with its reason, blank is no value; docs/architecture.md: within a page the last version of a record
wins), and nothing is silently dropped: every record the provider sent is either stored or a rejected row, and
stored + rejected == sent."""

from __future__ import annotations

import json

import httpx
import pytest
from sqlalchemy import select

from lumio_desktop.store.models import ENTITY_MODELS, RecordLink, RejectedRecord
from lumio_desktop.sync.mapping import get_map
from tests.engine_words import unworded

from .world import OBJECTS, PROVIDERS, whole_store_problems

BIG = "A" * (10 * 1024 * 1024)  # a 10 MB field
ACCENTS = ("João", "Conceição d'Ávila 🚀")


def plant(sb, provider: str) -> dict[tuple[str, str], tuple[str, dict | str]]:
    """Create the bad records; returns {(object, id): ("stored", {column: value}) | ("rejected", word in reason)}."""
    out: dict[tuple[str, str], tuple[str, dict | str]] = {}

    def add(obj, fields, outcome, expect):
        rec = sb.create(provider, obj, fields)
        out[(obj, rec.id)] = (outcome, expect)

    if provider == "hubspot":
        add("contacts", {"email": "not-an-email", "firstname": "Sem", "lastname": "Arroba"},
            "stored", {"email": "not-an-email"})
        add("contacts", {"email": "  Maria.Conceicao@Exemplo.COM.br ", "firstname": ACCENTS[0], "lastname": ACCENTS[1]},
            "stored", {"email": "maria.conceicao@exemplo.com.br", "first_name": ACCENTS[0], "last_name": ACCENTS[1]})
        add("contacts", {"email": "big@example.com", "firstname": BIG}, "stored", {"first_name": BIG})
        add("contacts", {"email": None, "firstname": None, "lastname": None, "phone": ""},
            "stored", {"email": None, "first_name": None, "phone": None})
        add("contacts", {"email": "n@example.com", "lastname": 12345}, "stored", {"last_name": "12345"})
        add("companies", {"name": "Dúzia Ltda", "numberofemployees": "a dozen"}, "rejected",
            'employees: "a dozen" is not a whole number')
        add("companies", {"name": "Café ☕ S.A.", "numberofemployees": "12", "annualrevenue": ""},
            "stored", {"name": "Café ☕ S.A.", "employees": 12, "annual_revenue": None})
        add("deals", {"dealname": "Doze mil", "amount": "twelve thousand"}, "rejected",
            'amount: "twelve thousand" is not a number')
        add("deals", {"dealname": "Terça", "closedate": "next tuesday"}, "rejected",
            'close_date: "next tuesday" is not a date')
    elif provider == "salesforce":
        add("Lead", {"LastName": "Arroba", "Company": "X", "Email": "sem-arroba"}, "stored", {"email": "sem-arroba"})
        add("Lead", {"FirstName": ACCENTS[0], "LastName": ACCENTS[1], "Company": "Açaí 😀 Ltda"},
            "stored", {"first_name": ACCENTS[0], "last_name": ACCENTS[1], "company_name": "Açaí 😀 Ltda"})
        add("Lead", {"LastName": BIG, "Company": "Big"}, "stored", {"last_name": BIG})
        add("Lead", {"LastName": "Nulo", "Company": None, "Email": None, "Phone": None},
            "stored", {"email": None, "company_name": None})
        add("Account", {"Name": "Muitos", "NumberOfEmployees": "many"}, "rejected",
            'employees: "many" is not a whole number')
        add("Opportunity", {"Name": "Lots", "Amount": "lots", "StageName": "Prospecting"}, "rejected",
            'amount: "lots" is not a number')
        add("Opportunity", {"Name": "Someday", "CloseDate": "someday", "StageName": "Prospecting"},
            "rejected", 'close_date: "someday" is not a date')
        add("Opportunity", {"Name": "Dict", "Probability": {"x": 1}, "StageName": "Prospecting"},
            "rejected", 'probability: {"x": 1} is not a number')
    else:
        add("customers", {"email": "sem arroba", "first_name": "Sem"}, "stored", {"email": "sem arroba"})
        add("customers", {"email": "joao@exemplo.com.br", "first_name": ACCENTS[0], "last_name": ACCENTS[1]},
            "stored", {"first_name": ACCENTS[0], "last_name": ACCENTS[1]})
        add("customers", {"email": "big@example.com", "first_name": BIG}, "stored", {"first_name": BIG})
        add("customers", {"email": None, "first_name": None, "phone": None, "tags": None},
            "stored", {"email": None, "first_name": None, "tags": None})
        add("customers", {"email": "many@example.com", "orders_count": "many"}, "rejected",
            'orders_count: "many" is not a whole number')
        add("customers", {"email": "lots@example.com", "total_spent": "lots"}, "rejected",
            'total_spent: "lots" is not a number')
        add("customers", {"email": "int@example.com", "first_name": 42}, "stored", {"first_name": "42"})
    return out


def sandbox_ids(sb, provider: str, *, live_only: bool = False) -> dict[str, set[str]]:
    return {obj: {e["id"] for e in rows if not (live_only and e["archived"])}
            for obj, rows in sb.state(provider, with_records=False)[provider].items()}


@pytest.mark.parametrize("provider", PROVIDERS)
async def test_bad_records_are_stored_or_rejected_with_the_reason_and_none_is_dropped(fw, store, settings, provider):
    w = await fw(records=60, seed=31, hubspot_null_properties=True)
    planted = plant(w.sb, provider)
    cid = w.connect_static(provider)
    m = await w.service.run(cid, "initial", "cli")
    assert m.status == "completed", m.error_message
    assert whole_store_problems(store, cid, m.job_id) == []

    # What the provider serves: every live record (HubSpot also lists its archived ones; Shopify cannot show a
    # customer deleted before the first sync, and need not).
    live, every = sandbox_ids(w.sb, provider, live_only=True), sandbox_ids(w.sb, provider)
    with store.session() as s:
        stored = {obj: set(s.scalars(select(RecordLink.external_id).where(
            RecordLink.connection_id == cid, RecordLink.object_type == obj))) for obj in OBJECTS[provider]}
        rejected_rows = s.scalars(select(RejectedRecord).where(RejectedRecord.job_id == m.job_id)).all()
    rejected: dict[str, dict[str, str]] = {}
    for r in rejected_rows:
        rejected.setdefault(r.object_type, {})[r.external_id] = r.reason
        assert r.raw and json.loads(r.raw)  # the raw payload is kept, whole
    # Nothing silently dropped: every record sent is stored or rejected, never both, and the counts add up.
    n_sent = 0
    for obj in OBJECTS[provider]:
        got, bad = stored.get(obj, set()), set(rejected.get(obj, {}))
        assert live[obj] <= got | bad <= every[obj], (obj, live[obj] - got - bad)
        assert not got & bad, obj
        n_sent += len(got | bad)
    assert m.processed_records == n_sent  # what the job counts as received is what it stored or rejected
    assert m.failed_records == len(rejected_rows) == len(_rejected_ids(rejected))
    assert sum(len(v) for v in stored.values()) + len(rejected_rows) == n_sent

    # Each planted record went where the contract sends it, with its reason kept.
    for (obj, ext), (outcome, expect) in planted.items():
        if outcome == "rejected":
            reason = rejected.get(obj, {}).get(ext)
            assert reason is not None, f"{obj} {ext} should be rejected ({expect})"
            assert reason == expect  # the store's field name and the value sent, in a sentence of ours
            continue
        assert ext in stored[obj], f"{obj} {ext} should be stored"
        entity = get_map(provider, obj).entity
        table = ENTITY_MODELS[entity].__table__
        with store.session() as s:
            row = s.execute(select(table).join(RecordLink, RecordLink.local_id == table.c.id).where(
                RecordLink.connection_id == cid, RecordLink.object_type == obj,
                RecordLink.external_id == ext)).mappings().one()
        for col, want in expect.items():
            assert row[col] == want, (obj, ext, col, str(row[col])[:80], str(want)[:80])
    # Everything else equals the sandbox.
    leftover = [p for p in w.problems(provider) if not any(ext in p for ext in _rejected_ids(rejected))]
    assert leftover == []
    assert w.sb.internal_errors == []
    # Every reason (and the job's log lines) is a sentence the UI can show in the person's language.
    missing = unworded(settings.database_path)
    assert not missing, f"sentences no template makes (they would show in English): {missing}"


def _rejected_ids(rejected: dict[str, dict[str, str]]) -> list[str]:
    return [ext for per in rejected.values() for ext in per]


async def test_the_same_id_twice_in_one_page_is_stored_once_last_version_wins(fw, store, settings):
    """A page repeating a record (a provider's paging glitch): one record, the later version, counted once."""
    w = await fw(records=40, seed=32)
    state = {"done": False, "id": None}

    async def repeat_first(request: httpx.Request, response: httpx.Response) -> httpx.Response:
        if state["done"] or request.url.path != "/crm/v3/objects/contacts" or response.status_code != 200:
            return response
        body = json.loads(await response.aread())
        first = json.loads(json.dumps(body["results"][0]))
        first["properties"]["firstname"] = "Segunda Versão"
        body["results"].append(first)
        state.update(done=True, id=first["id"])
        headers = {k: v for k, v in response.headers.items() if k.lower() not in ("content-length",)}
        return httpx.Response(response.status_code, headers=headers, content=json.dumps(body).encode(),
                              request=request)

    w.tap.rewrite = repeat_first
    cid = w.connect_static("hubspot")
    m = await w.service.run(cid, "initial", "cli", objects=["contacts"])
    assert m.status == "completed", m.error_message
    assert state["done"]
    sent = sandbox_ids(w.sb, "hubspot")["contacts"]  # live and archived: HubSpot's initial lists both
    with store.session() as s:
        links = s.scalars(select(RecordLink).where(RecordLink.external_id == state["id"],
                                                   RecordLink.object_type == "contacts")).all()
        assert len(links) == 1
        lead = s.get(ENTITY_MODELS["lead"], links[0].local_id)
        assert lead.first_name == "Segunda Versão"
    assert m.processed_records == len(sent) and m.failed_records == 0  # the repeat is one record, not two
    assert whole_store_problems(store, cid, m.job_id) == []
    missing = unworded(settings.database_path)
    assert not missing, f"sentences no template makes (they would show in English): {missing}"
