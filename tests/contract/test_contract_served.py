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

from pipeline.contract import (
    ROUTER_PATH,
    read_operations,
    render_contract_project,
    reword_left_out,
    route_key,
)
from pipeline.contract.compare import served_statuses
from pipeline.generate import GenerationResult, generate_project
from pipeline.parse import parse_spec
from pipeline.spec import AuthKind, ProjectSpec

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
    assert stubs == result.not_implemented
    assert result.to_dict()["not_implemented"] == stubs


def test_the_project_passes_its_own_tests_and_lint(
    generated: tuple[dict[str, object], GenerationResult],
) -> None:
    _, result = generated
    assert result.report is not None
    assert result.report.check("pytest (sqlite)").passed
    assert result.report.check("ruff").passed and result.report.check("black").passed


def test_a_literal_path_is_routed_before_an_id_path() -> None:
    text = (CORPUS / "notes.yaml").read_text(encoding="utf-8")
    router = render_contract_project(parse_spec(text), yaml.safe_load(text)).files[ROUTER_PATH]
    assert router.index('"/notes/search"') < router.index('"/notes/{noteId}"')


def test_the_template_api_gives_way_to_the_documents() -> None:
    text = (CORPUS / "notes.yaml").read_text(encoding="utf-8")
    files = render_contract_project(parse_spec(text), yaml.safe_load(text)).files
    assert "app/routers/notes.py" not in files and "app/auth/router.py" not in files
    assert "include_router(api_router)" in files["app/main.py"]
    spec = ProjectSpec.from_yaml(files["codebegen.yaml"])
    assert spec.auth is AuthKind.NONE  # the document's security schemes govern


def test_a_left_out_note_says_the_path_is_served_as_501_or_goes_when_built() -> None:
    notes = [
        "Left out /notes/search: Note is already served at /notes.",
        "Left out /archive: not CRUD.",
        "Other.",
    ]
    said = reword_left_out(notes, ["POST /archive"], ["GET /notes/search"])
    assert said == ["Served as 501, not built: /archive: not CRUD.", "Other."]
