"""Pydantic models of the provider payloads the maps read (CONTRACTS.md 1.4, 2.7, 3.4).

Only the fields Lumio maps are declared; everything else is allowed and kept in the raw payload. Types are lax where the
provider is (HubSpot sends every property as a string) and strict where a wrong value would corrupt the store: a
number that is not a number, a date that is not a date or a missing id makes the record a rejected row.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import AliasChoices, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

from lumio_desktop.sync.mapping.transforms import empty_to_none, to_datetime


def _to_str(v: Any) -> Any:
    return str(v) if isinstance(v, int | float) and not isinstance(v, bool) else v


def _tags_text(v: Any) -> Any:
    # Shopify REST sends "vip, wholesale"; GraphQL sends ["vip", "wholesale"].
    return ", ".join(str(t) for t in v) if isinstance(v, list) else v


def _shopify_id(v: Any) -> Any:
    if isinstance(v, str) and v.startswith("gid://"):
        return v.rsplit("/", 1)[-1]
    return _to_str(v)


Text = Annotated[str | None, BeforeValidator(_to_str)]
Num = Annotated[float | None, BeforeValidator(empty_to_none)]
Int = Annotated[int | None, BeforeValidator(empty_to_none)]
When = Annotated[datetime | None, BeforeValidator(to_datetime)]


class _Payload(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True)


# -- HubSpot ----------------------------------------------------------------------------------------------------
class HubSpotContactProperties(_Payload):
    email: Text = None
    firstname: Text = None
    lastname: Text = None
    phone: Text = None
    company: Text = None
    jobtitle: Text = None
    lifecyclestage: Text = None
    hs_lead_status: Text = None
    hubspot_owner_id: Text = None
    city: Text = None
    country: Text = None
    hs_analytics_source: Text = None


class HubSpotCompanyProperties(_Payload):
    name: Text = None
    domain: Text = None
    website: Text = None
    phone: Text = None
    industry: Text = None
    city: Text = None
    state: Text = None
    country: Text = None
    numberofemployees: Int = None
    annualrevenue: Num = None
    hubspot_owner_id: Text = None


class HubSpotDealProperties(_Payload):
    dealname: Text = None
    amount: Num = None
    deal_currency_code: Text = None
    dealstage: Text = None
    pipeline: Text = None
    closedate: When = None
    hs_deal_stage_probability: Num = None
    hubspot_owner_id: Text = None


HubSpotId = Annotated[str, BeforeValidator(_to_str), StringConstraints(pattern=r"^\d+$")]


class _HubSpotObject(_Payload):
    # Modification times come from the client (RemoteRecord.modified_at); not parsing them again saves time per record.
    id: HubSpotId
    archived: bool = False


class HubSpotContact(_HubSpotObject):
    properties: HubSpotContactProperties


class HubSpotCompany(_HubSpotObject):
    properties: HubSpotCompanyProperties


class HubSpotDeal(_HubSpotObject):
    properties: HubSpotDealProperties


# -- Salesforce -------------------------------------------------------------------------------------------------
SalesforceId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$")]


class _SalesforceRecord(_Payload):
    Id: SalesforceId
    IsDeleted: bool = False
    OwnerId: Text = None


class SalesforceContact(_SalesforceRecord):
    FirstName: Text = None
    LastName: Text = None
    Email: Text = None
    Phone: Text = None
    Title: Text = None
    MailingCity: Text = None
    MailingCountry: Text = None
    LeadSource: Text = None


class SalesforceLead(_SalesforceRecord):
    FirstName: Text = None
    LastName: Text = None
    Company: Text = None
    Email: Text = None
    Phone: Text = None
    Title: Text = None
    Status: Text = None
    LeadSource: Text = None
    City: Text = None
    Country: Text = None


class SalesforceAccount(_SalesforceRecord):
    Name: Text = None
    Website: Text = None
    Phone: Text = None
    Industry: Text = None
    BillingCity: Text = None
    BillingState: Text = None
    BillingCountry: Text = None
    NumberOfEmployees: Int = None
    AnnualRevenue: Num = None


class SalesforceOpportunity(_SalesforceRecord):
    Name: Text = None
    StageName: Text = None
    Amount: Num = None
    CloseDate: When = None
    Probability: Num = None
    Type: Text = None


# -- Shopify ----------------------------------------------------------------------------------------------------
def _alias(*names: str):
    return Field(default=None, validation_alias=AliasChoices(*names))


class ShopifyAddress(_Payload):
    city: Text = None
    country: Text = None
    company: Text = None
    province: Text = None


class ShopifyCustomer(_Payload):
    id: Annotated[str, BeforeValidator(_shopify_id), StringConstraints(pattern=r"^\d+$")]
    email: Text = None
    first_name: Text = _alias("first_name", "firstName")
    last_name: Text = _alias("last_name", "lastName")
    phone: Text = None
    tags: Annotated[str | None, BeforeValidator(_tags_text)] = None
    state: Text = None
    orders_count: Int = _alias("orders_count", "numberOfOrders")
    total_spent: Num = None
    accepts_marketing: bool | None = None
    email_marketing_consent: dict[str, Any] | None = _alias("email_marketing_consent", "emailMarketingConsent")
    default_address: ShopifyAddress | None = _alias("default_address", "defaultAddress")
