"""Declarative field maps: for each provider object, which payload model validates it, which local table it lands
in, and which local column each payload field fills (through which transform). docs/field-mappings.md is generated
from these tables (`python -m lumio_desktop.sync.mapping.docs`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ValidationError

from lumio_desktop.sync.mapping import payloads as P
from lumio_desktop.sync.mapping import reasons as R
from lumio_desktop.sync.mapping import transforms as T
from lumio_desktop.sync.mapping.fast import Unsupported, compile_map
from lumio_desktop.sync.mapping.score import lead_score
from lumio_desktop.text import Text


class MappingError(ValueError):
    """A record that cannot be mapped; `reason` (a declared sentence, reasons.py) says which field and why, for the
    rejected row."""

    def __init__(self, reason: Text):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Rule:
    target: str  # local column
    source: str  # dotted path into the validated payload; "a|b": the first of them that has a value
    transform: Callable[[Any], Any] | None = T.strip
    note: str = ""


@dataclass(frozen=True, slots=True)
class Ref:
    """A local foreign key filled from a provider id the payload carries (a contact's account, a deal's company):
    the pipeline resolves `object_type`'s external id to its local id through record_links."""

    target: str  # local column: company_id | lead_id
    object_type: str  # the provider object the id names: Account, companies, contacts
    source: str  # what docs/field-mappings.md shows
    get: Callable[[Any], str | None]  # raw payload -> the external id, or None


def field_ref(name: str) -> Callable[[Any], str | None]:
    def get(raw):
        v = raw.get(name) if isinstance(raw, dict) else None
        return v if isinstance(v, str) and v else None
    return get


def association_ref(to: str) -> Callable[[Any], str | None]:
    """HubSpot `associations.<to>.results[0].id` (present when the client asks for `associations=<to>`)."""
    def get(raw):
        a = raw.get("associations") if isinstance(raw, dict) else None
        if not a:  # the common case when the client did not ask: no exception per record
            return None
        try:
            v = a[to]["results"][0]["id"]
        except (KeyError, IndexError, TypeError):
            return None
        return str(v) if isinstance(v, str | int) and not isinstance(v, bool) and str(v) else None
    return get


def _getter(path: str) -> Callable[[Any], Any]:
    if "|" in path:  # alternatives: the first one that has a value
        getters = [_getter(p) for p in path.split("|")]

        def first(m):
            for g in getters:
                v = g(m)
                if v is not None:
                    return v
            return None

        return first
    parts = path.split(".")
    if len(parts) == 1:
        (a,) = parts
        return lambda m: getattr(m, a, None)
    if len(parts) == 2:
        a, b = parts

        def get2(m):
            inner = getattr(m, a, None)
            return None if inner is None else getattr(inner, b, None)

        return get2
    raise ValueError(f"paths are at most two deep: {path}")


@dataclass(slots=True)
class ObjectMap:
    provider: str
    object_type: str
    entity: str  # lead | company | deal
    model: type[BaseModel]
    rules: tuple[Rule, ...]
    score: bool = False  # compute lead_score
    note: str = ""
    refs: tuple[Ref, ...] = ()
    _compiled: list[tuple[str, Callable[[Any], Any], Callable[[Any], Any] | None]] = field(init=False, repr=False)
    _fields: R.Fields = field(init=False, repr=False)  # where pydantic's errors point, in the store's names
    # The generated plain-Python path (fast.py): the mapped dict, or None when pydantic must decide.
    fast: Callable[[Any], dict[str, Any] | None] | None = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._compiled = [(r.target, _getter(r.source), r.transform) for r in self.rules]
        self._fields = R.Fields(self.model, [(r.target, r.source) for r in self.rules])
        try:
            self.fast = compile_map(self.model, self.rules, self.score)
        except Unsupported:
            self.fast = None

    @property
    def columns(self) -> list[str]:
        cols = [r.target for r in self.rules]
        return [*cols, "lead_score"] if self.score else cols

    def map(self, raw: Any) -> dict[str, Any]:
        """raw payload -> {local column: value}. Raises MappingError with a reason a person can read."""
        if self.fast is not None:
            try:
                out = self.fast(raw)
            except Exception:  # noqa: BLE001 - whatever the fast path trips on, pydantic decides (and explains)
                out = None
            if out is not None:
                return out
        return self.map_validated(raw)

    def map_validated(self, raw: Any) -> dict[str, Any]:
        """The same through the pydantic model (the reference the fast path must agree with)."""
        if not isinstance(raw, dict):
            raise MappingError(R.NOT_A_RECORD(value=R.shown(raw)))
        try:
            m = self.model.model_validate(raw)
        except ValidationError as e:
            raise MappingError(self._fields.reason(e)) from None
        out: dict[str, Any] = {}
        for target, get, transform in self._compiled:
            v = get(m)
            if transform is not None and v is not None:
                try:
                    v = transform(v)
                except (ValueError, TypeError) as e:  # Python's words about the value: kept as they are
                    raise MappingError(R.NOT_VALID(field=target, value=R.shown(v), said=str(e))) from None
            out[target] = v
        if self.score:
            out["lead_score"] = lead_score(out)
        return out


def snapshot_value(v: Any) -> Any:
    """Mapped values as JSON keeps them in the link snapshot (datetimes as ISO text)."""
    return v.isoformat() if isinstance(v, datetime) else v


MAPS: dict[tuple[str, str], ObjectMap] = {}


def _add(m: ObjectMap) -> None:
    MAPS[(m.provider, m.object_type)] = m


_add(ObjectMap("hubspot", "contacts", "lead", P.HubSpotContact, (
    Rule("email", "properties.email", T.email),
    Rule("first_name", "properties.firstname"),
    Rule("last_name", "properties.lastname"),
    Rule("phone", "properties.phone"),
    Rule("company_name", "properties.company"),
    Rule("job_title", "properties.jobtitle"),
    Rule("status", "properties.lifecyclestage", T.lower),
    Rule("tags", "properties.hs_lead_status", T.tags_comma),
    Rule("owner", "properties.hubspot_owner_id"),
    Rule("city", "properties.city"),
    Rule("country", "properties.country"),
    Rule("source", "properties.hs_analytics_source"),
), score=True, refs=(Ref("company_id", "companies", "associations.companies", association_ref("companies")),)))
_add(ObjectMap("hubspot", "companies", "company", P.HubSpotCompany, (
    Rule("name", "properties.name"),
    Rule("domain", "properties.domain", T.domain_from_url),
    Rule("website", "properties.website"),
    Rule("phone", "properties.phone"),
    Rule("industry", "properties.industry"),
    Rule("city", "properties.city"),
    Rule("state", "properties.state"),
    Rule("country", "properties.country"),
    Rule("employees", "properties.numberofemployees", None),
    Rule("annual_revenue", "properties.annualrevenue", None),
    Rule("owner", "properties.hubspot_owner_id"),
)))
_add(ObjectMap("hubspot", "deals", "deal", P.HubSpotDeal, (
    Rule("name", "properties.dealname"),
    Rule("amount", "properties.amount", None),
    Rule("currency", "properties.deal_currency_code", T.strip),
    Rule("stage", "properties.dealstage"),
    Rule("pipeline", "properties.pipeline"),
    Rule("close_date", "properties.closedate", None),
    Rule("probability", "properties.hs_deal_stage_probability", None),
    Rule("owner", "properties.hubspot_owner_id"),
), refs=(Ref("company_id", "companies", "associations.companies", association_ref("companies")),
         Ref("lead_id", "contacts", "associations.contacts", association_ref("contacts")))))
_add(ObjectMap("salesforce", "Contact", "lead", P.SalesforceContact, (
    Rule("email", "Email", T.email),
    Rule("first_name", "FirstName"),
    Rule("last_name", "LastName"),
    Rule("phone", "Phone"),
    Rule("job_title", "Title"),
    Rule("city", "MailingCity"),
    Rule("country", "MailingCountry"),
    Rule("source", "LeadSource"),
    Rule("owner", "OwnerId"),
), score=True, refs=(Ref("company_id", "Account", "AccountId", field_ref("AccountId")),)))
_add(ObjectMap("salesforce", "Lead", "lead", P.SalesforceLead, (
    Rule("email", "Email", T.email),
    Rule("first_name", "FirstName"),
    Rule("last_name", "LastName"),
    Rule("phone", "Phone"),
    Rule("company_name", "Company"),
    Rule("job_title", "Title"),
    Rule("status", "Status"),
    Rule("source", "LeadSource"),
    Rule("city", "City"),
    Rule("country", "Country"),
    Rule("owner", "OwnerId"),
), score=True))
_add(ObjectMap("salesforce", "Account", "company", P.SalesforceAccount, (
    Rule("name", "Name"),
    Rule("domain", "Website", T.domain_from_url),
    Rule("website", "Website"),
    Rule("phone", "Phone"),
    Rule("industry", "Industry"),
    Rule("city", "BillingCity"),
    Rule("state", "BillingState"),
    Rule("country", "BillingCountry"),
    Rule("employees", "NumberOfEmployees", None),
    Rule("annual_revenue", "AnnualRevenue", None),
    Rule("owner", "OwnerId"),
)))
_add(ObjectMap("salesforce", "Opportunity", "deal", P.SalesforceOpportunity, (
    Rule("name", "Name"),
    Rule("amount", "Amount", None),
    Rule("stage", "StageName"),
    Rule("pipeline", "Type"),
    Rule("close_date", "CloseDate", None),
    Rule("probability", "Probability", None),
    Rule("owner", "OwnerId"),
), refs=(Ref("company_id", "Account", "AccountId", field_ref("AccountId")),)))
_add(ObjectMap("shopify", "customers", "lead", P.ShopifyCustomer, (
    Rule("email", "email", T.email),
    Rule("first_name", "first_name"),
    Rule("last_name", "last_name"),
    Rule("phone", "phone"),
    Rule("company_name", "default_address.company"),
    Rule("status", "state", T.lower),
    Rule("tags", "tags", T.tags_comma),
    Rule("city", "default_address.city"),
    Rule("country", "default_address.country"),
    Rule("orders_count", "orders_count", None),
    Rule("total_spent", "total_spent", None),
    Rule("accepts_marketing", "email_marketing_consent|accepts_marketing", T.subscribed),
), score=True))


def source_fields(provider: str, object_type: str) -> list[str]:
    """The provider fields the map reads (HubSpot property names, Salesforce field names, Shopify keys): what a
    client must request so that no mapped column is left empty."""
    out: list[str] = []
    for rule in get_map(provider, object_type).rules:
        for path in rule.source.split("|"):
            parts = path.split(".")
            name = parts[1] if parts[0] == "properties" and len(parts) > 1 else parts[0]
            if name not in out:
                out.append(name)
    return out


def get_map(provider: str, object_type: str) -> ObjectMap:
    try:
        return MAPS[(provider, object_type)]
    except KeyError:
        known = ", ".join(sorted(o for p, o in MAPS if p == provider)) or "none"
        raise KeyError(f"no field map for {provider} {object_type!r} (known: {known})") from None
