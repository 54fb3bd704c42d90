"""The product passes its own static checks, as the house style asks: `mypy --strict` on
everything the CLI imports (bot, worker, pipeline, training; the GitHub stand-in is in bot), and
ruff and black on the whole tree. A regression fails here, not in a reviewer's head."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own tools on our own tree
        [sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=600
    )


def test_mypy_strict_is_clean_on_the_product() -> None:
    result = _run("mypy", "bot", "worker", "pipeline", "training")
    assert result.returncode == 0, result.stdout[-4000:]


@pytest.mark.parametrize(
    "tool", [("ruff", "check", "."), ("black", "--check", "--quiet", ".")], ids=["ruff", "black"]
)
def test_the_tree_is_linted_and_formatted(tool: tuple[str, ...]) -> None:
    result = _run(*tool)
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
