"""What a list operation's words say about how it lists: the property it is ordered by and
newest first ("sort by price", "newest first"), and the range parameters called inclusive or
exclusive, or filters that match whatever the case. Read by `pipeline.contract.planner` for the
list plans (`pipeline.contract.patterns`). No I/O."""

from __future__ import annotations

import re
from typing import Any

from pipeline.contract.document import PROSE, ApiOperation
from pipeline.contract.schemas import Schemas

_BOUNDS = {"from", "to", "since", "until", "after", "before", "start", "end", "min", "max"}
_BOUNDS |= {"gt", "gte", "lt", "lte"}
# Words that say a filter's value matches whatever its case ("exact city, case does not matter").
_ANY_CASE = re.compile(
    r"\b(case[- ]insensitive(ly)?|case (does not|doesn't|won't|does ?n't) matter|any case"
    r"|ignor(e|es|ing) (the )?case|regardless of (the )?case|in any case|not case[- ]sensitive)\b",
    re.I,
)


def ranges(op: ApiOperation, schemas: Schemas) -> dict[str, Any]:
    """Range parameters the words call inclusive ("due_before and due_after (dates,
    inclusive)") or exclusive: in the parameter's description, or a sentence of the
    description around the document that names the parameter."""
    raw = schemas.operation(op)
    params = raw.get("parameters")
    prose = str(schemas.doc.get(PROSE, ""))
    sentences = re.split(r"(?<=[.!?])\s+|\n\s*\n", prose)
    found: dict[str, list[str]] = {}
    for param in params if isinstance(params, list) else []:
        param = schemas.resolve(param)
        name = str(param.get("name", ""))
        words = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name).lower().split("_")
        if param.get("in") != "query":
            continue
        said = [str(param.get("description", ""))]
        said += [t for t in sentences if re.search(rf"\b{re.escape(name)}\b", t)]
        if any(_ANY_CASE.search(text) for text in said):  # "(case does not matter)"
            found.setdefault("casefold", []).append(name)
        if not set(words) & _BOUNDS:
            continue
        for text in said:
            word = re.search(r"\b(inclusive|exclusive)\b", text, re.I)
            if word:
                found.setdefault(word.group(1).lower(), []).append(name)
                break
    return found


def sort_by(op: ApiOperation, schemas: Schemas) -> dict[str, Any]:
    """How the list is ordered where the document says so in words: the property a bare
    `sort=ASC|DESC` orders by ("sort by price", "products by price"), and newest first."""
    props = schemas.response_properties(op)
    raw = schemas.operation(op)
    responses = schemas.resolve(raw.get("responses"))
    texts = [str(raw.get("summary", "")), str(raw.get("description", ""))]
    texts += [str(schemas.resolve(r).get("description", "")) for r in responses.values()]
    texts += prose_naming_path(op, schemas)
    params = raw.get("parameters")
    for param in params if isinstance(params, list) else []:
        param = schemas.resolve(param)
        if str(param.get("name", "")).lower() in ("sort", "order", "sort_order", "direction"):
            texts.insert(0, str(param.get("description", "")))
    found: dict[str, Any] = {}
    for text in texts:
        if re.search(r"\b(newest|latest|most recent)\b[\w ]*\bfirst\b", text, re.I):
            found["newest_first"] = True
        if "sort_by" not in found and re.search(
            r"\b(earliest|soonest)\b[\w ]*\bfirst\b", text, re.I
        ):
            dates = [
                n
                for n, p in props.items()
                if schemas.resolve(p).get("format") in ("date", "date-time")
            ]
            if dates:
                found["sort_by"] = dates[0]
        for name in props:
            words = re.escape(name).replace("_", "[_ ]")
            if "sort_by" not in found and re.search(rf"\bby\s+{words}\b", text, re.I):
                found["sort_by"] = name
    return found


def prose_naming_path(op: ApiOperation, schemas: Schemas) -> list[str]:
    """The lines of the words around the document that name this operation's path exactly
    ("- `GET /me/shifts` = the shifts I signed up for, soonest first"), not a longer one."""
    prose = str(schemas.doc.get(PROSE, ""))
    path = re.escape(op.path)
    named = re.compile(rf"(?<![\w/{{}}]){path}(?![\w/{{}}])")
    lines = re.split(r"\n|(?<=[.!?])\s+", prose)
    return [t for t in lines if named.search(t)]
