"""Helpers for refinement tests: a start spec of the corpus, and what a comment changes in it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pipeline.refine import refine_spec
from pipeline.refine.diff import spec_operations
from pipeline.spec import ProjectSpec

START = Path(__file__).resolve().parents[1] / "corpus" / "refine" / "start"


def start(name: str) -> ProjectSpec:
    """tests/corpus/refine/start/<name>.yaml as a spec."""
    return ProjectSpec.from_yaml((START / f"{name}.yaml").read_text())


def changed(name: str, text: str) -> list[dict[str, Any]]:
    """The corpus operations `text` makes of start spec `name`; it must ask nothing."""
    spec = start(name)
    done = refine_spec(spec, text)
    assert not done.questions, done.questions
    return spec_operations(spec, done.spec)
