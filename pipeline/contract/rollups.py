"""Figures a record derives from the records nested below it, read from its properties' names
and descriptions: how many there are ("book_count", "number of books"), the sum of a number
they hold ("total_pages": the sum of the books' "pages"; "sum of song lengths"), their mean
("average_rating") and their least or greatest ("max_km"); and the nested records themselves
where the record shows them as a list of the same name ("songs"). `mark_rollups` adds
"counts", "rollups" and "embeds" to every plan that answers records of the collection above: its create, reads, lists
(the items of an envelope too), changes and actions; `mark_summaries` the figures of a
summary of a collection ("GET /runs/stats") (`pipeline.contract.patterns`). No I/O."""

from __future__ import annotations

import re
from typing import Any

from pipeline.contract.document import PROSE, ApiOperation
from pipeline.contract.schemas import Schemas, nested_below, norm

# Plans that answer records of their collection, whose figures are filled in.
ANSWERING = (
    "create",
    "list",
    "owned_list",
    "read",
    "update",
    "replace",
    "upsert",
    "transition",
)
_COUNT = ("count", "number", "num", "total", "how many")
# Words that, before or after a child's number, name a figure over the children: how.
_HOW = {
    "sum": ("total", "sum", "combined", "overall"),
    "avg": ("average", "avg", "mean"),
    "min": ("min", "minimum", "lowest", "smallest", "shortest", "least", "fewest"),
    "max": ("max", "maximum", "highest", "largest", "biggest", "longest", "greatest", "most"),
}
_SAID_SUM = re.compile(r"\b(sum|total|adds? up|added up|combined)\b", re.I)


def mark_rollups(
    plans: dict[str, dict[str, Any]], creates: dict[str, str], schemas: Schemas
) -> None:
    """For each collection with collections nested directly below it, the figures its records'
    read-only numbers name, on every plan answering its records."""
    prose = str(schemas.doc.get(PROSE, ""))
    for collection, create in creates.items():
        children = {c: creates[c] for c in nested_below(collection, creates)}
        if not children:
            continue
        answering, props, sent = answered_records(plans, collection, create, schemas)
        counts: dict[str, str] = {}
        rollups: dict[str, dict[str, str]] = {}
        embeds = {
            name: child
            for name, raw in props.items()
            if name not in sent and schemas.resolve(raw).get("type") == "array"
            for child in children
            if norm(name) in _stems(child.rsplit("/", 1)[-1]) | {norm(child.rsplit("/", 1)[-1])}
        }
        taken = _taken([plans[k] for k in answering], plans)
        for name, raw in props.items():
            prop = schemas.resolve(raw)
            # a number, or a property with no type at all whose name says a figure
            numeric = {"integer", "number", "None"} & set(_types(prop))
            if name in sent or name in taken or not numeric or prop.get("properties"):
                continue
            said = _said(name, prop, prose)
            for child, child_create in children.items():
                if _counts(name, child, said):
                    counts[name] = child
                    break
                found = _figure(name, said, _numbers(schemas, child_create), child)
                found = found or _done_to(name, child, _numbers(schemas, child_create), said)
                if found and found[0] == "count":
                    counts[name] = child
                    break
                if found:
                    rollups[name] = {"collection": child, "field": found[1], "how": found[0]}
                    break
                if _people_in(said, child):  # `waiting`: "people in the queue"
                    counts[name] = child
                    break
        if not counts and not rollups and not embeds:
            continue
        for key in answering:
            if embeds:  # "songs" of a setlist: the records at "/setlists/{}/songs", in order
                plans[key].setdefault("embeds", {}).update(embeds)
            if counts:
                plans[key].setdefault("counts", {}).update(counts)
                where = _counted_where(counts, children, schemas)
                if where:
                    plans[key].setdefault("count_where", {}).update(where)
            if rollups:
                plans[key].setdefault("rollups", {}).update(rollups)


_LAST = ("last", "latest", "newest", "mostrecent", "recent")
_FIRST = ("first", "earliest", "oldest")


def mark_summaries(
    ops: list[ApiOperation],
    plans: dict[str, dict[str, Any]],
    creates: dict[str, str],
    schemas: Schemas,
) -> None:
    """A summary of a collection answered as an object of figures ("GET /hikes/stats":
    `count`, `total_km`, `longest_km`, `last_hike_on`): each figure its name or description
    gives, over the records the summary reads (a count of them, a sum, mean, least or greatest
    of a number they hold, their latest or earliest date), as "figures" on its plan."""
    prose = str(schemas.doc.get(PROSE, ""))
    for op in ops:
        plan = plans.get(op.key) or {}
        collection = str(plan.get("collection", ""))
        if plan.get("pattern") != "aggregate" or collection not in creates:
            continue
        if schemas.response_kind(op) != "object":
            continue
        body = schemas.body_of(creates[collection])
        numbers = _numbers(schemas, creates[collection])
        dates = [
            n for n, p in body.items() if schemas.resolve(p).get("format") in ("date", "date-time")
        ]
        figures: dict[str, dict[str, str]] = {}
        for name, raw in schemas.response_properties(op).items():
            prop = schemas.resolve(raw)
            kinds, key = set(_types(prop)), norm(name)
            said = _said(name, prop, prose)
            if {"integer", "number"} & kinds:
                counted = key in (
                    "count",
                    "n",
                    "number",
                    "totalcount",
                    *_stems(collection.rsplit("/", 1)[-1]),
                )
                if counted or _counts(name, collection, said):
                    figures[name] = {"how": "count"}
                    continue
                found = _figure(name, said, numbers)
                if found:
                    figures[name] = {"how": found[0], "field": found[1]}
            elif prop.get("format") in ("date", "date-time") and dates:
                how = "max" if key.startswith(_LAST) else "min" if key.startswith(_FIRST) else ""
                if how:
                    figures[name] = {"how": how, "field": dates[0]}
        if figures:
            plan["figures"] = figures


def _taken(answering: list[dict[str, Any]], plans: dict[str, dict[str, Any]]) -> set[str]:
    """Names other conventions fill already: places left, members counted, means of ratings,
    latest dates, a ledger's counter."""
    taken = {str(p.get("ledger", {}).get("counter", "")) for p in plans.values()}
    for plan in answering:
        for figure in ("left", "member_counts", "averages", "latest", "next"):
            taken.update(plan.get(figure, {}))
    return taken


def answered_records(
    plans: dict[str, dict[str, Any]], collection: str, create: str, schemas: Schemas
) -> tuple[list[str], dict[str, Any], set[str]]:
    """The plans answering a collection's records, the properties they answer them with, and
    those of them a client sends to make one (not the read-only ones)."""
    answering = [
        key
        for key, plan in plans.items()
        if plan.get("collection") == collection and plan.get("pattern") in ANSWERING
    ]
    props: dict[str, Any] = {}
    for key in [create, *answering]:
        props.update(record_properties(schemas, key))
    sent = {n for n, p in schemas.body_of(create).items() if not schemas.resolve(p).get("readOnly")}
    return answering, props, sent


def record_properties(schemas: Schemas, key: str) -> dict[str, Any]:
    """The properties of the records the operation "METHOD /path" answers: its object, an
    array's items, or the items of the one list an envelope holds ({"items": [...], "total"})."""
    props = schemas.answer_of(key)
    lists = [
        schemas.resolve(schemas.resolve(p).get("items"))
        for p in props.values()
        if schemas.resolve(p).get("type") == "array"
    ]
    lists = [s for s in lists if schemas.properties(s)]
    if len(lists) == 1 and not any(norm(n) == "id" for n in props):
        return schemas.properties(lists[0])
    return props


def _types(prop: dict[str, Any]) -> list[str]:
    kind = prop.get("type")
    return [str(k) for k in kind] if isinstance(kind, list) else [str(kind)]


def _said(name: str, prop: dict[str, Any], prose: str) -> str:
    """The property's description and the sentences of the prose that name it in backticks."""
    sentences = re.split(r"(?<=[.!?])\s+|\n", prose)
    named = [_clause(t, name) for t in sentences if f"`{name}`" in t]
    return " ".join([str(prop.get("description", "")), *named])


def _clause(sentence: str, name: str) -> str:
    """The part of `sentence` about `name`: from where it names it to where it starts on another
    property ("`total` = sum of the scores, `end_count` = how many ends": not the count)."""
    at = sentence.find(f"`{name}`")
    rest = sentence[at + len(name) + 2 :]
    other = re.search(r"[,;]\s*(?:and\s+)?`\w+`", rest)
    before = re.split(r"[,;]", sentence[:at])[-1]  # not the clause about the one before
    return before + f"`{name}`" + (rest[: other.start()] if other else rest)


def _stems(word: str) -> set[str]:
    word = norm(word)
    found = {word, word.removesuffix("s"), word.removesuffix("es")}
    if word.endswith("ies"):
        found.add(word[:-3] + "y")
    return {w for w in found if w}


def _counts(name: str, child: str, said: str) -> bool:
    """Whether `name` counts the records of `child` ("book_count", "numBooks", "books_total",
    or a number whose description says "number of books")."""
    key, stems = norm(name), _stems(child.rsplit("/", 1)[-1])
    words = [norm(w) for w in _COUNT]
    if any(key in (s + c, c + s, c + "of" + s, s + "s" + c) for s in stems for c in words):
        return True
    plural = "|".join(re.escape(s) for s in sorted(stems, key=len, reverse=True))
    counted = rf"\b(?:number of|how many|count of)\s+(?:the\s+|its\s+)?(?:\w+\s+)?(?:{plural})"
    return bool(re.search(counted, said, re.I))


def _numbers(schemas: Schemas, create: str) -> list[str]:
    """The numbers a client sends when it makes a child record."""
    return [
        n
        for n, p in schemas.body_of(create).items()
        if {"integer", "number"} & set(_types(schemas.resolve(p)))
    ]


def _figure(name: str, said: str, numbers: list[str], child: str = "") -> tuple[str, str] | None:
    """(how, field) where `name` is a figure over the children's number `field`: "total_pages"
    (sum of "pages"), "avgScore" (mean of "score"), or a number whose description says it is
    the sum of one ("the sum of the songs' lengths in seconds" of "seconds")."""
    key = norm(name)
    for how, words in _HOW.items():
        for word in map(norm, words):
            rest = key[len(word) :] if key.startswith(word) else ""
            rest = rest or (key[: -len(word)] if key.endswith(word) else "")
            if len(rest) < 2:
                continue
            field = _field(rest, numbers)
            if field:
                return how, field
    if _SAID_SUM.search(said):
        named = [n for n in numbers if re.search(rf"\b{re.escape(n)}\b", said)]
        if len(named) == 1:
            return "sum", named[0]
    about = bool(child) and any(
        stem in norm(name) or re.search(rf"\b{stem}", said, re.I) is not None
        for stem in _stems(child.rsplit("/", 1)[-1])
    )
    if len(numbers) == 1 and about:  # "best_offer": the highest amount so far, the offers' number
        for how, words in _HOW.items():
            if how != "sum" and (
                key.startswith(("best", "top")) and how == "max" or _said_how(said, words)
            ):
                return how, numbers[0]
    return None


def _done_to(name: str, child: str, numbers: list[str], said: str = "") -> tuple[str, str] | None:
    """A number named for what the children do to the record ("reserved" of its reservations,
    "booked" of its bookings), or said to be how many were ("how many seats have been booked"):
    the sum of the children's one number (how many each reserves), else how many there are."""
    word = norm(child.rsplit("/", 1)[-1])
    stem = re.sub(r"(ations?|ings?|s)$", "", word)
    stems = [s for s in (stem, stem + "e") if len(s) > 2]
    pasts = "|".join(re.escape(s) + "e?d" for s in stems)
    told = pasts and re.search(rf"\bhow many\b[^.;]*\b(?:{pasts})\b", said, re.I)
    if not any(norm(name) in (s + "ed", s + "d") for s in stems) and not told:
        return None
    return ("sum", numbers[0]) if len(numbers) == 1 else ("count", "")


def _people_in(said: str, child: str) -> bool:
    """Whether the words count the children as those in it ("people in the queue", "entries on
    the list")."""
    stems = "|".join(re.escape(s) for s in _stems(child.rsplit("/", 1)[-1]))
    who = r"(?:people|persons|entries|items|members|players|names|ones)"
    return bool(
        re.search(rf"\b{who}\s+(?:in|on|at)\s+(?:the|its|this)\s+(?:{stems})\b", said, re.I)
    )


def _said_how(said: str, words: tuple[str, ...]) -> bool:
    """Whether the words call the figure by one of `words` ("highest amount so far")."""
    return bool(re.search(rf"\b(?:{'|'.join(words)})\b", said, re.I))


def _field(rest: str, numbers: list[str]) -> str:
    """The child's number `rest` names: the same word ("pages"), else the one that ends with it
    or that it ends with ("duration_minutes" for "minutes")."""
    exact = [n for n in numbers if rest in _stems(n) or norm(n) in _stems(rest)]
    if exact:
        return exact[0]
    near = [n for n in numbers if norm(n).endswith(rest) or rest.endswith(norm(n))]
    return near[0] if len(near) == 1 else ""


# Words of a count's name that keep the children not yet done ("open_actions") or done ones
# ("done_tasks"), and the yes/no properties of a child that say it is done.
OPEN_WORDS = {
    "open",
    "pending",
    "unfinished",
    "undone",
    "outstanding",
    "remaining",
    "todo",
    "active",
}
_DONE = {"done", "finished", "completed", "complete", "closed", "resolved", "ticked"}
DONE_FLAGS = {"done", "isdone", "finished", "completed", "complete", "closed", "resolved", "ticked"}


def _counted_where(
    counts: dict[str, str], children: dict[str, str], schemas: Schemas
) -> dict[str, dict[str, bool]]:
    """{count: {flag: value}} for counts of only the open (or done) children: "open_actions"
    counts the actions whose `done` is false."""
    found: dict[str, dict[str, bool]] = {}
    for name, child in counts.items():
        words = {w.lower() for w in re.split(r"_|(?<=[a-z])(?=[A-Z])", name)}
        value = False if words & OPEN_WORDS else True if words & _DONE else None
        flag = done_flag(children.get(child, ""), schemas)
        if value is not None and flag:
            found[name] = {flag: value}
    return found


def done_flag(create: str, schemas: Schemas) -> str:
    """The one yes/no property saying a record made by `create` is done ("done", "closed"),
    else ""."""
    props = {**schemas.answer_of(create), **schemas.body_of(create)} if create else {}
    flags = [
        n
        for n, p in props.items()
        if norm(n) in DONE_FLAGS and schemas.resolve(p).get("type") == "boolean"
    ]
    return flags[0] if len(flags) == 1 else ""
