"""An OpenAPI 3 document -> entities with the document's own paths, parameters and methods.

components/schemas give entities and fields (types and formats, required, enum, maxLength,
default; readOnly and `id` skipped); a `$ref` to another schema or an integer `<x>Id` gives a
many-to-one relation, an array of `$ref` a many-to-many one. Paths give each entity its `path`,
`id_param` (`/pets/{petId}` -> "/pets", "pet_id") and `operations` (only the methods defined).
Paths that are not CRUD over a schema are left out with a note. No I/O.
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.naming import RESERVED_FIELD_NAMES, is_identifier, pascal, singular, snake, words
from pipeline.parse.draft import Draft, DraftRelation
from pipeline.parse.features import detect_domain, slug
from pipeline.parse.fields import infer_type
from pipeline.parse.vocab import FIELD_RENAMES, IMPLICIT_FIELDS, MONEY_WORDS
from pipeline.spec import Field, FieldType, Operation, RelationKind

Schema = dict[str, Any]

# Name parts that mark a variant of a schema ("NewPet", "PetCreate", "PetOut").
_VARIANTS = {
    "new",
    "create",
    "update",
    "patch",
    "input",
    "in",
    "out",
    "read",
    "response",
    "request",
    "base",
    "public",
    "detail",
    "details",
    "data",
    "payload",
    "body",
}
_ERROR_SCHEMAS = re.compile(r"error|problem|exception|message|validation", re.I)
_COLLECTION_OPS = {"get": Operation.LIST, "post": Operation.CREATE}
_ITEM_OPS = {
    "get": Operation.READ,
    "put": Operation.UPDATE,
    "patch": Operation.UPDATE,
    "delete": Operation.DELETE,
}
_FORMATS = {
    "date": FieldType.DATE,
    "date-time": FieldType.DATETIME,
    "email": FieldType.EMAIL,
    "uri": FieldType.URL,
    "url": FieldType.URL,
    "uuid": FieldType.UUID,
    "binary": FieldType.FILE,
    "byte": FieldType.FILE,
}


def is_openapi(data: object) -> bool:
    return isinstance(data, dict) and str(data.get("openapi", "")).startswith("3")


def read_openapi(doc: Schema, draft: Draft) -> None:
    schemas: dict[str, Schema] = (doc.get("components") or {}).get("schemas") or {}
    info = doc.get("info") or {}
    reader = _Reader(schemas, draft)
    reader.paths(doc.get("paths") or {})
    if not draft.entities and not doc.get("paths"):
        for name, schema in schemas.items():
            if _is_object(reader.merged(schema)) and not _ERROR_SCHEMAS.search(name):
                reader.schema_entity(name)
    reader.fields()
    schemes = (doc.get("components") or {}).get("securitySchemes") or {}
    for scheme in schemes.values():
        kind, how = str(scheme.get("type", "")), str(scheme.get("scheme", "")).lower()
        if kind in ("oauth2", "openIdConnect") or (kind == "http" and how == "bearer"):
            draft.auth = True
        elif kind:
            draft.auth = True
            draft.note(f"Security scheme {kind} {how} is served as JWT bearer authentication.")
    title = str(info.get("title") or "")
    draft.name = draft.name or slug([w for w in words(title) if w != "api"])
    draft.title = draft.title or title
    draft.domain = draft.domain or detect_domain(
        f"{title} {info.get('description') or ''}", list(draft.entities)
    )


class _Reader:
    def __init__(self, schemas: dict[str, Schema], draft: Draft) -> None:
        self.schemas, self.draft = schemas, draft
        self.schema_of: dict[str, str] = {}  # entity key -> schema name
        self.variants: dict[str, list[str]] = {}  # entity key -> every schema read into it

    def resolve(self, schema: Schema) -> tuple[str, Schema]:
        """Follow a local `$ref`; returns (schema name or "", schema)."""
        ref = schema.get("$ref") if isinstance(schema, dict) else None
        if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
            name = ref.rsplit("/", 1)[1]
            return name, self.schemas.get(name) or {}
        return "", schema if isinstance(schema, dict) else {}

    def merged(self, schema: Schema) -> Schema:
        """A schema with its `allOf` parts folded into one properties/required pair."""
        _, schema = self.resolve(schema)
        props: dict[str, Schema] = {}
        required: list[str] = []
        for part in [*(schema.get("allOf") or []), schema]:
            part = self.merged(part) if part is not schema else part
            props.update(part.get("properties") or {})
            required += [r for r in part.get("required") or [] if r not in required]
        return {**schema, "properties": props, "required": required}

    def base_name(self, name: str) -> str:
        parts = words(name)
        while len(parts) > 1 and parts[0] in _VARIANTS:
            parts = parts[1:]
        while len(parts) > 1 and parts[-1] in _VARIANTS:
            parts = parts[:-1]
        return "_".join(parts[:-1] + [singular(parts[-1])]) if parts else ""

    def schema_entity(self, name: str) -> str:
        key = self.base_name(name)
        entity = self.draft.entity(key)
        entity.description = entity.description or str(
            (self.schemas.get(name) or {}).get("description") or ""
        )
        self.schema_of.setdefault(key, name)
        if name not in self.variants.setdefault(key, []):
            self.variants[key].append(name)
        return key

    def paths(self, paths: dict[str, Any]) -> None:
        resources: dict[str, tuple[str, set[Operation], str]] = {}
        for path, item in paths.items():
            if not isinstance(item, dict):
                continue
            base, param, ok = _split_path(path)
            methods = [m for m in item if m in ("get", "post", "put", "patch", "delete")]
            name = self._schema_for(item, methods, base)
            if not ok or not name or not methods:
                self.draft.note(f"Left out {path}: not create/read/update/delete over a schema.")
                continue
            table = _ITEM_OPS if param else _COLLECTION_OPS
            ops = {table[m] for m in methods if m in table}
            key = self.schema_entity(name)
            known_base, known_ops, known_param = resources.get(key, (base, set(), ""))
            if known_base != base:
                self.draft.note(
                    f"Left out {path}: {pascal(key)} is already served at {known_base}."
                )
                continue
            resources[key] = (base, known_ops | ops, param or known_param)
        for key, (base, ops, param) in resources.items():
            entity = self.draft.entity(key)
            entity.path = base
            entity.id_param = snake(param) if param else ""
            entity.operations = [op for op in Operation if op in ops]

    def _schema_for(self, item: dict[str, Any], methods: list[str], base: str) -> str:
        """The schema a path serves: a `$ref` in a body, else one named like the path, else an
        inline object schema (registered under the path's singular name)."""
        inline: Schema = {}
        for method in methods:
            op = item.get(method) or {}
            bodies = [(op.get("requestBody") or {}).get("content") or {}]
            for code in ("200", "201", 200, 201):
                bodies.append(((op.get("responses") or {}).get(code) or {}).get("content") or {})
            for content in bodies:
                for media in content.values():
                    schema = (media or {}).get("schema") or {}
                    if schema.get("type") == "array":
                        schema = schema.get("items") or {}
                    name, _ = self.resolve(schema)
                    if name:
                        return name
                    if _is_object(schema) and not inline:
                        inline = schema
        wanted = singular(base.rstrip("/").rsplit("/", 1)[-1].replace("-", "_"))
        named = next((n for n in self.schemas if self.base_name(n) == wanted), "")
        if named or not inline or not wanted:
            return named
        name = pascal(wanted)
        self.schemas[name] = inline
        return name

    def fields(self) -> None:
        """Fields and relations of every entity, from all of its schema variants."""
        done: set[str] = set()
        while pending := [k for k in list(self.variants) if k not in done]:
            for key in pending:
                done.add(key)
                props: dict[str, Schema] = {}
                required: set[str] = set()
                for name in self.variants[key]:
                    merged = self.merged(self.schemas.get(name) or {})
                    for prop, schema in merged["properties"].items():
                        props.setdefault(prop, schema)
                    required |= set(merged["required"])
                for prop, schema in props.items():
                    self._property(key, prop, schema, prop in required)

    def _property(self, key: str, prop: str, schema: Schema, required: bool) -> None:
        name = snake(prop)
        ref_name, target = self.resolve(schema)
        if schema.get("readOnly") or name in IMPLICIT_FIELDS or target.get("readOnly"):
            return
        if ref_name and _is_object(self.merged(target)):
            other = self.schema_entity(ref_name)
            self._relation(RelationKind.MANY_TO_ONE, key, other, name, required)
            return
        if schema.get("type") == "array":
            item_name, item = self.resolve(schema.get("items") or {})
            if item_name and _is_object(self.merged(item)):
                other = self.schema_entity(item_name)
                self._relation(RelationKind.MANY_TO_MANY, key, other, name, False)
            else:
                self.draft.note(
                    f"{pascal(key)}.{name} (a list of values) is not supported; left out."
                )
            return
        if m := re.fullmatch(r"(.+?)_id", name):
            other = next((n for n in self.schemas if self.base_name(n) == m.group(1)), "")
            if other and other not in self.variants.get(key, []):
                self._relation(
                    RelationKind.MANY_TO_ONE, key, self.schema_entity(other), m.group(1), required
                )
                return
        if name in RESERVED_FIELD_NAMES or not is_identifier(name):
            renamed = FIELD_RENAMES.get(name, f"{name}_value")
            self.draft.note(f"{pascal(key)}.{prop} is a reserved name; the field is `{renamed}`.")
            name = renamed
        field = _field(name, target or schema, required)
        if field is None:
            self.draft.note(
                f"{pascal(key)}.{name} ({schema.get('type', 'object')}) is not supported; left out."
            )
            return
        self.draft.entity(key).items.append(field)

    def _relation(
        self, kind: RelationKind, source: str, target: str, name: str, required: bool
    ) -> None:
        name = name if kind is RelationKind.MANY_TO_MANY or name != target else ""
        self.draft.relations.append(
            DraftRelation(kind=kind, source=source, target=target, name=name, required=required)
        )


def _split_path(path: str) -> tuple[str, str, bool]:
    """ "/pets/{petId}" -> ("/pets", "petId", True); nested or action paths -> ok False."""
    parts = [p for p in path.strip("/").split("/") if p]
    param = ""
    if parts and re.fullmatch(r"\{[^}]+\}", parts[-1]):
        param = parts.pop()[1:-1]
    ok = bool(parts) and not any("{" in p for p in parts)
    return "/" + "/".join(parts), param, ok


def _is_object(schema: Schema) -> bool:
    return schema.get("type") == "object" or bool(schema.get("properties"))


def _field(name: str, schema: Schema, required: bool) -> Field | None:
    kind = schema.get("type")
    nullable = bool(schema.get("nullable"))
    if isinstance(kind, list):
        nullable = nullable or "null" in kind
        kind = next((k for k in kind if k != "null"), None)
    fmt = str(schema.get("format") or "")
    choices = [str(c) for c in schema.get("enum") or [] if c is not None]
    if choices:
        type_ = FieldType.ENUM
    elif kind == "string":
        if fmt == "password" or schema.get("writeOnly"):
            return None
        inferred = infer_type(name.split("_"))
        type_ = _FORMATS.get(fmt) or (
            inferred
            if inferred in (FieldType.EMAIL, FieldType.PHONE, FieldType.URL, FieldType.TEXT)
            else FieldType.STRING
        )
    elif kind == "integer":
        type_ = FieldType.INTEGER
    elif kind == "number":
        money = fmt == "decimal" or set(name.split("_")) & MONEY_WORDS
        type_ = FieldType.DECIMAL if money else FieldType.FLOAT
    elif kind == "boolean":
        type_ = FieldType.BOOLEAN
    else:
        return None
    default = schema.get("default")
    if not isinstance(default, str | int | float | bool) or (
        choices and str(default) not in choices
    ):
        default = None
    elif choices:
        default = str(default)
    max_length = schema.get("maxLength")
    return Field(
        name=name,
        type=type_,
        required=required and not nullable and type_ is not FieldType.FILE,
        default=default,
        choices=choices,
        max_length=max_length if isinstance(max_length, int) else None,
        description=str(schema.get("description") or ""),
    )
