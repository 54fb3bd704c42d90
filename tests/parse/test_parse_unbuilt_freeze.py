"""A change forbidden from some state on ("nobody can delete an order once it is shipped") is a
rule codebegen cannot build: the sentence account lists it as not built, never as not
understood (issue 10). Short texts of our own."""

from __future__ import annotations

import pytest

from pipeline.parse import understand
from pipeline.parse.account import SentenceStatus

_START = (
    "Build a shop API with JWT login. Orders have a number and a status (placed, paid,"
    " shipped). Posts have a title and a state (draft, published). "
)


@pytest.mark.parametrize(
    "rule",
    [
        "Nobody can delete an order once it is shipped.",
        "Posts can't be edited after they are published.",
        "You cannot change an order when its status is paid.",
    ],
)
def test_a_change_forbidden_from_a_state_on_is_not_built(rule: str) -> None:
    account = understand(_START + rule).sentences
    said = next(s for s in account if s.text == rule)
    assert said.status is SentenceStatus.NOT_BUILT
    assert "not built" in said.reason
