"""Each operation of an input OpenAPI document -> the pattern that implements it, or none. No I/O.

`plan_operations(doc)` reads the operations with their schemas (and the words around the
document) and returns, for each one codebegen builds, its plan (what the generated
`app/contract/operations.py` runs):

- create / list / read / update (PATCH) / replace (PUT) / delete on a collection: a path whose
  POST takes a JSON, form or multipart object (or a plain-text line that a GET reads back), and
  its item path `<collection>/{id}` (named by its id, or by a value the client gives, `{slug}`);
  a PUT at an item path with no POST makes the record there. Nested collections
  (`/posts/{postId}/comments`) are scoped by their parent path values and read across them
  (`/comments/mine`); `<collection>/search` and the like list the collection too;
- actions on an item (`/tasks/{id}/complete`, `/posts/{id}/like`): what the verb names is set;
- view / aggregate / csv_export: a collection or an item as text, sums per a property, CSV;
- history: `<collection>/{id}/history`, the item's edits; attach / download: files;
- register / login / logout / me / issue_key: accounts, by their paths, a password in the body
  or a key in the answer.

Conventions across operations are added by `pipeline.contract.constraints` (unique values,
references, spans, shared reads) and `pipeline.contract.derived` (redirects, counters, facets,
views no collection path names). An operation that fits none of these has no plan: it is
served as a 501 stub.
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.contract.conditions import mark_conditions
from pipeline.contract.constraints import (
    mark_links,
    mark_references,
    mark_shared,
    mark_shared_children,
    mark_spans,
    mark_uniques,
)
from pipeline.contract.derived import (
    ACTIVITY,
    RENDERINGS,
    mark_child_counts,
    mark_child_dates,
    mark_facets,
    mark_joins_by_verb,
    mark_memberships,
    mark_owner_fields,
    mark_redirects,
    mark_renderings,
    mark_view_counts,
)
from pipeline.contract.document import PROSE, ApiOperation, read_operations
from pipeline.contract.ledgers import mark_ledgers
from pipeline.contract.ratings import mark_own_children
from pipeline.contract.schemas import (
    Schemas,
    collection_path,
    is_param,
    norm,
    path_params,
    path_segments,
    referred_collection,
    spoken,
    words_of,
)
from pipeline.contract.versions import mark_versions

_REGISTER = {"register", "signup", "sign-up", "sign_up", "users", "accounts", "registration"}
_REGISTER |= {"members", "join", "enroll", "enrol", "user", "account"}
_LOGIN = {"login", "signin", "sign-in", "sign_in", "token", "tokens", "session", "sessions"}
_LOGIN |= {"log-in", "log_in", "authenticate", "auth", "access-token", "access_token", "jwt"}
_PEOPLE = {"users", "members", "accounts", "authors", "people", "profiles", "owners", "players"}
_SEARCH = {"search", "find", "query", "filter", "lookup"}
_PASSWORD = re.compile(r"^pass(word)?$|passphrase", re.I)
_GATE = re.compile(r"code|invit|otp|captcha|voucher", re.I)  # what a gated sign-up asks for
_KEYS = {"keys", "apikeys", "api-keys", "api_keys", "tokens", "clients", "credentials"}
_KEY = re.compile(r"(api_?)?key|apiKey|token|secret", re.I)
_API_KEY = re.compile(r"api_?key|api_?token|access_?key", re.I)
_SINGLE = {"GET": "single_read", "PUT": "single_write", "DELETE": "single_delete"}
# Words below a collection that ask for figures computed over its records (an aggregate).
_AGGREGATES = {"summary", "stats", "statistics", "report", "totals", "total", "count", "sum"}
_COUNTS = {"quantity", "qty", "count", "amount", "units"}
_IMPORT = {"import", "imports", "bulk", "csv", "upload"}
_BOUNDS = {"from", "to", "since", "until", "after", "before", "start", "end", "min", "max"}
_BOUNDS |= {"gt", "gte", "lt", "lte"}
# Words that say a filter's value matches whatever its case ("exact city, case does not matter").
_ANY_CASE = re.compile(
    r"\b(case[- ]insensitive(ly)?|case (does not|doesn't|won't|does ?n't) matter|any case"
    r"|ignor(e|es|ing) (the )?case|regardless of (the )?case|in any case|not case[- ]sensitive)\b",
    re.I,
)
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
# The record's data key that keeps an action no declared property names ("archive"): never shown.
STATE = "x-codebegen-state"
# Particles of phrasal verbs written as one word ("pickup", "checkin", "signoff").
_PARTICLES = ("up", "out", "in", "off", "back", "down", "over")
_BODY_TYPES = ("application/json", "application/x-www-form-urlencoded", "multipart/form-data")


def _has_password(op: ApiOperation, schemas: Schemas) -> bool:
    return any(_PASSWORD.search(name) for name in schemas.body_properties(op))


def _auth_pattern(op: ApiOperation, last: str, schemas: Schemas) -> str | None:
    word = last.lower()
    has_password = _has_password(op, schemas)
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
    if op.method == "POST" and key and not has_password and (not op.security or word in _KEYS):
        return "issue_key"  # "POST /keys", "POST /users" answering an api_key: a new caller
    if op.method == "POST" and has_password:
        if word in _LOGIN:
            return "login"
        # any other open POST taking a password signs up ("POST /residents"); a gated sign-up:
        # see _gates (a 501 stub when it finds no gate)
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


def _gates(ops: list[ApiOperation], plans: dict[str, dict[str, Any]], schemas: Schemas) -> None:
    """Sign-ups gated by a one-time code: built where the document issues that code. A create
    whose answer holds the code ("POST /invitations" -> {email, code}) gets a random one, as does a
    public body-less POST that declares 409 ("POST /bootstrap": the first account's code, while
    there are no accounts). The sign-up takes an unused code from those, for the address it was
    issued to; without an issuer it stays a 501 stub."""
    for op in ops:
        word = (path_segments(op.path) or [""])[-1].lower()
        gate = _gate(op, schemas) if op.method == "POST" and word in _REGISTER else ""
        if not gate or not _has_password(op, schemas):
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


def _directory(ops: list[ApiOperation], plans: dict[str, dict[str, Any]], schemas: Schemas) -> None:
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
            order = _Planner(op, {}, schemas).sort_by()
            plans[op.key] = {"pattern": "accounts_list", "collection": here, "parents": [], **order}
        elif op.method == "GET" and above in lists and is_param(segments[-1]):
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
    return Schemas(doc).body_requires_fields(op)


def _info(doc: dict[str, Any]) -> dict[str, Any]:
    info = doc.get("info")
    return info if isinstance(info, dict) else {}


def plan_operations(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """{"GET /notes": {"pattern": "list", "collection": "/notes", ...}} for each operation built."""
    ops = read_operations(doc)
    schemas = Schemas(doc)
    creates = {
        collection_path(path_segments(op.path)): op.key
        for op in ops
        if op.method == "POST"
        and path_segments(op.path)
        and not is_param(path_segments(op.path)[-1])
        and not _has_password(op, schemas)  # passwords are never stored as a record's field
        and any(
            t in _BODY_TYPES or t.endswith("+json") or t == "text/plain" for t in op.request_types
        )
    }
    for op in ops:  # "POST /tanks/import" sending a file: an import into "/tanks", not records
        segments = path_segments(op.path)
        here = collection_path(segments)
        if creates.get(here) == op.key and segments[-1].lower() in _IMPORT:
            if (
                collection_path(segments[:-1]) in creates
                and _Planner(op, {}, schemas).sends_a_file()
            ):
                del creates[here]
    for op in ops:  # "PUT /settings/{key}" with no "POST /settings": PUT makes and replaces
        segments = path_segments(op.path)
        if (
            op.method == "PUT"
            and len(segments) >= 2
            and is_param(segments[-1])
            and collection_path(segments[:-1]) not in creates
            and not _has_password(op, schemas)
            and schemas.body_properties(op)
        ):
            creates[collection_path(segments[:-1])] = op.key
    singles = {
        op.path
        for op in ops
        if op.method == "PUT"
        and path_segments(op.path)
        and not any(is_param(s) for s in path_segments(op.path))
        and collection_path(path_segments(op.path)) not in creates
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
    mark_redirects(ops, plans, creates, schemas)
    mark_facets(ops, plans, creates, schemas)
    mark_view_counts(ops, plans, creates, schemas)
    mark_renderings(ops, plans, creates, schemas)
    mark_spans(ops, plans, schemas)
    mark_child_counts(plans, creates, schemas)
    mark_own_children(ops, plans, creates, schemas)
    mark_memberships(ops, plans, creates, schemas)
    mark_joins_by_verb(ops, plans, creates, schemas)
    mark_owner_fields(ops, plans, creates, schemas)
    mark_child_dates(ops, plans, creates, schemas)
    mark_ledgers(ops, plans, creates, schemas)
    mark_versions(ops, plans, creates, schemas)
    mark_conditions(ops, plans, creates, schemas)
    mark_shared(plans, str(doc.get(PROSE, "")) + "\n\n" + str(_info(doc).get("description", "")))
    mark_uniques(ops, plans, schemas)
    mark_shared_children(ops, plans, creates, schemas)
    mark_references(ops, plans, creates, schemas)
    mark_links(ops, plans, creates, schemas)
    return plans


def _containers(
    ops: list[ApiOperation], creates: dict[str, str], schemas: Schemas
) -> dict[str, dict[str, Any]]:
    """A container of counted items ("my cart"): `GET /cart` answers an object holding a list,
    `POST /cart/items` adds a quantity of a thing (a second add counts up), and
    `DELETE /cart/items/{id}` takes one away."""
    plans: dict[str, dict[str, Any]] = {}
    for add in ops:
        segments = path_segments(add.path)
        if add.method != "POST" or len(segments) < 2 or any(map(is_param, segments)):
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
        refers = referred_collection(key, creates)
        base = {"collection": collection_path(segments), "parents": [], "key": key, "count": count}
        if refers:
            base["refers"] = refers
        plans[view.key] = {"pattern": "container", **base}
        plans[add.key] = {"pattern": "add_item", **base}
        for remove in ops:
            rest = path_segments(remove.path)
            if remove.method == "DELETE" and rest[:-1] == segments and is_param(rest[-1]):
                plans[remove.key] = {"pattern": "remove_item", **base, "id_param": rest[-1][1:-1]}
    return plans


class _Planner:
    """The plan of one operation, given the collections that can be created (path -> its POST)."""

    def __init__(self, op: ApiOperation, creates: dict[str, str], schemas: Schemas):
        self.op, self.creates, self.schemas = op, creates, schemas
        self.segments = path_segments(op.path)
        self.kind = schemas.response_kind(op)

    def collection(self, segments: list[str]) -> dict[str, Any]:
        """Where records of the collection at `segments` live, and its parent collection."""
        base: dict[str, Any] = {
            "collection": collection_path(segments),
            "parents": path_params(segments),
        }
        if len(segments) >= 3 and is_param(segments[-2]):
            parent = collection_path(segments[:-2])
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
        field = self.natural_key(collection_path(segments[:-1]), name)
        if not field and self.creates.get(collection_path(segments[:-1]), "").startswith("PUT "):
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
        words = norm(name)
        singular = norm(collection.rsplit("/", 1)[-1]).rstrip("s")
        for candidate in (words, words[len(singular) :] if words.startswith(singular) else ""):
            if not candidate or candidate == "id" or candidate.endswith("id"):
                continue
            prop = next((n for n in body if norm(n) == candidate), None)
            if prop and not self.schemas.resolve(body[prop]).get("readOnly"):
                return prop
            prop = next((n for n in generated if norm(n) == candidate), None)
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
        # the lines naming the path, less the path ("`GET /pages/{slug}/raw` returns just the
        # current body as text/plain": the body, not the slug)
        said = " ".join(self.prose_naming_path()).replace(self.op.path, " ")
        for words in (last if not is_param(last) else "", words_of(answer), words_of(raw), said):
            named = [n for n in texts if re.search(rf"\b{spoken(n)}\b", words, re.I)]
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
            and last.lower() in ACTIVITY
            and self.kind == "text"
            and collection_path(segments) not in self.creates
        ):
            return {"pattern": "activity"}  # "GET /log": what was written, one line each
        if is_param(last) and collection_path(segments[:-1]) in self.creates:
            return self.on_item(self.item(segments))
        if len(segments) == 2 and is_param(last) and self.nested(segments[0]):
            # "DELETE /bookings/{id}" of "/rooms/{}/bookings": the booking, whatever its room
            name = last[1:-1]
            base = {"collection": self.nested(segments[0]), "parents": [], "any_scope": True}
            return self.on_item({**base, "id_param": name, "id_type": self.id_type(name)})
        if collection_path(segments) in self.creates:
            return self.on_collection(self.collection(segments))
        stem = [*segments[:-1], last.split(".", 1)[0]]  # "/events.log": the events, rendered
        if "." in last and collection_path(stem) in self.creates and op.method == "GET":
            return self.below_collection(self.collection(stem), last.lower())
        parent = segments[:-1]
        if (
            len(parent) >= 2
            and is_param(parent[-1])
            and collection_path(parent[:-1]) in self.creates
        ):
            return self.below_item(self.item(parent), last.lower())
        if parent and collection_path(parent) in self.creates:
            return self.below_collection(self.collection(parent), last.lower())
        return self.by_owner()

    def by_owner(self) -> dict[str, Any] | None:
        """A created collection listed by who owns it: "GET /me/orders", "GET /users/me/orders"
        (the caller's), "GET /users/{username}/snippets" (that person's, by login name or id)."""
        op, segments = self.op, self.segments
        if len(segments) == 2 and segments[-1].lower() in ("mine", "my", "own", "me"):
            segments = [segments[1], segments[0]]  # "GET /bookings/mine": my bookings
        target = collection_path(segments[-1:])
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
        if len(above) == 2 and above[0] in _PEOPLE and is_param(segments[1]):
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
            if param.get("in") != "query":
                continue
            said = [str(param.get("description", ""))]
            said += [t for t in sentences if re.search(rf"\b{re.escape(name)}\b", t)]
            if any(_ANY_CASE.search(text) for text in said):  # "(case does not matter)"
                found.setdefault("casefold", []).append(name)
            if not set(words) & _BOUNDS:
                continue
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
        texts += self.prose_naming_path()
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

    def prose_naming_path(self) -> list[str]:
        """The lines of the words around the document that name this operation's path exactly
        ("- `GET /me/shifts` = the shifts I signed up for, soonest first"), not a longer one."""
        prose = str(self.schemas.doc.get(PROSE, ""))
        path = re.escape(self.op.path)
        named = re.compile(rf"(?<![\w/{{}}]){path}(?![\w/{{}}])")
        lines = re.split(r"\n|(?<=[.!?])\s+", prose)
        return [t for t in lines if named.search(t)]

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
            if self.answers_the_item(base["collection"]) and re.fullmatch(r"[a-z]+", word):
                # "POST /notes/{id}/archive" answering the note, which has no property the verb
                # names: the action is kept on the item (unseen), which is answered as read
                return {"pattern": "transition", "set": {STATE: word}, **base}
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
                if norm(n) == norm(word) and self.schemas.resolve(p).get("type") == "array"
            ),
            "",
        )
        if listed and self.kind in ("array", "envelope"):  # "/orders/{id}/items": its items
            return {"pattern": "sublist", "field": listed, **base}
        if self.kind in ("text", "binary") and word not in _AGGREGATES:
            return {"pattern": "view" if self.kind == "text" else "download", **base}
        return None

    def answers_the_item(self, collection: str) -> bool:
        """A body-less action (POST, PUT or PATCH) answering 200 or 204 with the item as the
        collection's create answers it, or with nothing."""
        if self.op.method == "DELETE" or str(self.op.success) not in self.op.responses:
            return False  # a document that declares no answer says nothing of what it does
        if str(self.op.success) not in ("200", "204"):
            return False
        if str(self.op.success) == "204" or not self.kind:
            return True
        create = self.creates.get(collection)
        if create is None or self.kind != "object":
            return False
        method, path = create.split(" ", 1)
        for code in ("201", "200"):
            made = ApiOperation(method=method, path=path, responses={code: []})
            answered = self.schemas.response_properties(made)
            if answered:
                return set(answered) == set(self.schemas.response_properties(self.op))
        return False

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
        for particle in _PARTICLES:  # "pickup": "picked_up", "checkout": "checked_out"
            base = verb[2:] if undo else verb
            if base.endswith(particle) and len(base) > len(particle) + 2:
                base = base[: -len(particle)]
                past = [base + "ed", base + "d", base + base[-1] + "ed"]
                values += [d + particle for d in past]
        found: dict[str, Any] = {}
        for name, raw in props.items():
            prop = self.schemas.resolve(raw)
            key = norm(name)
            enum = prop.get("enum")
            if isinstance(enum, list) and not undo and not any(k in found for k in ("set",)):
                value = next((v for w in values for v in enum if norm(str(v)) == norm(w)), None)
                if value is not None:
                    found.setdefault("set", {})[name] = value
            elif prop.get("type") == "boolean" and key.removeprefix("is") in map(norm, values):
                found.setdefault("set", {})[name] = not undo
            elif prop.get("format") == "date-time" and not undo:
                if any(key in (norm(v) + "at", norm(v) + "on") for v in values):
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
        rendering = "." in word or word in RENDERINGS  # "/products/list.html", "/events.log"
        if op.method == "GET" and self.kind == "text" and rendering:
            return {"pattern": "view", **base}
        csv = any(t in ("text/csv", "application/csv") for t in op.request_types)
        csv = csv or (self.sends_a_file() and "multipart/form-data" in op.request_types)
        if op.method == "POST" and csv and word in _IMPORT:  # a CSV body, or a CSV file sent
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
        said = " ".join([words_of(raw), words_of(answer)])
        group = next(
            (n for n in body if re.search(rf"\b(per|by|each)\s+{spoken(n)}\b", said, re.I)), ""
        )
        enums = [n for n, p in body.items() if self.schemas.resolve(p).get("enum")]
        named = [n for n in body if norm(n) in ("category", "type", "kind", "status", "group")]
        group = group or next(iter(enums + named), "")
        numbers = [
            n
            for n, p in body.items()
            if self.schemas.resolve(p).get("type") in ("number", "integer") and n != group
        ]
        sums = ("amount", "price", "total", "cost", "value", "sum", "quantity", "qty")
        measure = next((n for w in sums for n in numbers if norm(n) == w), "")
        found = {"group": group, "measure": measure or next(iter(numbers), "")}
        return {k: v for k, v in found.items() if v}
