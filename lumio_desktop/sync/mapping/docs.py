"""Generates docs/field-mappings.md from the maps. Run `python -m lumio_desktop.sync.mapping.docs` after changing a
map; tests/sync/test_mapping.py fails while the file is stale."""

from __future__ import annotations

import sys
from pathlib import Path

from lumio_desktop.sync.mapping import reasons, score
from lumio_desktop.sync.mapping.maps import MAPS

DOC_PATH = Path(__file__).resolve().parents[3] / "docs" / "field-mappings.md"
TITLES = {"hubspot": "HubSpot", "salesforce": "Salesforce", "shopify": "Shopify"}


def _doc(fn) -> str:
    if fn is None:
        return "as is (typed by the payload model)"
    return (fn.__doc__ or fn.__name__).strip().splitlines()[0]


def render() -> str:
    out = [
        "# Field mappings",
        "",
        "Generated from `lumio_desktop/sync/mapping/maps.py` by `python -m lumio_desktop.sync.mapping.docs`;",
        "do not edit by hand (a test fails when this file is stale).",
        "",
        "A payload is first validated by its model (`lumio_desktop/sync/mapping/payloads.py`): a missing or malformed",
        "id, a number that is not a number or a date that is not a date makes the record a rejected row with the",
        "reason, and the sync goes on. Blank strings count as no value.",
        "",
        "A rejected record's reason names the local column the field fills (`employees`, which the app shows by its",
        "label; the provider's field is in the tables below), or the provider's own name for a field Lumio does not",
        "store (`properties`); the provider's id is `external_id` and its deleted flag `remote_deleted`. The value",
        "sent is shown as JSON, cut at 60 characters (the rejected row keeps the whole payload). Up to three",
        "problems of a record are listed. The reasons (`lumio_desktop/sync/mapping/reasons.py`, translated in the",
        "app):",
        "",
        *[f"- `{t}`" for t in (*reasons.PROBLEMS, reasons.NOT_A_RECORD, reasons.ALSO)],
        "",
        "`{said}` is the validator's or Python's own English message, for a problem not worded above.",
        "",
    ]
    for (provider, obj), m in MAPS.items():
        out += [f"## {TITLES[provider]} `{obj}` -> {m.entity}", "",
                f"Payload model: `{m.model.__name__}`.", "",
                "| local column | provider field | transform |", "|---|---|---|"]
        for r in m.rules:
            src = " or ".join(f"`{p}`" for p in r.source.split("|"))
            note = f" ({r.note})" if r.note else ""
            out.append(f"| `{r.target}` | {src} | {_doc(r.transform)}{note} |")
        if m.score:
            out.append("| `lead_score` | (computed) | the lead score below |")
        for ref in m.refs:
            out.append(f"| `{ref.target}` | `{ref.source}` | the local id of that `{ref.object_type}` record (through "
                       "record links; set once it is stored) |")
        out.append("")
    out += ["## Lead score", "", score.__doc__.strip().split("\n", 1)[1].strip(), "", "Status points:", "",
            "| status | points |", "|---|---|"]
    out += [f"| {k} | {v} |" for k, v in score.STATUS_POINTS.items()]
    out.append("")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    DOC_PATH.write_text(render(), encoding="utf-8")
    print(f"wrote {DOC_PATH}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
