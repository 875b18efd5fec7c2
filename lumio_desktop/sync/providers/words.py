"""The sentences the HTTP layer, the rate limiters and the three provider clients say to people (job reasons, health
reasons, rejected-record reasons, the wizard's account check), as templates (lumio_desktop/text.py).

They live in one module that `sync/errors.py` imports, so a process that only reads the store (the UI, `parse()`)
knows them without importing the clients. A provider's own words (an API error body) are always `{said}`.

Wording rules that keep a stored sentence readable back (`parse` tries the template with the most words first):
- a sentence starts with words of ours, not a value, so one quoted inside another ("The sync of x failed: ...")
  is not mistaken for it;
- a wrapper that adds words after another sentence ("... (gave up after 5 attempts; ...)") has more words of its
  own than any sentence it wraps.
"""

from __future__ import annotations

from lumio_desktop.text import QT_TRANSLATE_NOOP

# -- the HTTP layer (sync/http.py) --------------------------------------------------------------------------------
NO_TOKEN = QT_TRANSLATE_NOOP("engine", "no access token is stored for this connection; connect it again")
ANSWERED = QT_TRANSLATE_NOOP("engine", "unexpected HTTP {code} from {provider}: {said}")
TIMED_OUT = QT_TRANSLATE_NOOP("engine", "the request to {provider} timed out ({said})")
CONNECTION_FAILED = QT_TRANSLATE_NOOP("engine", "the connection to {provider} failed ({said})")
MALFORMED = QT_TRANSLATE_NOOP(
    "engine", "malformed answer from {provider} to {said} (HTTP {code}, {n} bytes that are not valid JSON)")
CREDENTIALS_REFUSED = QT_TRANSLATE_NOOP(
    "engine", "this connection's credentials are no longer accepted by {provider} ({said}); reconnect the account")
WAIT_TOO_LONG = QT_TRANSLATE_NOOP(
    "engine", "{reason}; asked to wait {n_seconds} s, longer than a sync waits: the next sync tries again")
STILL_REFUSED = QT_TRANSLATE_NOOP("engine", "{reason} (still refused after {n} waits; the next sync tries again)")
GAVE_UP = QT_TRANSLATE_NOOP(
    "engine", "{reason} (gave up after {n} attempts; nothing is lost: the next sync tries again)")
SIGN_IN_UNAVAILABLE = QT_TRANSLATE_NOOP("engine", "the {provider} sign-in service is unavailable: {reason}")
CANNOT_RENEW = QT_TRANSLATE_NOOP(
    "engine", "the {provider} credentials cannot be renewed: {reason}; reconnect the account")

# -- rate limits (sync/ratelimit.py) ------------------------------------------------------------------------------
HUBSPOT_DAILY_USED = QT_TRANSLATE_NOOP(
    "engine", "HubSpot's daily API limit for this account is used up; the sync can resume after midnight in the "
              "account's time zone")
SALESFORCE_NEARLY_USED = QT_TRANSLATE_NOOP(
    "engine", "Salesforce's daily API allocation is nearly used up ({n_used} of {n_max} calls in the last 24 hours); "
              "the sync stops so the org's other integrations keep working. It can resume when the rolling 24-hour "
              "window frees calls")

# -- every client (providers/common.py, providers/registry.py) ---------------------------------------------------
NO_OBJECT_TYPE = QT_TRANSLATE_NOOP("engine", "there is no object type {object} in {provider} (one of {choices})")
NO_BASE_URL = QT_TRANSLATE_NOOP("engine", "the {provider} connection has no base URL; connect it again")

# -- HubSpot (providers/hubspot.py) -------------------------------------------------------------------------------
HS_SEARCH_CAP = QT_TRANSLATE_NOOP("engine", "HubSpot refused to page past its 10,000-result search cap ({said})")
HS_REJECTED = QT_TRANSLATE_NOOP("engine", "HubSpot rejected the record: {said}")
HS_REFUSED = QT_TRANSLATE_NOOP("engine", "HubSpot refused the request: {said}")
HS_EXPIRED = QT_TRANSLATE_NOOP("engine", "HubSpot says the token expired: {said}")
HS_SCOPE = QT_TRANSLATE_NOOP(
    "engine", "HubSpot has not granted this app a scope it needs ({said}); reconnect and approve it")
HS_FORBIDDEN = QT_TRANSLATE_NOOP("engine", "HubSpot refused access ({said}); reconnect the account")
HS_CONFLICT = QT_TRANSLATE_NOOP("engine", "HubSpot reports a conflict: {said}")
HS_TOO_LONG = QT_TRANSLATE_NOOP("engine", "The request to HubSpot was too long (too many properties)")
HS_DAILY = QT_TRANSLATE_NOOP("engine", "HubSpot's daily API limit is used up ({said}); the sync can resume tomorrow")
HS_RATE_LIMITED = QT_TRANSLATE_NOOP("engine", "HubSpot is rate-limiting this account ({said})")
HS_TOKEN_UNREADABLE = QT_TRANSLATE_NOOP("engine", "HubSpot could not read the access token; reconnect the account")
HS_TROUBLE = QT_TRANSLATE_NOOP("engine", "HubSpot is having trouble (HTTP {code}: {said})")
HS_NO_RESULTS = {  # what was read -> its sentence
    "search": QT_TRANSLATE_NOOP(
        "engine", "HubSpot answered the {object} search without a results list; nothing was stored from this page "
                  "and the sync can be retried"),
    "listing": QT_TRANSLATE_NOOP(
        "engine", "HubSpot answered the {object} listing without a results list; nothing was stored from this page "
                  "and the sync can be retried"),
    "archived listing": QT_TRANSLATE_NOOP(
        "engine", "HubSpot answered the {object} archived listing without a results list; nothing was stored from "
                  "this page and the sync can be retried"),
    "batch read": QT_TRANSLATE_NOOP(
        "engine", "HubSpot answered the {object} batch read without a results list; nothing was stored from this "
                  "page and the sync can be retried"),
}
HS_SAME_CURSOR = QT_TRANSLATE_NOOP("engine", "HubSpot returned the same {object} page cursor twice; stopping to avoid "
                                             "a loop")
HS_NO_PROGRESS = QT_TRANSLATE_NOOP("engine", "HubSpot search for {object} made no progress at {ts}; stopping to avoid "
                                             "a loop")
HS_NO_REFERENCE = QT_TRANSLATE_NOOP("engine", "HubSpot has no reference data {kind} (owners, pipelines)")
HS_UNREADABLE = QT_TRANSLATE_NOOP("engine", "HubSpot sent a {object} record the client cannot read ({said})")
HS_NOT_CONFIRMED = QT_TRANSLATE_NOOP("engine", "HubSpot did not confirm the write")
HS_GONE = QT_TRANSLATE_NOOP("engine", "the record no longer exists in HubSpot")
HS_REACHABLE = QT_TRANSLATE_NOOP("engine", "HubSpot is reachable and the token can read contacts")
HS_REACHABLE_BUDGET = QT_TRANSLATE_NOOP(
    "engine", "HubSpot is reachable and the token can read contacts; {n} API calls left today")

# -- Salesforce (providers/salesforce.py) -------------------------------------------------------------------------
SF_CURSOR_EXPIRED = QT_TRANSLATE_NOOP("engine", "Salesforce's query cursor expired")
SF_QUERY_TIMEOUT = QT_TRANSLATE_NOOP("engine", "Salesforce timed out running the query")
SF_NO_FIELD = QT_TRANSLATE_NOOP(
    "engine", "Salesforce does not show a field this sync reads ({said}); check the user's field access")
SF_NO_OBJECT = QT_TRANSLATE_NOOP(
    "engine", "Salesforce does not show an object this sync reads ({said}); check the user's access")
SF_REFUSED = QT_TRANSLATE_NOOP("engine", "Salesforce refused the request: {said}")
SF_EXPIRED = QT_TRANSLATE_NOOP("engine", "Salesforce says the session expired: {said}")
SF_LIMIT = QT_TRANSLATE_NOOP(
    "engine", "Salesforce's API request limit for this org is used up ({said}); the sync stops and can run again "
              "when the rolling 24-hour allocation frees calls")
SF_API_DISABLED = QT_TRANSLATE_NOOP(
    "engine", "The Salesforce org does not allow API access ({said}); an edition with API access or an admin's "
              "permission is needed")
SF_FORBIDDEN = QT_TRANSLATE_NOOP(
    "engine", "Salesforce refused access ({said}); reconnect with a user who may read these objects")
SF_FORMAT = QT_TRANSLATE_NOOP("engine", "Salesforce refused the request format (HTTP 406); retrying")
SF_RATE_LIMITED = QT_TRANSLATE_NOOP("engine", "Salesforce is rate-limiting this org ({said})")
SF_TROUBLE = QT_TRANSLATE_NOOP("engine", "Salesforce is having trouble (HTTP {code}: {said})")
SF_UNREADABLE = QT_TRANSLATE_NOOP("engine", "Salesforce sent a {object} row the client cannot read ({said})")
SF_NO_RECORDS = QT_TRANSLATE_NOOP(
    "engine", "Salesforce answered the {object} query without a records list; nothing was stored from this page "
              "and the sync can be retried")
SF_NO_PROGRESS = QT_TRANSLATE_NOOP("engine", "Salesforce query for {object} made no progress; stopping to avoid a "
                                             "loop")
SF_NO_REFERENCE = QT_TRANSLATE_NOOP("engine", "Salesforce has no reference data {kind} (owners)")
SF_REJECTED = QT_TRANSLATE_NOOP("engine", "Salesforce rejected the record: {said}")
SF_NOT_CONFIRMED = QT_TRANSLATE_NOOP("engine", "Salesforce did not confirm the write")
SF_ALLOCATION_USED = QT_TRANSLATE_NOOP("engine", "Salesforce's daily API allocation is used up (0 of {n_max} calls "
                                                 "left)")
SF_REACHABLE_BUDGET = QT_TRANSLATE_NOOP(
    "engine", "Salesforce is reachable; {n_left} of {n_max} API calls left in the last 24 hours")
SF_REACHABLE = QT_TRANSLATE_NOOP("engine", "Salesforce is reachable and the session is valid")

# -- Shopify (providers/shopify.py) -------------------------------------------------------------------------------
SH_REFUSED = QT_TRANSLATE_NOOP("engine", "Shopify refused the request: {said}")
SH_TOKEN_REFUSED = QT_TRANSLATE_NOOP("engine", "Shopify does not accept the access token: {said}")
SH_FROZEN = QT_TRANSLATE_NOOP(
    "engine", "The Shopify store is frozen (payment required); the owner must settle the bill before syncing can "
              "continue")
SH_SCOPE = QT_TRANSLATE_NOOP(
    "engine", "Shopify has not granted a scope this sync needs ({said}); reconnect and approve read_customers and "
              "write_customers")
SH_FORMAT = QT_TRANSLATE_NOOP("engine", "Shopify refused the request format (HTTP 406)")
SH_RATE_LIMITED = QT_TRANSLATE_NOOP("engine", "Shopify is rate-limiting this app ({said})")
SH_REJECTED = QT_TRANSLATE_NOOP("engine", "Shopify rejected the customer: {said}")
SH_LOCKED = QT_TRANSLATE_NOOP("engine", "The Shopify store is locked ({said}); try again when it is unlocked")
SH_TROUBLE = QT_TRANSLATE_NOOP("engine", "Shopify is having trouble (HTTP {code}: {said})")
SH_NO_LIST = QT_TRANSLATE_NOOP(
    "engine", "Shopify answered without a {object} list; nothing was stored from this page and the sync can be "
              "retried")
SH_UNREADABLE_CUSTOMER = QT_TRANSLATE_NOOP("engine", "Shopify sent a customer the client cannot read ({said})")
SH_UNREADABLE_EVENT = QT_TRANSLATE_NOOP("engine", "Shopify sent an event the client cannot read ({said})")
SH_OUT_OF_ORDER = QT_TRANSLATE_NOOP(
    "engine", "Shopify returned customers out of updated_at order; the sync stopped before storing this page so "
              "that no change is skipped")
SH_SAME_CUSTOMERS_LINK = QT_TRANSLATE_NOOP(
    "engine", "Shopify returned the same customers page link twice; stopping to avoid a loop")
SH_SAME_EVENTS_LINK = QT_TRANSLATE_NOOP(
    "engine", "Shopify returned the same events page link twice; stopping to avoid a loop")
SH_GONE = QT_TRANSLATE_NOOP("engine", "the customer no longer exists in Shopify")
SH_NOT_CONFIRMED = QT_TRANSLATE_NOOP("engine", "Shopify did not confirm the write")
SH_REACHABLE_TOKEN = QT_TRANSLATE_NOOP("engine", "Shopify is reachable and the token can read customers")
SH_REACHABLE_SHOP = QT_TRANSLATE_NOOP("engine", "Shopify is reachable; shop {shop}")
SH_REACHABLE = QT_TRANSLATE_NOOP("engine", "Shopify is reachable")
SH_NO_REFERENCE = QT_TRANSLATE_NOOP("engine", "Shopify has no reference data {kind} (shop)")
