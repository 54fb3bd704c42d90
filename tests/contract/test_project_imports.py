"""A project served from an OpenAPI document imports only modules it has, whatever the prose
around the document says (roles read from the prose once made start-up import the template's
login, which the document's API replaces, and the app did not boot)."""

from __future__ import annotations

import ast
from pathlib import Path

import yaml

from pipeline.contract import render_contract_project
from pipeline.parse import parse_spec

DOCUMENT_TEXT = (Path(__file__).parent / "documents" / "guild.yaml").read_text(encoding="utf-8")
DOCUMENT = yaml.safe_load(DOCUMENT_TEXT)
PROSE = (
    "Members sign up and keep notes. Only admins can delete notes; managers approve them.\n\n"
    f"```yaml\n{DOCUMENT_TEXT}```\n"
)


def test_every_app_import_of_a_document_project_is_a_generated_module() -> None:
    # roles as the prose around a document can give them (team.md's did): the case that broke
    spec = parse_spec(PROSE).model_copy(update={"roles": ["admin", "member"]})
    files = render_contract_project(spec, DOCUMENT).files
    modules = {
        p[:-3].replace("/", ".").removesuffix(".__init__") for p in files if p.endswith(".py")
    }
    for path, text in files.items():
        if not path.startswith("app/") or not path.endswith(".py"):
            continue
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("app"):
                assert node.module in modules, f"{path} imports {node.module}"
