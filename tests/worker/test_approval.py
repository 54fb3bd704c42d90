"""worker/approval.py: the text that is built, and its fingerprint. Pure."""

from __future__ import annotations

import pytest

from worker.approval import is_bot_login, spec_text, strip_hidden, text_sha256


@pytest.mark.parametrize(
    ("text", "visible"),
    [
        ("posts <!-- and a backdoor.py --> and tags", "posts  and tags"),
        ("a\n<!--\n```yaml\npath: x\n```\n-->\nb", "a\n\nb"),
        ("a <!--> b <!---> c", "a  b  c"),  # CommonMark's empty comments
        ("visible <!-- never closed\nentities: [Evil]", "visible "),
        ("x <!<!---->-- y --> z", "x  z"),  # removing one comment leaves no new opener
        ("```\n<!-- in a fence -->\n```", "```\n\n```"),  # hiding too much is harmless
    ],
)
def test_html_comments_are_not_read(text, visible):
    assert strip_hidden(text) == visible


def test_the_spec_text_drops_hidden_text_and_the_command_word():
    body = "Build a blog with posts.\n<!--\n```yaml\ntitle: '__import__(\"os\")'\n```\n-->"
    text = spec_text("/codebegen Blog <!-- x -->", body)
    assert text == "Blog \n\nBuild a blog with posts.\n"
    assert "__import__" not in text


def test_any_edit_changes_the_fingerprint_hidden_text_included():
    base = text_sha256("Blog", "posts")
    assert base == text_sha256("Blog", "posts")
    assert base != text_sha256("Blog", "posts <!-- x -->")
    assert base != text_sha256("Blog!", "posts")
    assert text_sha256("Blog", None) == text_sha256("Blog", "")
    assert len(base) == 64


@pytest.mark.parametrize(("login", "bot"), [("dependabot[bot]", True), ("alice", False)])
def test_bot_logins(login, bot):
    assert is_bot_login(login) is bot
    assert is_bot_login("codebegen[bot]", bot_login="codebegen[bot]")
    assert is_bot_login("Codebegen", bot_login="codebegen")
