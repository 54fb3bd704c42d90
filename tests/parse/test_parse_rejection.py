"""What cannot be built is a SpecError that says what a spec needs and shows an example."""

from __future__ import annotations

import random

import pytest

from pipeline.errors import SpecError
from pipeline.parse import parse_spec
from pipeline.parse.domains import DEFAULT_FIELDS
from pipeline.spec import ProjectSpec


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t",
        "hello, can you help me?",
        "asdf",
        "make it fast",
        "Build an API",
        "I want to build something cool.",
        "???",
        "Use FastAPI, PostgreSQL and Docker.",
        "```python\nprint('hi')\n```",
        "Please make it secure, scalable and well tested.",
    ],
)
def test_nothing_to_store_is_rejected(text: str) -> None:
    with pytest.raises(SpecError) as raised:
        parse_spec(text)
    assert "at least one entity" in raised.value.message
    assert "For example" in raised.value.hint and "- Books:" in raised.value.hint


@pytest.mark.parametrize(
    "text",
    [
        "Build a blog API",
        "A todo app.",
        "an api for books",
        "Recipes.",
        "- widgets",
    ],
)
def test_vague_but_usable_text_gives_a_spec(text: str) -> None:
    assert isinstance(parse_spec(text), ProjectSpec)


_WEIRD = [
    "# \n## \n- \n* :\n| |\n|---|\n",
    "- Posts: (((\n- Comments: )))",
    "Posts have a " + "very " * 300 + "long title.",
    "Only admins can.",
    "Each post belongs to.",
    "status that is one of",
    "🙂 posts 🎉 with émojis and ünïcödé titles",
    "```yaml\n- just\n- a list\n```",
    '```json\n{"openapi": "3.0.0"}\n```',
    "openapi: 3.1.0\npaths: {}\n",
    "- Users: password\n- Roles: admin",
    "Upload.",
    "Orders (status (pending, paid), total)",
    "Posts.\n\n| a |\n| b |",
]


@pytest.mark.parametrize("text", _WEIRD)
def test_odd_input_never_crashes(text: str) -> None:
    try:
        parse_spec(text)
    except SpecError:
        pass


def test_random_word_salad_never_crashes() -> None:
    words = [
        *DEFAULT_FIELDS,
        "has",
        "have",
        "many",
        "belongs",
        "to",
        "with",
        "only",
        "admins",
        "can",
        "create",
        "delete",
        "and",
        ",",
        ".",
        ":",
        "-",
        "(",
        ")",
        "one of",
        "upload",
        "for",
        "a",
        "the",
        "jwt",
        "sqlite",
        "optional",
        "unique",
        "\n- ",
        "\n## ",
    ]
    rng = random.Random(20260125)
    for _ in range(300):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 40)))
        try:
            parse_spec(text)
        except SpecError:
            pass
