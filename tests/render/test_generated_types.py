"""A generated project type-checks: a person who runs `mypy --strict` on the project codebegen
wrote for them gets no errors. mypy only reads the files, so it runs here, not in the sandbox."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline.render import render_project
from pipeline.spec import ProjectSpec
from tests.render import specs
from tests.render.conftest import write_tree

# The blog has auth, uploads and an admin; "edges" has every column type and relation kind.
SPECS: dict[str, Callable[[], ProjectSpec]] = {"blog": specs.blog, "edges": specs.edges}
TOOLS = Path(sys.executable).parent


@pytest.mark.parametrize("name", sorted(SPECS))
def test_mypy_strict_finds_nothing_in_a_generated_project(name: str, tmp_path: Path) -> None:
    spec = SPECS[name]()
    project = write_tree(render_project(spec), tmp_path / spec.name)
    result = subprocess.run(
        [str(TOOLS / "mypy"), "--strict", "--cache-dir", str(tmp_path / "cache"), "."],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
