"""Random and mutated OpenAPI documents never crash the reader: a spec or a SpecError.

The seeds are the documents of tests/corpus/openapi/; hypothesis mutates them (a node replaced
by a random value, a key dropped, a `schema:` written loosely as a bare type name) and also
builds small documents from scratch. Both readers are tried: the entity reader
(`pipeline.parse`) and the operation reader (`pipeline.contract`), and the router rendered from
whatever operations were read (implemented or stubs) compiles, beside its plans as JSON.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.contract import ROUTER_PATH, implement_contract, read_operations
from pipeline.errors import SpecError
from pipeline.parse import parse_spec, parse_spec_with_notes
from pipeline.render import render_project

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "openapi"
SEEDS = [
    yaml.safe_load(p.read_text(encoding="utf-8"))
    for p in sorted(CORPUS.iterdir())
    if p.suffix in {".yaml", ".json"}
]
BASE = render_project(parse_spec((CORPUS / "notes.yaml").read_text(encoding="utf-8")))
FUZZ = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 300),
    st.sampled_from(["string", "integer", "object", "array", "", "#/components/schemas/Nope"]),
    st.text(max_size=8),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(
            st.sampled_from(["type", "$ref", "schema", "items", "properties", "get", "in", "name"]),
            inner,
            max_size=3,
        ),
    ),
    max_leaves=6,
)


def _nodes(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path into the document: dict keys and list indexes."""
    found = [path]
    if isinstance(node, dict):
        for key, child in node.items():
            found += _nodes(child, (*path, key))
    elif isinstance(node, list):
        for i, child in enumerate(node):
            found += _nodes(child, (*path, i))
    return found


@st.composite
def mutated(draw: st.DrawFn) -> dict[str, Any]:
    doc = copy.deepcopy(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(_nodes(doc)[1:]))
        parent = doc
        for key in path[:-1]:
            parent = parent[key]
        action = draw(st.sampled_from(["replace", "drop", "loose"]))
        if action == "drop" and isinstance(parent, dict):
            del parent[path[-1]]
        elif action == "loose" and isinstance(parent, dict):
            parent[path[-1]] = draw(st.sampled_from(["string", "integer", "object", 3, None]))
        else:
            parent[path[-1]] = draw(values)
    return doc


def _reads_or_refuses(doc: Any, *, as_json: bool) -> None:
    body = json.dumps(doc) if as_json else yaml.safe_dump(doc, sort_keys=False)
    text = f"Please build this.\n\n```{'json' if as_json else 'yaml'}\n{body}\n```\n"
    try:
        parse_spec_with_notes(text)
    except SpecError as exc:
        assert exc.message.strip()
    try:
        read_operations(doc)
    except SpecError as exc:
        assert exc.message.strip()
        return
    files = implement_contract(BASE, doc).files
    compile(files[ROUTER_PATH], ROUTER_PATH, "exec")  # valid Python for any document
    assert isinstance(json.loads(files["app/contract/document.json"])["x-codebegen"], dict)


@FUZZ
@given(mutated(), st.booleans())
def test_mutated_documents_are_read_or_refused_with_a_spec_error(
    doc: dict[str, Any], as_json: bool
) -> None:
    _reads_or_refuses(doc, as_json=as_json)


@FUZZ
@given(
    st.sampled_from(["3.0.3", "3.1.0", "3"]),
    st.dictionaries(
        st.sampled_from(["/things", "/things/{id}", "/x/{a}/y", "/", "things"]),
        st.one_of(values, st.dictionaries(st.sampled_from(["get", "post", "put"]), values)),
        max_size=3,
    ),
    st.one_of(values, st.fixed_dictionaries({"schemas": values})),
)
def test_random_documents_are_read_or_refused_with_a_spec_error(
    version: str, paths: dict[str, Any], components: Any
) -> None:
    doc = {"openapi": version, "info": {"title": "T"}, "paths": paths, "components": components}
    _reads_or_refuses(doc, as_json=False)


LOOSE = """\
openapi: 3.0.0
info: {title: Loose}
paths:
  /things:
    get:
      responses:
        '200':
          content:
            application/json:
              schema: string
    post:
      requestBody:
        content:
          application/json:
            schema: Thing
      responses: {'201': {description: ok}}
components:
  schemas:
    Thing:
      properties:
        name: string
        size: {type: integer}
"""


def test_a_bare_type_name_as_schema_is_read_without_a_traceback() -> None:
    try:
        spec, _ = parse_spec_with_notes(LOOSE)
    except SpecError as exc:
        assert "OpenAPI" in exc.message
    else:
        assert spec.entities
    ops = read_operations(yaml.safe_load(LOOSE))
    assert [(op.method, op.path) for op in ops] == [("GET", "/things"), ("POST", "/things")]
