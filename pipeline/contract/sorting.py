"""What each value of a list's sort parameter means, read from the words beside it: "`rating`
(best average first)" orders by `average_rating`, highest first; "`title` (A-Z)" by `title`,
ascending; "`newest` (default)" by when the records were made, newest first. Read by
`pipeline.contract.planner` into a list plan's `sort_values` ({value: [property, descending]},
"" for the order of creation), which the generated listing applies before guessing a property
from the value's own name. No I/O."""

from __future__ import annotations

import re
from typing import Any

from pipeline.contract.document import PROSE, ApiOperation, sentences
from pipeline.contract.schemas import Schemas, norm

# Parameter names (letters only) that choose the order of a list.
_SORT_NAMES = {"sort", "sortby", "orderby", "order", "ordering", "sorting", "sortfield", "sortkey"}
# Words that put the largest (or latest) first, and those that put the smallest first.
_DESCENDING = re.compile(
    r"\b(best|highest|most|largest|biggest|top|greatest|newest|latest|most recent|longest"
    r"|z\s*-\s*a|z to a|descending|desc|high(est)? to low(est)?|(most|best)[\w ]* first)\b",
    re.I,
)
_ASCENDING = re.compile(
    r"\b(lowest|least|fewest|smallest|cheapest|oldest|earliest|soonest|shortest|a\s*-\s*z"
    r"|a to z|ascending|asc|low(est)? to high(est)?|alphabetical(ly)?)\b",
    re.I,
)
# Words that order by when the records were made (or the date they carry).
_BY_TIME = re.compile(r"\b(newest|latest|most recent|oldest|earliest|recent)\b", re.I)


def _parts(name: str) -> list[str]:
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name)
    return [p for p in re.split(r"[^A-Za-z0-9]+", spaced.lower()) if p]


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


def item_properties(op: ApiOperation, schemas: Schemas) -> dict[str, Any]:
    """The listed item's properties: an array's items', or those of the one array of objects
    an envelope holds (`{items: [...], total}`, `{data: [...], meta: {...}}`)."""
    props = schemas.response_properties(op)
    arrays = []
    for prop in props.values():
        prop = schemas.resolve(prop)
        if prop.get("type") == "array":
            inner = schemas.properties(schemas.resolve(prop.get("items")))
            if inner:
                arrays.append(inner)
    return arrays[0] if len(arrays) == 1 else props


def _beside(value: str, texts: list[str]) -> str:
    """The words written beside a sort value: "`rating` (best average first)", "rating =
    highest rated first", "`-price`: dearest first"."""
    mark = rf"(?<![\w-])`?{re.escape(value)}`?(?![\w-])"
    for text in texts:
        found = re.search(rf"{mark}\s*(?:\(([^)]*)\)|(?:=|:|—|–|-{{1,2}})\s*([^,;()\n`]+))", text)
        if found:
            return (found.group(1) or found.group(2) or "").strip()
        # "`sort_by=signatures` orders by `signature_count` instead"
        found = re.search(
            rf"{mark}\s*(?:orders|sorts|sort|order|means)\s+(?:by\s+)?([^,;()\n]+)", text
        )
        if found:
            return found.group(1).replace("`", "").strip()
    return ""


def _property(value: str, words: str, props: dict[str, Any]) -> str | None:
    """The property a value and its words name: the one whose name's parts the two mention
    most ("rating" + "best average first": average_rating over rating_count)."""
    said = {_stem(w) for w in _parts(value) + _parts(words)}
    scored: list[tuple[int, float, str]] = []
    for name in props:
        parts = [_stem(p) for p in _parts(name)]
        hits = sum(1 for p in parts if p in said)
        if hits:
            scored.append((hits, hits / len(parts), name))
    if not scored:
        return None
    scored.sort(reverse=True)
    if len(scored) > 1 and scored[0][:2] == scored[1][:2]:
        return None
    return scored[0][2]


def sort_values(op: ApiOperation, schemas: Schemas) -> dict[str, Any]:
    """{"sort_values": {value: [property or "", descending]}} for the enum values of the sort
    parameter whose words say what they order by, else {}."""
    raw = schemas.operation(op)
    params = raw.get("parameters")
    props = item_properties(op, schemas)
    prose = str(schemas.doc.get(PROSE, ""))
    lines = [t for t in re.split(r"\n", prose) if t.strip()]
    lines += [t for t in sentences(prose) if t not in lines]  # a sentence wrapped over lines
    found: dict[str, list[Any]] = {}
    for param in params if isinstance(params, list) else []:
        param = schemas.resolve(param)
        name = str(param.get("name", ""))
        if param.get("in") != "query" or norm(name) not in _SORT_NAMES:
            continue
        schema = schemas.resolve(param.get("schema"))
        if schema.get("type") == "array":
            schema = schemas.resolve(schema.get("items"))
        values = [str(v) for v in schema.get("enum") or [] if isinstance(v, str)]
        texts = [str(param.get("description", ""))]
        if not values:  # a free string: the values its description quotes ("`price` (...)")
            values = re.findall(r"`([+-]?[A-Za-z_][\w.]*)`", texts[0])
        texts += [t for t in lines if re.search(rf"(?<![\w/]){re.escape(name)}(?![\w/])", t)]
        for value in values:
            words = _beside(value, texts)
            descending = bool(_DESCENDING.search(words)) and not _ASCENDING.search(words)
            ascending = bool(_ASCENDING.search(words)) and not descending
            if value.startswith("-") and not (descending or ascending):
                descending = True
            prop = _property(value.lstrip("+-"), words, props)
            if prop is None and (_BY_TIME.search(words) or _BY_TIME.search(value)):
                prop = ""  # "newest": the order the records were made in
            if prop is None or not words:
                continue  # nothing said beside it: the listing reads the value itself
            if prop == "" and not (descending or ascending):
                descending = bool(re.search(r"new|late|recent", value + words, re.I))
            found[value] = [prop, descending]
    return {"sort_values": found} if found else {}
