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
