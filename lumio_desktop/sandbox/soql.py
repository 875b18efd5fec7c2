"""The SOQL subset the sandbox understands (CONTRACTS §2.2):

    SELECT field[, field...] | COUNT() FROM Contact|Lead|Account|Opportunity
    [WHERE field op literal [AND field op literal ...]]      op: = != <> > >= < <=   (and field IN (...))
    [ORDER BY field [ASC|DESC] [NULLS FIRST|LAST][, ...]] [LIMIT n] [OFFSET n]

Literals: unquoted ISO datetimes (2024-01-01T00:00:00Z), dates, 'strings', numbers, true/false, null.
Anything else (OR, parentheses, sub-queries, relationship fields, functions) is MALFORMED_QUERY.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from lumio_desktop.sandbox.errors import ApiError, sf_error

_TOKEN = re.compile(
    r"""\s*(?:
      (?P<datetime>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?(?:Z|[+-]\d{2}:?\d{2}))
    | (?P<date>\d{4}-\d{2}-\d{2})(?![\dT])
    | (?P<number>-?\d+(?:\.\d+)?)
    | (?P<string>'(?:[^'\\]|\\.)*')
    | (?P<op>>=|<=|!=|<>|=|<|>)
    | (?P<punct>[(),])
    | (?P<ident>[A-Za-z_][A-Za-z0-9_.]*)
    )""",
    re.VERBOSE,
)
KEYWORDS = {"SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "ORDER", "BY", "ASC", "DESC", "LIMIT", "OFFSET",
            "NULLS", "FIRST", "LAST", "IN", "TRUE", "FALSE", "NULL", "COUNT", "LIKE", "GROUP", "HAVING"}


@dataclass
class Condition:
    field: str
    op: str
    value: Any  # parsed literal; a list for IN
    kind: str  # literal kind: datetime | date | number | string | bool | null | list


@dataclass
class Query:
    sobject: str
    fields: list[str]
    count_only: bool = False
    where: list[Condition] = field(default_factory=list)
    order: list[tuple[str, bool, bool | None]] = field(default_factory=list)  # (field, desc, nulls_first)
    limit: int | None = None
    offset: int = 0


def malformed(message: str) -> ApiError:
    return sf_error(400, "MALFORMED_QUERY", message)


def parse_datetime_literal(s: str) -> int:
    s2 = s.replace("Z", "+00:00")
    if re.search(r"[+-]\d{4}$", s2):
        s2 = s2[:-2] + ":" + s2[-2:]
    dt = datetime.fromisoformat(s2)
    return int(dt.timestamp() * 1000)


def tokenize(q: str) -> list[tuple[str, str]]:
    out = []
    pos = 0
    q = q.strip()
    while pos < len(q):
        m = _TOKEN.match(q, pos)
        if not m or m.end() == pos:
            rest = q[pos:].strip()
            if not rest:
                break
            raise malformed(f"unexpected token: '{rest.split()[0][:40]}'")
        kind = m.lastgroup
        out.append((kind, m.group(kind)))
        pos = m.end()
    return out


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]]):
        self.toks = tokens
        self.i = 0

    def peek(self) -> tuple[str, str] | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def kw(self, word: str) -> bool:
        t = self.peek()
        if t and t[0] == "ident" and t[1].upper() == word:
            self.i += 1
            return True
        return False

    def expect_kw(self, word: str) -> None:
        if not self.kw(word):
            t = self.peek()
            raise malformed(f"expecting '{word}', found '{t[1] if t else 'EOF'}'")

    def ident(self, what: str) -> str:
        t = self.peek()
        if not t or t[0] != "ident" or t[1].upper() in KEYWORDS - {"FIRST", "LAST"}:
            raise malformed(f"expecting {what}, found '{t[1] if t else 'EOF'}'")
        self.i += 1
        if "." in t[1]:
            raise malformed(f"relationship fields are outside the sandbox's SOQL subset: '{t[1]}'")
        return t[1]

    def punct(self, p: str) -> bool:
        t = self.peek()
        if t and t[0] == "punct" and t[1] == p:
            self.i += 1
            return True
        return False

    def literal(self) -> tuple[Any, str]:
        t = self.peek()
        if not t:
            raise malformed("unexpected end of query, expecting a value")
        kind, text = t
        self.i += 1
        if kind == "datetime":
            return parse_datetime_literal(text), "datetime"
        if kind == "date":
            d = date.fromisoformat(text)
            return d.isoformat(), "date"
        if kind == "number":
            return float(text), "number"
        if kind == "string":
            return re.sub(r"\\(.)", r"\1", text[1:-1]), "string"
        if kind == "ident" and text.upper() in ("TRUE", "FALSE"):
            return text.upper() == "TRUE", "bool"
        if kind == "ident" and text.upper() == "NULL":
            return None, "null"
        raise malformed(f"unexpected token: '{text}'")


def parse(q: str) -> Query:
    if not q or not q.strip():
        raise malformed("the query string is empty")
    p = _Parser(tokenize(q))
    p.expect_kw("SELECT")
    fields: list[str] = []
    count_only = False
    if p.kw("COUNT"):
        if not (p.punct("(") and p.punct(")")):
            raise malformed("only COUNT() without a field is supported")
        count_only = True
    else:
        while True:
            fields.append(p.ident("a field name"))
            if not p.punct(","):
                break
    p.expect_kw("FROM")
    sobject = p.ident("an object name")
    query = Query(sobject, fields, count_only)
    if p.kw("WHERE"):
        while True:
            if p.punct("("):
                raise malformed("parentheses in WHERE are outside the sandbox's SOQL subset")
            if p.kw("NOT"):
                raise malformed("NOT is outside the sandbox's SOQL subset")
            fname = p.ident("a field name")
            t = p.peek()
            if t and t[0] == "op":
                p.i += 1
                op = "!=" if t[1] == "<>" else t[1]
                value, kind = p.literal()
                query.where.append(Condition(fname, op, value, kind))
            elif p.kw("IN"):
                if not p.punct("("):
                    raise malformed("expecting '(' after IN")
                vals = []
                while True:
                    vals.append(p.literal())
                    if p.punct(")"):
                        break
                    if not p.punct(","):
                        raise malformed("expecting ',' or ')' in IN list")
                kinds = {k for _, k in vals}
                query.where.append(Condition(fname, "IN", [v for v, _ in vals], kinds.pop() if len(kinds) == 1
                                             else "mixed"))
            else:
                raise malformed(f"expecting an operator after '{fname}', found '{t[1] if t else 'EOF'}'")
            if p.kw("AND"):
                continue
            if p.kw("OR"):
                raise malformed("OR is outside the sandbox's SOQL subset")
            break
    if p.kw("ORDER"):
        p.expect_kw("BY")
        while True:
            fname = p.ident("a field name")
            desc = False
            if p.kw("DESC"):
                desc = True
            else:
                p.kw("ASC")
            nulls = None
            if p.kw("NULLS"):
                if p.kw("FIRST"):
                    nulls = True
                else:
                    p.expect_kw("LAST")
                    nulls = False
            query.order.append((fname, desc, nulls))
            if not p.punct(","):
                break
    if p.kw("LIMIT"):
        v, k = p.literal()
        if k != "number" or v < 0 or v != int(v):
            raise malformed("LIMIT must be a non-negative integer")
        query.limit = int(v)
    if p.kw("OFFSET"):
        v, k = p.literal()
        if k != "number" or v < 0 or v != int(v):
            raise malformed("OFFSET must be a non-negative integer")
        query.offset = int(v)
    if p.peek() is not None:
        raise malformed(f"unexpected token: '{p.peek()[1]}'")
    return query


def format_datetime(ms: int) -> str:
    sec, frac = divmod(ms, 1000)
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(sec)) + f".{frac:03d}+0000"
