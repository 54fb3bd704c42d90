"""People and the records they take part in: joining a record with a capacity (members,
seats left) by a nested POST or by a verb ("POST /events/{id}/attend", "/leave"), the records
the caller joined, and the owner's id a signed-in create keeps ("driver_id" of a ride). Each
`mark_*` adds plans for them (`pipeline.contract.patterns`). No I/O."""

from __future__ import annotations

import re
from typing import Any

from pipeline.contract.document import ApiOperation
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
        cap = cap or next((n for n in numbers if norm(n) in ("maxsize", "size")), "")
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


def mark_creator_joins(plans: dict[str, dict[str, Any]], prose: str) -> None:
    """ "whoever creates a team is its captain and its first member": a signed-in create of a
    record others join makes its creator the first of them ("creator_joins": the list)."""
    said = re.search(
        r"\b(?:creat\w*|made|makes|starts?)\b[^.;]{0,60}\b(?:first|founding)\s+member\b"
        r"|\bfirst\s+member\b[^.;]{0,40}\b(?:creat\w*|made)\b",
        prose,
        re.I,
    )
    if said is None:
        return
    for plan in plans.values():
        if plan.get("pattern") != "create" or not plan.get("members"):
            continue
        listed = [f for f in plan["members"] if not f.startswith(("+", "#"))]
        if len(listed) == 1:
            plan["creator_joins"] = listed


def mark_joinable_shared(plans: dict[str, dict[str, Any]]) -> None:
    """A collection whose records others join ("POST /teams/{id}/members") is read by every
    signed-in caller: nobody joins a team they cannot see. Its plans become "shared" (changing a
    record stays its owner's) unless the words opened its reads to everyone already."""
    joined = {p["collection"] for p in plans.values() if p.get("pattern") == "join"}
    for collection in joined:
        mine = [p for p in plans.values() if p.get("collection") == collection]
        if any(p.get("shared") or p.get("seen_by_all") for p in mine):
            continue
        for plan in mine:
            plan["shared"] = True
