"""Duplicate leads within and across providers: find candidate groups, merge them (keeping every provider link on the
surviving record), undo a merge. `docs/conflicts-and-dedupe.md` states the algorithm and thresholds.

Finding (two stages, joined with union-find so a record is in at most one group):
  1. exact: the same normalised email (trimmed, lower-cased, spaces removed, "+tag" dropped, and for Gmail the dots
     of the local part dropped and googlemail.com read as gmail.com);
  2. fuzzy: within blocks (same normalised phone, or same folded last name + first two letters of the first name;
     inside a block a sorted-neighbourhood window of WINDOW records), a pair matches when name similarity >= NAME_THRESHOLD and either the normalised phones are equal or the company
     similarity >= COMPANY_THRESHOLD. Similarity is difflib's ratio on ASCII-folded, lower-cased text, the best of
     as-typed and token-sorted order. Two records with different valid emails never pair on fuzzy grounds alone.
Strategies: keep_latest (survivor = the most recently modified), keep_provider (survivor = the one linked to the first
provider of PROVIDER_ORDER, then the latest), manual (groups are only listed; a person picks with merge_group()).

A merge: the survivor's empty fields are filled from the others (newest first); every RecordLink, deal and open
conflict of a merged record moves to the survivor; the merged record keeps its row with `merged_into_id` set. Each
of those steps is a RecordEdit row with source `merge:<merge id>`, which is what undo_merge() reverses.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from difflib import SequenceMatcher
from typing import Any

from sqlalchemy import select

from lumio_desktop.errors import LumioError
from lumio_desktop.store.models import (
    ENTITY_MODELS,
    Company,
    Conflict,
    ConflictStatus,
    Lead,
    RecordEdit,
    RecordLink,
)
from lumio_desktop.store.types import utcnow
from lumio_desktop.sync.merge import canon, to_json
from lumio_desktop.text import QT_TRANSLATE_NOOP

NAME_THRESHOLD = 0.88
COMPANY_THRESHOLD = 0.85
WINDOW = 50  # sorted-neighbourhood window inside a block: each record is compared with its next 50 by name
PROVIDER_ORDER = ("salesforce", "hubspot", "shopify")
STRATEGIES = ("keep_latest", "keep_provider", "manual")
COMPANY_NAME_THRESHOLD = 0.92
FILLABLE = {
    "lead": ("email", "first_name", "last_name", "phone", "company_name", "company_id", "job_title", "status",
             "source", "tags", "owner", "city", "country", "accepts_marketing"),
    "company": ("name", "domain", "phone", "industry", "website", "city", "state", "country", "employees",
                "annual_revenue", "owner"),
}
# Rows that point at a merged record and move to the survivor with it.
REFERENCES = {"lead": (("deal", "lead_id"),), "company": (("lead", "company_id"), ("deal", "company_id"))}
# Shared mailbox domains say nothing about which company a record is.
FREE_DOMAINS = frozenset({"gmail.com", "googlemail.com", "yahoo.com", "outlook.com", "hotmail.com", "live.com",
                          "icloud.com", "me.com", "proton.me", "protonmail.com", "uol.com.br", "bol.com.br",
                          "terra.com.br", "aol.com"})
GMAIL = {"gmail.com", "googlemail.com"}

# What the Duplicates page shows (group reasons, errors, what undo kept): templates the UI translates (text.py).
# "#{id}" as the UI writes record numbers; it also keeps two neighbouring values apart when a sentence is read back.
SAME_EMAIL = QT_TRANSLATE_NOOP("engine", "same email {email}")
SAME_DOMAIN = QT_TRANSLATE_NOOP("engine", "same domain {domain}")
SIMILAR_LEAD = QT_TRANSLATE_NOOP("engine", "similar name ({score}) and phone or company")
SIMILAR_COMPANY = QT_TRANSLATE_NOOP("engine", "similar name ({score}) and phone or city")
NOT_AN_ENTITY = QT_TRANSLATE_NOOP("engine", "dedupe works on leads or companies, not '{said}'")
UNKNOWN_STRATEGY = QT_TRANSLATE_NOOP("engine", "unknown dedupe strategy '{said}': use {choices}")
NO_RECORD = QT_TRANSLATE_NOOP("engine", "there is no {entity} #{id}")
ALREADY_MERGED = QT_TRANSLATE_NOOP("engine", "{entity} #{id} was already merged into {entity} #{into}")
NOTHING_TO_MERGE = QT_TRANSLATE_NOOP("engine", "name at least one {entity} to merge into the survivor")
NO_MERGE = QT_TRANSLATE_NOOP("engine", "there is no merge {merge_id}; list them with `lumio-sync dedupe --history`")
MERGE_UNDONE = QT_TRANSLATE_NOOP("engine", "merge {merge_id} was already undone")
KEPT = QT_TRANSLATE_NOOP("engine", "{field} of {entity} #{id} (changed since the merge)")
COMPANY_SUFFIXES = {"inc", "llc", "corp", "corporation", "co", "ltd", "ltda", "sa", "s/a", "me", "eireli", "gmbh",
                    "plc", "limited", "company"}


class DedupeError(LumioError):
    pass


def fold(s: str) -> str:
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode("ascii")


def normalize_email(email: str | None) -> str | None:
    """The key of the exact stage; None for a missing or malformed email."""
    if not email:
        return None
    e = "".join(email.split()).lower()
    if e.count("@") != 1:
        return None
    local, domain = e.split("@")
    domain = domain.rstrip(".")
    if not local or "." not in domain or domain.startswith("."):
        return None
    local = local.split("+", 1)[0]  # sub-addressing: ana+news@ reaches ana@
    if domain in GMAIL:
        local, domain = local.replace(".", ""), "gmail.com"  # Gmail ignores dots in the local part
    return f"{local}@{domain}" if local else None


def normalize_phone(phone: str | None) -> str | None:
    """Digits only, the last 10 (so +55 11 98888-0000 and (11) 98888-0000 agree); None under 7 digits."""
    if not phone:
        return None
    digits = re.sub(r"\D", "", phone)
    return digits[-10:] if len(digits) >= 7 else None


def _text(s: str | None) -> str:
    return " ".join(re.sub(r"[^a-z0-9 ]", " ", fold(s or "").lower()).split())


def name_key(first: str | None, last: str | None) -> str:
    return _text(f"{first or ''} {last or ''}")


def company_key(name: str | None) -> str:
    return " ".join(t for t in _text(name).split() if t not in COMPANY_SUFFIXES)


def _ratio(a: str, b: str, floor: float) -> float:
    sm = SequenceMatcher(None, a, b)
    # The cheap upper bounds first: most pairs in a block are rejected without the full (quadratic) ratio.
    if sm.real_quick_ratio() < floor or sm.quick_ratio() < floor:
        return 0.0
    return sm.ratio()


def similarity(a: str, b: str, floor: float = 0.0) -> float:
    """difflib ratio, the better of as typed and words sorted; 0.0 for anything under `floor` (a shortcut)."""
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    direct = _ratio(a, b, floor)
    if direct >= floor and direct == 1.0:
        return direct
    sa, sb = " ".join(sorted(a.split())), " ".join(sorted(b.split()))
    return max(direct, 1.0 if sa == sb else _ratio(sa, sb, floor))


@dataclass(slots=True)
class Candidate:
    id: int
    email: str | None
    name: str
    company: str
    phone: str | None
    modified_at: datetime
    providers: list[str] = field(default_factory=list)
    label: str = ""


@dataclass(slots=True)
class Group:
    members: list[int]  # lead ids
    reasons: list[str]  # how its members were tied together (Texts: the UI shows them with tr_text)
    survivor: int | None = None  # chosen by the strategy (None: manual)
    providers: list[str] = field(default_factory=list)
    labels: dict[int, str] = field(default_factory=dict)

    @property
    def cross_provider(self) -> bool:
        return len(set(self.providers)) > 1

    def to_dict(self) -> dict[str, Any]:
        return {"members": self.members, "reasons": self.reasons, "survivor": self.survivor,
                "providers": sorted(set(self.providers)), "cross_provider": self.cross_provider,
                "labels": {str(k): v for k, v in self.labels.items()}}


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, x: int) -> int:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def normalize_domain(domain: str | None, website: str | None = None) -> str | None:
    """A company's web domain: lower-cased, no scheme, no www., no path; None for a free mailbox domain."""
    text = (domain or website or "").strip().lower()
    if not text:
        return None
    text = re.sub(r"^[a-z]+://", "", text).split("/")[0].split(":")[0].removeprefix("www.")
    return text if "." in text and text not in FREE_DOMAINS else None


def _providers(session, entity: str) -> dict[int, list[str]]:
    links: dict[int, list[str]] = {}
    for local_id, provider in session.execute(
            select(RecordLink.local_id, RecordLink.provider).where(RecordLink.entity == entity)):
        links.setdefault(local_id, []).append(str(provider))
    return links


def _load(session, entity: str = "lead") -> list[Candidate]:
    links = _providers(session, entity)
    out = []
    epoch = datetime(1970, 1, 1, tzinfo=UTC)
    if entity == "company":
        for r in session.execute(select(Company.id, Company.name, Company.domain, Company.website, Company.phone,
                                        Company.city, Company.updated_at, Company.local_modified_at)
                                 .where(Company.merged_into_id.is_(None), Company.deleted_at.is_(None))):
            modified = max(t for t in (r.updated_at, r.local_modified_at, epoch) if t is not None)
            # For companies the exact key is the web domain and the second fuzzy signal the city.
            out.append(Candidate(r.id, normalize_domain(r.domain, r.website), company_key(r.name), _text(r.city),
                                 normalize_phone(r.phone), modified, links.get(r.id, []),
                                 r.name or r.domain or f"#{r.id}"))
        return out
    for r in session.execute(select(Lead.id, Lead.email, Lead.first_name, Lead.last_name, Lead.company_name,
                                    Lead.phone, Lead.updated_at, Lead.local_modified_at)
                             .where(Lead.merged_into_id.is_(None), Lead.deleted_at.is_(None))):
        modified = max(t for t in (r.updated_at, r.local_modified_at, epoch) if t is not None)
        # Without a name or email, "#12" as the UI writes record numbers: no English word on the Duplicates page.
        label = " ".join(p for p in (r.first_name, r.last_name) if p) or r.email or f"#{r.id}"
        out.append(Candidate(r.id, normalize_email(r.email), name_key(r.first_name, r.last_name),
                             company_key(r.company_name), normalize_phone(r.phone), modified,
                             links.get(r.id, []), label))
    return out


def _fuzzy_pairs(cands: Sequence[Candidate], uf: _UnionFind, entity: str = "lead") -> Iterable[tuple[int, int, float]]:
    """Pairs that match on name + (phone or company). Blocking: same phone, or same folded last name + the first two
    letters of the first name; inside a block, records sorted by name are compared with their next WINDOW
    neighbours (sorted neighbourhood), so a huge block of common names costs O(n * WINDOW), not O(n^2)."""
    blocks: dict[tuple[str, str], list[Candidate]] = {}
    for c in cands:
        if c.phone:
            blocks.setdefault(("phone", c.phone), []).append(c)
        parts = c.name.split()
        if parts:  # a person: last name + start of first name; a company: its first word + start of the second
            key = f"{parts[-1]}:{parts[0][:2]}" if entity == "lead" else f"{parts[0]}:{''.join(parts[1:2])[:2]}"
            blocks.setdefault(("name", key), []).append(c)
    name_floor = NAME_THRESHOLD if entity == "lead" else COMPANY_NAME_THRESHOLD
    for members in blocks.values():
        if len(members) < 2:
            continue
        members.sort(key=lambda m: (m.name, m.company, m.id))
        for i, a in enumerate(members):
            for b in members[i + 1:i + 1 + WINDOW]:
                if a.id == b.id or uf.find(a.id) == uf.find(b.id):
                    continue  # already together (same email, or joined through a third record)
                if a.email and b.email and a.email != b.email:
                    continue  # different real addresses: different people, whatever the names say
                ns = similarity(a.name, b.name, name_floor)
                if ns < name_floor:
                    continue
                phone_match = a.phone is not None and a.phone == b.phone
                cs = similarity(a.company, b.company, COMPANY_THRESHOLD) if a.company and b.company else 0.0
                if phone_match or cs >= COMPANY_THRESHOLD:
                    yield min(a.id, b.id), max(a.id, b.id), round(ns, 3)


def _entity(entity: str) -> str:
    e = {"lead": "lead", "leads": "lead", "company": "company", "companies": "company"}.get(entity)
    if e is None:
        raise DedupeError(NOT_AN_ENTITY(said=entity))
    return e


def find_groups(store, *, strategy: str = "keep_latest", entity: str = "lead") -> list[Group]:
    """Candidate groups of duplicate leads (or companies), each with its survivor under `strategy` (None: manual)."""
    if strategy not in STRATEGIES:
        raise DedupeError(UNKNOWN_STRATEGY(said=strategy, choices=", ".join(STRATEGIES)))
    entity = _entity(entity)
    with store.session() as s:
        cands = _load(s, entity)
    by_id = {c.id: c for c in cands}
    uf = _UnionFind()
    edges: list[tuple[int, str]] = []
    by_email: dict[str, list[int]] = {}
    for c in cands:
        if c.email:
            by_email.setdefault(c.email, []).append(c.id)
    for email, ids in by_email.items():
        for other in ids[1:]:
            uf.union(ids[0], other)
        if len(ids) > 1:
            edges.append((ids[0], SAME_EMAIL(email=email) if entity == "lead" else SAME_DOMAIN(domain=email)))
    for a, b, score in _fuzzy_pairs(cands, uf, entity):
        if uf.find(a) != uf.find(b):
            uf.union(a, b)
            similar = SIMILAR_LEAD if entity == "lead" else SIMILAR_COMPANY
            edges.append((a, similar(score=f"{score:.2f}")))
    members: dict[int, list[int]] = {}
    for c in cands:
        if c.id in uf.parent:
            members.setdefault(uf.find(c.id), []).append(c.id)
    why: dict[int, set[str]] = {}
    for a, reason in edges:
        why.setdefault(uf.find(a), set()).add(reason)
    groups = []
    for root, ids in sorted(members.items()):
        if len(ids) < 2:
            continue
        ids.sort()
        g = Group(ids, sorted(why.get(root, ())), providers=[p for i in ids for p in by_id[i].providers],
                  labels={i: by_id[i].label for i in ids})
        g.survivor = _survivor([by_id[i] for i in ids], strategy)
        groups.append(g)
    return groups


def _survivor(members: list[Candidate], strategy: str) -> int | None:
    if strategy == "manual":
        return None
    latest = sorted(members, key=lambda c: (c.modified_at, c.id), reverse=True)
    if strategy == "keep_latest":
        return latest[0].id
    for provider in PROVIDER_ORDER:
        for c in latest:
            if provider in c.providers:
                return c.id
    return latest[0].id


@dataclass(slots=True)
class MergePlan:
    merge_id: str
    survivor: int
    merged: list[int]
    fills: dict[str, Any]  # survivor field -> value taken from a merged record
    links: list[int]  # record links moving to the survivor
    references: list[tuple[str, int, str]]  # (entity, id, field) rows pointing at a merged record: deals, leads
    conflicts: list[int]
    entity: str = "lead"

    @property
    def deals(self) -> list[int]:
        return [i for e, i, _ in self.references if e == "deal"]

    def to_dict(self) -> dict[str, Any]:
        return {"merge_id": self.merge_id, "entity": self.entity, "survivor": self.survivor, "merged": self.merged,
                "fills": {k: to_json(v) for k, v in self.fills.items()}, "links": self.links,
                "references": [list(r) for r in self.references], "conflicts": self.conflicts}


def _plan(s, survivor: int, others: Sequence[int], entity: str = "lead") -> MergePlan:
    model = ENTITY_MODELS[entity]
    ids = [survivor, *[o for o in others if o != survivor]]
    rows = {r.id: r for r in s.scalars(select(model).where(model.id.in_(ids)))}
    for i in ids:
        if i not in rows:
            raise DedupeError(NO_RECORD(entity=entity, id=i))
        if rows[i].merged_into_id is not None:
            raise DedupeError(ALREADY_MERGED(entity=entity, id=i, into=rows[i].merged_into_id))
    surv = rows[survivor]
    donors = sorted((rows[i] for i in ids[1:]), key=lambda r: (r.local_modified_at or r.updated_at, r.id),
                    reverse=True)
    fills: dict[str, Any] = {}
    for name in FILLABLE[entity]:
        if canon(getattr(surv, name)) is not None:
            continue
        for d in donors:
            v = getattr(d, name)
            if canon(v) is not None:
                fills[name] = v
                break
    merged = [d.id for d in donors]
    links = list(s.scalars(select(RecordLink.id).where(RecordLink.entity == entity, RecordLink.local_id.in_(merged))))
    refs: list[tuple[str, int, str]] = []
    for ref_entity, column in REFERENCES[entity]:
        ref = ENTITY_MODELS[ref_entity]
        refs.extend((ref_entity, i, column) for i in s.scalars(select(ref.id).where(getattr(ref, column).in_(merged))))
    conflicts = list(s.scalars(select(Conflict.id).where(Conflict.entity == entity, Conflict.local_id.in_(merged),
                                                         Conflict.status == ConflictStatus.OPEN)))
    return MergePlan(uuid.uuid4().hex[:12], survivor, merged, fills, links, refs, conflicts, entity)


def _apply(s, plan: MergePlan, actor: str | None, at: datetime) -> None:
    src = f"merge:{plan.merge_id}"
    entity = plan.entity
    model = ENTITY_MODELS[entity]

    def note(what: str, local_id: int, name: str, old: Any, new: Any) -> None:
        s.add(RecordEdit(entity=what, local_id=local_id, field=name, old_value=to_json(old),
                         new_value=to_json(new), source=src, actor=actor, at=at))

    surv = s.get(model, plan.survivor)
    for name, v in plan.fills.items():
        note(entity, surv.id, name, getattr(surv, name), v)
        setattr(surv, name, v)
    surv.updated_at = at
    for link_id in plan.links:
        link = s.get(RecordLink, link_id)
        # What this provider held at the merge: undo brings the merged record up to date with later pulls.
        note("record_link", link.id, "snapshot", link.snapshot, None)
        note("record_link", link.id, "local_id", link.local_id, surv.id)
        link.local_id = surv.id
    for ref_entity, ref_id, column in plan.references:
        row = s.get(ENTITY_MODELS[ref_entity], ref_id)
        note(ref_entity, ref_id, column, getattr(row, column), surv.id)
        setattr(row, column, surv.id)
    for cid in plan.conflicts:
        c = s.get(Conflict, cid)
        note("conflict", c.id, "local_id", c.local_id, surv.id)
        c.local_id = surv.id
    for merged_id in plan.merged:
        row = s.get(model, merged_id)
        note(entity, row.id, "merged_into_id", None, surv.id)
        row.merged_into_id = surv.id
        row.updated_at = at


@dataclass(slots=True)
class DedupeReport:
    strategy: str
    dry_run: bool
    groups: list[Group]
    merges: list[MergePlan] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"strategy": self.strategy, "dry_run": self.dry_run, "groups": [g.to_dict() for g in self.groups],
                "merges": [m.to_dict() for m in self.merges]}


def dedupe(store, *, strategy: str = "keep_latest", dry_run: bool = False, actor: str | None = None,
           entity: str = "lead", hub=None) -> DedupeReport:
    """Find the groups; unless manual or dry_run, merge each into its survivor (one transaction for all)."""
    entity = _entity(entity)
    groups = find_groups(store, strategy=strategy, entity=entity)
    report = DedupeReport(strategy, dry_run, groups)
    if strategy == "manual":
        return report
    at = utcnow()
    with store.session.begin() as s:
        for g in groups:
            plan = _plan(s, g.survivor, g.members, entity)
            report.merges.append(plan)
            if not dry_run:
                _apply(s, plan, actor, at)
    if hub is not None and report.merges and not dry_run:
        hub.publish("records_changed", entity)
    return report


def merge_group(store, survivor: int, others: Sequence[int], *, actor: str | None = None, dry_run: bool = False,
                entity: str = "lead", hub=None) -> MergePlan:
    """A person's choice (strategy manual): merge `others` into `survivor`."""
    entity = _entity(entity)
    if not [o for o in others if o != survivor]:
        raise DedupeError(NOTHING_TO_MERGE(entity=entity))
    with store.session.begin() as s:
        plan = _plan(s, survivor, others, entity)
        if not dry_run:
            _apply(s, plan, actor, utcnow())
    if hub is not None and not dry_run:
        hub.publish("records_changed", entity)
    return plan


def merges(store, limit: int = 50) -> list[dict[str, Any]]:
    """Recent merges (newest first): id, entity, when, who, survivor, merged records; undone ones say so."""
    out: dict[str, dict[str, Any]] = {}
    with store.session() as s:
        rows = s.scalars(select(RecordEdit).where(RecordEdit.source.like("merge:%"), RecordEdit.field == "merged_into_id",
                                                  RecordEdit.entity.in_(list(FILLABLE)))
                         .order_by(RecordEdit.at.desc(), RecordEdit.id.desc()))
        undone = set(s.scalars(select(RecordEdit.source).where(RecordEdit.source.like("unmerge:%"))))
        for r in rows:
            mid = r.source.split(":", 1)[1]
            if mid not in out and len(out) >= limit:
                break
            m = out.setdefault(mid, {"merge_id": mid, "entity": r.entity, "at": r.at.isoformat(), "actor": r.actor,
                                     "survivor": r.new_value, "merged": [], "undone": f"unmerge:{mid}" in undone})
            m["merged"].append(r.local_id)
    return list(out.values())


def undo_merge(store, merge_id: str, *, actor: str | None = None, hub=None) -> dict[str, Any]:
    """Reverse a merge: links, references (deals, leads) and conflicts go back, the merged records stand alone again,
    and the survivor's filled fields are emptied again unless someone changed them since (kept and reported)."""
    from lumio_desktop.store.edits import coerce

    at = utcnow()
    kept: list[str] = []  # Texts: what stayed on the survivor because someone changed it since
    entities: set[str] = set()
    with store.session.begin() as s:
        rows = list(s.scalars(select(RecordEdit).where(RecordEdit.source == f"merge:{merge_id}")
                              .order_by(RecordEdit.id.desc())))
        if not rows:
            raise DedupeError(NO_MERGE(merge_id=merge_id))
        if s.scalar(select(RecordEdit.id).where(RecordEdit.source == f"unmerge:{merge_id}").limit(1)) is not None:
            raise DedupeError(MERGE_UNDONE(merge_id=merge_id))
        src = f"unmerge:{merge_id}"
        restored: list[int] = []
        refresh: list[tuple[int, dict[str, Any]]] = []
        for r in rows:
            if r.entity == "record_link" and r.field == "snapshot":
                refresh.append((r.local_id, r.old_value or {}))
                continue
            model = {"record_link": RecordLink, "conflict": Conflict}.get(r.entity) or ENTITY_MODELS[r.entity]
            obj = s.get(model, r.local_id)
            if obj is None:
                continue
            current = getattr(obj, r.field)
            record = r.entity in ENTITY_MODELS
            if record and r.field != "merged_into_id" and not _same_value(current, r.new_value):
                kept.append(KEPT(field=r.field, entity=r.entity, id=r.local_id))
                continue
            value = r.old_value
            if record and r.field not in ("merged_into_id",) and value is not None:
                value = coerce(r.entity, r.field, value)
            setattr(obj, r.field, value)
            s.add(RecordEdit(entity=r.entity, local_id=r.local_id, field=r.field, old_value=to_json(current),
                             new_value=r.old_value, source=src, actor=actor, at=at))
            if r.field == "merged_into_id":
                restored.append(r.local_id)
                entities.add(r.entity)
        s.flush()
        _catch_up(s, refresh, src, actor, at)
    if hub is not None:
        for e in entities:
            hub.publish("records_changed", e)
    return {"merge_id": merge_id, "restored": sorted(restored), "kept": kept}


def _catch_up(s, refresh: list[tuple[int, dict[str, Any]]], src: str, actor: str | None, at: datetime) -> None:
    """While merged, a provider's changes went to the survivor. A record standing alone again takes them for the
    fields it had not changed itself (its value still equals what that provider held at the merge)."""
    from lumio_desktop.store.edits import SYSTEM_COLUMNS, coerce

    for link_id, before in refresh:
        link = s.get(RecordLink, link_id)
        if link is None or link.entity not in ENTITY_MODELS:
            continue
        rec = s.get(ENTITY_MODELS[link.entity], link.local_id)
        for name, now in (link.snapshot or {}).items():
            if name not in before or _same_value(now, before[name]) or not hasattr(rec, name) or name in SYSTEM_COLUMNS:
                continue
            current = getattr(rec, name)
            if not _same_value(current, before[name]):
                continue  # changed in Lumio meanwhile: the merge's three-way rules settle it at the next sync
            value = coerce(link.entity, name, now) if now is not None else None
            s.add(RecordEdit(entity=link.entity, local_id=rec.id, field=name, old_value=to_json(current),
                             new_value=to_json(now), source=src, actor=actor, at=at))
            setattr(rec, name, value)


def _same_value(a: Any, b: Any) -> bool:
    return canon(to_json(a)) == canon(b)
