"""Two creates at once in a project served from an OpenAPI document: the integer id the server
counts may be taken by the other create between counting and storing. That clash is the
server's own, so the create is tried again with the next number (201), while a value the body
gives that another record holds is still 409. The generated code runs in the sandbox: the test
adds a test module to the project that makes the clash happen, and runs it there."""

from __future__ import annotations

import sys

import pytest

from pipeline import sandbox
from tests.contract.booted import project

DOCUMENT = """\
openapi: 3.0.3
info: {title: Pantry, version: "1.0"}
paths:
  /jars:
    post:
      security: []
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/JarIn'}
      responses:
        '201':
          description: Created
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Jar'}
        '409': {description: A jar with this label exists already}
components:
  schemas:
    JarIn:
      type: object
      required: [label]
      properties:
        label: {type: string}
    Jar:
      type: object
      properties:
        id: {type: integer}
        label: {type: string}
"""

# Stores the next jar under the first one's number, once, as a create at the same moment would.
RACE_TEST = """
from sqlalchemy import event

from app.contract.models import Record


def test_a_number_taken_meanwhile_is_counted_again(client):
    first = client.post("/jars", json={"label": "plum"})
    assert first.status_code == 201, first.text
    pending = [first.json()["id"]]

    def clash(_mapper, _connection, record):
        if pending:
            record.number = pending.pop()

    event.listen(Record, "before_insert", clash)
    try:
        second = client.post("/jars", json={"label": "fig"})
    finally:
        event.remove(Record, "before_insert", clash)
    assert second.status_code == 201, second.text
    assert second.json()["id"] != first.json()["id"]
    assert not pending


def test_a_label_the_body_repeats_is_409(client):
    assert client.post("/jars", json={"label": "plum"}).status_code == 201
    assert client.post("/jars", json={"label": "plum"}).status_code == 409
"""


@pytest.fixture(scope="module")
def raced() -> sandbox.SandboxResult:
    with sandbox.workspace("cbg-test-race-") as ws:
        root = ws / "project"
        files = {**project(DOCUMENT), "tests/test_race.py": RACE_TEST}
        for rel, content in files.items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_text(content, encoding="utf-8")
        copy = sandbox.copy_project(root, ws / "run")
        return sandbox.run_sandboxed(
            [
                sys.executable,
                "-m",
                "pytest",
                "-p",
                "no:cacheprovider",
                "--color=no",
                "-v",
                "tests/test_race.py",
            ],
            cwd=copy,
            timeout_s=300,
        )


def test_a_server_counted_id_taken_by_another_create_is_retried(
    raced: sandbox.SandboxResult,
) -> None:
    assert "test_a_number_taken_meanwhile_is_counted_again PASSED" in raced.stdout, raced.output


def test_a_duplicate_the_client_gives_is_still_409(raced: sandbox.SandboxResult) -> None:
    assert "test_a_label_the_body_repeats_is_409 PASSED" in raced.stdout, raced.output
