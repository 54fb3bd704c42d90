"""The plan of one operation by the shape of its path: a collection and its items (their
parents and natural keys), what is below an item (actions, files, sub-lists, history) or below a
collection (search, renderings, import, CSV export, summaries), health, activity, and lists by
their owner. Accounts, actions and views come from their own modules. Used by
`pipeline.contract.patterns`. No I/O."""

from __future__ import annotations

import re
from typing import Any

from pipeline.contract.accounts import auth_pattern, has_password
from pipeline.contract.actions import (
    STATE,
    acts_on_the_item,
    answers_the_item,
    from_body,
    transition,
)
from pipeline.contract.adjustments import adjustment
from pipeline.contract.derived import ACTIVITY, RENDERINGS
from pipeline.contract.document import ApiOperation
from pipeline.contract.listing import ranges, sort_by
from pipeline.contract.schemas import (
    Schemas,
    collection_path,
    is_param,
    norm,
    path_params,
    path_segments,
)
from pipeline.contract.sorting import sort_values
from pipeline.contract.views import (
    AGGREGATES,
    IMPORT,
    accepts,
    csv_out,
    figures,
    sends_a_file,
    text_field,
)

_PEOPLE = {"users", "members", "accounts", "authors", "people", "profiles", "owners", "players"}
_SEARCH = {"search", "find", "query", "filter", "lookup"}
_HEALTH = {"health", "healthz", "status", "ping", "livez", "readyz", "alive"}


class Planner:
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
            field = text_field(
                self.op, found["collection"], creates=self.creates, schemas=self.schemas
            )
            return {**found, "field": field} if field else found
        return found

    def _plan(self) -> dict[str, Any] | None:
        op, segments = self.op, self.segments
        if not segments:
            return None
        last = segments[-1]
        auth = auth_pattern(op, last, self.schemas)
        if auth is not None:
            return {"pattern": auth}
        if has_password(op, self.schemas):  # a password that is no sign-up or login: not built
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
        base = {
            "collection": target,
            "parents": [],
            **sort_by(self.op, self.schemas),
            **sort_values(self.op, self.schemas),
            **ranges(self.op, self.schemas),
        }
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
            return {
                "pattern": "list",
                **base,
                **sort_by(self.op, self.schemas),
                **sort_values(self.op, self.schemas),
                **ranges(self.op, self.schemas),
            }
        return None

    def below_item(self, base: dict[str, Any], word: str) -> dict[str, Any] | None:
        if self.op.method in ("PUT", "POST") and sends_a_file(self.op, self.schemas):
            media = (
                accepts(self.op, self.schemas) if {"400", "415"} & set(self.op.responses) else []
            )
            found = {"pattern": "attach", "field": word, **base}
            return {**found, "accepts": media} if media else found
        if self.op.method in (
            "POST",
            "PUT",
            "PATCH",
            "DELETE",
        ) and not self.schemas.body_properties(self.op):
            undo = "un" if self.op.method == "DELETE" else ""  # "DELETE /posts/{id}/like"
            changes = transition(
                self.op, undo + word, base["collection"], creates=self.creates, schemas=self.schemas
            )
            if changes.get("set") or changes.get("count"):  # "/complete": status done
                return {"pattern": "transition", **changes, **base}
            if changes.get("stamp") and answers_the_item(
                self.op, base["collection"], creates=self.creates, schemas=self.schemas
            ):  # "/return" answering the loan: its "returned_at" now, once (then 409)
                return {"pattern": "transition", "set": {STATE: word}, **changes, **base}
            if answers_the_item(
                self.op, base["collection"], creates=self.creates, schemas=self.schemas
            ) and re.fullmatch(r"[a-z]+", word):
                # "POST /notes/{id}/archive" answering the note, which has no property the verb
                # names: the action is kept on the item (unseen), which is answered as read
                return {"pattern": "transition", "set": {STATE: word}, **base}
        moved = adjustment(
            self.op, word, base["collection"], creates=self.creates, schemas=self.schemas
        )
        if moved and answers_the_item(
            self.op, base["collection"], creates=self.creates, schemas=self.schemas
        ):  # "POST /items/{id}/sell" with a quantity: stock down by it, sold up
            return {"pattern": "transition", "set": {}, **moved, **base}
        if self.op.method == "POST" and acts_on_the_item(self.op, self.creates, self.schemas):
            changes = transition(
                self.op, word, base["collection"], creates=self.creates, schemas=self.schemas
            )  # "POST /items/{id}/claim" with the claimant: status claimed, "claimed_by" set
            kept = from_body(self.op, word, self.schemas.response_properties(self.op), self.schemas)
            if changes.get("set") or changes.get("stamp") or (kept and "409" in self.op.responses):
                changes.setdefault("set", {STATE: word})  # "checkout" with `due_back`: kept
                return {"pattern": "transition", **changes, "from_body": kept, **base}
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
        if self.kind == "text":  # a "report" of the item that does not list what is below it
            return {"pattern": "view", **base}  # is no view: `mark_renderings` takes it back
        if self.kind == "binary" and word not in AGGREGATES:
            return {"pattern": "download", **base}
        return None

    def below_collection(self, base: dict[str, Any], word: str) -> dict[str, Any] | None:
        op = self.op
        if op.method == "GET" and word in _SEARCH and self.kind in ("array", "envelope"):
            return {
                "pattern": "list",
                **base,
                **sort_by(self.op, self.schemas),
                **sort_values(self.op, self.schemas),
                **ranges(self.op, self.schemas),
            }
        rendering = "." in word or word in RENDERINGS  # "/products/list.html", "/events.log"
        if op.method == "GET" and self.kind == "text" and rendering:
            return {"pattern": "view", **base}
        csv = any(t in ("text/csv", "application/csv") for t in op.request_types)
        csv = csv or (
            sends_a_file(self.op, self.schemas) and "multipart/form-data" in op.request_types
        )
        if op.method == "POST" and csv and word in IMPORT:  # a CSV body, or a CSV file sent
            return {"pattern": "import", "create": self.creates[base["collection"]], **base}
        if op.method == "GET" and csv_out(op) and not op.request_types:
            return {"pattern": "csv_export", **base}  # "GET /expenses/export" as text/csv
        if op.method == "DELETE" and word in ("mine", "me", "my", "own") and op.security:
            return {"pattern": "delete_mine", **base}  # "DELETE /petitions/{id}/signatures/mine"
        if op.method == "GET" and word in AGGREGATES and self.kind in ("text", "object", "array"):
            return {
                "pattern": "aggregate",
                **base,
                **figures(op, base["collection"], creates=self.creates, schemas=self.schemas),
            }
        return None
