"""A freshly generated project has no findings: one here is a bug in the templates."""

from __future__ import annotations

import pytest

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
