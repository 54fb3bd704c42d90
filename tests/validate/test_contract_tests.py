"""Validation's contract tests: schemathesis requests derived from the input OpenAPI document, run
against the booted app, judge status codes, content types and response bodies.

The apps here are small FastAPI projects written in the test, each differing from the document
in one way (or not at all); they run only in the sandbox (`served_project`).
"""

from __future__ import annotations

import sys
import tomllib
from typing import Any

import yaml

from pipeline import sandbox
from pipeline.contract import INPUT_PATH
from pipeline.contract.selftest import SELFTEST_PATH, with_contract_tests
from pipeline.validate import validate_files
from pipeline.validate.acceptance import served_project
from pipeline.validate.checks import write_files
from pipeline.validate.conformance import OperationResult, run_contract_tests, tally

DOCUMENT = yaml.safe_load("""
openapi: 3.0.3
info: {title: Things, version: '1'}
servers: [{url: 'https://api.example.com/v2'}]
paths:
  /things:
    post:
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [name]
              properties: {name: {type: string}}
      responses:
        '201':
          description: Created
          content:
            application/json:
              schema:
                type: object
                required: [id, name]
                properties: {id: {type: integer}, name: {type: string}}
  /hello:
    get:
      responses:
        '200':
          description: A greeting
          content:
            text/plain:
              schema: {type: string}
""")

APP = """\
from fastapi import FastAPI
from fastapi.responses import JSONResponse, PlainTextResponse
from pydantic import BaseModel

app = FastAPI()


class ThingIn(BaseModel):
    name: str


@app.post("/things", status_code={status})
def create(thing: ThingIn) -> dict[str, object]:
    return {{"id": 1, "name": thing.name}}


@app.get("/hello", response_class={response})
def hello() -> object:
    return {body}
"""


def _app(status: int = 201, *, json_hello: bool = False) -> dict[str, str]:
    response, body = (
        ("JSONResponse", '{"text": "hi"}') if json_hello else ("PlainTextResponse", '"hi"')
    )
    main = APP.format(status=status, response=response, body=body)
    return {"app/__init__.py": "", "app/main.py": main}


def _results(files: dict[str, str]) -> dict[str, OperationResult]:
    with served_project(files) as url:
        return {r.key: r for r in run_contract_tests(DOCUMENT, url, max_examples=3)}


def test_an_app_that_answers_as_declared_is_conformant() -> None:
    results = _results(_app())
    assert results["POST /things"].conformant, results["POST /things"].failures
    assert results["GET /hello"].conformant, results["GET /hello"].failures


def test_200_where_the_document_declares_201_fails_the_operation() -> None:
    results = _results(_app(status=200))
    assert not results["POST /things"].conformant
    assert any("status code" in f.lower() for f in results["POST /things"].failures)
    assert results["GET /hello"].conformant


def test_json_where_the_document_declares_text_plain_fails_the_operation() -> None:
    results = _results(_app(json_hello=True))
    assert not results["GET /hello"].conformant
    assert any("content-type" in f.lower() for f in results["GET /hello"].failures)


def test_a_missing_body_that_the_document_forgot_to_require_may_be_refused() -> None:
    """The document leaves `required: true` off a body whose schema requires `name`: a request
    without a body can get no declared answer that is right, so the app's 422 is tolerated; a
    422 to a request with a body is still a failure."""
    loose = yaml.safe_load(yaml.safe_dump(DOCUMENT))
    del loose["paths"]["/things"]["post"]["requestBody"]["required"]
    refuses_all = (
        APP.format(status=201, response="PlainTextResponse", body='"hi"')
        .replace("def create(thing: ThingIn)", "def create(thing: ThingIn | None = None)")
        .replace('return {"id": 1, "name": thing.name}', "raise HTTPException(422)")
    )
    refuses_all = "from fastapi import HTTPException\n" + refuses_all
    with served_project({"app/__init__.py": "", "app/main.py": refuses_all}) as url:
        result = {r.key: r for r in run_contract_tests(loose, url, max_examples=20)}
    things = result["POST /things"]
    assert things.tolerated >= 1  # the requests without a body
    assert any("422" in f for f in things.failures)  # the ones with a body


def test_a_501_stub_counts_as_served_but_not_implemented() -> None:
    served: dict[str, Any] = {
        "paths": {
            "/things": {"post": {"responses": {"201": {}, "501": {}}}},
            "/hello": {"get": {"responses": {"200": {}}}},
        }
    }
    failed = OperationResult("POST /things", calls=3, failures=["Server error (501)"])
    fine = OperationResult("GET /hello", calls=1)
    counts, lines, broken = tally(DOCUMENT, served, [failed, fine])
    assert (counts.operations, counts.served, counts.implemented, counts.conformant) == (2, 2, 1, 1)
    assert broken == []  # a stub is listed as not implemented, not as a broken operation
    assert lines[0].startswith("POST /things: not implemented (501)")


def test_an_answer_only_refused_for_want_of_credentials_is_not_counted_conformant() -> None:
    refused = OperationResult("GET /hello", calls=3, tolerated=3)
    assert not refused.conformant and not refused.failures
    assert "not verified" in refused.verdict


def test_an_operation_refused_where_the_document_gives_no_credentials_is_not_verifiable() -> None:
    refused = OperationResult("GET /hello", calls=3, tolerated=3, no_credentials=True, secured=True)
    refused.tolerated_codes = {401}
    assert refused.unverifiable and not refused.conformant
    assert "not verifiable" in refused.verdict and "no way to obtain credentials" in refused.verdict
    served: dict[str, Any] = {"paths": {"/hello": {"get": {"responses": {"200": {}}}}}}
    only_hello = {**DOCUMENT, "paths": {"/hello": DOCUMENT["paths"]["/hello"]}}
    counts, _, _ = tally(only_hello, served, [refused])
    assert (counts.conformant, counts.unverifiable) == (0, 1)
    assert "1 not verifiable" in counts.line()


def test_a_refused_operation_is_not_unverifiable_where_credentials_were_obtained() -> None:
    refused = OperationResult("GET /hello", calls=3, tolerated=3, no_credentials=False)
    assert not refused.unverifiable and "not verified" in refused.verdict


def test_validation_reports_the_contract_tests_and_the_counts() -> None:
    files = {**_app(status=200), INPUT_PATH: yaml.safe_dump(DOCUMENT)}
    report = validate_files(files, postgres_url=None, timeout_s=60)
    check = report.check("contract tests")
    assert check.failed
    assert "POST /things" in check.summary and "status code" in check.summary.lower()
    assert report.contract is not None
    assert (report.contract.operations, report.contract.served) == (2, 2)
    assert report.contract.conformant == 1
    assert "2 served, 2 implemented, 1 conformant" in report.to_markdown()


def _run_own_contract_tests(files: dict[str, str]) -> sandbox.SandboxResult:
    project = with_contract_tests({**files, INPUT_PATH: yaml.safe_dump(DOCUMENT)})
    with sandbox.workspace("cbg-test-selftest-") as ws:
        write_files(project, ws / "project")
        served = sandbox.copy_project(ws / "project", ws / "run")
        cmd = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "contract"]
        return sandbox.run_sandboxed(cmd, cwd=served, env={}, timeout_s=120)


def test_the_projects_own_contract_tests_pass_a_conforming_app() -> None:
    result = _run_own_contract_tests(_app())
    assert result.ok, result.output[-3000:]
    assert "2 passed" in result.stdout


def test_the_projects_own_contract_tests_catch_200_for_201() -> None:
    result = _run_own_contract_tests(_app(status=200))
    assert not result.ok
    assert "1 failed, 1 passed" in result.stdout
    assert "Undocumented status code" in result.stdout


def test_schemathesis_joins_the_dev_requirements_of_the_project() -> None:
    pyproject = '[project.optional-dependencies]\ndev = [\n    "pytest==9.2.0",\n]\n'
    files = with_contract_tests({"pyproject.toml": pyproject})
    assert '    "schemathesis==4.32.5",\n    "pytest==9.2.0",' in files["pyproject.toml"]
    assert SELFTEST_PATH in files


def test_mypy_is_told_once_that_pyyaml_has_no_types() -> None:
    # the contract tests read the document with PyYAML, which ships no types of its own
    pyproject = '[project.optional-dependencies]\ndev = [\n    "pytest==9.2.0",\n]\n'
    again = with_contract_tests(with_contract_tests({"pyproject.toml": pyproject}))
    overrides = tomllib.loads(again["pyproject.toml"])["tool"]["mypy"]["overrides"]
    assert overrides == [{"module": ["yaml"], "ignore_missing_imports": True}]


ITEM_DOCUMENT = {
    **DOCUMENT,
    "paths": {
        "/things": DOCUMENT["paths"]["/things"],
        "/things/{thingId}": {
            "get": {
                "parameters": [
                    {
                        "name": "thingId",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "integer"},
                    }
                ],
                "responses": {
                    "200": {
                        "description": "The thing",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "required": ["id", "name"],
                                    "properties": {
                                        "id": {"type": "integer"},
                                        "name": {"type": "string"},
                                    },
                                }
                            }
                        },
                    }
                },
            }
        },
    },
}

ITEM_APP = """\
from fastapi import FastAPI, HTTPException

app = FastAPI()


@app.post("/things", status_code=201)
def create(thing: dict[str, object]) -> dict[str, object]:
    return {{"id": 7, "name": "seven"}}


@app.get("/things/{{thing_id}}")
def read(thing_id: int) -> dict[str, object]:
    if thing_id != 7:
        raise HTTPException(404)
    return {{"id": 7, "name": {name}}}
"""


def _item_results(name: str) -> OperationResult:
    files = {"app/__init__.py": "", "app/main.py": ITEM_APP.format(name=name)}
    with served_project(files) as url:
        results = {r.key: r for r in run_contract_tests(ITEM_DOCUMENT, url, max_examples=4)}
    return results["GET /things/{thingId}"]


def test_an_item_is_read_at_an_id_the_app_answered_and_checked() -> None:
    assert _item_results('"seven"').conformant
    wrong = _item_results("7")  # a number where the document declares a string
    assert not wrong.conformant and wrong.failures
