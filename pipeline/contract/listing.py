"""What a list operation's words say about how it lists: the property it is ordered by and
newest first ("sort by price", "newest first"), and the range parameters called inclusive or
exclusive, or filters that match whatever the case. Read by `pipeline.contract.planner` for the
list plans (`pipeline.contract.patterns`). No I/O."""

from __future__ import annotations

import re
from typing import Any

from pipeline.contract.document import PROSE, ApiOperation
from pipeline.contract.document import blocks as prose_blocks
from pipeline.contract.rollups import record_properties
from pipeline.contract.schemas import Schemas, norm

_BOUNDS = {"from", "to", "since", "until", "after", "before", "start", "end", "min", "max"}
_BOUNDS |= {"gt", "gte", "lt", "lte"}
# Words that say a filter's value matches whatever its case ("exact city, case does not matter").
_ANY_CASE = re.compile(
    r"\b(case[- ]insensitive(ly)?|case (does not|doesn't|won't|does ?n't) matter|any case"
    r"|ignor(e|es|ing) (the )?case|regardless of (the )?case|in any case|not case[- ]sensitive)\b",
    re.I,
)
# Words that say a filter's value may be found anywhere within the property ("part of the
# title", "a substring of the name", "titles containing it").
_PART = re.compile(
    r"\b(substring|sub-string|part of|a fragment of|partial(ly)?|containing|contains?"
    r"|anywhere in|appears? in|occurs? in)\b",
    re.I,
)


# Words that say a yes/no filter keeps the records dated from today on, or before today.
_FROM_TODAY = re.compile(
    r"\b(today or later|from today|today (and|or) (later|after)|today onwards?|on or after today"
    r"|not (yet )?(in the )?past|in the future|still to come|yet to come|upcoming|future)\b",
    re.I,
)
_BEFORE_TODAY = re.compile(r"\b(before today|in the past|already (happened|over)|past)\b", re.I)


# Words that say a bound keeps the values equal to it ("on that day or later", "at least").
_OR_EQUAL = re.compile(
    r"\b(or (later|after|earlier|before|more|less|above|below|higher|lower|greater|fewer)"
    r"|at least|at most|no (more|less|later|earlier) than|on or (after|before)"
    r"|(and|or) (on )?that (day|date))\b",
    re.I,
)


def _dated(param: dict[str, Any], said: list[str]) -> str:
    """ "ge" where a yes/no filter keeps the records dated today or later ("upcoming=true only
    keeps gigs today or later"), "lt" where it keeps those before today, else ""."""
    schema = param.get("schema")
    if not isinstance(schema, dict) or schema.get("type") != "boolean":
        return ""
    for text in [*said, str(param.get("name", "")).replace("_", " ")]:
        if _FROM_TODAY.search(text):
            return "ge"
        if _BEFORE_TODAY.search(text):
            return "lt"
    return ""


def ranges(op: ApiOperation, schemas: Schemas) -> dict[str, Any]:
    """Range parameters the words call inclusive ("due_before and due_after (dates,
    inclusive)") or exclusive: in the parameter's description, or a sentence of the
    description around the document that names the parameter."""
    raw = schemas.operation(op)
    params = raw.get("parameters")
    prose = str(schemas.doc.get(PROSE, ""))
    sentences = re.split(r"(?<=[.!?])\s+|\n\s*\n", prose)
    found: dict[str, Any] = {}
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
        lines = [str(param.get("description", ""))]
        lines += [_clause(t, name) for t in re.split(r"\n|(?<=[.!?])\s+", prose) if _names(t, name)]
        kind = schemas.resolve(param.get("schema"))
        if (
            kind.get("type") in (None, "string")
            and not kind.get("enum")
            and any(_PART.search(text) for text in lines)
        ):  # "part of the species name": the values holding it
            found.setdefault("substring", []).append(name)
        dated = _dated(param, [t for t in lines if t])
        if dated:
            found.setdefault("today", {})[name] = dated
        if not set(words) & _BOUNDS:
            continue
        for text in said:
            word = re.search(r"\b(inclusive|exclusive)\b", text, re.I)
            if word:
                found.setdefault(word.group(1).lower(), []).append(name)
                break
            if _OR_EQUAL.search(text):  # "found on that day or later"
                found.setdefault("inclusive", []).append(name)
                break
    return found


def _clause(text: str, name: str) -> str:
    """The part of a line that is about the parameter `name`: from where it names it in
    backticks to where it names another ("`difficulty`, `q` = substring of the title": for
    `q`, "= substring of the title"; for `difficulty`, the words the two share)."""
    pieces = re.split(r"(`[^`]+`)", text)  # text, `name`, text, `name`, text ...
    parts = [pieces[0]] + [a + b for a, b in zip(pieces[1::2], pieces[2::2], strict=False)]
    start = next((i for i, p in enumerate(parts) if p.startswith(f"`{name}`")), None)
    if start is None:
        return text
    said = ""
    for part in parts[start:]:
        said += part
        rest = re.sub(r"^`[^`]+`", "", part)
        if re.sub(r"\b(and|or)\b|[\s/&+]", "", rest):  # ("`from`/`to` (inclusive)": both)
            break
    return said


def _names(text: str, name: str) -> bool:
    """Whether a line of the words is about the parameter `name` (it opens with it, or names it
    in backticks or as `name=`)."""
    quoted = re.escape(name)
    return bool(
        re.search(rf"`{quoted}[`=]|\b{quoted}=", text) or re.match(rf"\W*{quoted}\b", text.strip())
    )


def sort_by(op: ApiOperation, schemas: Schemas) -> dict[str, Any]:
    """How the list is ordered where the document says so in words: the property a bare
    `sort=ASC|DESC` orders by ("sort by price", "products by price"), and newest first."""
    props = record_properties(schemas, op.key)  # an envelope's items, where it is one
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
    found = _order(texts, props, schemas)
    if not found:  # the paragraph or list item about the path, its later sentences too
        more = [
            sentence
            for block in prose_naming_path(op, schemas, blocks=True)
            for sentence in re.split(r"(?<=[.!?])\s+", re.sub(r"\s*\n\s*", " ", block))
            if sentence not in texts
        ]
        found = _order(more, props, schemas)
    return found


def _order(texts: list[str], props: dict[str, Any], schemas: Schemas) -> dict[str, Any]:
    """The order the first of `texts` to say one gives (`sort_by`)."""
    found: dict[str, Any] = {}
    for text in texts:  # "newest `found_on` first": by that date, the latest first
        named = re.search(
            r"\b(newest|latest|most recent|earliest|oldest|soonest)\s+`?(\w+)`?\s+first\b",
            text,
            re.I,
        )
        dated = _dated_property(named.group(2), props, schemas) if named else ""
        if dated and "sort_by" not in found:
            found["sort_by"] = dated
            if named and named.group(1).lower() in ("newest", "latest", "most recent"):
                found["descending"] = True
            continue
        first = re.search(
            r"\b(newest|latest|most recent|earliest|oldest|soonest)\b[\w ]*\bfirst\b", text, re.I
        )  # the first said is the default ("soonest first; `-date` = latest first")
        if first and first.group(1).lower() in ("newest", "latest", "most recent"):
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
        if "sort_by" not in found:  # "by `stop_order`, and when same stop_order by pupil name"
            said = sorted(
                (m.start(), name)
                for name in props
                if (m := re.search(rf"\bby\s+`?{_spelled(name)}`?(?!\w)", text, re.I))
                and not re.search(
                    r"\b(?:filter|search|group|narrow|limit|restrict|scope|match)\w*\W+(?:\w+\W+)?$",
                    text[: m.start()],
                )
            )
            if said:
                found["sort_by"] = said[0][1]
            # "by `stop_order`, and when the same by name", "by price, and by title where equal"
            between = text[said[0][0] : said[1][0] + 40] if len(said) > 1 else ""
            if re.search(r"\b(?:then|same|ties?|equal)\b", between, re.I):
                found["then_by"] = said[1][1]
    for text in texts if "sort_by" in found and "then_by" not in found else ():
        then = _then_by(text, found["sort_by"], props)
        if then:
            found["then_by"] = then
            break
    return found


def _then_by(text: str, first: str, props: dict[str, Any]) -> str:
    """The property that orders ties where `text` says it after the first key: "by `date`,
    then `start_time`"; "" where it says none."""
    at = re.search(rf"`?{_spelled(first)}`?(?!\w)", text, re.I)
    after = text[at.start() :][:80] if at else ""
    then = re.search(r"^[^.;]*?,?\s*then\s+(?:by\s+)?`?(\w+)`?", after, re.I)
    named = [n for n in props if then and norm(n) == norm(then.group(1)) and n != first]
    return named[0] if named else ""


def _spelled(name: str) -> str:
    """A property's name as words write it: "stop_order", "stop order"; "pupil" of "pupil"."""
    return re.escape(name).replace("_", "[_ ]")


def _dated_property(word: str, props: dict[str, Any], schemas: Schemas) -> str:
    """The date property `word` names ("found_on", or "found" of "found_on"), else ""."""
    dates = [
        n for n, p in props.items() if schemas.resolve(p).get("format") in ("date", "date-time")
    ]
    key = re.sub(r"[^a-z0-9]", "", word.lower())
    exact = [n for n in dates if re.sub(r"[^a-z0-9]", "", n.lower()) == key]
    near = [n for n in dates if re.sub(r"[^a-z0-9]", "", n.lower()).startswith(key)]
    return exact[0] if exact else near[0] if len(near) == 1 and len(key) >= 3 else ""


def prose_naming_path(op: ApiOperation, schemas: Schemas, *, blocks: bool = False) -> list[str]:
    """The lines of the words around the document that name this operation's path exactly
    ("- `GET /me/shifts` = the shifts I signed up for, soonest first"), not a longer one; its
    parameters by any name (`path_named`). Whole paragraphs and list items (of several
    sentences, hard-wrapped or not) with `blocks`."""
    prose = str(schemas.doc.get(PROSE, ""))
    named = path_named(op.path)
    if blocks:
        lines = prose_blocks(prose)
    else:  # sentences, each whole where a paragraph's lines wrap it
        lines = [
            sentence
            for block in prose_blocks(prose)
            for sentence in re.split(r"(?<=[.!?])\s+", re.sub(r"\s*\n\s*", " ", block))
        ]
    return [t for t in lines if named.search(t)]


def path_named(path: str) -> re.Pattern[str]:
    """A pattern for `path` written in words, its parameters by any name ("/tanks/{id}/readings"
    names "/tanks/{tank_id}/readings"), not as part of a longer path."""
    shape = re.sub(r"\\\{[^/]*?\\\}", r"\\{[^/{}]+\\}", re.escape(path))
    return re.compile(rf"(?<![\w/{{}}]){shape}(?![\w/{{}}])")
