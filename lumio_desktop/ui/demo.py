"""Demo data written straight into a store, for the screenshot script and UI tests: three connections in the three
states a person must tell apart (synced, syncing while rate-limited, needs reconnect), a history of runs with
errors, records with links and history, and open conflicts. (The live demo mode, `--sandbox`, syncs real sandbox
accounts instead.)"""

from __future__ import annotations

import json
import random
import unicodedata
import uuid
from datetime import UTC, datetime, timedelta

from lumio_desktop.auth import words as aw
from lumio_desktop.store.models import (
    Alert,
    Company,
    Conflict,
    ConflictStatus,
    Connection,
    ConnectionHealth,
    Deal,
    Direction,
    JobLog,
    JobStatus,
    Lead,
    Provider,
    RecordEdit,
    RecordLink,
    RejectedRecord,
    Strategy,
    SyncJob,
    SyncType,
    Trigger,
)
from lumio_desktop.sync import jobs as jw
from lumio_desktop.sync.alerts import SYNC_FAILED
from lumio_desktop.sync.mapping import reasons as rw
from lumio_desktop.sync.providers import words as pw

FIRST = ["Ana", "João", "Maria", "Pedro", "Lucas", "Juliana", "Carla", "Rafael", "Beatriz", "Marcos", "Fernanda",
         "Gustavo", "Larissa", "Thiago", "Camila", "Bruno", "Patrícia", "Diego", "Mariana", "Felipe"]
LAST = ["Souza", "Pereira", "Silva", "Oliveira", "Santos", "Costa", "Almeida", "Ferreira", "Rodrigues", "Lima",
        "Gomes", "Ribeiro", "Carvalho", "Araújo", "Martins", "Rocha", "O'Brien", "Barbosa", "Mendes", "Cardoso"]
COMPANIES = ["Acme Brasil", "Padaria Pão Quente", "Vale Verde Agro", "Nimbus Cloud", "Casa & Cia", "Rota Sul Log",
             "Brisa Energia", "Pixel Studio", "Horizonte Seguros", "Tupã Têxtil", "Luz Clínica", "Ipê Móveis"]
TITLES = ["Head of Sales", "CEO", "CFO", "Marketing Manager", "Buyer", "Operations Lead", "CTO", "Sales Rep"]
STATUSES = ["New", "Qualified", "Customer", "Contacted", "Unqualified"]
STAGES = ["appointmentscheduled", "qualifiedtobuy", "presentationscheduled", "contractsent", "closedwon"]

# What the engine says, made by its own sentence templates so a translated UI shows it translated.
SF_LIMIT_SAID = "REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded."
REVOKED = aw.SIGN_IN_REFUSED(provider="Shopify", said="invalid_grant: refresh token revoked")
REJECTS = {  # connection index -> (object, payload, reason) pairs, as the mapping rejects them
    0: [("contacts", {"id": "512", "properties": {"hubspotscore": "high"}},
         rw.NOT_WHOLE_NUMBER(field="lead_score", value='"high"')),
        ("contacts", {"id": "513", "properties": {"lastmodifieddate": "yesterday"}},
         rw.NOT_DATE(field="updated_at", value='"yesterday"'))],
    1: [("Account", {"Id": "001AB", "AnnualRevenue": "twelve thousand"},
         rw.NOT_NUMBER(field="annual_revenue", value='"twelve thousand"')),
        ("Contact", {"Id": None, "Email": "ana@acme.com.br"}, rw.MISSING(field="external_id"))],
    2: [("customers", {"id": 7, "accepts_marketing": "maybe"},
         rw.NOT_TRUE_FALSE(field="accepts_marketing", value='"maybe"')),
        ("customers", {"id": 8, "total_spent": "12,50"}, rw.NOT_NUMBER(field="total_spent", value='"12,50"'))],
}


def _ascii(s: str) -> str:
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()


def seed_demo(store, *, now: datetime | None = None, leads: int = 240, seed: int = 7) -> dict[str, int]:
    rng = random.Random(seed)
    now = now or datetime.now(UTC)
    with store.session.begin() as s:
        hub = Connection(name="HubSpot Acme BR", provider=Provider.HUBSPOT, base_url="https://api.hubapi.com",
                         auth_kind="oauth", account_label="Acme BR", health=ConnectionHealth.HEALTHY,
                         direction=Direction.BOTH, strategy=Strategy.MANUAL, created_at=now - timedelta(days=20))
        sf = Connection(name="Salesforce acme.my", provider=Provider.SALESFORCE,
                        base_url="https://acme.my.salesforce.com", auth_kind="oauth", account_label="acme.my",
                        health=ConnectionHealth.TRANSIENT, health_reason=pw.SF_RATE_LIMITED(said=SF_LIMIT_SAID),
                        direction=Direction.BOTH, strategy=Strategy.MANUAL, created_at=now - timedelta(days=20))
        shop = Connection(name="Shopify acme-store", provider=Provider.SHOPIFY, base_url="https://acme-store.myshopify.com",
                          shop="acme-store.myshopify.com", auth_kind="oauth", account_label="acme-store",
                          health=ConnectionHealth.CONFIG_ERROR,
                          health_reason=REVOKED,
                          direction=Direction.PULL, strategy=Strategy.PROVIDER, objects=["customers"],
                          created_at=now - timedelta(days=20))
        s.add_all([hub, sf, shop])
        s.flush()
        conns = [hub, sf, shop]

        companies = [Company(name=n, domain=_ascii(n.lower().replace(" ", "").replace("&", "e"))[:14] + ".com.br",
                             industry=rng.choice(["Retail", "Software", "Agro", "Logistics", "Health"]),
                             city=rng.choice(["São Paulo", "Curitiba", "Recife", "Porto Alegre", "Belo Horizonte"]),
                             country="Brazil", employees=rng.randint(5, 900), created_at=now - timedelta(days=19),
                             updated_at=now - timedelta(hours=rng.randint(1, 300)))
                     for n in COMPANIES]
        s.add_all(companies)
        s.flush()
        lead_objs = []
        for i in range(leads):
            fn, ln = rng.choice(FIRST), rng.choice(LAST)
            comp = rng.choice(companies)
            lead_objs.append(Lead(
                first_name=fn, last_name=ln,
                email=_ascii(f"{fn.lower()}.{ln.lower().replace(chr(39), '')}{i}@{comp.domain}"),
                phone=f"+55 11 9{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}", company_name=comp.name,
                company_id=comp.id, job_title=rng.choice(TITLES), status=rng.choice(STATUSES),
                lead_score=rng.randint(5, 98), city=comp.city, country="Brazil",
                created_at=now - timedelta(days=19), updated_at=now - timedelta(minutes=rng.randint(5, 20000)),
                dirty=i % 37 == 0, local_modified_by="you" if i % 37 == 0 else None,
                local_modified_at=now - timedelta(hours=2) if i % 37 == 0 else None))
        s.add_all(lead_objs)
        deals = [Deal(name=f"{rng.choice(COMPANIES)} · {rng.choice(['Renewal', 'Expansion', 'New logo', 'Pilot'])}",
                      amount=float(rng.randint(20, 900) * 100), currency="BRL", stage=rng.choice(STAGES),
                      pipeline="default", owner=rng.choice(["Marcos R.", "Ana S.", "Bruno C."]),
                      close_date=now + timedelta(days=rng.randint(-30, 90)), created_at=now - timedelta(days=18),
                      updated_at=now - timedelta(hours=rng.randint(1, 400)))
                 for _ in range(60)]
        s.add_all(deals)
        s.flush()
        for i, lead in enumerate(lead_objs):
            c = conns[i % 3]
            obj = {"hubspot": "contacts", "salesforce": "Contact", "shopify": "customers"}[c.provider.value]
            s.add(RecordLink(connection_id=c.id, provider=c.provider, object_type=obj, external_id=str(1000 + i),
                             entity="lead", local_id=lead.id, synced_at=now - timedelta(minutes=30),
                             snapshot={"email": lead.email}))
        for i, comp in enumerate(companies):
            c = conns[i % 2]
            s.add(RecordLink(connection_id=c.id, provider=c.provider, object_type="companies" if i % 2 == 0 else "Account",
                             external_id=str(5000 + i), entity="company", local_id=comp.id, synced_at=now))
        for i, d in enumerate(deals):
            s.add(RecordLink(connection_id=hub.id, provider=Provider.HUBSPOT, object_type="deals",
                             external_id=str(9000 + i), entity="deal", local_id=d.id, synced_at=now))

        # Runs: 20 per connection, every 30 minutes back from now.
        for k, c in enumerate(conns):
            for n in range(20, 0, -1):
                start = now - timedelta(minutes=30 * n + 7 * k)
                processed = rng.randint(40, 320)
                failed = 0 if rng.random() < 0.6 else rng.randint(1, 9 if k == 0 else 30)
                status = JobStatus.COMPLETED
                err = None
                if k == 2 and n == 1:
                    status, err, processed, failed = JobStatus.FAILED, REVOKED, 0, 0
                if k == 1 and n == 9:
                    status, err = JobStatus.FAILED, pw.GAVE_UP(reason=pw.SF_TROUBLE(
                        code=503, said="Service Unavailable"), n=5)
                created = rng.randint(0, processed // 4)
                dur = rng.randint(4000, 40000) if k != 1 else rng.randint(15000, 90000)
                job = SyncJob(id=str(uuid.UUID(int=rng.getrandbits(128))), connection_id=c.id,
                              integration=c.provider.value,
                              sync_type=SyncType.INITIAL if n == 20 else SyncType.INCREMENTAL,
                              trigger=Trigger.SCHEDULE if n % 5 else Trigger.USER, status=status, progress=1.0,
                              created_at=start, started_at=start, ended_at=start + timedelta(milliseconds=dur),
                              duration_ms=dur, total_records=processed, processed_records=processed,
                              created_records=created, updated_records=processed - created - failed,
                              failed_records=failed,
                              success_rate=None if processed == 0 else (processed - failed) / processed,
                              error_message=err, api_calls=rng.randint(3, 40))
                s.add(job)
                s.flush()
                objects = ("companies", "contacts", "deals") if k == 0 else ("Account", "Contact") if k == 1 \
                    else ("customers",)
                for obj in objects:  # the lines a real run writes (sync/jobs.py)
                    s.add(JobLog(job_id=job.id, at=start + timedelta(seconds=1),
                                 message=(jw.LOG_FULL if n == 20 else jw.LOG_CHANGES)(object_type=obj)))
                if failed:
                    for j in range(min(failed, 5)):
                        obj, raw, reason = REJECTS[k][j % 2]
                        s.add(RejectedRecord(job_id=job.id, connection_id=c.id, object_type=obj,
                                             external_id=f"003AB0000{j}xYz", raw=json.dumps(raw), reason=reason))
                s.add(JobLog(job_id=job.id, at=start + timedelta(milliseconds=dur),
                             level="error" if err else "warning" if failed else "info",
                             message=jw.LOG_END_WHY(status=status.value, n=processed, n_rejected=failed, reason=err)
                             if err else jw.LOG_END(status=status.value, n=processed, n_rejected=failed)))
        running = SyncJob(id=str(uuid.uuid4()), connection_id=sf.id, integration="salesforce",
                          sync_type=SyncType.MANUAL, trigger=Trigger.USER, status=JobStatus.RUNNING, progress=0.62,
                          created_at=now - timedelta(minutes=2), started_at=now - timedelta(minutes=2),
                          total_records=10000, processed_records=6210, created_records=310, updated_records=5890,
                          failed_records=10)
        s.add(running)
        s.flush()
        for obj in ("Account", "Contact"):
            s.add(JobLog(job_id=running.id, at=now - timedelta(minutes=2), message=jw.LOG_CHANGES(object_type=obj)))

        # Open conflicts: a lead changed on both sides.
        ana = lead_objs[1]
        ana.first_name, ana.last_name, ana.job_title = "Ana", "Souza", "VP Sales"
        ana.email, ana.phone, ana.status = "ana@acme.com.br", "+55 11 98888-0000", "Customer"
        link = RecordLink(connection_id=sf.id, provider=Provider.SALESFORCE, object_type="Contact",
                          external_id="003AB00000xYz12", entity="lead", local_id=ana.id,
                          synced_at=now - timedelta(hours=3),
                          snapshot={"first_name": "Ana", "last_name": "Souza", "email": "ana@acme.com.br",
                                    "job_title": "Sales Director", "phone": "+55 11 97777-1111",
                                    "status": "Qualified"})
        s.add(link)
        s.flush()
        for field, b, lum, prov, lat, pat in (
            ("job_title", "Head of Sales", "VP Sales", "Sales Director", 80, 65),
            ("phone", "+55 11 4000-1000", "+55 11 98888-0000", "+55 11 97777-1111", 80, 110),
        ):
            s.add(Conflict(connection_id=sf.id, link_id=link.id, entity="lead", local_id=ana.id, field=field,
                           base_value=b, lumio_value=lum, provider_value=prov,
                           lumio_modified_at=now - timedelta(minutes=lat), lumio_modified_by="you",
                           provider_modified_at=now - timedelta(minutes=pat), strategy=Strategy.MANUAL,
                           status=ConflictStatus.OPEN, detected_at=now - timedelta(minutes=30)))
        joao = lead_objs[4]
        joao.first_name, joao.last_name = "João", "Pereira"
        s.add(Conflict(connection_id=hub.id, entity="lead", local_id=joao.id, field="status", base_value="New",
                       lumio_value="Qualified", provider_value="Customer", lumio_modified_at=now - timedelta(hours=5),
                       lumio_modified_by="you", provider_modified_at=now - timedelta(hours=1),
                       strategy=Strategy.MANUAL, status=ConflictStatus.OPEN, detected_at=now - timedelta(minutes=40)))
        # Duplicates: the same people entered in two providers.
        for i, src in enumerate(lead_objs[10:16]):
            twin = Lead(first_name=src.first_name, last_name=src.last_name,
                        email=src.email.upper() if i % 2 == 0 else None,
                        phone=src.phone, company_name=src.company_name if i % 2 else None,
                        job_title=None if i % 3 else src.job_title, status="New", city=src.city,
                        created_at=now - timedelta(days=3), updated_at=now - timedelta(hours=i + 1))
            s.add(twin)
            s.flush()
            other = conns[(i + 1) % 2]
            s.add(RecordLink(connection_id=other.id, provider=other.provider,
                             object_type="contacts" if other.provider == Provider.HUBSPOT else "Lead",
                             external_id=f"dup{i}", entity="lead", local_id=twin.id, synced_at=now))
        s.add(RecordEdit(entity="lead", local_id=ana.id, field="job_title", old_value="Head of Sales",
                         new_value="VP Sales", source="edit", actor="you", at=now - timedelta(minutes=80)))
        s.add(RecordEdit(entity="lead", local_id=ana.id, field="status", old_value="Qualified",
                         new_value="Customer", source="sync:HubSpot Acme BR", actor=None, at=now - timedelta(days=1)))
        s.add(Alert(kind="sync_failed", severity="error", connection_id=shop.id,
                    message=SYNC_FAILED(connection="Shopify acme-store", reason=REVOKED),
                    created_at=now - timedelta(minutes=28)))
    return {"connections": 3, "leads": leads}
