"""The lead score: 0..100, how far along and how reachable a lead is. Computed from the mapped fields only, so the
same person scores the same whichever provider they came from.

| signal | points |
|---|---|
| a well-formed email | 20 |
| a phone number | 10 |
| a job title | 10, plus 10 when it names a decision maker (CEO, CTO, founder, owner, director, VP, head, manager, diretor(a), gerente, sócio) |
| a company name | 10 |
| status (HubSpot lifecycle stage, Salesforce lead status, Shopify account state) | 0..30, see "Status points" |
| orders (Shopify) | 5 per order, at most 20 |
| total spent (Shopify) | 10 from 100 upwards |
| accepts marketing | 5 |

The sum is capped at 100.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from lumio_desktop.sync.mapping.transforms import is_valid_email

SENIOR = re.compile(
    r"\b(ceo|cto|cfo|coo|cmo|chief|founder|co-founder|owner|president|director|diretor|diretora|vp|vice president|"
    r"head|manager|gerente|s[oó]cio|s[oó]cia)\b",
    re.IGNORECASE,
)

# Lower-cased status -> points. Unknown statuses score 0: they say nothing about how far along a lead is.
STATUS_POINTS: dict[str, int] = {
    # HubSpot lifecycle stages
    "subscriber": 0, "lead": 5, "marketingqualifiedlead": 15, "salesqualifiedlead": 25, "opportunity": 30,
    "customer": 30, "evangelist": 30,
    # Salesforce lead statuses (the standard picklist)
    "open - not contacted": 5, "working - contacted": 10, "closed - converted": 30, "closed - not converted": 0,
    # Shopify customer account states
    "enabled": 15, "invited": 5, "disabled": 0, "declined": 0,
}


@functools.lru_cache(maxsize=4096)  # job titles repeat a lot across a page
def _senior(title: str) -> bool:
    return SENIOR.search(title) is not None


def lead_score(f: dict[str, Any]) -> int:
    score = 0
    if is_valid_email(f.get("email")):
        score += 20
    if f.get("phone"):
        score += 10
    title = f.get("job_title")
    if title:
        score += 10
        if _senior(title):
            score += 10
    if f.get("company_name"):
        score += 10
    status = f.get("status")
    if status:
        score += STATUS_POINTS.get(status.lower(), 0)
    orders = f.get("orders_count") or 0
    score += min(20, 5 * max(0, orders))
    if (f.get("total_spent") or 0) >= 100:
        score += 10
    if f.get("accepts_marketing"):
        score += 5
    return min(100, score)
