"""`SpecEditor`: named edits on a spec, each returning what it changed in words. No I/O.

The editor works on the spec's YAML form (`codebegen.yaml` as a dict), where derived names
(plural, path, id_param, relation names) are left out, so that renaming an entity re-derives
them. Every edit either returns a list of change descriptions or raises `RefineError` with a
message for the person; `spec()` validates the result as a `ProjectSpec`.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from typing import Any

import yaml

from pipeline.errors import UserError
from pipeline.naming import pascal, singular, snake
from pipeline.parse.domains import DEFAULT_FIELDS
from pipeline.parse.fields import parse_field
from pipeline.parse.phrases import noun_key, tokens
from pipeline.parse.relations import lookup
from pipeline.spec import (
    Field,
    FieldType,
    ProjectSpec,
    Relation,
    RelationKind,
    default_relation_name,
    spec_from_dict,
)

Data = dict[str, Any]


class RefineError(UserError):
    """An instruction that cannot be applied; the message says why."""


class AlreadyDone(RefineError):
    """An instruction understood, whose change the spec already has: a note, not a failure."""


def describe_field(field: Field) -> str:
    """ "published (boolean, default false)"."""
    bits = [field.type.value]
    if field.type is FieldType.ENUM:
        bits = [f"one of {', '.join(field.choices)}"]
    if field.unique:
        bits.append("unique")
    if not field.required:
        bits.append("optional")
    if field.default is not None:
        default = str(field.default).lower() if isinstance(field.default, bool) else field.default
        bits.append(f"default {default}")
    return f"{field.name} ({', '.join(bits)})"


# Words that name nothing in particular: "add more stuff", "add some fields to posts".
VAGUE_WORDS = {
    "stuff", "thing", "things", "more", "some", "field", "fields", "data", "info", "information",
    "detail", "details", "something", "everything", "anything", "misc", "extra", "extras", "other",
    "bit", "bits", "feature", "features", "improvement", "improvements", "change", "changes",
    "security", "new", "few", "several", "column", "columns", "attribute", "attributes",
}  # fmt: skip


def too_vague(name: str) -> bool:
    return all(w in VAGUE_WORDS for w in snake(name).split("_") if w)


# Words by which a sentence adds to what is so ("can agents delete replies as well?").
ALSO = re.compile(r"\b(?:as well|too|also)\b")


# Words for a stored row after an entity's name: "patient records" are patients.
_ROW_WORDS = frozenset("record records entry entries row rows data details info objects".split())


class SpecEditor:
    def __init__(self, spec: ProjectSpec) -> None:
        self.data: Data = yaml.safe_load(spec.to_yaml())
        self.focus: str | None = None  # the entity the comment is speaking of, if any
        self.too = False  # the sentence says "as well"/"too": roles join those who may already
        self.usual: dict[str, list[str]] = {}  # an entity made with the usual fields, until told

    def snapshot(self) -> Data:
        return copy.deepcopy(self.data)

    def restore(self, data: Data) -> None:
        self.data = data

    def spec(self) -> ProjectSpec:
        return spec_from_dict(self.data)

    # --- lookups ------------------------------------------------------------------------

    @property
    def entities(self) -> list[Data]:
        entities: list[Data] = self.data.setdefault("entities", [])
        return entities

    @property
    def relations(self) -> list[Data]:
        relations: list[Data] = self.data.setdefault("relations", [])
        return relations

    def entity_names(self) -> list[str]:
        return [e["name"] for e in self.entities]

    def find_entity(self, phrase: str) -> str:
        """The entity a phrase names ("posts", "blog post", "Post"), or RefineError."""
        name = self.entity_or_none(phrase)
        if name is None:
            raise RefineError(
                f"There is no entity called {phrase.strip()!r}; "
                f"the entities are {', '.join(self.entity_names())}."
            )
        return name

    def entity_or_none(self, phrase: str) -> str | None:
        keys = {snake(n): n for n in self.entity_names()}
        words = [w for w in tokens(phrase) if w not in ("entity", "model", "resource", "table")]
        key = lookup(" ".join(words), keys) if words else None
        if key is None and words:
            plurals = {spec_entity.plural: spec_entity.name for spec_entity in self.spec().entities}
            found = plurals.get("_".join(words))
            if found is None and len(words) > 1 and words[-1] in _ROW_WORDS:
                return self.entity_or_none(" ".join(words[:-1]))  # "patient records": Patient
            return found
        return keys[key] if key else None

    def entity(self, name: str) -> Data:
        return next(e for e in self.entities if e["name"] == name)

    def fields(self, name: str) -> list[Data]:
        fields: list[Data] = self.entity(name).setdefault("fields", [])
        return fields

    def field(self, entity: str, name: str) -> Field:
        return Field.model_validate(next(f for f in self.fields(entity) if f["name"] == name))

    def field_name(self, entity: str, phrase: str) -> str | None:
        """The field of `entity` a phrase names ("published flag", "Title", "due date")."""
        names = [f["name"] for f in self.fields(entity)]
        words = [w for w in tokens(phrase) if w not in ("field", "column", "attribute", "property")]
        candidates = ["_".join(words)]
        draft = parse_field(" ".join(words)) if words else None
        if draft is not None:
            candidates.append(draft.name)
        candidates += [singular(c) for c in candidates] + [c + "s" for c in candidates]
        found = next((c for c in candidates if c in names), None)
        if found is None and candidates[0]:  # "weight" for weight_kg, "price" for unit_price:
            # the one field it begins or ends
            key = candidates[0]
            near = [n for n in names if n.startswith(key + "_") or n.endswith("_" + key)]
            found = near[0] if len(near) == 1 else None
        return found

    def relation_index(self, entity: str, phrase: str) -> int | None:
        """A relation of `entity` named by a phrase ("author", "tags", "the post")."""
        spec = self.spec()
        words = [w for w in tokens(phrase) if w not in ("relation", "link", "field")]
        key = "_".join(words)
        for i, r in enumerate(spec.relations):
            if r.source == entity and key in (r.name, singular(r.name), snake(r.target)):
                return i
            if r.target == entity and r.kind is RelationKind.MANY_TO_MANY:
                if singular(key) == snake(r.source):
                    return i
        return None

    def fields_of(self, entity: str) -> str:
        names = [f["name"] for f in self.fields(entity)]
        return ", ".join(names) if names else "no fields"

    # --- entities -----------------------------------------------------------------------

    def entity_there(
        self, entity: str, fields: list[Field], more: Sequence[str] = ()
    ) -> RefineError:
        """The answer to asking for `entity` when it exists: already so (a note) when it has
        every field asked for ("add a Comment entity with a body"); with a field it lacks, or
        `more` (links) besides, the request is more than that: a question."""
        if not more and all(self.field_name(entity, f.name) is not None for f in fields):
            return AlreadyDone(f"There is a {entity} entity already ({self.fields_of(entity)}).")
        return RefineError(f"There already is a {entity} entity.")

    def add_entity(self, phrase: str, fields: list[Field]) -> list[str]:
        key = noun_key(phrase, allow_app=True) or snake(phrase)
        name = pascal(key)
        if not name or not name[0].isalpha():
            raise RefineError(f"{phrase!r} is not a name I can give an entity.")
        if self.entity_or_none(name) == name:
            raise self.entity_there(name, fields)
        note = ""
        if not fields and too_vague(key):
            raise RefineError(
                f"{phrase!r} is too vague for me to build: what is it, and what does it hold? "
                "e.g. `add a Tag entity with a unique name`."
            )
        if not fields:
            defaults = (
                DEFAULT_FIELDS.get(key) or DEFAULT_FIELDS.get(key.split("_")[-1]) or ("name",)
            )
            fields = [d.to_field() for d in map(parse_field, defaults) if d is not None]
            note = " (no fields were given, so it has the usual ones)"
            self.usual[name] = [f.name for f in fields]
        fields = [whole_number(f) for f in fields]
        self.entities.append({"name": name, "fields": [_dump(f) for f in fields]})
        listed = ", ".join(describe_field(f) for f in fields)
        return [f"added entity {name} with {listed}{note}"]

    def remove_entity(self, name: str) -> list[str]:
        if name == "User" and self.data.get("auth") == "jwt":
            raise RefineError("User is needed for login; turn auth off first (`turn off auth`).")
        if len(self.entities) == 1:
            raise RefineError(f"{name} is the only entity; a project needs at least one.")
        changes = [f"removed entity {name}"]
        kept = []
        for r in self.relations:
            if name in (r["source"], r["target"]):
                changes.append(f"removed relation {_relation_words(r)}")
            else:
                kept.append(r)
        self.data["relations"] = kept
        for p in list(self.data.get("permissions", [])):
            if p["entity"] == name:
                self.data["permissions"].remove(p)
                changes.append(f"removed the permission rule on {name}")
        uploads = self.data.get("features", {}).get("uploads", [])
        uploads[:] = [u for u in uploads if u["entity"] != name]
        self.data["entities"] = [e for e in self.entities if e["name"] != name]
        return changes

    def rename_entity(self, name: str, new_phrase: str) -> list[str]:
        new = pascal(noun_key(new_phrase, allow_app=True) or new_phrase)
        if not new or not new[0].isalpha():
            raise RefineError(f"{new_phrase!r} is not a name I can give an entity.")
        if new in self.entity_names():
            raise RefineError(f"There already is a {new} entity.")
        if name == "User" and self.data.get("auth") == "jwt":
            raise RefineError("User is the login entity and keeps its name while auth is on.")
        self.entity(name)["name"] = new
        for r in self.relations:
            for end in ("source", "target"):
                if r[end] == name:
                    r[end] = new
        for p in self.data.get("permissions", []):
            if p["entity"] == name:
                p["entity"] = new
        for u in self.data.get("features", {}).get("uploads", []):
            if u["entity"] == name:
                u["entity"] = new
        for rule in self.data.get("rules", []):  # a rule names its entity (and a key's owner)
            for key in ("entity", "by"):
                if rule.get(key) == name:
                    rule[key] = new
        return [f"renamed entity {name} to {new} (tables, routes and relations follow)"]

    # --- fields -------------------------------------------------------------------------

    def add_field(self, entity: str, field: Field) -> list[str]:
        if too_vague(field.name):
            raise RefineError(
                f"{field.name.replace('_', ' ')!r} is too vague for me to add to {entity}: which "
                f"field, of what type? e.g. `add a published flag to {entity.lower()}s`."
            )
        if self.field_name(entity, field.name) == field.name:
            return self._merge_field(entity, field)
        field = picture_file(whole_number(field))
        self.fields(entity).append(_dump(field))
        changes = [f"added field {entity}.{describe_field(field)}"]
        if field.type is FieldType.FILE:
            changes += self.add_upload(entity, field.name)
        return changes

    def add_upload(self, entity: str, field: str) -> list[str]:
        """The upload endpoint a file field needs (nothing when it has one)."""
        listed = self.data.setdefault("features", {}).setdefault("uploads", [])
        if any(u["entity"] == entity and u["field"] == field for u in listed):
            return []
        listed.append({"entity": entity, "field": field})
        return [f"upload endpoint for {entity}.{field} (the default types)"]

    def _merge_field(self, entity: str, field: Field) -> list[str]:
        """ "tags have a unique name" where Tag has a name: the name becomes unique. A field
        of another type is a different field: that is a question, not a change."""
        there = self.field(entity, field.name)
        if there.type is not field.type:
            raise RefineError(
                f"{entity} already has a field {field.name} ({there.type.value}); to change "
                f"its type write `{field.name} of {entity.lower()} should be a {field.type.value}`."
            )
        changes: dict[str, Any] = {}
        if field.unique and not there.unique:
            changes["unique"] = True
        if not field.required and there.required:
            changes["required"] = False
        if field.default is not None and field.default != there.default:
            changes["default"] = field.default
        if field.choices and field.choices != there.choices:
            changes["choices"] = list(field.choices)
        if not changes:
            raise AlreadyDone(f"{entity} has a field {describe_field(there)} already.")
        return self.update_field(entity, field.name, **changes)

    def remove_field(self, entity: str, name: str) -> list[str]:
        self.entity(entity)["fields"] = [f for f in self.fields(entity) if f["name"] != name]
        changes = [f"removed field {entity}.{name}"]
        uploads = self.data.get("features", {}).get("uploads", [])
        if any(u["entity"] == entity and u["field"] == name for u in uploads):
            uploads[:] = [u for u in uploads if not (u["entity"] == entity and u["field"] == name)]
            changes.append(f"removed the {name} upload of {entity}")
        return changes

    def rename_field(self, entity: str, name: str, new_phrase: str) -> list[str]:
        new = snake(new_phrase)
        if self.field_name(entity, new) == new:
            raise RefineError(f"{entity} already has a field {new}.")
        for f in self.fields(entity):
            if f["name"] == name:
                f["name"] = new
        for u in self.data.get("features", {}).get("uploads", []):
            if u["entity"] == entity and u["field"] == name:
                u["field"] = new
        return [f"renamed field {entity}.{name} to {new}"]

    def update_field(self, entity: str, name: str, **changes: Any) -> list[str]:
        """Change attributes of a field (type, required, unique, default, choices)."""
        before = self.field(entity, name)
        data = {**before.model_dump(mode="json"), **changes}
        if data["type"] != FieldType.ENUM.value:
            data["choices"] = []
        if data["type"] == FieldType.ENUM.value and data["default"] not in data["choices"]:
            data["default"] = None
        if changes.get("type") not in (None, before.type.value) and "default" not in changes:
            data["default"] = None  # a default of the old type would not fit
        after = Field.model_validate(data)
        if after == before:
            raise AlreadyDone(f"{entity}.{describe_field(before)} is like that already.")
        for i, f in enumerate(self.fields(entity)):
            if f["name"] == name:
                self.fields(entity)[i] = _dump(after)
        return [f"changed field {entity}.{describe_field(before)} to {describe_field(after)}"]

    # --- relations ----------------------------------------------------------------------

    def add_relation(self, relation: Relation) -> list[str]:
        for r in self.spec().relations:
            same_pair = {r.source, r.target} == {relation.source, relation.target}
            if (
                same_pair
                and r.kind is relation.kind
                and (
                    r.name == relation.name
                    or r.kind is RelationKind.MANY_TO_MANY  # one link, said from the other side
                    and r.name == default_relation_name(r.kind, r.target)
                    and relation.name == default_relation_name(relation.kind, relation.target)
                )
            ):
                raise AlreadyDone(f"{_relation_words(_dump(r))} is already in the spec.")
        self.relations.append(_dump(relation, keep={"kind", "source", "target"}))
        return [f"added relation {_relation_words(_dump(relation))}"]

    def remove_relation(self, index: int) -> list[str]:
        removed = self.relations.pop(index)
        return [f"removed relation {_relation_words(removed)}"]


_WHOLE_NUMBERS = ("rating", "stars", "score", "rank")  # counted, never fractional


# The last word of a field name that means a picture someone uploads ("cover image"), where the
# parser's word list reads a link to one; "image url" and "photo link" stay links.
PICTURE_WORDS = frozenset("image photo picture avatar logo thumbnail scan headshot".split())


# The last word of a field name that means a document someone uploads ("an attachment").
DOCUMENT_WORDS = frozenset("attachment attachments document pdf upload".split())


def picture_file(field: Field) -> Field:
    """A url-typed field named for a picture, or a text one named for a document, is a file to
    upload (and so optional)."""
    last = field.name.split("_")[-1]
    if (field.type is FieldType.URL and last in PICTURE_WORDS) or (
        field.type is FieldType.STRING and last in DOCUMENT_WORDS
    ):
        return field.model_copy(update={"type": FieldType.FILE, "required": False})
    return field


def whole_number(field: Field) -> Field:
    """A rating or a score the parser read as a float is an integer ("a rating from 1 to 5")."""
    last = field.name.split("_")[-1]
    if field.type is FieldType.FLOAT and last in _WHOLE_NUMBERS:
        return field.model_copy(update={"type": FieldType.INTEGER})
    return field


def _dump(model: Field | Relation, keep: set[str] | None = None) -> Data:
    data: Data = model.model_dump(mode="json", exclude_defaults=True)
    if isinstance(model, Relation) and data.get("name") == Relation(**{**data, "name": ""}).name:
        data.pop("name")
    for key in keep or ():
        data[key] = model.model_dump(mode="json")[key]
    return data


def _relation_words(r: Data) -> str:
    if r["kind"] == RelationKind.MANY_TO_MANY.value:
        return f"{r['source']} ↔ {r['target']} (many to many)"
    optional = "" if r.get("required", True) else " (optional)"
    return f"{r['source']} belongs to {r['target']}{optional}"
