"""Every operation of an input OpenAPI document is served by the generated project.

Each corpus document (tests/corpus/openapi/) is generated and validated in the sandbox once; the
booted app's /openapi.json (`report.openapi`) must hold every operation of the document at its
method and path, and those codebegen did not build are listed as not implemented. The generated
code runs only inside validation's sandbox.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pipeline.contract import add_contract, read_operations, reword_left_out, route_key
from pipeline.contract.compare import served_statuses
from pipeline.contract.routes import served_routes
from pipeline.generate import GenerationResult, generate_project
from pipeline.parse import parse_spec
from pipeline.render import render_project

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "openapi"
DOCUMENTS = ["blog.yaml", "files.yaml", "inventory.json", "notes.yaml"]  # cheap: 4 of the corpus


@pytest.fixture(scope="module", params=DOCUMENTS)
def generated(request: pytest.FixtureRequest) -> tuple[dict[str, object], GenerationResult]:
    text = (CORPUS / request.param).read_text(encoding="utf-8")
    return yaml.safe_load(text), generate_project(text, postgres_url=None, timeout_s=90)


def test_every_operation_of_the_document_is_in_the_booted_apps_openapi(
    generated: tuple[dict[str, object], GenerationResult],
) -> None:
    doc, result = generated
    assert result.report is not None and result.report.openapi is not None
    served = served_statuses(result.report.openapi)
    wanted = [route_key(op.method, op.path) for op in read_operations(doc)]
    assert [key for key in wanted if key not in served] == []


def test_operations_codebegen_did_not_build_are_listed_as_not_implemented(
    generated: tuple[dict[str, object], GenerationResult],
) -> None:
    doc, result = generated
    assert result.report is not None and result.report.openapi is not None
    served = served_statuses(result.report.openapi)
    stubs = [
        op.key for op in read_operations(doc) if "501" in served[route_key(op.method, op.path)]
    ]
    assert stubs and stubs == result.not_implemented
    assert result.to_dict()["not_implemented"] == stubs


def test_the_project_passes_its_own_tests_with_the_contract_router(
    generated: tuple[dict[str, object], GenerationResult],
) -> None:
    _, result = generated
    assert result.report is not None
    assert result.report.check("pytest (sqlite)").passed
    assert result.report.check("ruff").passed and result.report.check("black").passed


def test_a_literal_path_is_routed_before_an_entitys_id_path() -> None:
    text = (CORPUS / "notes.yaml").read_text(encoding="utf-8")
    files = add_contract(render_project(parse_spec(text)), yaml.safe_load(text)).files
    main = files["app/main.py"]
    assert main.index("include_router(contract_router)") < main.index(
        "include_router(notes_router)"
    )
    assert served_routes(files)["GET /notes/search"] == 200


def test_a_stub_keeps_the_declared_parameters_and_media_type() -> None:
    text = (CORPUS / "files.yaml").read_text(encoding="utf-8")
    files = add_contract(render_project(parse_spec(text)), yaml.safe_load(text)).files
    router = files["app/routers/contract.py"]
    assert 'Header(alias="X-Trace")' in router
    assert 'not_implemented("GET /photos/{photo_id}/raw", "image/png")' in router


def test_a_document_whose_operations_are_all_crud_gets_no_contract_router() -> None:
    doc = yaml.safe_load((CORPUS / "notes.yaml").read_text(encoding="utf-8"))
    doc["paths"] = {p: doc["paths"][p] for p in ("/notes", "/notes/{noteId}")}
    outcome = add_contract(render_project(parse_spec(yaml.safe_dump(doc))), doc)
    assert outcome.not_implemented == []
    assert "app/routers/contract.py" not in outcome.files


def test_a_create_route_answers_the_success_status_the_document_declares() -> None:
    text = (CORPUS / "inventory.json").read_text(encoding="utf-8")  # POST /items declares 200
    outcome = add_contract(render_project(parse_spec(text)), yaml.safe_load(text))
    assert served_routes(outcome.files)["POST /items"] == 200
    assert "assert response.status_code == 200" in outcome.files["tests/test_items.py"]
    assert not [n for n in outcome.notes if n.startswith("POST /items ")]


def test_a_status_that_is_not_cheap_to_follow_is_reported() -> None:
    doc = yaml.safe_load((CORPUS / "notes.yaml").read_text(encoding="utf-8"))
    doc["paths"]["/notes/{noteId}"]["delete"]["responses"] = {"200": {"description": "gone"}}
    outcome = add_contract(render_project(parse_spec(yaml.safe_dump(doc))), doc)
    assert "DELETE /notes/{noteId} answers 204 where the document declares 200." in outcome.notes


def test_a_left_out_note_says_the_path_is_served_as_501() -> None:
    notes = ["Left out /notes/search: Note is already served at /notes.", "Other."]
    said = reword_left_out(notes, ["GET /notes/search"])
    assert said == [
        "Served as 501, not built: /notes/search: Note is already served at /notes.",
        "Other.",
    ]
