"""Strings of an input OpenAPI document cannot become code in the project served from it.

A document project's `app/contract/` files are copied verbatim; what varies is the router
(`app/routers/api.py`, one function per operation) and the document itself as data. Hostile
strings go into every free-text slot of a document: titles, descriptions, operation ids, parameter
names, enum values, property names and examples. Every generated Python file must compile and call
nothing the templates did not write, and the document must arrive as the same document.
"""

from __future__ import annotations

import ast
import json

import pytest
import yaml

from pipeline.contract import render_contract_project
from pipeline.parse import parse_spec

PAYLOAD = '__import__("os").system("touch /tmp/pwned")'
HOSTILE = [f'x"""; {PAYLOAD} #', f"x'''; {PAYLOAD} #", "braces {x} {{ y }} {% if 1 %}", "bs \\"]

DOCUMENT = {
    "openapi": "3.0.3",
    "info": {"title": HOSTILE[0], "version": "1.0", "description": HOSTILE[1]},
    "paths": {
        "/notes": {
            "get": {
                "operationId": HOSTILE[0],
                "summary": HOSTILE[2],
                "parameters": [
                    {"name": HOSTILE[1], "in": "query", "schema": {"type": "string"}},
                    {
                        "name": "sort",
                        "in": "query",
                        "schema": {"type": "string", "enum": HOSTILE, "default": HOSTILE[3]},
                    },
                ],
                "responses": {
                    "200": {
                        "description": HOSTILE[0],
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "array",
                                    "items": {"$ref": "#/components/schemas/Note"},
                                }
                            }
                        },
                    }
                },
            },
            "post": {
                "operationId": "createNote",
                "description": PAYLOAD,
                "requestBody": {
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Note"}}
                    }
                },
                "responses": {"201": {"description": "made"}, "400": {"description": HOSTILE[1]}},
            },
        },
        "/notes/{noteId}": {
            "get": {
                "operationId": HOSTILE[1],
                "parameters": [
                    {
                        "name": "noteId",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string"},
                    },
                    {"name": HOSTILE[0], "in": "header", "schema": {"type": "string"}},
                ],
                "responses": {"200": {"description": "one", "content": {"text/html": {}}}},
            }
        },
    },
    "components": {
        "schemas": {
            "Note": {
                "type": "object",
                "description": HOSTILE[0],
                "properties": {
                    HOSTILE[0]: {"type": "string", "example": PAYLOAD},
                    "kind": {"type": "string", "enum": HOSTILE},
                    "body": {"type": "string", "default": HOSTILE[1]},
                },
            }
        }
    },
}


@pytest.fixture(scope="module")
def files() -> dict[str, str]:
    text = "A notes service.\n\n```yaml\n" + yaml.safe_dump(DOCUMENT, sort_keys=False) + "```\n"
    return render_contract_project(parse_spec(text), DOCUMENT).files


def test_every_generated_python_file_compiles_and_calls_nothing_hostile(files) -> None:
    python = {p: t for p, t in files.items() if p.endswith(".py")}
    assert "app/routers/api.py" in python
    for path, text in python.items():
        for node in ast.walk(ast.parse(text, path)):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
                assert name not in {"__import__", "system"}, f"{path}:{node.lineno}"


def test_each_operation_is_routed_at_its_own_path(files) -> None:
    router = ast.parse(files["app/routers/api.py"])
    routed = {
        (deco.func.attr, deco.args[0].value)
        for node in ast.walk(router)
        if isinstance(node, ast.AsyncFunctionDef)
        for deco in node.decorator_list
        if isinstance(deco, ast.Call) and isinstance(deco.func, ast.Attribute) and deco.args
    }
    assert routed == {("get", "/notes"), ("post", "/notes"), ("get", "/notes/{noteId}")}


def test_the_document_arrives_as_the_same_document(files) -> None:
    served = json.loads(files["app/contract/document.json"])
    served.pop("x-codebegen")
    assert served == DOCUMENT
    assert yaml.safe_load(files["contract/openapi.input.yaml"]) == DOCUMENT
