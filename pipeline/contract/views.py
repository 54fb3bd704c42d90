"""Operations that show a collection or an item other than as JSON records: the one property
a text view shows, files sent (their media types) and CSV in or out, and the figures a summary
adds up. Used by `pipeline.contract.planner` (`pipeline.contract.patterns`). No I/O."""

from __future__ import annotations

import re

from pipeline.contract.document import ApiOperation, media_essence
from pipeline.contract.listing import prose_naming_path
from pipeline.contract.schemas import Schemas, is_param, norm, path_segments, spoken, words_of

# Words below a collection that ask for figures computed over its records (an aggregate).
AGGREGATES = {"summary", "stats", "statistics", "report", "totals", "total", "count", "sum"}
IMPORT = {"import", "imports", "bulk", "csv", "upload"}


def text_field(
    op: ApiOperation, collection: str, *, creates: dict[str, str], schemas: Schemas
) -> str:
    """The one stored property a text view shows where its words name just that one ("the
    code alone", "GET /notes/{id}/body"), else "" (a view shows every property)."""
    create = creates.get(collection)
    if create is None:
        return ""
    method, path = create.split(" ", 1)
    body = schemas.body_properties(ApiOperation(method=method, path=path))
    texts = {n: p for n, p in body.items() if schemas.resolve(p).get("type") == "string"}
    raw = schemas.operation(op)
    responses = schemas.resolve(raw.get("responses"))
    answer = schemas.resolve(responses.get(str(op.success)))
    last = path_segments(op.path)[-1]
    # the lines naming the path, less the path ("`GET /pages/{slug}/raw` returns just the
    # current body as text/plain": the body, not the slug)
    said = " ".join(prose_naming_path(op, schemas)).replace(op.path, " ")
    for words in (last if not is_param(last) else "", words_of(answer), words_of(raw), said):
        named = [n for n in texts if re.search(rf"\b{spoken(n)}\b", words, re.I)]
        if len(named) == 1:
            return named[0]
        if named:
            return ""
    return ""


def accepts(op: ApiOperation, schemas: Schemas) -> list[str]:
    """The media types a file sent here may have: those a GET of the same path answers
    ("image/png", "image/jpeg"), else those the request declares; [] for any."""
    item = schemas.resolve((schemas.doc.get("paths") or {}).get(op.path))
    get = schemas.resolve(item.get("get"))
    found: list[str] = []
    for code, response in schemas.resolve(get.get("responses")).items():
        if str(code).startswith("2"):
            content = schemas.resolve(response).get("content")
            found += [media_essence(m) for m in (content if isinstance(content, dict) else {})]
    found = found or [t for t in op.request_types if "/" in t and "form" not in t]
    specific = [m for m in found if "*" not in m and m != "application/octet-stream"]
    return specific if len(specific) == len(found) else []


def sends_a_file(op: ApiOperation, schemas: Schemas) -> bool:
    """True when the request body is a file: binary media, or a multipart binary field."""
    if any(t.startswith(("image/", "audio/", "video/")) for t in op.request_types):
        return True
    if "application/octet-stream" in op.request_types:
        return True
    props = schemas.body_properties(op)
    binary = any(schemas.resolve(p).get("format") in ("binary", "byte") for p in props.values())
    return "multipart/form-data" in op.request_types and binary


def csv_out(op: ApiOperation) -> bool:
    return op.media_type in ("text/csv", "application/csv")


def figures(
    op: ApiOperation, collection: str, *, creates: dict[str, str], schemas: Schemas
) -> dict[str, str]:
    """What a summary of a collection adds up, and per what: the property its words group by
    ("Totals per category", "by status"), else its first enum; the amount it sums (an
    "amount", "price", "total" ..., else the first number), else it counts."""
    method, path = creates[collection].split(" ", 1)
    body = schemas.body_properties(ApiOperation(method=method, path=path))
    raw = schemas.operation(op)
    responses = schemas.resolve(raw.get("responses"))
    answer = schemas.resolve(responses.get(str(op.success)))
    said = " ".join([words_of(raw), words_of(answer), *prose_naming_path(op, schemas)])
    group = next(
        (n for n in body if re.search(rf"\b(per|by|each)\s+{spoken(n)}\b", said, re.I)), ""
    )
    enums = [n for n, p in body.items() if schemas.resolve(p).get("enum")]
    named = [n for n in body if norm(n) in ("category", "type", "kind", "status", "group")]
    group = group or next(iter(enums + named), "")
    numbers = [
        n
        for n, p in body.items()
        if schemas.resolve(p).get("type") in ("number", "integer") and n != group
    ]
    sums = ("amount", "price", "total", "cost", "value", "sum", "quantity", "qty")
    summed = [  # "(sum of counts)", "the total of the amounts"
        n for n in numbers if re.search(rf"\b(sum|total)s? of (the )?{spoken(n)}", said, re.I)
    ]
    measure = next(iter(summed), "") or next((n for w in sums for n in numbers if norm(n) == w), "")
    found = {"group": group, "measure": measure or next(iter(numbers), "")}
    return {k: v for k, v in found.items() if v}
