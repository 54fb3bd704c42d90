"""Random specs (see `randomspecs`) render projects that lint clean and pass their own tests.

The seeds are ones that once found a bug: a cycle of three tables, twin relations to one table,
a many-to-many to User, a one-choice enum, type-checking imports out of order."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pipeline import sandbox
from pipeline.spec import spec_from_dict
from tests.render.conftest import sandbox_copy
from tests.render.randomspecs import random_spec

SEEDS = [1, 10, 21, 35, 37]
TOOLS = Path(sys.executable).parent


@pytest.mark.parametrize("seed", SEEDS)
def test_a_random_spec_renders_a_working_project(seed: int) -> None:
    spec = spec_from_dict(random_spec(seed))
    with sandbox.workspace("cbg-random-") as ws:
        project = sandbox_copy(spec, ws)
        for tool in (["ruff", "check", "--no-cache", "-q", "."], ["black", "--check", "-q", "."]):
            lint = subprocess.run(
                [str(TOOLS / tool[0]), *tool[1:]], cwd=project, capture_output=True, text=True
            )
            assert lint.returncode == 0, lint.stdout + lint.stderr
        result = sandbox.run_sandboxed(
            [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", "--color=no"],
            cwd=project,
            timeout_s=300,
        )
    assert result.ok, result.output[-6000:]
