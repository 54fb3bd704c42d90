"""A generated project type-checks: a person who runs `mypy --strict` on the project codebegen
wrote for them gets no errors. mypy only reads the files, so it runs here, not in the sandbox."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline.contract import openapi_document, render_contract_project
from pipeline.parse import parse_spec
from pipeline.render import render_project
from tests.render import specs
from tests.render.conftest import write_tree

EXAMPLES = Path(__file__).parents[2] / "examples"
TOOLS = Path(sys.executable).parent


def _from_issue(name: str) -> dict[str, str]:
    """The project codebegen writes for examples/<name>.md, an issue that embeds an OpenAPI
    document: the document's API (app/contract/) and its schemathesis tests (contract/)."""
    text = (EXAMPLES / f"{name}.md").read_text(encoding="utf-8")
    document = openapi_document(text)
    assert document is not None, f"examples/{name}.md holds no OpenAPI document"
    return render_contract_project(parse_spec(text), document).files


# The blog has auth, uploads and an admin; "edges" has every column type and relation kind; the
# petstore is served from the OpenAPI document its issue embeds.
PROJECTS: dict[str, Callable[[], dict[str, str]]] = {
    "blog": lambda: render_project(specs.blog()),
    "edges": lambda: render_project(specs.edges()),
    "petstore": lambda: _from_issue("petstore"),
}


@pytest.mark.parametrize("name", sorted(PROJECTS))
def test_mypy_strict_finds_nothing_in_a_generated_project(name: str, tmp_path: Path) -> None:
    project = write_tree(PROJECTS[name](), tmp_path / name)
    result = subprocess.run(
        [str(TOOLS / "mypy"), "--strict", "--cache-dir", str(tmp_path / "cache"), "."],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
