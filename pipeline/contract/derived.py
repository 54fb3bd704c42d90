"""Operations that serve what records derive, read from the document as a whole: redirects to a
record's URL that count visits, the values of a list property with their counts ("GET /tags"),
view counters, a record's count of its nested records, and text views no collection path names
(with the line the words give each record). Each `mark_*` adds plans for them
(`pipeline.contract.patterns`). No I/O."""

from __future__ import annotations

import re
from typing import Any

from pipeline.contract.document import PROSE, ApiOperation
from pipeline.contract.lines import line_of, order_of
from pipeline.contract.schemas import (
    Schemas,
    collection_path,
    is_param,
    norm,
    path_params,
    path_segments,
    referred_collection,
    words_of,
)

# Words after a collection that name a rendering of its records ("/products/list.html").
RENDERINGS = {"html", "text", "txt", "log", "feed", "page", "export", "list", "all", "rss"}
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
        line = line_of(said, props)
        if line:
            plan["line"] = line
        order = order_of(said[:2] + _naming(prose, op.path), props)
        if order and not plan.get("id_param"):
            plan["sort_by"] = order


def _naming(prose: str, path: str) -> list[str]:
    """The sentences of `prose` that name `path`."""
    named = re.compile(rf"(?<![\w/{{}}]){re.escape(path)}(?![\w/{{}}])")
    return [t for t in re.split(r"\n|(?<=[.!?])\s+", prose) if named.search(t)]


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
        for child in creates:
            if (
                not child.startswith(collection + "/{}/")
                or child.count("/") != collection.count("/") + 2
            ):
                continue
            word = norm(child.rsplit("/", 1)[-1])
            stems = {word, word.rstrip("s"), word[:-2] if word.endswith("es") else word}
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


# Words that, with the name of a count, name how many of it are still free ("seats_left").
_LEFT = ("left", "remaining", "free", "available", "open")
# Properties that bound how many may join, where no "<x>_left" names one ("capacity").
_CAPACITY = ("capacity", "maxmembers", "maxparticipants", "maxattendees", "limit", "places")


def mark_memberships(
    ops: list[ApiOperation],
    plans: dict[str, dict[str, Any]],
    creates: dict[str, str],
    schemas: Schemas,
) -> None:
    """Callers joining a record ("POST /rides/{id}/passengers", no body): where the record's
    answer holds a list of that name the client never sends, a body-less POST below the item
    adds the caller to it (once: 409 twice, where declared), "DELETE .../passengers/me" (or
    ".../{userId}") takes them off (404 when not on it) and a GET lists them. Every plan of the
    collection then answers that list as the members are (their id and profile), and a count
    the words pair with it ("seats_left" of "seats") as what is still free; a join beyond it
    answers 409."""
    for op in ops:
        segments = path_segments(op.path)
        if op.method != "POST" or op.key in plans or len(segments) < 3:
            continue
        if not is_param(segments[-2]) or is_param(segments[-1]):
            continue
        collection = collection_path(segments[:-2])
        if collection not in creates or schemas.body_properties(op):
            continue
        answered = schemas.answer_of(creates[collection])
        body = schemas.body_of(creates[collection])
        field = next(
            (
                n
                for n, p in answered.items()
                if norm(n) == norm(segments[-1])
                and n not in body
                and schemas.resolve(p).get("type") == "array"
            ),
            "",
        )
        counts: list[str] = []
        word = segments[-1]
        if not field and re.fullmatch(r"[a-z]+s", word.lower()) and _answers_object_or_none(op):
            # "POST /courses/{id}/students" answering the enrolment: counted ("student_count")
            field, stem = "#" + word, norm(word)[:-1][:5]
            counts = [
                n
                for n, p in answered.items()
                if n not in body
                and schemas.resolve(p).get("type") == "integer"
                and stem in norm(n)
                and (norm(n).endswith("count") or norm(n).startswith(("num", "number")))
            ]
        if not field:
            continue
        members = f"members:{collection}:{field}"
        item = next(
            (
                plan
                for plan in plans.values()
                if plan.get("collection") == collection
                and plan.get("id_param") == segments[-2][1:-1]
            ),
            None,
        )
        name = segments[-2][1:-1]
        kind = "integer" if item is not None and item.get("id_type") == "integer" else "string"
        base: dict[str, Any] = {
            "collection": collection,
            "parents": [],
            "id_param": name,
            "id_type": item.get("id_type", kind) if item is not None else kind,
            "field": field,
        }
        plans[op.key] = {"pattern": "join", **base}
        for other in ops:
            rest = path_segments(other.path)
            if rest[: len(segments)] != segments:
                continue
            if plans.get(other.key, {}).get("pattern") not in (None, "accounts_list"):
                continue  # (the accounts sign-up makes are not who joined a record)
            if other.method == "DELETE" and len(rest) == len(segments) + 1:
                leave = {"pattern": "leave", **base}
                if is_param(rest[-1]):
                    leave["member_param"] = rest[-1][1:-1]
                elif rest[-1].lower() not in ("me", "self", "mine", "current"):
                    continue
                plans[other.key] = leave
            elif other.method == "GET" and len(rest) == len(segments):
                if schemas.response_kind(other) in ("array", "envelope"):
                    plans[other.key] = {"pattern": "members", **base}
        left = _left_counts(answered, body, schemas)
        for plan in plans.values():
            if plan.get("collection") != collection or plan.get("pattern") == "facet":
                continue
            plan.setdefault("members", {})[field] = members
            if counts:
                plan.setdefault("member_counts", {}).update(dict.fromkeys(counts, field))
            if left:
                plan["left"] = left


def _answers_object_or_none(op: ApiOperation) -> bool:
    """A success answer that is one JSON object, or nothing."""
    types = op.responses.get(str(op.success))
    return str(op.success) in op.responses and all("json" in t for t in types or [])


def _left_counts(
    answered: dict[str, Any], body: dict[str, Any], schemas: Schemas
) -> dict[str, str]:
    """{"seats_left": "seats"}: an integer the client does not send named for a count it does
    send and a word for what is still free; else a count the client sends named as a capacity,
    under "" ({"": "capacity"}): joins stop there."""
    numbers = [n for n, p in body.items() if schemas.resolve(p).get("type") == "integer"]
    found: dict[str, str] = {}
    for name, prop in answered.items():
        if name in body or schemas.resolve(prop).get("type") != "integer":
            continue
        for count in numbers:
            if any(norm(name) in (norm(count) + w, w + norm(count)) for w in _LEFT):
                found[name] = count
    if not found:
        cap = next((n for n in numbers if norm(n) in _CAPACITY), "")
        if cap:
            found[""] = cap
        # "spots_left", "remaining_places": an integer the client does not send that names
        # what is still free of that capacity
        for name, prop in answered.items() if cap else ():
            words = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name).lower().split("_")
            if name not in body and schemas.resolve(prop).get("type") == "integer":
                if set(words) & set(_LEFT) and len(words) > 1:
                    found[name] = cap
    return found


def mark_owner_fields(
    ops: list[ApiOperation],
    plans: dict[str, dict[str, Any]],
    creates: dict[str, str],
    schemas: Schemas,
) -> None:
    """Where a signed-in caller creates records, an id the answer holds and the client never
    sends, named for no collection and not the record's own ("driver_id" of a ride, "host_id"):
    the person who made it, answered as the owner's id."""
    secured = {op.key for op in ops if op.security}
    for collection, create in creates.items():
        if create not in secured:
            continue
        body = schemas.body_of(create)
        own = norm(collection.rstrip("/").rsplit("/", 1)[-1])
        own_stems = {own, own.rstrip("s"), own[:-2] if own.endswith("es") else own}
        parents = {norm(n) for n in path_params(path_segments(create.split(" ", 1)[1]))}
        found = []
        for name, prop in schemas.answer_of(create).items():
            key = norm(name)
            if name in body or not key.endswith("id") or key in ("id", "uuid") or key in parents:
                continue
            if key[:-2] in own_stems or referred_collection(name, creates):
                continue
            if schemas.resolve(prop).get("type") in ("integer", None):
                found.append(name)
        if found:
            for plan in plans.values():
                if plan.get("collection") == collection:
                    plan["owner_fields"] = found


_LAST = ("last", "latest", "lastest", "mostrecent", "previous")
_NEXT = ("next", "due", "upcoming")
_INTERVAL = ("every", "interval", "frequency", "period", "days", "cadence")
_TODAY = re.compile(r"\b(today|now|the current (date|day|time))\b", re.I)
_LEFT_OUT = re.compile(
    r"\b(left out|omitted|not given|not sent|missing|absent|by default|defaults?|if none|unless)\b",
    re.I,
)


def mark_child_dates(
    ops: list[ApiOperation],
    plans: dict[str, dict[str, Any]],
    creates: dict[str, str],
    schemas: Schemas,
) -> None:
    """Dates a record derives from the records nested below it: "last_watered" (read-only, not
    sent) is the latest date among its "/plants/{}/waterings", and "next_watering" that date
    plus the record's interval in days ("water_every_days"); a boolean list filter the words
    tie to that next date ("thirsty=true ... whose `next_watering` is today or earlier") keeps
    the records due by today, or never done. A nested record's date the words say is today
    when left out ("the day (`on`, a date; today if left out)") is so."""
    prose = str(schemas.doc.get(PROSE, ""))
    sentences = [t for t in re.split(r"(?<=[.!?])\s+|\n\s*\n", prose) if t]
    for collection, create in creates.items():
        body = {
            n: p
            for n, p in schemas.body_of(create).items()
            if not schemas.resolve(p).get("readOnly")  # what the client sends
        }
        today = []
        for name, raw in body.items():
            prop = schemas.resolve(raw)
            if prop.get("format") not in ("date", "date-time"):
                continue
            said = [str(prop.get("description", ""))]
            said += [t for t in sentences if f"`{name}`" in t]
            if any(_TODAY.search(t) and _LEFT_OUT.search(t) for t in said):
                today.append(name)
        if today and create in plans:
            plans[create]["today"] = today
        answered = schemas.answer_of(create)
        children = [
            c
            for c in creates
            if c.startswith(collection + "/{}/") and c.count("/") == collection.count("/") + 2
        ]
        latest: dict[str, dict[str, str]] = {}
        for name, raw in answered.items():
            prop = schemas.resolve(raw)
            key = norm(name)
            rest = next((key[len(w) :] for w in _LAST if key.startswith(w)), "")
            if name in body or not rest or prop.get("format") not in ("date", "date-time"):
                continue
            named = [c for c in children if norm(c.rsplit("/", 1)[-1])[:4] == rest[:4]]
            child = named[0] if named else (children[0] if len(children) == 1 else "")
            dates = (
                [
                    n
                    for n, p in schemas.body_of(creates[child]).items()
                    if schemas.resolve(p).get("format") in ("date", "date-time")
                ]
                if child
                else []
            )
            if dates:
                latest[name] = {"collection": child, "field": dates[0]}
        if not latest:
            continue
        last = next(iter(latest))
        intervals = [
            n
            for n, p in body.items()
            if schemas.resolve(p).get("type") == "integer" and any(w in norm(n) for w in _INTERVAL)
        ]
        upcoming = {
            n: [last, intervals[0]]
            for n, p in answered.items()
            if n not in body
            and intervals
            and any(norm(n).startswith(w) for w in _NEXT)
            and schemas.resolve(p).get("format") in ("date", "date-time")
        }
        for op in ops:
            plan = plans.get(op.key) or {}
            if plan.get("collection") != collection or plan.get("pattern") == "facet":
                continue
            plan["latest"] = latest
            if upcoming:
                plan["next"] = upcoming
            if plan.get("pattern") != "list":
                continue
            for param in op.parameters:
                if param.location != "query" or param.schema_.get("type") != "boolean":
                    continue
                if any(norm(param.name) == norm(n) for n in answered):
                    continue
                said = [t for t in sentences if re.search(rf"\b{re.escape(param.name)}\b", t)]
                due = next((n for n in upcoming if any(n in t for t in said)), "")
                if due:
                    plan.setdefault("due", {})[param.name] = due


# Particles of phrasal verbs written as one word in a path ("signup", "checkin").
_PARTICLES_OF_VERBS = ("up", "in", "on", "out")
# Verbs of a body-less POST on an item by which the caller joins it, and their undoing.
_JOINS = {"join", "attend", "enroll", "enrol", "subscribe", "follow", "watch", "star", "rsvp"}
_UNDO = {"leave", "unattend", "unenroll", "unenrol", "unsubscribe", "unfollow", "unwatch"}
_UNDO |= {"unstar", "withdraw"}


def mark_joins_by_verb(
    ops: list[ApiOperation],
    plans: dict[str, dict[str, Any]],
    creates: dict[str, str],
    schemas: Schemas,
) -> None:
    """Callers joining a record by a verb ("POST /events/{id}/attend", "POST .../follow", no
    body) where no property the verb names is set: the caller is counted once (409 twice where
    declared), the same path's DELETE or its undoing verb ("/leave", "/unfollow") takes them off
    (404 when not on it), and the record's count of them the client never sends
    ("attendee_count", "followers_count") answers how many joined. Kept under "+<verb>": no
    list of the record shows them, and they take no place of those it has."""
    for op in ops:
        segments = path_segments(op.path)
        if op.method != "POST" or op.key in plans or len(segments) < 3:
            continue
        verb = segments[-1].lower()
        collection = collection_path(segments[:-2])
        if is_param(verb) or not is_param(segments[-2]) or collection not in creates:
            continue
        # any verb the same path's DELETE undoes ("POST|DELETE /shifts/{id}/signup") joins too
        toggled = any(o.method == "DELETE" and o.path == op.path for o in ops)
        if verb not in _JOINS and not toggled:
            continue
        if schemas.body_properties(op):
            continue
        answered = schemas.answer_of(creates[collection])
        body = schemas.body_of(creates[collection])
        counts = [
            n
            for n, p in answered.items()
            if n not in body
            and schemas.resolve(p).get("type") == "integer"
            and (norm(n).endswith("count") or norm(n).startswith(("num", "number")))
        ]
        stem = verb[:-1] if verb.endswith("e") else verb
        counts = [n for n in counts if stem[:4] in norm(n)] or counts[:1]
        field = "+" + verb
        left = {n: c for n, c in _left_counts(answered, body, schemas).items() if n}
        name = segments[-2][1:-1]
        param = next((p for p in op.parameters if p.location == "path" and p.name == name), None)
        kind = "integer" if param is not None and param.schema_.get("type") == "integer" else ""
        base: dict[str, Any] = {"collection": collection, "parents": [], "id_param": name}
        base.update(id_type=kind or "string", field=field)
        pair = {op.key}
        plans[op.key] = {"pattern": "join", **base}
        for other in ops:
            rest = path_segments(other.path)
            if other.key in plans or rest[:-1] != segments[:-1]:
                continue
            undo = rest[-1].lower() in _UNDO or rest[-1].lower() == "un" + verb
            if (other.method == "DELETE" and rest == segments) or (other.method == "POST" and undo):
                plans[other.key] = {"pattern": "leave", **base}
                pair.add(other.key)
        for key, plan in plans.items():
            if plan.get("collection") != collection or plan.get("pattern") == "facet":
                continue
            if plan.get("pattern") in ("join", "leave") and key not in pair:
                if plan.get("field", "").startswith("+"):
                    continue  # another verb's join
            plan.setdefault("members", {})[field] = f"members:{collection}:{verb}"
            plan.setdefault("member_counts", {}).update(dict.fromkeys(counts, field))
            if left:  # "spots_left": what the joins by this verb leave of a capacity
                plan["left"] = left
                plan.setdefault("placed", []).append(field)
        _mine_joined(ops, plans, collection, verb, field, schemas)


def _mine_joined(
    ops: list[ApiOperation],
    plans: dict[str, dict[str, Any]],
    collection: str,
    verb: str,
    field: str,
    schemas: Schemas,
) -> None:
    """ "GET /me/shifts" whose words say the caller did the joining verb ("shifts I signed up
    for", "events I attend"): the records the caller joined, not those they made."""
    stem = verb
    for particle in _PARTICLES_OF_VERBS:  # "signup" -> "sign" + "up"
        if verb.endswith(particle) and len(verb) > len(particle) + 2:
            stem = verb[: -len(particle)] + r"\w*\s+" + particle
            break
    else:
        stem = (verb[:-1] if verb.endswith("e") else verb) + r"\w*"
    said = re.compile(rf"\b{stem}\b", re.I)
    for op in ops:
        plan = plans.get(op.key) or {}
        if plan.get("pattern") != "owned_list" or plan.get("collection") != collection:
            continue
        raw = schemas.operation(op)
        answers = schemas.resolve(raw.get("responses"))
        text = " ".join([words_of(raw), *(words_of(schemas.resolve(a)) for a in answers.values())])
        if plan.get("mine") and said.search(text):
            plan["joined"] = field
