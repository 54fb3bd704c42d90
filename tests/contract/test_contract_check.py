"""Validation's "contract" check compares the booted app's /openapi.json with the input document.

The check must be able to fail: a project whose router lost a route fails it, naming the
operation. The project runs only inside validation's sandbox.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from pipeline.contract import INPUT_PATH, ROUTER_PATH, missing_operations, render_contract_project
from pipeline.parse import parse_spec
from pipeline.render import render_project
from pipeline.validate import validate_files

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "openapi"
NOTES = (CORPUS / "notes.yaml").read_text(encoding="utf-8")


def _project() -> dict[str, str]:
    return render_contract_project(parse_spec(NOTES), yaml.safe_load(NOTES)).files


def test_the_contract_check_fails_naming_an_operation_the_app_does_not_serve() -> None:
    files = _project()
    router = files[ROUTER_PATH]
    start = router.rindex("@router.", 0, router.index('"/notes/{noteId}/archive"'))
    files[ROUTER_PATH] = router[:start]  # POST /notes/{noteId}/archive (the last route) is gone
    report = validate_files(files, postgres_url=None, timeout_s=90)
    check = report.check("contract")
    assert check.failed
    assert "POST /notes/{noteId}/archive" in check.summary


def test_the_contract_check_passes_when_every_operation_is_served() -> None:
    report = validate_files(_project(), postgres_url=None, timeout_s=90)
    assert report.check("contract").passed


def test_a_declared_success_status_the_app_does_not_answer_is_named() -> None:
    doc = yaml.safe_load(NOTES)
    served = {"openapi": "3.1.0", "paths": {"/notes": {"get": {"responses": {"200": {}}}}}}
    doc["paths"] = {"/notes": {"get": {"responses": {"206": {"description": "partial"}}}}}
    assert missing_operations(doc, served) == ["GET /notes (declares 206; serves 200)"]


def test_a_project_without_an_input_document_has_no_contract_check() -> None:
    files = render_project(parse_spec(NOTES))
    assert INPUT_PATH not in files
    report = validate_files(files, postgres_url=None, timeout_s=90)
    assert "contract" not in [c.name for c in report.checks]
