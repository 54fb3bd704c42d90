"""A person given to an entity, and who may change it; phrasings written for these tests."""

from __future__ import annotations

import pytest

from pipeline.refine.giving import say_given
from tests.refine.helpers import changed


@pytest.mark.parametrize(
    ("said", "plain"),
    [
        ("give comments an author", "comments have an author"),
        ("give each post a reviewer (a user)", "post have a reviewer (a user)"),
        ("give posts a subtitle", "give posts a subtitle"),
    ],
)
def test_giving_a_person_is_having_one(said: str, plain: str) -> None:
    assert say_given(said) == plain


OWNED_COMMENTS = [
    {"op": "add_relation", "kind": "many_to_one", "source": "Comment", "target": "User",
     "name": "author"},
    {"op": "set_owner", "entity": "Comment", "owner": "author"},
]  # fmt: skip


@pytest.mark.parametrize(
    "said",
    [
        "give comments an author; only that person can edit it",
        "comments get an author, and only they may change it",
        "could you give comments an author? it should be the user who posted it, and only that"
        " person should be able to edit their comment",
    ],
)
def test_an_author_and_only_that_person(said: str) -> None:
    ops = changed("blog", said)
    assert sorted(ops, key=str) == sorted(OWNED_COMMENTS, key=str)
