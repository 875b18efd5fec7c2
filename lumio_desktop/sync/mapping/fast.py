"""A plain-Python fast path for each field map, generated from its payload model and rules.

Pydantic per record costs ~12 µs; the local write path's whole budget is about that (issue 4: >= 40% of a raw
sqlite3 upsert). So each ObjectMap also gets one generated function that reads the raw dict directly, checks every
declared field with cheap exact-type tests, applies the rules' transforms and returns what `ObjectMap.map` returns.
It only ever says "valid, here is the mapping" or "not sure" (None): anything it cannot prove (a number in an odd
spelling, a wrong type, a missing id, an unknown field kind) goes to the pydantic model, which then maps it or rejects
it with its reason. So the fast path can never accept what pydantic rejects, nor map a value differently
(tests/sync/test_mapping_fast.py checks both paths against each other on valid and invalid payloads).

Payloads are decoded JSON (object keys are text): keys of the payload's objects are not checked. Only the field
kinds of payloads.py are known here; a model with any other kind gets no fast path (always pydantic).
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Callable
from datetime import datetime
from typing import Any

from pydantic import BaseModel, BeforeValidator, StringConstraints

from lumio_desktop.sync.mapping import payloads as P
from lumio_desktop.sync.mapping import transforms as T
from lumio_desktop.sync.mapping.score import lead_score

# Spellings whose pydantic result is certain; anything else goes to pydantic.
_NUM = re.compile(r"-?[0-9]{1,15}(?:\.[0-9]{1,15})?")
_INT = re.compile(r"-?(?:0|[1-9][0-9]{0,17})")


class Unsupported(Exception):
    """A model or rule the generator does not know: that map keeps pydantic only."""


def _kind(info) -> tuple[str, Any]:
    ann = info.annotation
    befores = [m.func for m in info.metadata if isinstance(m, BeforeValidator)]
    patterns = [m.pattern for m in info.metadata if isinstance(m, StringConstraints)]
    others = [m for m in info.metadata if not isinstance(m, BeforeValidator | StringConstraints)]
    if others or len(befores) > 1 or len(patterns) > 1:
        raise Unsupported(f"metadata {info.metadata}")
    before = befores[0] if befores else None
    pattern = patterns[0] if patterns else None
    if patterns and any(m.pattern is None or m != StringConstraints(pattern=m.pattern)
                        for m in info.metadata if isinstance(m, StringConstraints)):
        raise Unsupported("string constraints beyond a pattern")
    optional = typing.get_origin(ann) in (typing.Union, types.UnionType) and type(None) in typing.get_args(ann)
    base = next((a for a in typing.get_args(ann) if a is not type(None)), None) if optional else ann
    if optional and len(typing.get_args(ann)) != 2:
        raise Unsupported(f"union {ann}")
    if isinstance(base, type) and issubclass(base, BaseModel) and before is None and pattern is None:
        return ("model", base)
    if pattern is not None:
        if base is str and not optional and pattern == r"^\d+$" and before in (P._to_str, P._shopify_id):
            return ("digits_id" if before is P._to_str else "shopify_id", None)
        if base is str and not optional and before is None:
            return ("pattern", re.compile(pattern))
        raise Unsupported(f"pattern on {ann}")
    if base is str and optional and before is P._to_str:
        return ("text", None)
    if base is str and optional and before is P._tags_text:
        return ("tags", None)
    if base is float and optional and before is T.empty_to_none:
        return ("num", None)
    if base is int and optional and before is T.empty_to_none:
        return ("int", None)
    if base is datetime and optional and before is T.to_datetime:
        return ("when", None)
    if base is bool and before is None:
        return ("bool_opt" if optional else "bool", None)
    if typing.get_origin(base) is dict and typing.get_args(base) == (str, Any) and optional and before is None:
        return ("dict", None)
    raise Unsupported(f"{ann} with {info.metadata}")


_CHECKS = {
    # Each turns `v` (the raw value, present) into what pydantic would hold, or returns None ("not sure").
    "text": ["if v is not None and type(v) is not str:",
             "    if type(v) is int or type(v) is float: v = str(v)",
             "    else: return None"],
    "digits_id": ["if type(v) is int or type(v) is float: v = str(v)",
                  "if type(v) is not str or not (v.isascii() and v.isdigit()): return None"],
    "shopify_id": ["if type(v) is str and v.startswith('gid://'): v = v.rsplit('/', 1)[-1]",
                   "elif type(v) is int or type(v) is float: v = str(v)",
                   "if type(v) is not str or not (v.isascii() and v.isdigit()): return None"],
    "pattern": ["if type(v) is not str or {pat}.fullmatch(v) is None: return None"],
    "tags": ["if type(v) is list: v = ', '.join([str(t) for t in v])",
             "if v is not None and type(v) is not str: return None"],
    "num": ["if v is not None and type(v) is not float:",
            "    if type(v) is int: v = float(v)",
            "    elif type(v) is str and _NUM.fullmatch(v) is not None: v = float(v)",
            "    elif type(v) is str and not v.strip(): v = None",
            "    else: return None"],
    "int": ["if v is not None and type(v) is not int:",
            "    if type(v) is str and _INT.fullmatch(v) is not None: v = int(v)",
            "    elif type(v) is str and not v.strip(): v = None",
            "    else: return None"],
    "when": ["try: v = _to_datetime(v)",
             "except (ValueError, TypeError, OverflowError): return None"],
    "bool": ["if type(v) is not bool: return None"],
    "bool_opt": ["if v is not None and type(v) is not bool: return None"],
    "dict": ["if v is not None:",
             "    if type(v) is not dict or not all(type(k) is str for k in v): return None",
             "    v = dict(v)"],
}


class _Gen:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.ns: dict[str, Any] = {"_NUM": _NUM, "_INT": _INT, "_to_datetime": T.to_datetime, "_M": _MISSING}
        self.vars: dict[str, str] = {}  # dotted field path -> local variable
        self.kinds: dict[str, str] = {}
        self.n = 0

    def emit(self, indent: int, *lines: str) -> None:
        self.lines.extend("    " * indent + ln for ln in lines)

    def model(self, model: type[BaseModel], src: str, prefix: str, indent: int) -> None:
        for name, info in model.model_fields.items():
            kind, arg = _kind(info)
            alias = info.validation_alias
            keys = list(alias.choices) if alias is not None and hasattr(alias, "choices") else (
                [alias] if isinstance(alias, str) else [])
            if info.alias is not None and info.alias not in keys:
                raise Unsupported("plain aliases")
            if name not in keys:
                keys.append(name)  # populate_by_name: the alias first, then the name
            if not all(isinstance(k, str) for k in keys):
                raise Unsupported("alias paths")
            path = f"{prefix}{name}"
            var = self._var_for(path)
            self.kinds[path] = kind
            self.emit(indent, f"v = {src}.get({keys[0]!r}, _M)")
            for k in keys[1:]:
                self.emit(indent, "if v is _M:", f"    v = {src}.get({k!r}, _M)")
            if info.is_required():
                self.emit(indent, "if v is _M: return None")
            else:
                dname = f"_d{var}"
                self.ns[dname] = info.get_default(call_default_factory=True)
                if not (self.ns[dname] is None or isinstance(self.ns[dname], bool | int | float | str)):
                    raise Unsupported("mutable default")
                self.emit(indent, f"if v is _M: v = {dname}")
            if kind == "model":
                self.emit(indent, f"{var} = v")
                sub = f"d{self.n}"
                self.n += 1
                inner = [f for f in arg.model_fields]
                if not info.is_required() or info.default is None:
                    self.emit(indent, "if v is None:")
                    for f in inner:
                        self.emit(indent + 1, f"{self._var_for(path + '.' + f)} = None")
                    self.emit(indent, "else:")
                    self.emit(indent + 1, "if type(v) is not dict: return None", f"{sub} = v")
                    self.model(arg, sub, path + ".", indent + 1)
                else:
                    self.emit(indent, "if type(v) is not dict: return None", f"{sub} = v")
                    self.model(arg, sub, path + ".", indent)
                continue
            lines = _CHECKS[kind]
            if kind == "pattern":
                pname = f"_p{self.n}"
                self.ns[pname] = arg
                lines = [ln.format(pat=pname) for ln in lines]
            self.emit(indent, *lines)
            self.emit(indent, f"{var} = v")

    def _var_for(self, path: str) -> str:
        # Nested variables are named before their model is walked, so the None branch can set them.
        if path not in self.vars:
            self.vars[path] = f"f{self.n}"
            self.n += 1
        return self.vars[path]


_MISSING = object()


def compile_map(model: type[BaseModel], rules, score: bool) -> Callable[[Any], dict[str, Any] | None]:
    """The fast path of one ObjectMap: raw payload -> the mapped dict, or None when pydantic must decide."""
    g = _Gen()
    g.emit(1, "if type(raw) is not dict: return None")
    g.model(model, "raw", "", 1)
    out = []
    for i, rule in enumerate(rules):
        alts = rule.source.split("|")
        for a in alts:
            if a not in g.vars or g.kinds.get(a) == "model":
                raise Unsupported(f"rule source {a}")
        r = f"r{i}"
        g.emit(1, f"{r} = {g.vars[alts[0]]}")
        for a in alts[1:]:
            g.emit(1, f"if {r} is None: {r} = {g.vars[a]}")
        kinds = {g.kinds[a] for a in alts}
        t = rule.transform
        if t is None:
            pass
        elif kinds == {"text"} and t is T.strip:
            g.emit(1, f"if {r} is not None: {r} = {r}.strip() or None")
        elif kinds == {"text"} and t in (T.email, T.lower):
            g.emit(1, f"if {r} is not None: {r} = {r}.strip().lower() or None")
        else:
            tname = f"_t{i}"
            g.ns[tname] = t
            g.emit(1, f"if {r} is not None:", f"    try: {r} = {tname}({r})",
                   "    except (ValueError, TypeError): return None")
        out.append(f"{rule.target!r}: {r}")
    g.emit(1, f"out = {{{', '.join(out)}}}")
    if score:
        g.ns["_lead_score"] = lead_score
        g.emit(1, "out['lead_score'] = _lead_score(out)")
    g.emit(1, "return out")
    src = "def fast(raw):\n" + "\n".join(g.lines) + "\n"
    code = compile(src, f"<fast map {model.__name__}>", "exec")
    exec(code, g.ns)  # noqa: S102 - the source is generated above from our own models, never from input
    fn = g.ns["fast"]
    fn.source = src
    return fn
