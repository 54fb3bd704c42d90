"""The seed's prompt text, the sections added to it, and the rule sentences picked out."""

from __future__ import annotations

import pytest

from pipeline.llm.prompts import (
    SYSTEM_PROMPT,
    business_rules,
    fenced,
    tech_stack,
    user_message,
    within_budget,
)
from pipeline.spec import ProjectSpec


def test_system_prompt_is_the_seeds() -> None:
    lines = SYSTEM_PROMPT.splitlines()
    assert lines[0].startswith(
        "You are Codebegen, an AI backend engineer that builds production-ready"
    )
    assert lines[1] == "You must:"
    assert len([ln for ln in lines if ln.startswith("- ")]) == 8
    assert (
        lines[-1] == "Your output must be in JSON with keys: files (dict of file paths → contents)."
    )


def test_user_template_renders_the_seeds_text_with_literal_braces() -> None:
    text = user_message(
        user_prompt="Build a blog API.",
        domain="content_management",
        stack=["fastapi", "postgresql"],
        constraints=["dockerized", "tested"],
    )
    assert text == (
        "### API Description:\nBuild a blog API.\n\n"
        "### Technical Context:\nDomain: content_management\nTech Stack: fastapi, postgresql\n"
        "Constraints: dockerized, tested\n\n"
        '### Output Format:\nReturn JSON with:\n{\n  "files": { "path/to/file.py": "<full code>", ... }\n}'
    )


def test_sections_go_between_the_context_and_the_output_format() -> None:
    text = user_message(
        user_prompt="p",
        domain="d",
        stack=[],
        constraints=[],
        sections=[("Task", "do it"), ("More", "x")],
    )
    assert "Constraints: \n\n### Task:\ndo it\n\n### More:\nx\n\n### Output Format:" in text


def test_tech_stack_follows_the_spec() -> None:
    spec = ProjectSpec.model_validate(
        {
            "name": "a",
            "auth": "jwt",
            "entities": [{"name": "Post", "fields": [{"name": "image", "type": "file"}]}],
            "features": {"uploads": [{"entity": "Post", "field": "image"}]},
        }
    )
    assert tech_stack(spec) == [
        "fastapi",
        "postgresql",
        "sqlalchemy",
        "alembic",
        "pydantic",
        "jwt",
        "file_upload",
    ]


@pytest.mark.parametrize(
    ("description", "rules"),
    [
        (
            "Events have a capacity. A ticket cannot be sold past the event's capacity.",
            ["A ticket cannot be sold past the event's capacity."],
        ),
        (
            "Orders have lines.\nAn order total is the sum of its lines.\n- Lines have a price",
            ["An order total is the sum of its lines."],
        ),
        (
            "A loan must be returned within 14 days! Books have a title.",
            ["A loan must be returned within 14 days!"],
        ),
        ("Build a blog API with posts and comments.", []),
        ("### API Description\nA todo list.", []),
    ],
)
def test_business_rules_are_the_sentences_beyond_crud(description: str, rules: list[str]) -> None:
    assert business_rules(description) == rules


def test_fenced_file_uses_a_longer_fence_when_the_content_has_one() -> None:
    assert fenced("app/x.py", "x = 1") == "#### app/x.py\n```python\nx = 1\n```"
    assert fenced("README.md", "```bash\nls\n```").startswith("#### README.md\n````markdown\n")


def test_within_budget_keeps_the_leading_parts_that_fit() -> None:
    assert within_budget(["a" * 40, "b" * 40, "c" * 4], 22) == ["a" * 40, "b" * 40]
    assert within_budget(["a" * 400], 10) == []
