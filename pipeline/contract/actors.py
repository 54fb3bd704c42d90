"""Who an action on an item is for, read from the words: the property that names a person who
takes the item ("`POST /chores/{id}/claim`: the chore becomes mine (`assignee` = my name)"; the
property's description "name of the member who claimed it"), and the person who alone may act
("only the assignee can do this, everybody else gets 403"). No I/O.

`mark_actors` adds to transition plans "claim" (the property set to the caller's name; 409 where
declared when someone else holds it, and taking it again is no change) and "actor" (the property
that must hold the caller's name, else 403), and to the lists of those records "mine_field" where
their `mine=true` means "assigned to me" rather than "made by me" (`pipeline.contract.patterns`).
`mark_owner_names` adds "login_names" and "owner_names": the properties the words say hold the
username, or the name people are shown, of whoever made the record.
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.contract.document import PROSE, ApiOperation, sentences
from pipeline.contract.listing import prose_naming_path
from pipeline.contract.schemas import Schemas, norm, path_segments, spoken, word_forms, words_of

_MY_NAME = r"(?:my|your|the caller'?s|their|his|her)\s+(?:own\s+)?(?:user\s*)?name"
_MINE_PARAMS = {"mine", "my", "own", "onlymine", "mineonly"}

# The name a person signs in with: "username", "login", "handle", "email"
_LOGIN = r"(?:user\s*name|login|handle|e-?mail(?:\s+address)?)"


# The name a person is shown by, that they do not sign in with.
_SHOWN_NAME = r"(?:nick\s*name|display\s*name|full\s*name)"

# Whoever made a record, as a description says it: "the starter", "the member who booked",
# "whoever created it" (not "whoever has it now": a holder, not the maker).
_MAKER = (
    r"(?:(?:the|its)\s+\w+(?:\s+who\s+\w+(?:ed|ote|ade|ook|ent)\b)?\s*[.,;]?\s*$"
    r"|whoever\s+(?:created|made|added|started|posted|wrote|logged|reported|opened|booked)\b)"
)


def _past(verb: str) -> set[str]:
    stem = verb[:-1] if verb.endswith("e") else verb
    return {stem + "ed", stem + "d", verb + "ed"}


def _texts(prop: dict[str, Any]) -> bool:
    kind = prop.get("type")
    return "string" in (kind if isinstance(kind, list) else [kind]) and not prop.get("format")


def _sent(create: str, schemas: Schemas) -> set[str]:
    """The properties a client sends to make a record (not the read-only ones)."""
    body = schemas.body_of(create)
    return {n for n, p in body.items() if not schemas.resolve(p).get("readOnly")}


def mark_actors(
    ops: list[ApiOperation],
    plans: dict[str, dict[str, Any]],
    creates: dict[str, str],
    schemas: Schemas,
) -> None:
    """Claims and the one person who may act, on secured actions; "assigned to me" lists."""
    claims: dict[str, str] = {}
    prose = re.sub(r"\s*\n\s*", " ", str(schemas.doc.get(PROSE, "")))
    for op in ops:
        plan = plans.get(op.key) or {}
        create = creates.get(str(plan.get("collection", "")))
        if plan.get("pattern") != "transition" or not op.security or create is None:
            continue
        body = _sent(create, schemas)
        item = {n: schemas.resolve(p) for n, p in schemas.answer_of(create).items()}
        people = [n for n, p in item.items() if n not in body and _texts(p)]
        text = " ".join(
            [words_of(schemas.operation(op)), *prose_naming_path(op, schemas, blocks=True)]
        )
        verb = re.split(r"[-_.]", path_segments(op.path)[-1])[-1].lower()
        wording = re.split(r"(?<=[.!?;])\s+", prose)  # "Only the speaker may ... withdraw it"
        verbs = rf"\b{re.escape(verb)}(?:s|es)?\b"  # "withdraw it", not "nobody claimed it"
        text += " " + " ".join(t for t in wording if re.search(verbs, t, re.I))
        for name in people:
            said = rf"`?\b{spoken(name)}\b`?"
            told = str(item[name].get("description", ""))
            mine = re.search(
                rf"{said}\s*(?:=|is|becomes|gets)\s*(?:set to\s+)?{_MY_NAME}", text, re.I
            ) or re.search(rf"\bmakes\s+(?:me|the caller|them)\s+(?:the\s+)?{said}", text, re.I)
            who = re.search(rf"\bwho\s+(?:has\s+)?(?:{'|'.join(_past(verb))})\b", told, re.I)
            if mine or who:
                plan["claim"] = name
                claims[str(plan["collection"])] = name
            if re.search(rf"\bonly\s+(?:the\s+)?{said}", text, re.I):
                plan["actor"] = name
    _mark_releases(ops, plans, claims, schemas)
    for op in ops:
        plan = plans.get(op.key) or {}
        field = claims.get(str(plan.get("collection", "")))
        if plan.get("pattern") != "list" or not field:
            continue
        raw = schemas.operation(op).get("parameters")
        for param in raw if isinstance(raw, list) else []:
            param = schemas.resolve(param)
            name = str(param.get("name", ""))
            if param.get("in") != "query" or norm(name) not in _MINE_PARAMS:
                continue
            near = re.findall(rf"`{re.escape(name)}(?:=\w+)?`\s*\(([^)]*)\)", prose)
            said = " ".join([str(param.get("description", "")), *near])
            if re.search(rf"\b{re.escape(norm(field)[:5])}\w*\b", said, re.I):
                plan["mine_field"] = field  # "`mine=true` (assigned to me)"


# Verbs of an action that gives back what a claim took ("POST /gear/{id}/return").
_RELEASE = {"return", "release", "checkin", "giveback", "handback", "unclaim", "drop", "free"}
_RELEASE |= {"unassign", "putback", "bringback", "returned"}
# Yes/no properties that say nobody holds the item now ("available": no `holder`).
_FREE = {"available", "isavailable", "free", "isfree", "inroom", "instock", "onshelf"}


def _mark_releases(
    ops: list[ApiOperation],
    plans: dict[str, dict[str, Any]],
    claims: dict[str, str],
    schemas: Schemas,
) -> None:
    """Where a claim ("checkout": `holder` = me) has an action giving the item back ("return"):
    that action empties the holder ("release"; 409 when nobody holds it, 403 for anyone but the
    holder), the claim refuses an item held by anyone ("claim_held"), a delete refuses a held
    item where it declares 409, and a yes/no "available" answers whether nobody holds it."""
    for op in ops:
        plan = plans.get(op.key) or {}
        collection = str(plan.get("collection", ""))
        field = claims.get(collection)
        verb = norm(path_segments(op.path)[-1]) if path_segments(op.path) else ""
        if not field or plan.get("pattern") != "transition" or plan.get("claim"):
            continue
        if verb not in _RELEASE:
            continue
        plan["release"] = field
        plan["set"] = {k: v for k, v in plan.get("set", {}).items() if norm(k) not in _FREE}
        free = [n for n in _flags_of(collection, ops, plans, schemas) if norm(n) in _FREE]
        for other in plans.values():
            if other.get("collection") != collection:
                continue
            if other.get("claim") == field:
                other["claim_held"] = True
            if other.get("pattern") == "delete":
                other["held_by"] = field
            if free and other.get("pattern") in ("create", "list", "read", "update", "transition"):
                other["free_when_unheld"] = {free[0]: field}


def _flags_of(
    collection: str,
    ops: list[ApiOperation],
    plans: dict[str, dict[str, Any]],
    schemas: Schemas,
) -> list[str]:
    """The yes/no properties the operations on `collection`'s records answer them with."""
    found: list[str] = []
    for op in ops:
        if (plans.get(op.key) or {}).get("collection") != collection:
            continue
        for name, raw in schemas.response_properties(op).items():
            if schemas.resolve(raw).get("type") == "boolean" and name not in found:
                found.append(name)
    return found


def mark_owner_names(
    plans: dict[str, dict[str, Any]], creates: dict[str, str], schemas: Schemas
) -> None:
    """Properties the client never sends that the words call the name of whoever made the record:
    "login_names" for a username ("`owner` is the username of whoever added it"), "owner_names"
    for the name people are shown ("`donor_name` is the name of the member whose key was used";
    a description "the speaker's displayName", "the booking band's name")."""
    prose = str(schemas.doc.get(PROSE, ""))
    things = {norm(c.rsplit("/", 1)[-1]) for c in creates} | {
        norm(c.rsplit("/", 1)[-1])[:-1] for c in creates
    }
    for collection, create in creates.items():
        sent = _sent(create, schemas)
        logins, names = [], []
        for name, raw in schemas.answer_of(create).items():
            if name in sent:
                continue
            # "`owner` is the username of whoever added it", "sets `host` to the DJ's handle",
            # "`setter` in responses is the name of the setter whose key created it"
            said = (
                rf"`?\b{spoken(name)}\b`?[^.;:`]{{0,30}}?(?:\b(?:to|is|holds|shows|with|as)|=)\s+"
            )
            said += r"(?:the\s+)?"
            login = rf"(?:{_LOGIN}\s+of\b|(?:\w+'s|their|its)\s+{_LOGIN}\b)"
            person = r"(?:display\s*)?name\s+of\s+(?:the\s+)?(?:member|user|person|people|account"
            person += r"|\w+\s+(?:who|whose)\b)"
            bare = rf"{_LOGIN}\s*(?:[,.;)]|$)"  # "`seller` is the username." (the maker's)
            # "`hider` in the responses is the hider's nickname", "`finder` is the nickname"
            shown = rf"(?:(?:\w+'s|their|its)\s+)?{_SHOWN_NAME}\s*(?:[,.;)]|$|\s+of\s+{_MAKER})"
            if re.search(said + login, prose, re.I) or re.search(said + bare, prose, re.I | re.M):
                logins.append(name)
            elif re.search(said + person, prose, re.I) or re.search(
                said + shown, prose, re.I | re.M
            ):
                names.append(name)
            else:
                told = words_of(schemas.resolve(raw))
                whose = re.search(r"\b(\w+)(?:'s|s')\s+(?:display\s*)?name\b", told, re.I)
                if re.match(rf"\W*(?:the\s+)?{_LOGIN}\s+of\s+{_MAKER}", told, re.I):
                    logins.append(name)  # "login of the starter", not "of whoever has it now"
                elif re.match(rf"\W*(?:the\s+)?{_SHOWN_NAME}(?:\s+of\s+{_MAKER}|\W*$)", told, re.I):
                    names.append(name)  # "nickname of the member who registered it"
                elif whose and norm(whose.group(1)) not in things:
                    names.append(name)  # "the booking band's name", not "the room's name"
        for plan in plans.values() if logins or names else ():
            if plan.get("collection") == collection:
                plan.update({"login_names": logins} if logins else {})
                plan.update({"owner_names": names} if names else {})


_ADDS = r"(?:add|adds|post|posts|create|creates|make|makes|log|logs|record|records|put|puts"
_ADDS += r"|write|writes|submit|submits|enter|enters|append|appends|upload|uploads|attach)"


def mark_parent_owner_only(
    ops: list[ApiOperation],
    plans: dict[str, dict[str, Any]],
    creates: dict[str, str],
    schemas: Schemas,
) -> None:
    """Secured creates below a record that declare 403, where the words say only its owner adds
    them ("Only the host may add tracks, publish, or delete a show"): "parent_owner_only"."""
    said = sentences(str(schemas.doc.get(PROSE, "")))
    for op in ops:
        plan = plans.get(op.key) or {}
        parent = (plan.get("parent") or {}).get("collection")
        if plan.get("pattern") != "create" or not parent or not op.security:
            continue
        if "403" not in op.responses:
            continue
        above = plans.get(creates.get(str(parent), "")) or {}
        owners = [*above.get("login_names", []), *above.get("owner_names", [])]
        who = "|".join([*(spoken(n) for n in owners), "owner", "creator", "author"])
        noun = path_segments(op.path)[-1].lower()
        forms = "|".join(re.escape(f) for f in {noun, noun.rstrip("s")} if f)
        word = str(parent).rsplit("/", 1)[-1].lower()
        made = "|".join(re.escape(f) for f in word_forms(word))
        # "only the archer who shot a round can add ends to it"
        maker = rf"\w+\s+who\s+\w+\s+(?:a|an|the|this|that|it)\s+(?:{made})"
        only = rf"\bonly\s+(?:the\s+|its\s+)?(?:\w+'s\s+)?(?:{who}|{maker})\b[^.;]*?"
        only += rf"\b{_ADDS}\b[^.;]*\b(?:{forms})s?\b"  # adds them (not "reads its offers")
        # "Gifts belong to the registry's owner: only they can add, change or remove gifts"
        owned = (
            rf"\b(?:{forms})s?\b[^.;]{{0,20}}\bbelongs?\s+to\s+(?:the\s+)?(?:\w+'s\s+)?(?:{who})\b"
        )
        owned += rf"[^.;]*\bonly\b[^.;]*\b{_ADDS}\b"
        if any(re.search(only, t, re.I) or re.search(owned, t, re.I) for t in said):
            plan["parent_owner_only"] = True
            plan.pop("not_own_parent", None)  # the owner adds them, not everyone else
            plan.pop("once", None)
