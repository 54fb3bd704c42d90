"""Asking the API to email, remind or alert someone ("Please email the librarian when a loan is
overdue") is a notification, which codebegen does not build: the sentence says so, and the
person named is no role."""

from __future__ import annotations

import pytest

from pipeline.parse import understand
from pipeline.parse.account import SentenceStatus

ASKS = [
    "Please email the librarian when a loan is overdue.",
    "Remind each tenant three days before the rent is due.",
    "When a parcel arrives, alert the resident.",
    "If a booking is cancelled we should text the customer.",
]


@pytest.mark.parametrize("sentence", ASKS)
def test_notifying_someone_is_not_supported(sentence: str) -> None:
    read = understand(f"A small API. Loans have a due date and a title. {sentence}")
    account = next(a for a in read.sentences if a.text == sentence)
    assert account.status is SentenceStatus.NOT_SUPPORTED
    assert "notifications" in account.reason
    assert "librarian" not in read.spec.roles


@pytest.mark.parametrize(
    "sentence",
    ["The email the author gave is unique.", "A text a reader writes is a comment."],
)
def test_email_or_text_as_a_noun_is_no_notification(sentence: str) -> None:
    read = understand(f"Posts have a title, a text and an email. {sentence}")
    account = next(a for a in read.sentences if a.text == sentence)
    assert "notifications" not in account.reason
