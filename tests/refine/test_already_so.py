"""A request the spec already fulfils: beside other changes it is a note (the reply says it was
so already) and the other changes apply; alone, it is refused with its reason. Phrasings
written for these tests, not taken from the corpus."""

from __future__ import annotations

import pytest

from pipeline.refine import refine_spec
from pipeline.refine.diff import spec_operations
from pipeline.refine.engine import OutcomeStatus, RefineOutcome, _account_line
from tests.refine.helpers import start

SUBTITLE = [{"op": "add_field", "entity": "Post", "field": "subtitle", "type": "string"}]


@pytest.mark.parametrize(
    "already",
    [
        "add a Comment entity with a body",  # there is one, with a body
        "add a Post entity",
        "users can upload an image to posts",  # Post.image is an upload
    ],
)
def test_already_so_beside_a_change_is_a_note(already: str) -> None:
    done = refine_spec(start("blog"), f"{already}. Add a subtitle to posts")
    assert done.applied and done.notes
    assert spec_operations(start("blog"), done.spec) == SUBTITLE


@pytest.mark.parametrize(
    "already", ["add a Comment entity with a body", "users can upload an image to posts"]
)
def test_already_so_alone_is_refused_with_its_reason(already: str) -> None:
    done = refine_spec(start("blog"), already)
    assert not done.applied and done.spec == start("blog")
    assert done.questions == done.notes and "already" in done.questions[0]


def test_an_existing_entity_asked_with_a_field_it_lacks_is_still_a_question() -> None:
    done = refine_spec(start("blog"), "add a Comment entity with a rating. Add a subtitle to posts")
    assert not done.applied and done.questions and not done.notes


def test_the_reply_says_what_was_already_so() -> None:
    done = refine_spec(start("blog"), "Anyone may read comments. Add a subtitle to posts.")
    reply = RefineOutcome(
        status=OutcomeStatus.APPLIED, instruction="x", changes=done.changes, notes=done.notes,
        understood=[_account_line(n) for n in done.sentences],
    ).to_markdown()  # fmt: skip
    assert "**Already so (nothing to change):**\n- Comment is readable by public already." in reply
    assert "Anyone may read comments. → already so: Comment is readable" in reply
