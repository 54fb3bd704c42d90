"""A stub of the contract router answers 501 saying which operation is missing, in the declared
media type. The generated app runs only in the sandbox (`pipeline.sandbox.serve_app`)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import yaml

from pipeline import sandbox
from pipeline.contract import add_contract
from pipeline.parse import parse_spec
from pipeline.render import render_project
from pipeline.validate.checks import _app_env

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "openapi"
PHOTO = "/photos/0b7a3c3e-8a52-4bd4-9d47-2f4f2d1c9e10/raw"


@contextmanager
def _served(document: str) -> Iterator[httpx.Client]:
    text = (CORPUS / document).read_text(encoding="utf-8")
    files = add_contract(render_project(parse_spec(text)), yaml.safe_load(text)).files
    with sandbox.workspace("cbg-test-stub-") as ws:
        project = ws / "project"
        for rel, content in files.items():
            (project / rel).parent.mkdir(parents=True, exist_ok=True)
            (project / rel).write_text(content, encoding="utf-8")
        served = sandbox.copy_project(project, ws / "served")
        env = {**_app_env(served), "DATABASE_URL": "sqlite:///./app.db"}
        with sandbox.serve_app(served, env=env, timeout_s=60) as app:
            yield app


def test_stubs_answer_501_naming_the_operation_in_the_declared_media_type() -> None:
    with _served("files.yaml") as app:
        log = app.get("/log")
        photo = app.get(PHOTO)
        listed = app.get("/photos")
    assert (log.status_code, log.headers["content-type"].split(";")[0]) == (501, "text/plain")
    assert log.text == "not implemented by codebegen: GET /log"
    assert (photo.status_code, photo.headers["content-type"]) == (501, "image/png")
    assert listed.status_code == 200


def test_a_json_stub_beside_an_id_route_answers_501_not_the_id_route() -> None:
    with _served("notes.yaml") as app:
        search = app.get("/notes/search", params={"q": "milk"})
    assert search.status_code == 501
    assert search.json() == {"detail": "not implemented by codebegen: GET /notes/search"}


def test_a_stub_declares_the_documents_parameters_with_enums_and_defaults() -> None:
    with _served("notes.yaml") as app:
        served = app.get("/openapi.json").json()
    params = {p["name"]: p for p in served["paths"]["/notes/search"]["get"]["parameters"]}
    assert sorted(params) == ["created_after", "limit", "op", "q"]
    assert params["limit"]["schema"]["default"] == 20  # from a $ref'd parameter
    assert params["q"]["required"] is True
    op_schema = params["op"]["schema"]
    enum = op_schema.get("enum") or next(s["enum"] for s in op_schema["anyOf"] if "enum" in s)
    assert enum == ["lt", "le", "eq", "ge", "gt"]
