"""With a generator model configured, it is asked to implement exactly the operations left as 501
stubs, with their contract in the prompt; contract tests in the sandbox decide what is kept.

The model is scripted; the validation is the real one (the sandbox, schemathesis).
"""

from __future__ import annotations

import json

import yaml

from pipeline.contract import render_contract_project
from pipeline.contract.handlers import HANDLERS_PATH
from pipeline.generate import generate_project
from pipeline.llm import Role
from pipeline.llm.scripted import ScriptedClient, scripted_config
from pipeline.parse import parse_spec

DOCUMENT = """\
openapi: 3.0.3
info: {title: Notes with a count, version: '1'}
paths:
  /notes:
    post:
      requestBody:
        required: true
        content:
          application/json:
            schema: {type: object, required: [text], properties: {text: {type: string}}}
      responses:
        '201':
          description: Made
          content:
            application/json:
              schema:
                type: object
                properties: {id: {type: integer}, text: {type: string}}
  /notes-count:
    get:
      operationId: countNotes
      responses:
        '200':
          description: How many notes there are
          content:
            application/json:
              schema:
                type: object
                required: [count]
                properties: {count: {type: integer, minimum: 0}}
"""
TEXT = f"A notes service that also says how many notes there are.\n\n```yaml\n{DOCUMENT}```\n"

COUNTING = """\
from fastapi.responses import Response
from sqlalchemy import func, select

from app.contract.calls import Call, respond
from app.contract.models import Record


def get_notes_count(call: Call) -> Response:
    query = select(func.count()).select_from(Record).where(Record.collection == "/notes")
    return respond(call, {"count": call.session.scalar(query) or 0})
"""
WRONG = COUNTING.replace('{"count": call.session.scalar(query) or 0}', '{"count": "many"}')


def _reply(source: str) -> str:
    return json.dumps({"files": {HANDLERS_PATH: source}})


def _client(*replies: str) -> ScriptedClient:
    return ScriptedClient(list(replies), config=scripted_config(Role.GENERATOR))


def test_without_a_model_the_operation_is_a_listed_501_stub() -> None:
    outcome = render_contract_project(parse_spec(TEXT), yaml.safe_load(DOCUMENT))
    assert outcome.not_implemented == ["GET /notes-count"]


def test_the_models_handler_is_kept_when_its_operation_answers_as_declared() -> None:
    client = _client(_reply(COUNTING))
    result = generate_project(TEXT, llm=client, postgres_url=None)
    assert result.not_implemented == []
    assert result.files[HANDLERS_PATH].startswith("from fastapi.responses import Response")
    assert result.report is not None and result.report.passed, result.report.to_text()
    assert result.report.contract is not None
    assert result.report.contract.implemented == result.report.contract.conformant == 2
    asked = client.requests[0]["messages"][1]["content"]
    assert "get_notes_count" in asked and "How many notes there are" in asked
    assert '/notes"' not in asked.split("```json", 1)[1].split('"operations"', 1)[0]
    assert any("implemented 1 of the 1 operations left as 501" in n for n in result.notes)


def test_a_handler_that_answers_outside_the_document_is_dropped_and_the_stub_stays() -> None:
    client = _client(_reply(WRONG), _reply(WRONG))  # the first reply and its repair
    result = generate_project(TEXT, llm=client, postgres_url=None)
    assert result.not_implemented == ["GET /notes-count"]
    assert HANDLERS_PATH not in result.files
    assert len(client.requests) == 2
    fed_back = client.requests[1]["messages"][-1]["content"]
    assert "contract tests" in fed_back
    assert any("still answer 501" in n for n in result.notes)


def test_a_reply_that_defines_no_asked_for_function_is_refused_with_the_names() -> None:
    other = COUNTING.replace("def get_notes_count", "def count_them")
    client = _client(_reply(other), _reply(other))
    result = generate_project(TEXT, llm=client, postgres_url=None, validate=False)
    assert result.not_implemented == ["GET /notes-count"]
    fed_back = client.requests[1]["messages"][-1]["content"]
    assert "get_notes_count (GET /notes-count)" in fed_back
