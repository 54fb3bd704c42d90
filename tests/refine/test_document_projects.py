"""Refinement of a project generated from an OpenAPI document: the document is the source.

A change in words would edit codebegen's own spec, which does not decide the API of such a
project, so `refine` says so and changes nothing; `regenerate` serves the document as edited on
the branch and keeps the person's other edits (it once re-rendered the template's API instead)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
import yaml

from pipeline.contract import render_contract_project
from pipeline.errors import UserError
from pipeline.generate import write_project
from pipeline.parse import parse_spec
from pipeline.refine import OutcomeStatus, init_generated, refine_project, regenerate_project

DOCUMENT = {
    "openapi": "3.0.3",
    "info": {"title": "Notes", "version": "1.0.0"},
    "paths": {
        "/notes": {
            "get": {
                "responses": {
                    "200": {
                        "description": "the notes",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "array",
                                    "items": {"$ref": "#/components/schemas/Note"},
                                }
                            }
                        },
                    }
                }
            },
            "post": {
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Note"}}
                    },
                },
                "responses": {
                    "201": {
                        "description": "made",
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Note"}}
                        },
                    }
                },
            },
        }
    },
    "components": {
        "schemas": {
            "Note": {
                "type": "object",
                "required": ["title"],
                "properties": {
                    "id": {"type": "integer", "readOnly": True},
                    "title": {"type": "string"},
                },
            }
        }
    },
}
INPUT = "contract/openapi.input.yaml"


def git(project: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(project), *args], check=True, capture_output=True, text=True
    ).stdout


@pytest.fixture
def project(tmp_path: Path) -> Path:
    text = "```yaml\n" + yaml.safe_dump(DOCUMENT, sort_keys=False) + "```\n"
    files = render_contract_project(parse_spec(text), DOCUMENT).files
    assert INPUT in files
    out = write_project(files, tmp_path / "notes-api")
    init_generated(out, "codebegen: generate notes-api")
    return out


def commit_all(project: Path, message: str) -> None:
    git(project, "add", "--all")
    git(project, "-c", "user.name=P", "-c", "user.email=p@example.com", "commit", "-qm", message)


def served_document(project: Path) -> dict:
    return json.loads((project / "app/contract/document.json").read_text())


def test_refine_in_words_changes_nothing_and_says_where_to_change_the_api(project: Path) -> None:
    head = git(project, "rev-parse", "HEAD")
    with pytest.raises(UserError) as caught:
        refine_project(project, "add a priority field to notes", validate=False)
    assert INPUT in caught.value.message and "regenerate" in caught.value.hint
    assert git(project, "rev-parse", "HEAD") == head
    assert git(project, "status", "--porcelain") == ""


def test_regenerate_unchanged_keeps_the_documents_api(project: Path) -> None:
    outcome = regenerate_project(project, validate=False)
    assert outcome.status is OutcomeStatus.UNCHANGED and not outcome.errors
    assert not (project / "app/routers/notes.py").exists()  # no template API appeared


def test_regenerate_serves_the_edited_document_and_keeps_hand_edits(project: Path) -> None:
    edited = yaml.safe_load((project / INPUT).read_text())
    edited["components"]["schemas"]["Note"]["properties"]["pinned"] = {"type": "boolean"}
    (project / INPUT).write_text(yaml.safe_dump(edited, sort_keys=False))
    with (project / "README.md").open("a") as readme:
        readme.write("\nOur own line.\n")
    commit_all(project, "pin notes; a line of our own")
    outcome = regenerate_project(project, validate=False)
    assert outcome.status is OutcomeStatus.APPLIED
    served = served_document(project)
    assert "pinned" in served["components"]["schemas"]["Note"]["properties"]
    assert "Our own line." in (project / "README.md").read_text()
    assert not (project / "app/routers/notes.py").exists()


def test_a_document_that_is_no_longer_openapi_is_a_clear_error(project: Path) -> None:
    (project / INPUT).write_text("just: some yaml\n")
    commit_all(project, "broke it")
    head = git(project, "rev-parse", "HEAD")
    with pytest.raises(UserError) as caught:
        regenerate_project(project, validate=False)
    assert "not an OpenAPI document" in caught.value.message
    assert git(project, "rev-parse", "HEAD") == head
