"""Each operation of an input OpenAPI document -> the pattern that implements it, or none. No I/O.

`plan_operations(doc)` reads the operations with their schemas and returns, for each one codebegen
builds, its plan (what the generated `app/contract/operations.py` runs):

- create / list / read / update (PATCH) / replace (PUT) / delete on a collection: a path whose
  POST takes a JSON, form or multipart object (or a plain-text line that a GET reads back), and
  its item path `<collection>/{id}`; nested collections (`/posts/{postId}/comments`) are scoped
  by their parent path values. `<collection>/search` and the like list the collection too;
- view: a collection or an item served as text/html or text/plain;
- history: `<collection>/{id}/history`, the item's edits;
- register / login / logout / me: accounts, by their paths and a password in the body.

An operation that fits none of these has no plan: it is served as a 501 stub.
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.contract.document import PROSE, ApiOperation, read_operations, route_key

_REGISTER = {"register", "signup", "sign-up", "sign_up", "users", "accounts", "registration"}
_REGISTER |= {"members", "join", "enroll", "enrol", "user", "account"}
_LOGIN = {"login", "signin", "sign-in", "sign_in", "token", "tokens", "session", "sessions"}
_LOGIN |= {"log-in", "log_in", "authenticate", "auth", "access-token", "access_token", "jwt"}
_PEOPLE = {"users", "members", "accounts", "authors", "people", "profiles", "owners", "players"}
_SEARCH = {"search", "find", "query", "filter", "lookup"}
_PASSWORD = re.compile(r"^pass(word)?$|passphrase", re.I)
_TEXT = ("text/plain", "text/html")
_BINARY = ("image/", "audio/", "video/", "application/octet-stream", "application/pdf")
_GATE = re.compile(r"code|invit|otp|captcha|voucher", re.I)  # what a gated sign-up asks for
_KEYS = {"keys", "apikeys", "api-keys", "api_keys", "tokens", "clients", "credentials"}
_KEY = re.compile(r"(api_?)?key|apiKey|token|secret", re.I)
_API_KEY = re.compile(r"api_?key|api_?token|access_?key", re.I)
_SINGLE = {"GET": "single_read", "PUT": "single_write", "DELETE": "single_delete"}
# Words after a collection that name a rendering of its records, and words that ask for figures
# computed over them (those are not built: a summary served as the list would be wrong).
_RENDERINGS = {"html", "text", "txt", "log", "feed", "page", "export", "list", "all", "rss"}
_AGGREGATES = {"summary", "stats", "statistics", "report", "totals", "total", "count", "sum"}
_COUNTS = {"quantity", "qty", "count", "amount", "units"}
_IMPORT = {"import", "imports", "bulk", "csv", "upload"}
_BOUNDS = {"from", "to", "since", "until", "after", "before", "start", "end", "min", "max"}
_BOUNDS |= {"gt", "gte", "lt", "lte"}
_ACTIVITY = {"log", "logs", "activity", "audit", "auditlog", "journal", "changes", "events"}
_HEALTH = {"health", "healthz", "status", "ping", "livez", "readyz", "alive"}
# What an action's verb sets where the item's words are not the verb's own ("complete": "done").
_SYNONYMS = {
    "complete": ["done", "finished", "closed"],
    "finish": ["done", "completed", "closed"],
    "done": ["completed", "finished"],
    "start": ["in_progress", "inprogress", "active", "running", "started"],
    "reopen": ["open", "todo", "active"],
    "open": ["opened", "active"],
    "close": ["done", "closed"],
    "resolve": ["resolved", "done", "closed"],
    "activate": ["active", "enabled"],
    "enable": ["enabled", "active"],
    "disable": ["disabled", "inactive"],
    "deactivate": ["inactive", "disabled"],
    "restore": ["active"],
    "submit": ["submitted", "pending"],
    "return": ["returned", "available"],
    "cancel": ["cancelled", "canceled"],
}
_BODY_TYPES = ("application/json", "application/x-www-form-urlencoded", "multipart/form-data")
# Property names that usually identify a record to people, so that a second one is a conflict
# (409) where the operation declares 409 and its words name no property.
_IDENTIFYING = (
    "email",
    "username",
    "login",
    "handle",
    "slug",
    "code",
    "sku",
    "isbn",
    "key",
    "name",
    "url",
    "domain",
)


def _is_param(segment: str) -> bool:
    return segment.startswith("{") and segment.endswith("}")


def _segments(path: str) -> list[str]:
    return [s for s in path.strip("/").split("/") if s]


def _collection(segments: list[str]) -> str:
    return route_key("", "/" + "/".join(segments)).strip()


def _params(segments: list[str]) -> list[str]:
    return [s[1:-1] for s in segments if _is_param(s)]


class _Schemas:
    """The document's schemas, `$ref`s followed."""

    def __init__(self, doc: dict[str, Any]):
        self.doc = doc

    def resolve(self, node: Any, depth: int = 0) -> dict[str, Any]:
        while isinstance(node, dict) and isinstance(node.get("$ref"), str) and depth < 8:
            target: Any = self.doc
            for part in node["$ref"].lstrip("#/").split("/"):
                target = target.get(part, {}) if isinstance(target, dict) else {}
            node, depth = target, depth + 1
        return node if isinstance(node, dict) else {}

    def operation(self, op: ApiOperation) -> dict[str, Any]:
        item = self.resolve((self.doc.get("paths") or {}).get(op.path.lstrip("/")) or {})
        item = item or self.resolve((self.doc.get("paths") or {}).get(op.path) or {})
        return self.resolve(item.get(op.method.lower()))

    def body_properties(self, op: ApiOperation) -> dict[str, Any]:
        body = self.resolve(self.operation(op).get("requestBody"))
        content = body.get("content")
        for spec in (content if isinstance(content, dict) else {}).values():
            return self.properties(self.resolve(self.resolve(spec).get("schema")))
        return {}

    def body_requires_fields(self, op: ApiOperation) -> bool:
        """Whether the request body's schema requires properties (its `allOf` parts' too)."""
        body = self.resolve(self.operation(op).get("requestBody"))
        content = body.get("content")
        for spec in (content if isinstance(content, dict) else {}).values():
            schema = self.resolve(self.resolve(spec).get("schema"))
            parts = schema.get("allOf")
            for part in [schema, *(parts if isinstance(parts, list) else [])]:
                if self.resolve(part).get("required"):
                    return True
        return False

    def properties(self, schema: dict[str, Any]) -> dict[str, Any]:
        """An object schema's properties, its `allOf` parts' merged in."""
        parts = schema.get("allOf")
        found: dict[str, Any] = {}
        for part in [schema, *(parts if isinstance(parts, list) else [])]:
            props = self.resolve(part).get("properties")
            found.update(props if isinstance(props, dict) else {})
        return found

    def api_key_names(self) -> set[str]:
        """The names the document's `apiKey` security schemes give their key ("key", "X-Token")."""
        components = self.resolve(self.doc.get("components"))
        schemes = self.resolve(components.get("securitySchemes"))
        found = (self.resolve(s) for s in schemes.values())
        return {str(s.get("name", "")).lower() for s in found if s.get("type") == "apiKey"}

    def response_properties(self, op: ApiOperation) -> dict[str, Any]:
        """The success response's object properties (an array's items' for a list)."""
        responses = self.resolve(self.operation(op).get("responses"))
        code = str(op.success)
        response = self.resolve(next((v for k, v in responses.items() if str(k) == code), None))
        content = response.get("content")
        for spec in (content if isinstance(content, dict) else {}).values():
            schema = self.resolve(self.resolve(spec).get("schema"))
            if schema.get("type") == "array":
                schema = self.resolve(schema.get("items"))
            return self.properties(schema)
        return {}

    def response_kind(self, op: ApiOperation) -> str:
        """ "array", "envelope", "object", "text", "binary", "other" or "" (no content) for the
        success response."""
        responses = self.resolve(self.operation(op).get("responses"))
        code = str(op.success)  # YAML may read a status code as a number
        response = self.resolve(next((v for k, v in responses.items() if str(k) == code), None))
        content = response.get("content")
        for media, spec in (content if isinstance(content, dict) else {}).items():
            if media in _TEXT:
                return "text"
            if media.startswith(_BINARY):
                return "binary"
            if "json" not in media:
                return "other"  # CSV, XML, ...: what goes in it is not known here
            schema = self.resolve(self.resolve(spec).get("schema"))
            if schema.get("type") == "array":
                return "array"
            props = self.properties(schema)
            if any(self.resolve(p).get("type") == "array" for p in props.values()):
                return "envelope"
            return "object"
        return ""


def _has_password(op: ApiOperation, schemas: _Schemas) -> bool:
    return any(_PASSWORD.search(name) for name in schemas.body_properties(op))


def _auth_pattern(op: ApiOperation, last: str, schemas: _Schemas) -> str | None:
    word = last.lower()
    has_password = _has_password(op, schemas)
    if word in ("logout", "signout", "sign-out", "log-out", "sign_out", "log_out"):
        return "logout"
    if (
        op.method == "DELETE"
        and (word in _LOGIN or word in ("me", "current"))
        and not any(map(_is_param, _segments(op.path)))
    ):
        # "DELETE /sessions", "DELETE /session/current": signing out ("DELETE /me" only where a
        # session or token path is above it)
        if word in _LOGIN or any(s.lower() in _LOGIN for s in _segments(op.path)[:-1]):
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
        key = key or any(_norm(name) in forms for name in answered)
    if op.method == "POST" and key and not has_password and (not op.security or word in _KEYS):
        return "issue_key"  # "POST /keys", "POST /users" answering an api_key: a new caller
    if op.method == "POST" and has_password:
        if word in _LOGIN:
            return "login"
        # any other open POST taking a password signs up ("POST /residents"); a gated sign-up:
        # see _gates (a 501 stub when it finds no gate)
        names = {_norm(n) for n in schemas.body_properties(op)}
        named = bool(names & {"username", "email", "login", "handle", "name", "emailaddress"})
        if word in _REGISTER or (not op.security and not _is_param(word) and named):
            return None if _gate(op, schemas) else "register"
    if op.method == "GET" and word == "me" and len(_segments(op.path)) <= 3:
        return "me"
    mine = ("whoami", "current", "self", "account", "profile", "user", "current-user")
    segments = _segments(op.path)
    if op.method == "GET" and word in mine and op.security and not any(map(_is_param, segments)):
        return "me" if len(segments) <= 3 and schemas.response_kind(op) == "object" else None
    return None


def _gate(op: ApiOperation, schemas: _Schemas) -> str:
    """The body property that gates a sign-up ("code", "invitation"), or ""."""
    names = schemas.body_properties(op)
    return next((n for n in names if _GATE.search(n) and not _PASSWORD.search(n)), "")


def _gates(ops: list[ApiOperation], plans: dict[str, dict[str, Any]], schemas: _Schemas) -> None:
    """Sign-ups gated by a one-time code: built where the document issues that code. A create
    whose answer holds the code ("POST /invitations" -> {email, code}) gets a random one, as does a
    public body-less POST that declares 409 ("POST /bootstrap": the first account's code, while
    there are no accounts). The sign-up takes an unused code from those, for the address it was
    issued to; without an issuer it stays a 501 stub."""
    for op in ops:
        word = (_segments(op.path) or [""])[-1].lower()
        gate = _gate(op, schemas) if op.method == "POST" and word in _REGISTER else ""
        if not gate or not _has_password(op, schemas):
            continue
        sources: list[str] = []
        for other in ops:
            segments = _segments(other.path)
            if other is op or other.method != "POST" or not segments:
                continue
            if gate not in schemas.response_properties(other):
                continue
            plan = plans.get(other.key)
            if plan is not None and plan["pattern"] == "create":
                plans[other.key] = {**plan, "generated": [gate]}
            elif plan is None and not other.request_types and "409" in other.responses:
                first = {"collection": _collection(segments), "parents": [], "generated": [gate]}
                plans[other.key] = {"pattern": "bootstrap", **first}
            else:
                continue
            sources.append(plans[other.key]["collection"])
        if sources:
            plans[op.key] = {"pattern": "register_gated", "gate": gate, "sources": sources}


def _directory(
    ops: list[ApiOperation], plans: dict[str, dict[str, Any]], schemas: _Schemas
) -> None:
    """The accounts sign-up makes, as a collection: where a list's items are what sign-up answers
    ("GET /members" of the Member that "POST /signup" returns), or the list is at the sign-up's
    own path ("GET /users" beside "POST /users"), the list and its items read the accounts, and
    "PUT|PATCH .../me" answering that shape edits the caller's own profile."""
    signups = [op for op in ops if plans.get(op.key, {}).get("pattern", "").startswith("register")]
    made = {name for op in signups for name in schemas.response_properties(op)}
    if len(made) < 2:
        return
    at = {_collection(_segments(op.path)) for op in signups}
    lists = {
        _collection(_segments(op.path))
        for op in ops
        if op.method == "GET"
        and not _is_param((_segments(op.path) or ["{}"])[-1])
        and (plans.get(op.key) or {}).get("pattern", "list") == "list"
        and schemas.response_kind(op) in ("array", "envelope")
        and (_collection(_segments(op.path)) in at or set(schemas.response_properties(op)) == made)
    }
    for op in ops:
        segments = _segments(op.path)
        if not segments:
            continue
        here, above = _collection(segments), _collection(segments[:-1])
        if op.method == "GET" and here in lists:
            order = _Planner(op, {}, schemas).sort_by()
            plans[op.key] = {"pattern": "accounts_list", "collection": here, "parents": [], **order}
        elif op.method == "GET" and above in lists and _is_param(segments[-1]):
            plans[op.key] = {"pattern": "account_read", "id_param": segments[-1][1:-1]}
        elif (
            op.method in ("PUT", "PATCH")
            and segments[-1].lower() == "me"
            and set(schemas.response_properties(op)) == made
        ):
            plans[op.key] = {"pattern": "me_update", "partial": op.method == "PATCH"}


def body_requires_fields(doc: dict[str, Any], op: ApiOperation) -> bool:
    """Whether `op`'s request body, as `doc` describes it, cannot be left out: its schema requires
    properties (whether or not the document marks the body itself `required`)."""
    return _Schemas(doc).body_requires_fields(op)


def plan_operations(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """{"GET /notes": {"pattern": "list", "collection": "/notes", ...}} for each operation built."""
    ops = read_operations(doc)
    schemas = _Schemas(doc)
    creates = {
        _collection(_segments(op.path)): op.key
        for op in ops
        if op.method == "POST"
        and _segments(op.path)
        and not _is_param(_segments(op.path)[-1])
        and not _has_password(op, schemas)  # passwords are never stored as a record's field
        and any(
            t in _BODY_TYPES or t.endswith("+json") or t == "text/plain" for t in op.request_types
        )
    }
    for op in ops:  # "PUT /settings/{key}" with no "POST /settings": PUT makes and replaces
        segments = _segments(op.path)
        if (
            op.method == "PUT"
            and len(segments) >= 2
            and _is_param(segments[-1])
            and _collection(segments[:-1]) not in creates
            and not _has_password(op, schemas)
            and schemas.body_properties(op)
        ):
            creates[_collection(segments[:-1])] = op.key
    singles = {
        op.path
        for op in ops
        if op.method == "PUT"
        and _segments(op.path)
        and not any(_is_param(s) for s in _segments(op.path))
        and _collection(_segments(op.path)) not in creates
    }
    plans: dict[str, dict[str, Any]] = _containers(ops, creates, schemas)
    for op in ops:
        if op.key in plans:
            continue
        single = op.path in singles and op.method in _SINGLE and not _has_password(op, schemas)
        if single:  # "my own" one-of-a-kind resource
            plans[op.key] = {"pattern": _SINGLE[op.method], "collection": op.path, "parents": []}
            continue
        plan = _Planner(op, creates, schemas).plan()
        if plan is not None:
            plans[op.key] = plan
    _gates(ops, plans, schemas)
    _directory(ops, plans, schemas)
    _redirects(ops, plans, creates, schemas)
    _facets(ops, plans, creates, schemas)
    _view_counts(ops, plans, creates, schemas)
    _renderings(ops, plans, creates, schemas)
    _spans(ops, plans, schemas)
    _child_counts(plans, creates, schemas)
    _shared(plans, str(doc.get(PROSE, "")) + "\n\n" + str(_info(doc).get("description", "")))
    _uniques(ops, plans, schemas)
    _references(ops, plans, creates, schemas)
    return plans


_EVERYONE = re.compile(
    r"\b(every(one|body)|any(one|body)|all (signed[- ]in |logged[- ]in )?(users|members|people"
    r"|callers|clients)|any (signed[- ]in |logged[- ]in )?(user|member|caller)|other (users|members"
    r"|people)|each other'?s?|shared (with|by|among|between)|(is|are) (a )?shared|a shared"
    r"|all \w+s (can|may) (see|read|view|list|browse))\b",
    re.I,
)
_READS = re.compile(r"\b(see|sees|read|reads|list|lists|view|views|browse|browses|visible)\b", re.I)
_PRIVATE = re.compile(r"\b(own|only|private|nobody|no one|never|cannot|can't|not)\b", re.I)


def _info(doc: dict[str, Any]) -> dict[str, Any]:
    info = doc.get("info")
    return info if isinstance(info, dict) else {}


def _shared(plans: dict[str, dict[str, Any]], prose: str) -> None:
    """Collections whose reads the words give to every signed-in caller ("Any signed-in user
    can see all posts"; not "users only ever see their own notes"): their lists and reads show
    everyone's records, while changing one stays its owner's."""
    sentences = re.split(r"(?<=[.!?;])\s+|\n\s*\n|,?\s+\b(?:but|while|whereas)\b", prose)
    shared = [t for t in sentences if t and _EVERYONE.search(t) and _READS.search(t)]
    shared = [t for t in shared if not _PRIVATE.search(t)]
    for plan in plans.values():
        collection = str(plan.get("collection", ""))
        word = collection.rstrip("/").rsplit("/", 1)[-1].lower()
        if not word or "{" in word:
            continue
        forms = {word, word.rstrip("s"), word[:-2] if word.endswith("es") else word}
        if any(re.search(rf"\b({'|'.join(map(re.escape, forms))})s?\b", t, re.I) for t in shared):
            plan["shared"] = True


_VIEW_COUNTERS = ("views", "viewcount", "reads", "readcount", "opens", "hits", "impressions")


def _view_counts(
    ops: list[ApiOperation],
    plans: dict[str, dict[str, Any]],
    creates: dict[str, str],
    schemas: _Schemas,
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
                if _norm(n) in _VIEW_COUNTERS
                and n not in body
                and schemas.resolve(p).get("type") == "integer"
            ),
            "",
        )
        if counter:
            plan["counts_view"] = counter


def _facets(
    ops: list[ApiOperation],
    plans: dict[str, dict[str, Any]],
    creates: dict[str, str],
    schemas: _Schemas,
) -> None:
    """ "GET /tags" where records carry a list of "tags": every value with the number of records
    carrying it, most used first (ties by value)."""
    for op in ops:
        segments = _segments(op.path)
        if op.method != "GET" or op.key in plans or len(segments) != 1:
            continue
        if schemas.response_kind(op) not in ("array", "envelope"):
            continue
        word = _norm(segments[0])
        for collection, key in creates.items():
            method, path = key.split(" ", 1)
            body = schemas.body_properties(ApiOperation(method=method, path=path))
            listed = next(
                (
                    n
                    for n, p in body.items()
                    if _norm(n) == word and schemas.resolve(p).get("type") == "array"
                ),
                "",
            )
            if listed:
                plans[op.key] = {"pattern": "facet", "collection": collection, "parents": []}
                plans[op.key]["field"] = listed
                break


def _renderings(
    ops: list[ApiOperation],
    plans: dict[str, dict[str, Any]],
    creates: dict[str, str],
    schemas: _Schemas,
) -> None:
    """Text and HTML views of records that no collection path names: "GET /changelog.txt" (the
    one collection of records there is), "GET /projects/{projectId}/changelog.html" (an
    account's records, where "/projects" makes accounts); and the line each record makes where
    the words give one ("formatted `<version> [<kind>] <notes>`")."""
    accounts = {
        _collection(_segments(op.path))
        for op in ops
        if str(plans.get(op.key, {}).get("pattern", "")).startswith(("issue_key", "register"))
    }
    records = [c for c in creates if c not in accounts]
    prose = str(schemas.doc.get(PROSE, ""))
    for op in ops:
        segments = _segments(op.path)
        if op.method != "GET" or not segments or schemas.response_kind(op) != "text":
            continue
        plan = plans.get(op.key)
        word = segments[-1].lower()
        named = [c for c in records if c.rsplit("/", 1)[-1] in word]
        target = named[0] if len(named) == 1 else (records[0] if len(records) == 1 else "")
        rendering = "." in word or word in _RENDERINGS or word in _ACTIVITY
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
        said = [_words(raw), _words(answer), prose]
        if any(
            re.search(r"\b(newest|latest|most recent)\b[\w ]*\bfirst\b", t, re.I) for t in said[:2]
        ):
            plan["newest_first"] = True
        method, path = creates.get(plan["collection"], " ").split(" ", 1)
        props = schemas.body_properties(ApiOperation(method=method or "POST", path=path or "/"))
        for text in said:
            for shown in re.findall(r"`([^`\n]*<\w+>[^`\n]*)`", text):
                if len(re.findall(r"<(\w+)>", shown)) >= 2 and all(
                    n in props for n in re.findall(r"<(\w+)>", shown)
                ):
                    plan["line"] = shown
                    break


_STARTS = ("start", "starts", "begin", "begins", "from", "checkin", "opens", "valid_from")
_ENDS = ("end", "ends", "finish", "finishes", "to", "until", "checkout", "closes", "valid_until")


def _span(names: list[str]) -> list[str]:
    """[start, end]: two properties that bound a time or a range ("starts_at" / "ends_at",
    "start_date" / "end_date", "check_in" / "check_out"), else []."""
    split = {n: re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", n).lower().split("_") for n in names}
    for start, words in split.items():
        for i, word in enumerate(words):
            if word not in _STARTS:
                continue
            for end, others in split.items():
                if end == start or len(others) != len(words):
                    continue
                rest = [w for j, w in enumerate(words) if j != i]
                if others[i] in _ENDS and [w for j, w in enumerate(others) if j != i] == rest:
                    return [start, end]
    joined = {_norm(n): n for n in names}
    for a, b in (("checkin", "checkout"), ("arrival", "departure")):
        if a in joined and b in joined:
            return [joined[a], joined[b]]
    return []


def _spans(ops: list[ApiOperation], plans: dict[str, dict[str, Any]], schemas: _Schemas) -> None:
    """Writes whose body bounds a span: its end must come after its start (invalid input
    otherwise); where the create declares 409, a span overlapping another record's in the
    same scope conflicts (touching ends do not)."""
    for op in ops:
        plan = plans.get(op.key) or {}
        if plan.get("pattern") not in ("create", "replace", "update", "upsert"):
            continue
        span = _span(list(schemas.body_properties(op)))
        if span:
            plan["span"] = span
            if "409" in op.responses and plan["pattern"] == "create":
                plan["overlap"] = True


_COUNT_WORDS = ("count", "total", "number", "num")


def _child_counts(
    plans: dict[str, dict[str, Any]], creates: dict[str, str], schemas: _Schemas
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
            word = _norm(child.rsplit("/", 1)[-1])
            stems = {word, word.rstrip("s"), word[:-2] if word.endswith("es") else word}
            for name in props:
                key_ = _norm(name)
                if any(key_ in (s + c, c + s, c + "of" + s) for s in stems for c in _COUNT_WORDS):
                    found[name] = child
        if found:
            plan["counts"] = found


def _success(schemas: _Schemas, key: str) -> int:
    method, path = key.split(" ", 1)
    raw = schemas.operation(ApiOperation(method=method, path=path))
    codes = [str(c) for c in schemas.resolve(raw.get("responses"))]
    found = sorted(int(c) for c in codes if re.fullmatch(r"2\d\d", c))
    return found[0] if found else 200


_URLS = ("url", "longurl", "target", "targeturl", "destination", "link", "href", "location")
_COUNTERS = ("clicks", "visits", "hits", "views", "uses", "redirects", "opens", "count")


def _redirects(
    ops: list[ApiOperation],
    plans: dict[str, dict[str, Any]],
    creates: dict[str, str],
    schemas: _Schemas,
) -> None:
    """A GET answering a redirect (301/302/303/307/308) at a path ending in a parameter ("GET
    /{code}", "GET /r/{slug}"): the record of the collection that keeps a URL, named by that
    parameter (a property of the same name, else its id), sends the client to its URL and
    counts the visit where it has a counter ("clicks")."""
    for op in ops:
        segments = _segments(op.path)
        if op.method != "GET" or op.key in plans or not segments or not _is_param(segments[-1]):
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
            url = next((n for w in _URLS for n in props if _norm(n) == w), "")
            url = url or next(
                (n for n, p in props.items() if schemas.resolve(p).get("format") == "uri"), ""
            )
            if not url:
                continue
            field = next((n for n in props if _norm(n) == _norm(name)), "")
            counter = next(
                (
                    n
                    for w in _COUNTERS
                    for n in answered
                    if _norm(n) == w and schemas.resolve(answered[n]).get("type") == "integer"
                ),
                "",
            )
            plan: dict[str, Any] = {"pattern": "redirect", "collection": collection}
            param = next((p for p in op.parameters if p.name == name), None)
            kind = "integer" if param is not None and param.schema_.get("type") == "integer" else ""
            plan.update(parents=[], id_param=name, id_type=kind or "string", target=url)
            if field and _norm(field) != "id":
                plan["id_field"] = field
            if counter:
                plan["counter"] = counter
            plans[op.key] = plan
            break


def _references(
    ops: list[ApiOperation],
    plans: dict[str, dict[str, Any]],
    creates: dict[str, str],
    schemas: _Schemas,
) -> None:
    """Body properties that name a record of another collection ("book_id" of "/books",
    "authorId" of "/authors"): where the write declares 404, one naming a record that does not
    exist answers 404."""
    for op in ops:
        plan = plans.get(op.key) or {}
        if plan.get("pattern") not in ("create", "replace", "update", "upsert"):
            continue
        if "404" not in op.responses:
            continue
        found: dict[str, dict[str, Any]] = {}
        for name, raw in schemas.body_properties(op).items():
            match = re.fullmatch(r"(.+?)_?(id|Id|ID)", name)
            if match is None:
                continue
            stem = _norm(match.group(1))
            target = next(
                (c for c in creates if _norm(c.rsplit("/", 1)[-1]) in (stem + "s", stem + "es")),
                None,
            )
            if target is None or "/" in target.strip("/") or target == plan.get("collection"):
                continue
            kind = schemas.resolve(raw).get("type")
            ref: dict[str, Any] = {"collection": target, "id_type": kind or "string"}
            method, path = creates[target].split(" ", 1)
            if method == "PUT":  # named by its path value
                ref["id_field"] = path.rsplit("/", 1)[-1].strip("{}")
            found[name] = ref
        if found:
            plan["refs"] = found


def _words(node: dict[str, Any]) -> str:
    return " ".join(str(node.get(k, "")) for k in ("summary", "description", "title"))


def _uniques(ops: list[ApiOperation], plans: dict[str, dict[str, Any]], schemas: _Schemas) -> None:
    """The body properties whose value no two records of a collection share, where a write
    declares 409: those the words of its 409 answer or of the operation name ("a book with this
    ISBN exists"), those a property's own description calls unique, else the first required one
    that identifies a record to people (an email, a slug, a name). Every write to the collection
    checks them (409)."""
    found: dict[str, list[str]] = {}
    for op in ops:
        plan = plans.get(op.key) or {}
        if plan.get("pattern") not in ("create", "replace", "update") or "409" not in op.responses:
            continue
        if plan.get("overlap"):  # the conflict is an overlapping span, not a taken value
            continue
        raw = schemas.operation(op)
        conflict = schemas.resolve(schemas.resolve(raw.get("responses")).get("409"))
        body = schemas.body_properties(op)
        names = _named_in(_words(conflict), body)
        names = names or [
            n for n in body if re.search(r"\bunique\b", _words(schemas.resolve(body[n])), re.I)
        ]
        names = names or _named_in(_words(raw), body)
        if not names:
            needed = _required_body(op, schemas) or list(body)
            names = [n for w in _IDENTIFYING for n in needed if _norm(n) == w][:1]
            names = names or [n for n in needed if _norm(n).endswith(_IDENTIFYING)][:1]
        if names:
            found.setdefault(plan["collection"], [])
            found[plan["collection"]] += [n for n in names if n not in found[plan["collection"]]]
    for plan in plans.values():
        if plan.get("pattern") in ("create", "replace", "update"):
            if plan.get("collection") in found:
                plan["unique"] = found[plan["collection"]]


def _named_in(text: str, body: dict[str, Any]) -> list[str]:
    return [n for n in body if re.search(rf"\b{_spoken(n)}\b", text, re.I)]


def _norm(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _spoken(name: str) -> str:
    """A pattern for a property name as words would write it ("short_code": "short[ _-]?code")."""
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", name)
    parts = [re.escape(p) for p in re.split(r"[^A-Za-z0-9]+", spaced) if p]
    return "[ _-]?".join(parts) or re.escape(name)


def _required_body(op: ApiOperation, schemas: _Schemas) -> list[str]:
    raw = schemas.resolve(schemas.operation(op).get("requestBody"))
    content = raw.get("content")
    for spec in (content if isinstance(content, dict) else {}).values():
        body = schemas.resolve(schemas.resolve(spec).get("schema"))
        parts = body.get("allOf")
        names: list[str] = []
        for part in [body, *(parts if isinstance(parts, list) else [])]:
            needed = schemas.resolve(part).get("required")
            names += [str(n) for n in needed] if isinstance(needed, list) else []
        return names
    return []


def _containers(
    ops: list[ApiOperation], creates: dict[str, str], schemas: _Schemas
) -> dict[str, dict[str, Any]]:
    """A container of counted items ("my cart"): `GET /cart` answers an object holding a list,
    `POST /cart/items` adds a quantity of a thing (a second add counts up), and
    `DELETE /cart/items/{id}` takes one away."""
    plans: dict[str, dict[str, Any]] = {}
    for add in ops:
        segments = _segments(add.path)
        if add.method != "POST" or len(segments) < 2 or any(map(_is_param, segments)):
            continue
        body = schemas.body_properties(add)
        count = next((n for n in body if n.lower() in _COUNTS), None)
        key = next((n for n in body if re.search(r"(_id|Id|ID)$", n)), None)
        view = next(
            (o for o in ops if o.method == "GET" and o.path == "/" + "/".join(segments[:-1])),
            None,
        )
        if (
            count is None
            or key is None
            or view is None
            or schemas.response_kind(view) != "envelope"
        ):
            continue
        stem = re.sub(r"(_id|Id|ID)$", "", key)
        refers = next((c for c in creates if c.rstrip("s").endswith("/" + stem)), None)
        base = {"collection": _collection(segments), "parents": [], "key": key, "count": count}
        if refers:
            base["refers"] = refers
        plans[view.key] = {"pattern": "container", **base}
        plans[add.key] = {"pattern": "add_item", **base}
        for remove in ops:
            rest = _segments(remove.path)
            if remove.method == "DELETE" and rest[:-1] == segments and _is_param(rest[-1]):
                plans[remove.key] = {"pattern": "remove_item", **base, "id_param": rest[-1][1:-1]}
    return plans


class _Planner:
    """The plan of one operation, given the collections that can be created (path -> its POST)."""

    def __init__(self, op: ApiOperation, creates: dict[str, str], schemas: _Schemas):
        self.op, self.creates, self.schemas = op, creates, schemas
        self.segments = _segments(op.path)
        self.kind = schemas.response_kind(op)

    def collection(self, segments: list[str]) -> dict[str, Any]:
        """Where records of the collection at `segments` live, and its parent collection."""
        base: dict[str, Any] = {"collection": _collection(segments), "parents": _params(segments)}
        if len(segments) >= 3 and _is_param(segments[-2]):
            parent = _collection(segments[:-2])
            if parent in self.creates:
                base["parent"] = {"collection": parent, "id_type": self.id_type(segments[-2])}
                field = self.natural_key(parent, segments[-2][1:-1])
                if field:
                    base["parent"]["id_field"] = field
        return base

    def item(self, segments: list[str]) -> dict[str, Any]:
        """The collection of the item at `segments` (its last segment is the id parameter)."""
        name = segments[-1][1:-1]
        found = {**self.collection(segments[:-1]), "id_param": name, "id_type": self.id_type(name)}
        field = self.natural_key(_collection(segments[:-1]), name)
        if not field and self.creates.get(_collection(segments[:-1]), "").startswith("PUT "):
            field = name  # a record a PUT made at its path value: kept under the path's name
        return {**found, "id_field": field} if field else found

    def natural_key(self, collection: str, name: str) -> str:
        """The property a path names its records by where the client gives it on create
        ("/projects/{slug}" of a project created with its "slug"; "{projectName}": "name"),
        or "" where the id is the one the app makes."""
        create = self.creates.get(collection)
        if create is None:
            return ""
        method, path = create.split(" ", 1)
        body = self.schemas.body_properties(ApiOperation(method=method, path=path))
        made = ApiOperation(method=method, path=path, responses={"201": []})
        answered = self.schemas.response_properties(made)
        if not answered:
            made.responses = {"200": []}
            answered = self.schemas.response_properties(made)
        # a code the app makes when the body leaves it out ("slug", "code": see records._codes)
        needed = self.schemas.resolve(answered and self._answer_schema(made)).get("required")
        generated = {
            n: p
            for n, p in answered.items()
            if n not in body
            and n in (needed if isinstance(needed, list) else [])
            and self.schemas.resolve(p).get("type") == "string"
            and not self.schemas.resolve(p).get("format")
        }
        words = _norm(name)
        singular = _norm(collection.rsplit("/", 1)[-1]).rstrip("s")
        for candidate in (words, words[len(singular) :] if words.startswith(singular) else ""):
            if not candidate or candidate == "id" or candidate.endswith("id"):
                continue
            prop = next((n for n in body if _norm(n) == candidate), None)
            if prop and not self.schemas.resolve(body[prop]).get("readOnly"):
                return prop
            prop = next((n for n in generated if _norm(n) == candidate), None)
            if prop:
                return prop
        return ""

    def _answer_schema(self, op: ApiOperation) -> dict[str, Any]:
        responses = self.schemas.resolve(self.schemas.operation(op).get("responses"))
        code = next(iter(op.responses), "")
        response = self.schemas.resolve(
            next((v for k, v in responses.items() if str(k) == code), None)
        )
        content = response.get("content")
        for spec in (content if isinstance(content, dict) else {}).values():
            return self.schemas.resolve(self.schemas.resolve(spec).get("schema"))
        return {}

    def id_type(self, segment: str) -> str:
        name = segment.strip("{}")
        param = next(
            (p for p in self.op.parameters if p.location == "path" and p.name == name), None
        )
        kind = param.schema_.get("type") if param is not None else None
        return "integer" if kind == "integer" else "string"

    def plan(self) -> dict[str, Any] | None:
        found = self._plan()
        if found is not None and found["pattern"] == "view":
            field = self.text_field(found["collection"])
            return {**found, "field": field} if field else found
        return found

    def text_field(self, collection: str) -> str:
        """The one stored property a text view shows where its words name just that one ("the
        code alone", "GET /notes/{id}/body"), else "" (a view shows every property)."""
        create = self.creates.get(collection)
        if create is None:
            return ""
        method, path = create.split(" ", 1)
        body = self.schemas.body_properties(ApiOperation(method=method, path=path))
        texts = {n: p for n, p in body.items() if self.schemas.resolve(p).get("type") == "string"}
        raw = self.schemas.operation(self.op)
        responses = self.schemas.resolve(raw.get("responses"))
        answer = self.schemas.resolve(responses.get(str(self.op.success)))
        last = self.segments[-1]
        for words in (last if not _is_param(last) else "", _words(answer), _words(raw)):
            named = [n for n in texts if re.search(rf"\b{_spoken(n)}\b", words, re.I)]
            if len(named) == 1:
                return named[0]
            if named:
                return ""
        return ""

    def _plan(self) -> dict[str, Any] | None:
        op, segments = self.op, self.segments
        if not segments:
            return None
        last = segments[-1]
        auth = _auth_pattern(op, last, self.schemas)
        if auth is not None:
            return {"pattern": auth}
        if _has_password(op, self.schemas):  # a password that is no sign-up or login: not built
            return None
        if op.method == "GET" and len(segments) == 1 and last.lower() in _HEALTH:
            return {"pattern": "health"}
        if (
            op.method == "GET"
            and len(segments) == 1
            and last.lower() in _ACTIVITY
            and self.kind == "text"
            and _collection(segments) not in self.creates
        ):
            return {"pattern": "activity"}  # "GET /log": what was written, one line each
        if _is_param(last) and _collection(segments[:-1]) in self.creates:
            return self.on_item(self.item(segments))
        if len(segments) == 2 and _is_param(last) and self.nested(segments[0]):
            # "DELETE /bookings/{id}" of "/rooms/{}/bookings": the booking, whatever its room
            name = last[1:-1]
            base = {"collection": self.nested(segments[0]), "parents": [], "any_scope": True}
            return self.on_item({**base, "id_param": name, "id_type": self.id_type(name)})
        if _collection(segments) in self.creates:
            return self.on_collection(self.collection(segments))
        stem = [*segments[:-1], last.split(".", 1)[0]]  # "/events.log": the events, rendered
        if "." in last and _collection(stem) in self.creates and op.method == "GET":
            return self.below_collection(self.collection(stem), last.lower())
        parent = segments[:-1]
        if len(parent) >= 2 and _is_param(parent[-1]) and _collection(parent[:-1]) in self.creates:
            return self.below_item(self.item(parent), last.lower())
        if parent and _collection(parent) in self.creates:
            return self.below_collection(self.collection(parent), last.lower())
        return self.by_owner()

    def by_owner(self) -> dict[str, Any] | None:
        """A created collection listed by who owns it: "GET /me/orders", "GET /users/me/orders"
        (the caller's), "GET /users/{username}/snippets" (that person's, by login name or id)."""
        op, segments = self.op, self.segments
        if len(segments) == 2 and segments[-1].lower() in ("mine", "my", "own", "me"):
            segments = [segments[1], segments[0]]  # "GET /bookings/mine": my bookings
        target = _collection(segments[-1:])
        nested = self.nested(segments[-1])
        if target not in self.creates and nested:
            target = nested  # "/rooms/{}/bookings" read across its rooms
        if (
            op.method != "GET"
            or target not in self.creates
            or self.kind not in ("array", "envelope")
        ):
            return None
        above = [s.lower() for s in segments[:-1]]
        base = {"collection": target, "parents": [], **self.sort_by(), **self.ranges()}
        if nested == target:
            base["any_scope"] = True
        if above in (["me"], ["my"], ["mine"], ["own"], *[[w, "me"] for w in _PEOPLE]):
            return {"pattern": "owned_list", "mine": True, **base}
        if len(above) == 2 and above[0] in _PEOPLE and _is_param(segments[1]):
            return {"pattern": "owned_list", "owner_param": segments[1][1:-1], **base}
        return None

    def nested(self, word: str) -> str:
        """The one created collection nested below another whose last word is `word`
        ("bookings": "/rooms/{}/bookings"), else ""."""
        found = [c for c in self.creates if c.count("/") > 1 and c.rsplit("/", 1)[-1] == word]
        return found[0] if len(found) == 1 else ""

    def on_item(self, base: dict[str, Any]) -> dict[str, Any] | None:
        methods = {"GET": "read", "PATCH": "update", "PUT": "replace", "DELETE": "delete"}
        if self.creates.get(base["collection"]) == self.op.key:
            methods["PUT"] = "upsert"
        if self.op.method == "GET" and self.kind in ("text", "binary"):
            return {"pattern": "view" if self.kind == "text" else "download", **base}
        if self.op.method in methods:
            return {"pattern": methods[self.op.method], **base}
        return None

    def on_collection(self, base: dict[str, Any]) -> dict[str, Any] | None:
        if self.op.method == "POST":
            return {"pattern": "create", **base}
        if self.op.method == "GET" and self.kind == "text":
            return {"pattern": "view", **base}
        if self.op.method == "GET" and self.kind in ("array", "envelope"):
            return {"pattern": "list", **base, **self.sort_by(), **self.ranges()}
        return None

    def ranges(self) -> dict[str, Any]:
        """Range parameters the words call inclusive ("due_before and due_after (dates,
        inclusive)") or exclusive: in the parameter's description, or a sentence of the
        description around the document that names the parameter."""
        raw = self.schemas.operation(self.op)
        params = raw.get("parameters")
        prose = str(self.schemas.doc.get(PROSE, ""))
        sentences = re.split(r"(?<=[.!?])\s+|\n\s*\n", prose)
        found: dict[str, list[str]] = {}
        for param in params if isinstance(params, list) else []:
            param = self.schemas.resolve(param)
            name = str(param.get("name", ""))
            words = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name).lower().split("_")
            if param.get("in") != "query" or not set(words) & _BOUNDS:
                continue
            said = [str(param.get("description", ""))]
            said += [t for t in sentences if re.search(rf"\b{re.escape(name)}\b", t)]
            for text in said:
                word = re.search(r"\b(inclusive|exclusive)\b", text, re.I)
                if word:
                    found.setdefault(word.group(1).lower(), []).append(name)
                    break
        return found

    def sort_by(self) -> dict[str, Any]:
        """How the list is ordered where the document says so in words: the property a bare
        `sort=ASC|DESC` orders by ("sort by price", "products by price"), and newest first."""
        props = self.schemas.response_properties(self.op)
        raw = self.schemas.operation(self.op)
        responses = self.schemas.resolve(raw.get("responses"))
        texts = [str(raw.get("summary", "")), str(raw.get("description", ""))]
        texts += [str(self.schemas.resolve(r).get("description", "")) for r in responses.values()]
        params = raw.get("parameters")
        for param in params if isinstance(params, list) else []:
            param = self.schemas.resolve(param)
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
                    if self.schemas.resolve(p).get("format") in ("date", "date-time")
                ]
                if dates:
                    found["sort_by"] = dates[0]
            for name in props:
                words = re.escape(name).replace("_", "[_ ]")
                if "sort_by" not in found and re.search(rf"\bby\s+{words}\b", text, re.I):
                    found["sort_by"] = name
        return found

    def below_item(self, base: dict[str, Any], word: str) -> dict[str, Any] | None:
        if self.op.method in ("PUT", "POST") and self.sends_a_file():
            accepts = self.accepts() if {"400", "415"} & set(self.op.responses) else []
            found = {"pattern": "attach", "field": word, **base}
            return {**found, "accepts": accepts} if accepts else found
        if self.op.method in (
            "POST",
            "PUT",
            "PATCH",
            "DELETE",
        ) and not self.schemas.body_properties(self.op):
            undo = "un" if self.op.method == "DELETE" else ""  # "DELETE /posts/{id}/like"
            changes = self.transition(undo + word, base["collection"])
            if changes.get("set") or changes.get("count"):  # "/complete": status done
                return {"pattern": "transition", **changes, **base}
        if self.op.method != "GET":
            return None
        if self.kind == "binary":
            return {"pattern": "download", "field": word, **base}
        if word == "history" and self.kind == "array":
            return {"pattern": "history", **base}
        create = self.creates.get(base["collection"], " ")
        method, path = create.split(" ", 1)
        body = self.schemas.body_properties(ApiOperation(method=method or "POST", path=path or "/"))
        listed = next(
            (
                n
                for n, p in body.items()
                if _norm(n) == _norm(word) and self.schemas.resolve(p).get("type") == "array"
            ),
            "",
        )
        if listed and self.kind in ("array", "envelope"):  # "/orders/{id}/items": its items
            return {"pattern": "sublist", "field": listed, **base}
        if self.kind in ("text", "binary") and word not in _AGGREGATES:
            return {"pattern": "view" if self.kind == "text" else "download", **base}
        return None

    def transition(self, word: str, collection: str) -> dict[str, Any]:
        """What an action on an item ("/complete", "/archive", "/mark-done", "/unpin") sets, read
        from the item's properties: an enum value the verb names ("done", "completed",
        "archived"), a boolean the verb names ("archived", "is_pinned": true; "un..": false), and
        a date-time the verb names ("completed_at": now)."""
        props = self.schemas.response_properties(self.op)
        create = self.creates.get(collection)
        if create:
            method, path = create.split(" ", 1)
            made = ApiOperation(method=method, path=path, responses={"201": [], "200": []})
            for code in ("201", "200"):
                made.responses = {code: []}
                props = props or self.schemas.response_properties(made)
        verb = re.split(r"[-_.]", word)[-1].lower()
        undo = bool(re.match(r"^un[a-z]{3}", verb))  # "unarchive", "unpin"
        stem = verb[2:] if undo else verb
        stem = stem[:-1] if stem.endswith("e") else stem
        values = [stem + "ed", stem + "d", stem + "ned", stem + "ped", stem + "led", stem]
        values += _SYNONYMS.get(verb, [])
        found: dict[str, Any] = {}
        for name, raw in props.items():
            prop = self.schemas.resolve(raw)
            key = _norm(name)
            enum = prop.get("enum")
            if isinstance(enum, list) and not undo and not any(k in found for k in ("set",)):
                value = next((v for w in values for v in enum if _norm(str(v)) == _norm(w)), None)
                if value is not None:
                    found.setdefault("set", {})[name] = value
            elif prop.get("type") == "boolean" and key.removeprefix("is") in map(_norm, values):
                found.setdefault("set", {})[name] = not undo
            elif prop.get("format") == "date-time" and not undo:
                if any(key in (_norm(v) + "at", _norm(v) + "on") for v in values):
                    found.setdefault("stamp", []).append(name)
            elif prop.get("type") == "integer":  # "POST /posts/{id}/like": likes + 1
                done = verb[2:] if undo else verb
                counted = (
                    done + "s",
                    done + "es",
                    done + "count",
                    done + "scount",
                    "num" + done + "s",
                )
                if key in counted:
                    found.setdefault("set", {})
                    found.setdefault("count", {})[name] = -1 if undo else 1
        return found

    def accepts(self) -> list[str]:
        """The media types a file sent here may have: those a GET of the same path answers
        ("image/png", "image/jpeg"), else those the request declares; [] for any."""
        item = self.schemas.resolve((self.schemas.doc.get("paths") or {}).get(self.op.path))
        get = self.schemas.resolve(item.get("get"))
        found: list[str] = []
        for code, response in self.schemas.resolve(get.get("responses")).items():
            if str(code).startswith("2"):
                content = self.schemas.resolve(response).get("content")
                found += [str(m) for m in (content if isinstance(content, dict) else {})]
        found = found or [t for t in self.op.request_types if "/" in t and "form" not in t]
        specific = [m for m in found if "*" not in m and m != "application/octet-stream"]
        return specific if len(specific) == len(found) else []

    def sends_a_file(self) -> bool:
        """True when the request body is a file: binary media, or a multipart binary field."""
        if any(t.startswith(("image/", "audio/", "video/")) for t in self.op.request_types):
            return True
        if "application/octet-stream" in self.op.request_types:
            return True
        props = self.schemas.body_properties(self.op)
        binary = any(
            self.schemas.resolve(p).get("format") in ("binary", "byte") for p in props.values()
        )
        return "multipart/form-data" in self.op.request_types and binary

    def below_collection(self, base: dict[str, Any], word: str) -> dict[str, Any] | None:
        op = self.op
        if op.method == "GET" and word in _SEARCH and self.kind in ("array", "envelope"):
            return {"pattern": "list", **base, **self.sort_by(), **self.ranges()}
        rendering = "." in word or word in _RENDERINGS  # "/products/list.html", "/events.log"
        if op.method == "GET" and self.kind == "text" and rendering:
            return {"pattern": "view", **base}
        csv = any(t in ("text/csv", "application/csv") for t in op.request_types)
        if op.method == "POST" and csv and word in _IMPORT:
            return {"pattern": "import", "create": self.creates[base["collection"]], **base}
        if op.method == "GET" and self.csv_out() and not op.request_types:
            return {"pattern": "csv_export", **base}  # "GET /expenses/export" as text/csv
        if op.method == "GET" and word in _AGGREGATES and self.kind in ("text", "object", "array"):
            return {"pattern": "aggregate", **base, **self.figures(base["collection"])}
        return None

    def csv_out(self) -> bool:
        return self.op.media_type in ("text/csv", "application/csv")

    def figures(self, collection: str) -> dict[str, str]:
        """What a summary of a collection adds up, and per what: the property its words group by
        ("Totals per category", "by status"), else its first enum; the amount it sums (an
        "amount", "price", "total" ..., else the first number), else it counts."""
        method, path = self.creates[collection].split(" ", 1)
        body = self.schemas.body_properties(ApiOperation(method=method, path=path))
        raw = self.schemas.operation(self.op)
        responses = self.schemas.resolve(raw.get("responses"))
        answer = self.schemas.resolve(responses.get(str(self.op.success)))
        said = " ".join([_words(raw), _words(answer)])
        group = next(
            (n for n in body if re.search(rf"\b(per|by|each)\s+{_spoken(n)}\b", said, re.I)), ""
        )
        enums = [n for n, p in body.items() if self.schemas.resolve(p).get("enum")]
        named = [n for n in body if _norm(n) in ("category", "type", "kind", "status", "group")]
        group = group or next(iter(enums + named), "")
        numbers = [
            n
            for n, p in body.items()
            if self.schemas.resolve(p).get("type") in ("number", "integer") and n != group
        ]
        sums = ("amount", "price", "total", "cost", "value", "sum", "quantity", "qty")
        measure = next((n for w in sums for n in numbers if _norm(n) == w), "")
        found = {"group": group, "measure": measure or next(iter(numbers), "")}
        return {k: v for k, v in found.items() if v}
