"""An operation codebegen does not implement answers 501 saying so, in the declared media type,
with the document's parameters; the implemented ones beside it answer for themselves."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.contract.booted import bearer, served

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "openapi"


# A photo store beside a text forecast and a secured camera reading that nothing in the document builds.
FORECAST = """
openapi: 3.0.0
info: {title: Photo Drop, version: 0.1.0}
paths:
  /photos:
    get:
      responses:
        '200':
          description: Photos
          content:
            application/json:
              schema: {type: array, items: {$ref: '#/components/schemas/Photo'}}
    post:
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Photo'}
      responses:
        '201':
          description: Stored
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Photo'}
  /photos/{id}/camera:
    get:
      security: [{bearerAuth: []}]
      parameters:
        - {name: id, in: path, required: true, schema: {type: integer}}
      responses:
        '200':
          description: The camera the photo was taken with, read from the file
          content:
            application/json:
              schema: {type: object, properties: {model: {type: string}}}
  /forecast:
    get:
      responses:
        '200':
          description: Tomorrow's weather
          content:
            text/plain:
              schema: {type: string}
components:
  securitySchemes:
    bearerAuth: {type: http, scheme: bearer}
  schemas:
    Photo:
      type: object
      properties:
        id: {type: integer, readOnly: true}
        caption: {type: string}
"""


@pytest.fixture(scope="module")
def files_app() -> Iterator[httpx.Client]:
    with served(FORECAST) as app:
        yield app


@pytest.fixture(scope="module")
def notes_app() -> Iterator[httpx.Client]:
    with served((CORPUS / "notes.yaml").read_text(encoding="utf-8")) as app:
        yield app


def test_a_stub_answers_501_naming_the_operation_in_the_declared_media_type(
    files_app: httpx.Client,
) -> None:
    forecast = files_app.get("/forecast")  # nothing in the document says where it comes from
    assert (forecast.status_code, forecast.headers["content-type"].split(";")[0]) == (
        501,
        "text/plain",
    )
    assert forecast.text == "not implemented by codebegen: GET /forecast"
    assert files_app.get("/photos").status_code == 200


def test_a_secured_json_stub_asks_for_credentials_then_answers_501(
    files_app: httpx.Client,
) -> None:
    assert files_app.get("/photos/7/camera").status_code == 401  # credentials first
    camera = files_app.get("/photos/7/camera", headers=bearer("alice"))
    assert camera.status_code == 501
    assert camera.json() == {"detail": "not implemented by codebegen: GET /photos/{id}/camera"}
    served_doc = files_app.get("/openapi.json").json()
    assert "501" in served_doc["paths"]["/photos/{id}/camera"]["get"]["responses"]


def test_an_action_no_property_names_answers_the_item_as_read(notes_app: httpx.Client) -> None:
    """notes.yaml's "POST /notes/{noteId}/archive" answers the Note, which has no property that
    "archive" names: the action is kept on the note and the note answered (another's: 404)."""
    alice, bob = bearer("alice"), bearer("bob")
    assert notes_app.post("/notes/1/archive").status_code == 401
    made = notes_app.post("/notes", json={"title": "keep"}, headers=alice).json()
    archived = notes_app.post(f"/notes/{made['id']}/archive", headers=alice)
    assert archived.status_code == 200
    assert archived.json() == notes_app.get(f"/notes/{made['id']}", headers=alice).json()
    assert set(archived.json()) <= {"id", "title", "body", "created_at"}
    assert notes_app.post(f"/notes/{made['id']}/archive", headers=bob).status_code == 404


def test_the_served_document_declares_the_parameters_with_enums_and_defaults(
    notes_app: httpx.Client,
) -> None:
    served_doc = notes_app.get("/openapi.json").json()
    declared = served_doc["paths"]["/notes/search"]["get"]["parameters"]
    shared = served_doc["components"]["parameters"]  # `$ref`s are served as the document has them
    params = {
        p["name"]: p
        for p in (shared[d["$ref"].split("/")[-1]] if "$ref" in d else d for d in declared)
    }
    assert sorted(params) == ["created_after", "limit", "op", "q"]
    assert params["limit"]["schema"]["default"] == 20  # from a $ref'd parameter
    assert params["q"]["required"] is True
    assert params["op"]["schema"]["enum"] == ["lt", "le", "eq", "ge", "gt"]
    assert "501" not in served_doc["paths"]["/notes/{noteId}/archive"]["post"]["responses"]
    assert "501" not in served_doc["paths"]["/notes"]["get"]["responses"]
