"""A freshly generated project has no findings: one here is a bug in the templates."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.parse import parse_spec
from pipeline.render import render_project
from pipeline.review import findings_to_markdown, review_project
from pipeline.spec import spec_from_dict

BLOG = {
    "name": "blog-api",
    "auth": "jwt",
    "roles": ["admin", "editor", "user"],
    "entities": [
        {
            "name": "Post",
            "fields": [
                {"name": "title"},
                {"name": "body", "type": "text"},
                {"name": "image", "type": "file", "required": False},
                {"name": "status", "type": "enum", "choices": ["draft", "published"]},
            ],
        },
        {"name": "Comment", "fields": [{"name": "body", "type": "text"}]},
        {"name": "Tag", "fields": [{"name": "name", "unique": True}]},
    ],
    "relations": [
        {"kind": "many_to_one", "source": "Post", "target": "User", "name": "author"},
        {"kind": "many_to_one", "source": "Comment", "target": "Post"},
        {"kind": "many_to_many", "source": "Post", "target": "Tag"},
    ],
    "permissions": [
        {"entity": "Post", "actions": ["delete"], "roles": ["admin"]},
        {"entity": "Tag", "actions": ["create", "update", "delete"], "roles": ["editor"]},
    ],
    "features": {"filtering": True, "uploads": [{"entity": "Post", "field": "image"}]},
}

SHOP = {
    "name": "shop-api",
    "database": "sqlite",
    "features": {"pagination": False, "filtering": True},
    "entities": [
        {
            "name": "Product",
            "fields": [
                {"name": "name", "unique": True},
                {"name": "price", "type": "decimal"},
                {"name": "in_stock", "type": "boolean", "default": True},
                {"name": "url", "type": "url", "required": False},
            ],
        },
        {
            "name": "Order",
            "fields": [
                {"name": "status", "type": "enum", "choices": ["new", "paid", "shipped"]},
                {"name": "email", "type": "email"},
                {"name": "placed_on", "type": "date"},
            ],
        },
    ],
    "relations": [{"kind": "many_to_many", "source": "Order", "target": "Product"}],
}

TODO = {
    "name": "todo-api",
    "auth": "jwt",
    "entities": [
        {"name": "Task", "fields": [{"name": "title"}, {"name": "done", "type": "boolean"}]}
    ],
    "relations": [{"kind": "many_to_one", "source": "Task", "target": "User", "name": "owner"}],
}


@pytest.mark.parametrize("data", [BLOG, SHOP, TODO], ids=["blog", "shop", "todo"])
def test_fresh_project_has_no_findings(data: dict) -> None:
    spec = spec_from_dict(data)
    findings = review_project(render_project(spec), spec=spec)
    assert findings == [], findings_to_markdown(findings)


EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.md"))


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_every_example_generates_a_project_without_findings(example: Path) -> None:
    spec = parse_spec(example.read_text())
    findings = review_project(render_project(spec), spec=spec, scanners=False)
    assert findings == [], findings_to_markdown(findings)


def test_the_rules_see_a_broken_cap_in_rendered_code() -> None:
    """The rules are not vacuous on the renderer's style: drop the page-size cap, get CBG103."""
    spec = spec_from_dict(BLOG)
    files = render_project(spec)
    common = files["app/schemas/common.py"]
    assert "le=MAX_PAGE_SIZE" in common, "the template changed: update this test"
    files["app/schemas/common.py"] = common.replace(", le=MAX_PAGE_SIZE", "")
    findings = review_project(files, spec=spec, scanners=False)
    assert {f.rule for f in findings} == {"CBG103"}
