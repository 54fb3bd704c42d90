"""Operations that serve what records derive, read from the document as a whole: redirects to a
record's URL that count visits, the values of a list property with their counts ("GET /tags"),
view counters, a record's count of its nested records, and text views no collection path names
(with the line the words give each record). Each `mark_*` adds plans for them
(`pipeline.contract.patterns`). Joins and owners are in `memberships`, dates derived from
nested records in `schedules`. No I/O."""

from __future__ import annotations

import re
from typing import Any

from pipeline.contract.conditions import condition
from pipeline.contract.document import PROSE, ApiOperation
from pipeline.contract.lines import card_of, example_line, line_of, order_of
from pipeline.contract.listing import path_named
from pipeline.contract.schemas import (
    Schemas,
    collection_path,
    is_param,
    nested_below,
    norm,
    path_segments,
    spoken,
    word_forms,
    words_of,
)
from pipeline.contract.views import AGGREGATES

# Words after a collection that name a rendering of its records ("/products/list.html").
RENDERINGS = {"html", "text", "txt", "log", "feed", "page", "export", "list", "all", "rss", "board"}
# Top-level paths that read back what was written ("GET /log").
ACTIVITY = {"log", "logs", "activity", "audit", "auditlog", "journal", "changes", "events"}


_VIEW_COUNTERS = ("views", "viewcount", "reads", "readcount", "opens", "hits", "impressions")


def mark_view_counts(
    ops: list[ApiOperation],
    plans: dict[str, dict[str, Any]],
    creates: dict[str, str],
    schemas: Schemas,
) -> None:
    """Reading one record counts a view where its answer has a views counter the client does
    not send ("views"; listing does not count)."""
    for op in ops:
        plan = plans.get(op.key) or {}
        if plan.get("pattern") != "read" or plan.get("collection") not in creates:
            continue
        method, path = creates[plan["collection"]].split(" ", 1)
        body = schemas.body_properties(ApiOperation(method=method, path=path))
        answered = schemas.response_properties(op)
        counter = next(
            (
                n
                for n, p in answered.items()
                if norm(n) in _VIEW_COUNTERS
                and n not in body
                and schemas.resolve(p).get("type") == "integer"
            ),
            "",
        )
        if counter:
            plan["counts_view"] = counter


def mark_facets(
    ops: list[ApiOperation],
    plans: dict[str, dict[str, Any]],
    creates: dict[str, str],
    schemas: Schemas,
) -> None:
    """ "GET /tags" where records carry a list of "tags": every value with the number of records
    carrying it, most used first (ties by value)."""
    for op in ops:
        segments = path_segments(op.path)
        if op.method != "GET" or op.key in plans or len(segments) != 1:
            continue
        if schemas.response_kind(op) not in ("array", "envelope"):
            continue
        word = norm(segments[0])
        for collection, key in creates.items():
            method, path = key.split(" ", 1)
            body = schemas.body_properties(ApiOperation(method=method, path=path))
            listed = next(
                (
                    n
                    for n, p in body.items()
                    if norm(n) == word and schemas.resolve(p).get("type") == "array"
                ),
                "",
            )
            if listed:
                plans[op.key] = {"pattern": "facet", "collection": collection, "parents": []}
                plans[op.key]["field"] = listed
                break


def mark_renderings(
    ops: list[ApiOperation],
    plans: dict[str, dict[str, Any]],
    creates: dict[str, str],
    schemas: Schemas,
) -> None:
    """Text and HTML views of records that no collection path names: "GET /changelog.txt" (the
    one collection of records there is), "GET /projects/{projectId}/changelog.html" (an
    account's records, where "/projects" makes accounts); and the line each record makes where
    the words give one ("formatted `<version> [<kind>] <notes>`")."""
    accounts = {
        collection_path(path_segments(op.path))
        for op in ops
        if str(plans.get(op.key, {}).get("pattern", "")).startswith(("issue_key", "register"))
    }
    records = [c for c in creates if c not in accounts]
    prose = str(schemas.doc.get(PROSE, ""))
    for op in ops:
        segments = path_segments(op.path)
        if op.method != "GET" or not segments or schemas.response_kind(op) != "text":
            continue
        plan = plans.get(op.key)
        word = segments[-1].lower()
        named = [c for c in records if c.rsplit("/", 1)[-1] in word]
        top = [c for c in records if "{" not in c]  # nested ones are read through their parent
        only = records if len(records) == 1 else top
        target = named[0] if len(named) == 1 else (only[0] if len(only) == 1 else "")
        rendering = "." in word or word in RENDERINGS or word in ACTIVITY
        rendering = rendering or op.media_type == "text/html"  # "GET /board": a page of them
        if plan is None and len(segments) == 1 and rendering and target:
            plan = plans[op.key] = {"pattern": "view", "collection": target, "parents": []}
        elif (
            plan is not None
            and plan.get("pattern") == "view"
            and plan.get("collection") in accounts
            and plan.get("id_param")
            and target
        ):
            owner = plan["id_param"]
            plan = plans[op.key] = {"pattern": "view", "collection": target, "parents": []}
            plan["owner_param"] = owner
        if plan is None or plan.get("pattern") != "view":
            continue
        raw = schemas.operation(op)
        responses = schemas.resolve(raw.get("responses"))
        answer = schemas.resolve(responses.get(str(op.success)))
        said = [words_of(raw), words_of(answer), prose]
        if any(
            re.search(r"\b(newest|latest|most recent)\b[\w ]*\bfirst\b", t, re.I) for t in said[:2]
        ):
            plan["newest_first"] = True
        create = creates.get(plan["collection"])
        props = {**schemas.answer_of(create), **schemas.body_of(create)} if create else {}
        at = path_named(op.path).search(prose)
        card = card_of(prose[at.end() : at.end() + 600], props) if at else ""
        line = card if card and plan.get("id_param") else line_of(said, props)
        if line:
            plan["line"] = line
        about = said[:2] + _naming(prose, op.path)  # the operation's words, the prose's on it
        order = order_of(about, props)
        if order and not plan.get("id_param"):
            plan["sort_by"] = order
        kept = next((c for t in about if (c := condition(t, props, schemas))), [])
        if kept and not plan.get("id_param"):  # "every item that still has stock"
            plan["where"] = kept
        if plan.get("id_param"):
            plan.update(_children_shown(plan, creates, schemas, about))
            if word in AGGREGATES and "children" not in plan:  # figures nothing here computes
                del plans[op.key]


_HEADED = re.compile(r"\b(first line|heading|header|title line|followed by|then)\b", re.I)


def _children_shown(
    plan: dict[str, Any], creates: dict[str, str], schemas: Schemas, said: list[str]
) -> dict[str, Any]:
    """What a text view of one record shows of the records nested below it, where its words
    say it lists them ("one book per line", "then one line per song like `1. title`"): the
    nested collection, the line each makes, and whether the record's own name heads them."""
    collection = str(plan.get("collection", ""))
    children = nested_below(collection, creates)
    text = " ".join(said)
    named = []
    for child in children:
        word = norm(child.rsplit("/", 1)[-1])
        stems = {word, word.removesuffix("s"), word.removesuffix("es")}
        if any(re.search(rf"\b{re.escape(stem)}s?\b", text, re.I) for stem in stems if stem):
            named.append(child)
    lines = re.search(
        r"\b(per|each|every)\b[\w ]{0,20}\bline\b|\bline\b[\w ]{0,12}\b(per|each)\b", text, re.I
    )
    if len(named) != 1 or not lines:
        return {}
    child = named[0]
    found: dict[str, Any] = {"children": child}
    props = {**schemas.answer_of(creates[child]), **schemas.body_of(creates[child])}
    line = line_of(said, props) or example_line(said, props)
    if line:
        found["child_line"] = line
    order = _dated_order(text, props)
    if order:
        found["child_order"] = order
    if _HEADED.search(text):
        found["headed"] = True
    return found


_DATED_ORDER = re.compile(
    r"\b(?:(?P<new>newest|latest|most recent)|(?P<old>oldest|earliest))\b(?=[\w ]{0,20}\bfirst\b)",
    re.I,
)


def _dated_order(text: str, props: dict[str, Any]) -> list[Any]:
    """[the date property, newest first?] where the words order the lines by age ("oldest
    first"), the date the words name first when there are several; [] when they do not."""
    said = _DATED_ORDER.search(text)
    dated = [n for n, p in props.items() if isinstance(p, dict) and "date" in str(p.get("format"))]
    if not said or not dated:
        return []
    named = [n for n in dated if re.search(rf"\b{spoken(n)}\b", text, re.I)]
    return [(named or dated)[0], bool(said.group("new"))]


def _naming(prose: str, path: str) -> list[str]:
    """The sentences of `prose` that name `path`, its parameters by any name ("{id}")."""
    named = path_named(path)
    return [t for t in sentences(prose) if named.search(t)]


def sentences(prose: str) -> list[str]:
    """The sentences of `prose`: a line wrapped inside a paragraph continues its sentence, a
    list item or a table row starts a new one, and "1. " inside a sentence does not end it."""
    joined = re.sub(r"(?<=\S)[ \t]*\n[ \t]*(?![\s\-*+|#>]|\d+[.)]\s)", " ", prose)
    return [t for t in re.split(r"\n|(?<!\d\.)(?<=[.!?])\s+", joined) if t.strip()]


_COUNT_WORDS = ("count", "total", "number", "num")


def mark_child_counts(
    plans: dict[str, dict[str, Any]], creates: dict[str, str], schemas: Schemas
) -> None:
    """A record's count of the records nested below it ("booking_count" of a room, its
    "/rooms/{}/bookings"): answered as the number there now."""
    for key, plan in plans.items():
        collection = str(plan.get("collection", ""))
        if plan.get("pattern") not in ("create", "list", "read", "update", "replace", "upsert"):
            continue
        method, path = key.split(" ", 1)
        props = schemas.response_properties(
            ApiOperation(method=method, path=path, responses={str(_success(schemas, key)): []})
        )
        found: dict[str, str] = {}
        for child in nested_below(collection, creates):
            word = norm(child.rsplit("/", 1)[-1])
            stems = word_forms(word)
            for name in props:
                key_ = norm(name)
                if any(key_ in (s + c, c + s, c + "of" + s) for s in stems for c in _COUNT_WORDS):
                    found[name] = child
        if found:
            plan["counts"] = found


def _success(schemas: Schemas, key: str) -> int:
    method, path = key.split(" ", 1)
    raw = schemas.operation(ApiOperation(method=method, path=path))
    codes = [str(c) for c in schemas.resolve(raw.get("responses"))]
    found = sorted(int(c) for c in codes if re.fullmatch(r"2\d\d", c))
    return found[0] if found else 200


_URLS = ("url", "longurl", "target", "targeturl", "destination", "link", "href", "location")


_COUNTERS = ("clicks", "visits", "hits", "views", "uses", "redirects", "opens", "count")


def mark_redirects(
    ops: list[ApiOperation],
    plans: dict[str, dict[str, Any]],
    creates: dict[str, str],
    schemas: Schemas,
) -> None:
    """A GET answering a redirect (301/302/303/307/308) at a path ending in a parameter ("GET
    /{code}", "GET /r/{slug}"): the record of the collection that keeps a URL, named by that
    parameter (a property of the same name, else its id), sends the client to its URL and
    counts the visit where it has a counter ("clicks")."""
    for op in ops:
        segments = path_segments(op.path)
        if op.method != "GET" or op.key in plans or not segments or not is_param(segments[-1]):
            continue
        if not any(str(c) in ("301", "302", "303", "307", "308") for c in op.responses):
            continue
        name = segments[-1][1:-1]
        for collection, key in creates.items():
            method, path = key.split(" ", 1)
            made = ApiOperation(method=method, path=path, responses={"201": [], "200": []})
            body = schemas.body_properties(made)
            answered: dict[str, Any] = {}
            for code in ("201", "200"):
                made.responses = {code: []}
                answered = answered or schemas.response_properties(made)
            props = {**answered, **body}
            url = next((n for w in _URLS for n in props if norm(n) == w), "")
            url = url or next(
                (n for n, p in props.items() if schemas.resolve(p).get("format") == "uri"), ""
            )
            if not url:
                continue
            field = next((n for n in props if norm(n) == norm(name)), "")
            counter = next(
                (
                    n
                    for w in _COUNTERS
                    for n in answered
                    if norm(n) == w and schemas.resolve(answered[n]).get("type") == "integer"
                ),
                "",
            )
            plan: dict[str, Any] = {"pattern": "redirect", "collection": collection}
            param = next((p for p in op.parameters if p.name == name), None)
            kind = "integer" if param is not None and param.schema_.get("type") == "integer" else ""
            plan.update(parents=[], id_param=name, id_type=kind or "string", target=url)
            if field and norm(field) != "id":
                plan["id_field"] = field
            if counter:
                plan["counter"] = counter
            plans[op.key] = plan
            break
