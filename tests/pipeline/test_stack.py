"""The generated projects' pins match what is installed: the sandbox runs them with this interpreter."""

from __future__ import annotations

import re
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest

from pipeline.stack import DEV, RUNTIME

ROOT = Path(__file__).resolve().parents[2]


def _dist(name: str) -> str:
    return re.sub(r"\[.*\]", "", name)


@pytest.mark.parametrize(("name", "pinned"), sorted({**RUNTIME, **DEV}.items()))
def test_installed_version_matches_the_generated_pin(name: str, pinned: str) -> None:
    assert version(_dist(name)) == pinned


def test_codebegen_depends_on_the_same_pins() -> None:
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    for name, pinned in {**RUNTIME, **DEV}.items():
        assert f"{name}=={pinned}" in deps, name


def test_the_lock_holds_every_runtime_pin_and_what_it_pulls_in() -> None:
    from pipeline.stack import RUNTIME, locked_runtime, requirement

    lock = locked_runtime()
    for name, pinned in RUNTIME.items():
        base = name.split("[")[0]
        assert requirement(base, pinned) in lock
    assert "starlette" in {line.split("==")[0] for line in lock}  # fastapi's own dependency
    names = [line.split("==")[0] for line in lock]
    assert names == sorted(names) and len(set(names)) == len(names)


def test_the_generated_image_installs_the_lock_and_the_project_not_a_copy_of_the_pins() -> None:
    from pipeline.parse import parse_spec
    from pipeline.render import render_project
    from pipeline.stack import locked_runtime

    files = render_project(parse_spec("A todo API with tasks (title, done flag)."))
    assert files["requirements.lock"].splitlines()[2:] == list(locked_runtime())
    docker = files["Dockerfile"]
    assert "pip install --no-deps -r requirements.lock" in docker
    assert "pip install --no-deps ." in docker
    assert "fastapi==" not in docker  # one source of truth: the pins are not repeated here
