"""An OpenAPI document's paths and schemas as the patterns read them: path segments, `$ref`s
followed, the properties of bodies and answers, and names as words write them. No I/O."""

from __future__ import annotations

import re
from typing import Any

from pipeline.contract.document import ApiOperation, media_essence, route_key

_TEXT = ("text/plain", "text/html")


_BINARY = ("image/", "audio/", "video/", "application/octet-stream", "application/pdf")


def is_param(segment: str) -> bool:
    return segment.startswith("{") and segment.endswith("}")


def path_segments(path: str) -> list[str]:
    return [s for s in path.strip("/").split("/") if s]


def collection_path(segments: list[str]) -> str:
    return route_key("", "/" + "/".join(segments)).strip()


def path_params(segments: list[str]) -> list[str]:
    return [s[1:-1] for s in segments if is_param(s)]


class Schemas:
    """The document's schemas, `$ref`s followed."""

    def __init__(self, doc: dict[str, Any]):
        self.doc = doc

    def resolve(self, node: Any, depth: int = 0) -> dict[str, Any]:
        """`node` with its `$ref` followed; words beside the `$ref` (a `default`) hold over the
        target's, as OpenAPI 3.1 reads them."""
        beside: dict[str, Any] = {}
        while isinstance(node, dict) and isinstance(node.get("$ref"), str) and depth < 8:
            beside = {**{k: v for k, v in node.items() if k != "$ref"}, **beside}
            target: Any = self.doc
            for part in node["$ref"].lstrip("#/").split("/"):
                target = target.get(part, {}) if isinstance(target, dict) else {}
            node, depth = target, depth + 1
        if not isinstance(node, dict):
            return {}
        node = self._folded(node, depth)
        return {**node, **beside} if beside else node

    def _folded(self, node: dict[str, Any], depth: int) -> dict[str, Any]:
        """A value's schema written as `allOf` parts with no properties (an enum `$ref` wrapped
        to give it a default): the parts' words merged, the node's own over them. An object's
        `allOf` stays as written (`properties` merges its parts)."""
        parts = node.get("allOf")
        if not isinstance(parts, list) or "properties" in node or depth >= 8:
            return node
        resolved = [self.resolve(part, depth + 1) for part in parts]
        if any("properties" in part or "allOf" in part for part in resolved):
            return node
        merged: dict[str, Any] = {}
        for part in resolved:
            merged.update(part)
        merged.update({k: v for k, v in node.items() if k != "allOf"})
        return merged

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

    def body_of(self, op_key: str) -> dict[str, Any]:
        """The request body's properties of the operation "METHOD /path"."""
        method, path = op_key.split(" ", 1)
        return self.body_properties(ApiOperation(method=method, path=path))

    def answer_of(self, op_key: str) -> dict[str, Any]:
        """The properties a create ("METHOD /path") answers with, under 201 or else 200."""
        method, path = op_key.split(" ", 1)
        for code in ("201", "200"):
            found = self.response_properties(
                ApiOperation(method=method, path=path, responses={code: []})
            )
            if found:
                return found
        return {}

    def response_kind(self, op: ApiOperation) -> str:
        """ "array", "envelope", "object", "text", "binary", "other" or "" (no content) for the
        success response."""
        responses = self.resolve(self.operation(op).get("responses"))
        code = str(op.success)  # YAML may read a status code as a number
        response = self.resolve(next((v for k, v in responses.items() if str(k) == code), None))
        content = response.get("content")
        for raw_media, spec in (content if isinstance(content, dict) else {}).items():
            media = media_essence(raw_media)  # "application/json; charset=utf-8" is JSON
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


def words_of(node: dict[str, Any]) -> str:
    return " ".join(str(node.get(k, "")) for k in ("summary", "description", "title"))


def norm(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def spoken(name: str) -> str:
    """A pattern for a property name as words would write it ("short_code": "short[ _-]?code")."""
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", name)
    parts = [re.escape(p) for p in re.split(r"[^A-Za-z0-9]+", spaced) if p]
    return "[ _-]?".join(parts) or re.escape(name)


def is_number(prop: dict[str, Any]) -> bool:
    """Whether a property's declared type is a number or an integer (alone or in a list)."""
    kind = prop.get("type")
    kinds = kind if isinstance(kind, list) else [kind]
    return bool({"number", "integer"} & {k for k in kinds if isinstance(k, str)})


def nested_below(collection: str, creates: dict[str, str]) -> list[str]:
    """The collections nested right below `collection` ("/shows/{}/episodes" of "/shows")."""
    depth = collection.count("/") + 2
    return [c for c in creates if c.startswith(collection + "/{}/") and c.count("/") == depth]


def word_forms(word: str) -> set[str]:
    """A collection's word and its singulars ("boxes": "boxes", "boxe", "box")."""
    return {word, word.rstrip("s"), word[:-2] if word.endswith("es") else word} - {""}


def names_word(text: str, word: str) -> bool:
    """Whether `text` names the collection `word` in any of its forms, singular or plural."""
    forms = "|".join(map(re.escape, word_forms(word)))
    return bool(forms) and re.search(rf"\b({forms})s?\b", text, re.I) is not None


_REFERENCE = re.compile(r"(.+?)_?(id|Id|ID)")  # "book_id", "authorId", "userID"


def referred_collection(name: str, collections: list[str] | dict[str, Any]) -> str:
    """The collection a property named `<stem>_id` names a record of ("book_id": "/books",
    "categoryId": "/categories", "cart_item_id": "/cart-items"), else "": a top-level one whose
    last word is the stem's plural (or the stem), else the one nested collection that is."""
    match = _REFERENCE.fullmatch(name)
    if match is None:
        return ""
    stem = norm(match.group(1))
    forms = {stem, stem + "s", stem + "es"}
    forms |= {stem[:-1] + "ies"} if stem.endswith("y") else set()
    named = [c for c in collections if norm(c.rstrip("/").rsplit("/", 1)[-1]) in forms]
    top = [c for c in named if "/" not in c.strip("/")]
    nested = [c for c in named if c not in top]
    return top[0] if top else nested[0] if len(nested) == 1 else ""
