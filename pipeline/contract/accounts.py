"""Accounts, by their paths and bodies: sign-up, login, logout, "me" and API keys
(`auth_pattern`), sign-ups gated by a one-time code that another operation issues
(`mark_gates`), and the accounts as a listed collection (`mark_directory`). Plans for
`pipeline.contract.patterns`. No I/O."""

from __future__ import annotations

import re
from typing import Any

from pipeline.contract.document import ApiOperation
from pipeline.contract.listing import sort_by
from pipeline.contract.schemas import Schemas, collection_path, is_param, norm, path_segments

_REGISTER = {"register", "signup", "sign-up", "sign_up", "users", "accounts", "registration"}
_REGISTER |= {"members", "join", "enroll", "enrol", "user", "account"}
_LOGIN = {"login", "signin", "sign-in", "sign_in", "token", "tokens", "session", "sessions"}
_LOGIN |= {"log-in", "log_in", "authenticate", "auth", "access-token", "access_token", "jwt"}
_PASSWORD = re.compile(r"^pass(word)?$|passphrase", re.I)
_GATE = re.compile(r"code|invit|otp|captcha|voucher", re.I)  # what a gated sign-up asks for
_KEYS = {"keys", "apikeys", "api-keys", "api_keys", "tokens", "clients", "credentials"}
_KEY = re.compile(r"(api_?)?key|apiKey|token|secret", re.I)
_API_KEY = re.compile(r"api_?key|api_?token|access_?key", re.I)


def has_password(op: ApiOperation, schemas: Schemas) -> bool:
    return any(_PASSWORD.search(name) for name in schemas.body_properties(op))


def auth_pattern(op: ApiOperation, last: str, schemas: Schemas) -> str | None:
    word = last.lower()
    password = has_password(op, schemas)
    if word in ("logout", "signout", "sign-out", "log-out", "sign_out", "log_out"):
        return "logout"
    if (
        op.method == "DELETE"
        and (word in _LOGIN or word in ("me", "current"))
        and not any(map(is_param, path_segments(op.path)))
    ):
        # "DELETE /sessions", "DELETE /session/current": signing out ("DELETE /me" only where a
        # session or token path is above it)
        if word in _LOGIN or any(s.lower() in _LOGIN for s in path_segments(op.path)[:-1]):
            return "logout"
    answered = list(schemas.response_properties(op))
    key = any(_API_KEY.fullmatch(name) for name in answered) or (
        word in _KEYS and any(_KEY.fullmatch(name) for name in answered)
    )
    # an answer holding a property named as the document's API key is sent ("?key=..."; the
    # "token" sent as "X-Project-Token"): a key
    key = key or any(name.lower() in schemas.api_key_names() for name in answered)
    for sent in schemas.api_key_names():
        words = [w for w in re.split(r"[^a-z0-9]+", sent) if w and w != "x"]
        forms = {"".join(words), *(words[-1:] if words[-1:] in (["token"], ["key"]) else [])}
        key = key or any(norm(name) in forms for name in answered)
    if op.method == "POST" and key and not password and (not op.security or word in _KEYS):
        return "issue_key"  # "POST /keys", "POST /users" answering an api_key: a new caller
    if op.method == "POST" and password:
        if word in _LOGIN:
            return "login"
        # any other open POST taking a password signs up ("POST /residents"); a gated sign-up:
        # see mark_gates (a 501 stub when it finds no gate)
        names = {norm(n) for n in schemas.body_properties(op)}
        named = bool(names & {"username", "email", "login", "handle", "name", "emailaddress"})
        if word in _REGISTER or (not op.security and not is_param(word) and named):
            return None if _gate(op, schemas) else "register"
    if op.method == "GET" and word == "me" and len(path_segments(op.path)) <= 3:
        return "me"
    mine = ("whoami", "current", "self", "account", "profile", "user", "current-user")
    segments = path_segments(op.path)
    if op.method == "GET" and word in mine and op.security and not any(map(is_param, segments)):
        return "me" if len(segments) <= 3 and schemas.response_kind(op) == "object" else None
    return None


def _gate(op: ApiOperation, schemas: Schemas) -> str:
    """The body property that gates a sign-up ("code", "invitation"), or ""."""
    names = schemas.body_properties(op)
    return next((n for n in names if _GATE.search(n) and not _PASSWORD.search(n)), "")


def mark_gates(ops: list[ApiOperation], plans: dict[str, dict[str, Any]], schemas: Schemas) -> None:
    """Sign-ups gated by a one-time code: built where the document issues that code. A create
    whose answer holds the code ("POST /invitations" -> {email, code}) gets a random one, as does a
    public body-less POST that declares 409 ("POST /bootstrap": the first account's code, while
    there are no accounts). The sign-up takes an unused code from those, for the address it was
    issued to; without an issuer it stays a 501 stub."""
    for op in ops:
        word = (path_segments(op.path) or [""])[-1].lower()
        gate = _gate(op, schemas) if op.method == "POST" and word in _REGISTER else ""
        if not gate or not has_password(op, schemas):
            continue
        sources: list[str] = []
        for other in ops:
            segments = path_segments(other.path)
            if other is op or other.method != "POST" or not segments:
                continue
            if gate not in schemas.response_properties(other):
                continue
            plan = plans.get(other.key)
            if plan is not None and plan["pattern"] == "create":
                plans[other.key] = {**plan, "generated": [gate]}
            elif plan is None and not other.request_types and "409" in other.responses:
                first = {
                    "collection": collection_path(segments),
                    "parents": [],
                    "generated": [gate],
                }
                plans[other.key] = {"pattern": "bootstrap", **first}
            else:
                continue
            sources.append(plans[other.key]["collection"])
        if sources:
            plans[op.key] = {"pattern": "register_gated", "gate": gate, "sources": sources}


def mark_directory(
    ops: list[ApiOperation], plans: dict[str, dict[str, Any]], schemas: Schemas
) -> None:
    """The accounts sign-up makes, as a collection: where a list's items are what sign-up answers
    ("GET /members" of the Member that "POST /signup" returns), or the list is at the sign-up's
    own path ("GET /users" beside "POST /users"), the list and its items read the accounts, and
    "PUT|PATCH .../me" answering that shape edits the caller's own profile."""
    signups = [op for op in ops if plans.get(op.key, {}).get("pattern", "").startswith("register")]
    made = {name for op in signups for name in schemas.response_properties(op)}
    if len(made) < 2:
        return
    at = {collection_path(path_segments(op.path)) for op in signups}
    lists = {
        collection_path(path_segments(op.path))
        for op in ops
        if op.method == "GET"
        and not is_param((path_segments(op.path) or ["{}"])[-1])
        and (plans.get(op.key) or {}).get("pattern", "list") == "list"
        and schemas.response_kind(op) in ("array", "envelope")
        and (
            collection_path(path_segments(op.path)) in at
            or set(schemas.response_properties(op)) == made
        )
    }
    for op in ops:
        segments = path_segments(op.path)
        if not segments:
            continue
        here, above = collection_path(segments), collection_path(segments[:-1])
        if op.method == "GET" and here in lists:
            order = sort_by(op, schemas)
            plans[op.key] = {"pattern": "accounts_list", "collection": here, "parents": [], **order}
        elif op.method == "GET" and above in lists and is_param(segments[-1]):
            plans[op.key] = {"pattern": "account_read", "id_param": segments[-1][1:-1]}
        elif (
            op.method in ("PUT", "PATCH")
            and segments[-1].lower() == "me"
            and set(schemas.response_properties(op)) == made
        ):
            plans[op.key] = {"pattern": "me_update", "partial": op.method == "PATCH"}


def mark_me_counts(
    ops: list[ApiOperation],
    plans: dict[str, dict[str, Any]],
    creates: dict[str, str],
    schemas: Schemas,
) -> None:
    """Numbers of "GET /me" that count or add up the caller's records of a collection
    ("yarn_count", "routeCount", "num_jobs": how many are mine; "total_metres",
    "sheets_total": the sum of that property over mine), where the account itself keeps no
    such value: {"me_counts": {property: [collection, "count" | "sum", field]}}."""
    tops = [c for c in creates if c.count("/") == 1 and "{" not in c]
    for op in ops:
        plan = plans.get(op.key) or {}
        if plan.get("pattern") != "me":
            continue
        found: dict[str, list[str]] = {}
        for name, raw in schemas.response_properties(op).items():
            if schemas.resolve(raw).get("type") not in ("integer", "number"):
                continue
            counted = _counted(norm(name), tops)
            if counted:
                found[name] = [counted, "count", ""]
                continue
            summed = _summed(name, tops, creates, schemas)
            if summed:
                found[name] = summed
        if found:
            plan["me_counts"] = found


def _counted(key: str, collections: list[str]) -> str:
    """The collection "yarn_count" / "yarns" / "num_yarns" / "yarnCount" counts, else ""."""
    for collection in collections:
        word = norm(collection.strip("/"))
        for form in {word, word.rstrip("s"), word[:-2] if word.endswith("es") else word}:
            if form and key in (form + "count", form + "scount", "num" + form + "s", "n" + form):
                return collection
            if form and key == word and form != word:  # "yarns": how many yarns
                return collection
    return ""


def _summed(
    name: str, collections: list[str], creates: dict[str, str], schemas: Schemas
) -> list[str]:
    """[collection, "sum", field] where `name` is a number property of one collection's records
    ("total_metres"), or that property with "total"/"sum" said beside it ("sheets_total")."""
    bare = re.sub(r"^(total|sum)_?|_?(total|sum)$", "", name, flags=re.I) or name
    for collection in collections:
        props = {**schemas.answer_of(creates[collection]), **schemas.body_of(creates[collection])}
        for field, raw in props.items():
            if schemas.resolve(raw).get("type") not in ("integer", "number"):
                continue
            if norm(field) in (norm(name), norm(bare)) and norm(field) not in ("id",):
                return [collection, "sum", field]
    return []


def mark_from_owner(
    ops: list[ApiOperation],
    plans: dict[str, dict[str, Any]],
    creates: dict[str, str],
    schemas: Schemas,
) -> None:
    """Record properties the client never sends that sign-up asks for ("`street` is copied from
    the seller's sign-up"): each record shows its maker's value, as "from_owner"."""
    signed = {
        name
        for op in ops
        if (plans.get(op.key) or {}).get("pattern") == "register"
        for name in schemas.body_properties(op)
        if not _PASSWORD.search(name) and norm(name) not in ("username", "login", "email", "id")
    }
    for collection, create in creates.items():
        sent = set(schemas.body_of(create))
        shown = [n for n in schemas.answer_of(create) if n in signed and n not in sent]
        for plan in plans.values() if shown else ():
            if plan.get("collection") == collection and "from_owner" not in plan:
                plan["from_owner"] = shown
