"""CLI tests run with no model configured unless a test sets `CODEBEGEN_LLM_*` itself."""

from __future__ import annotations

import os

import pytest


@pytest.fixture(autouse=True)
def no_model_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """A developer's own model server must not change what the template-engine tests see."""
    for key in [k for k in os.environ if k.startswith("CODEBEGEN_LLM_")]:
        monkeypatch.delenv(key)
