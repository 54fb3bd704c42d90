"""ProjectSpecs the renderer tests build projects from, covering every feature between them."""

from __future__ import annotations

from pipeline.spec import ProjectSpec, spec_from_dict


def blog() -> ProjectSpec:
    """JWT auth with roles, an owned entity, an upload, many_to_one and many_to_many."""
    return spec_from_dict(
        {
            "name": "blog-api",
            "description": "Build a blog API with posts, comments, and user authentication.",
            "auth": "jwt",
            "roles": ["admin", "editor", "reader"],
            "entities": [
                {
                    "name": "Post",
                    "fields": [
                        {"name": "title", "max_length": 200},
                        {"name": "body", "type": "text"},
                        {"name": "status", "type": "enum", "choices": ["draft", "published"], "default": "draft"},
                        {"name": "image", "type": "file", "required": False},
                        {"name": "published_at", "type": "datetime", "required": False},
                    ],
                },
                {"name": "Comment", "fields": [{"name": "body", "type": "text"}]},
                {"name": "Tag", "fields": [{"name": "name", "unique": True, "max_length": 50}]},
            ],
            "relations": [
                {"kind": "many_to_one", "source": "Post", "target": "User", "name": "author"},
                {"kind": "many_to_one", "source": "Comment", "target": "Post"},
                {"kind": "many_to_one", "source": "Comment", "target": "User", "name": "author"},
                {"kind": "many_to_many", "source": "Post", "target": "Tag"},
            ],
            "permissions": [
                {"entity": "Post", "actions": ["create"], "roles": ["editor"]},
                {"entity": "Tag", "actions": ["create", "update", "delete"], "roles": ["admin"]},
            ],
            "features": {
                "filtering": True,
                "uploads": [{"entity": "Post", "field": "image", "content_types": ["image/png", "image/jpeg"]}],
            },
        }
    )
