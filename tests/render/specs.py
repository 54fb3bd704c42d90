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
                        {
                            "name": "status",
                            "type": "enum",
                            "choices": ["draft", "published"],
                            "default": "draft",
                        },
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
                "uploads": [
                    {
                        "entity": "Post",
                        "field": "image",
                        "content_types": ["image/png", "image/jpeg"],
                    }
                ],
            },
        }
    )


def shop() -> ProjectSpec:
    """No auth; enums, decimals, unique fields, dates, emails, urls, booleans, filtering."""
    return spec_from_dict(
        {
            "name": "shop-api",
            "entities": [
                {
                    "name": "Customer",
                    "fields": [
                        {"name": "full_name"},
                        {"name": "email", "type": "email", "unique": True},
                        {"name": "phone", "type": "phone", "required": False},
                        {"name": "birth_date", "type": "date", "required": False},
                    ],
                },
                {
                    "name": "Product",
                    "fields": [
                        {"name": "sku", "unique": True, "max_length": 32},
                        {"name": "name"},
                        {"name": "price", "type": "decimal"},
                        {"name": "stock", "type": "integer", "default": 0},
                        {"name": "weight_kg", "type": "float", "required": False},
                        {"name": "active", "type": "boolean", "default": True},
                        {"name": "homepage", "type": "url", "required": False},
                        {"name": "barcode", "type": "uuid", "required": False, "unique": True},
                    ],
                },
                {
                    "name": "Order",
                    "fields": [
                        {
                            "name": "status",
                            "type": "enum",
                            "choices": ["pending", "shipped", "in transit", "received"],
                            "default": "pending",
                        },
                        {"name": "placed_on", "type": "date"},
                        {"name": "shipped_at", "type": "datetime", "required": False},
                        {"name": "notes", "type": "text", "required": False},
                    ],
                },
            ],
            "relations": [
                {"kind": "many_to_one", "source": "Order", "target": "Customer"},
                {"kind": "many_to_many", "source": "Order", "target": "Product"},
            ],
            "features": {"filtering": True},
        }
    )


def todo() -> ProjectSpec:
    """The smallest project: one entity, no auth, no relations, SQLite."""
    return spec_from_dict(
        {
            "name": "todo-api",
            "database": "sqlite",
            "entities": [
                {
                    "name": "Task",
                    "fields": [
                        {"name": "title", "max_length": 120},
                        {"name": "done", "type": "boolean", "default": False},
                        {"name": "due_on", "type": "date", "required": False},
                    ],
                }
            ],
        }
    )


def petstore() -> ProjectSpec:
    """OpenAPI-like: custom paths and id parameters, operation subsets, JWT without roles, and an
    upload on the User entity (an avatar)."""
    return spec_from_dict(
        {
            "name": "petstore",
            "title": "Swagger Petstore",
            "auth": "jwt",
            "database": "sqlite",
            "entities": [
                {
                    "name": "User",
                    "fields": [
                        {"name": "email", "type": "email", "unique": True},
                        {"name": "full_name", "required": False},
                        {"name": "avatar", "type": "file", "required": False},
                    ],
                },
                {
                    "name": "Pet",
                    "path": "/pet",
                    "id_param": "petId",
                    "operations": ["create", "read", "update", "delete"],
                    "fields": [
                        {"name": "name"},
                        {"name": "tag", "required": False},
                        {
                            "name": "status",
                            "type": "enum",
                            "choices": ["available", "pending", "sold"],
                        },
                    ],
                },
                {
                    "name": "Category",
                    "path": "/store/categories",
                    "operations": ["list", "read"],
                    "fields": [{"name": "name", "unique": True}],
                },
                {
                    "name": "Review",
                    "fields": [
                        {"name": "rating", "type": "integer"},
                        {"name": "text", "type": "text"},
                    ],
                },
            ],
            "relations": [
                {"kind": "many_to_one", "source": "Pet", "target": "Category", "required": False},
                {"kind": "many_to_one", "source": "Review", "target": "Pet"},
                {"kind": "many_to_one", "source": "Review", "target": "User", "name": "owner"},
            ],
            "features": {
                "uploads": [{"entity": "User", "field": "avatar", "content_types": ["image/png"]}]
            },
        }
    )


def awkward() -> ProjectSpec:
    """Names that collide with Python keywords and with names the templates import."""
    return spec_from_dict(
        {
            "name": "awkward-api",
            "auth": "jwt",
            "roles": ["admin", "member"],
            "entities": [
                {"name": "Class", "fields": [{"name": "title"}]},
                {"name": "Session", "fields": [{"name": "starts_on", "type": "date"}]},
                {"name": "Path", "fields": [{"name": "slug", "unique": True}]},
                {"name": "Role", "fields": [{"name": "label"}]},
                {"name": "Page", "fields": [{"name": "heading"}]},
                {"name": "Category", "fields": [{"name": "name"}]},
            ],
            "relations": [
                {"kind": "many_to_one", "source": "Session", "target": "Path"},
                {"kind": "many_to_many", "source": "Class", "target": "Path"},
                {
                    "kind": "many_to_one",
                    "source": "Category",
                    "target": "Category",
                    "name": "parent",
                },
                {
                    "kind": "many_to_many",
                    "source": "Category",
                    "target": "Category",
                    "name": "related",
                },
                {"kind": "many_to_one", "source": "Page", "target": "User", "name": "owner"},
            ],
            "features": {"filtering": True},
        }
    )


def edges() -> ProjectSpec:
    """Shapes that are easy to get wrong: a User with extra required fields and a reference, an
    entity with no fields, one with only optional fields, one whose every field has a default,
    one with an upload and nothing else, tables that refer to each other, operation subsets, and
    a permission on reads."""
    return spec_from_dict(
        {
            "name": "edges",
            "auth": "jwt",
            "roles": ["owner", "staff", "guest"],
            "default_role": "guest",
            "entities": [
                {
                    "name": "User",
                    "fields": [
                        {"name": "email", "type": "email", "unique": True},
                        {"name": "username", "unique": True, "max_length": 30},
                        {"name": "age", "type": "integer"},
                    ],
                },
                {"name": "Team", "fields": [{"name": "name"}]},
                {"name": "Like"},
                {
                    "name": "Board",
                    "fields": [{"name": "public", "type": "boolean", "default": False}],
                },
                {"name": "Note", "fields": [{"name": "text", "type": "text", "required": False}]},
                {
                    "name": "Attachment",
                    "fields": [{"name": "file", "type": "file", "required": False}],
                },
                {
                    "name": "Report",
                    "operations": ["create", "read"],
                    "fields": [
                        {"name": "summary", "type": "text"},
                        {"name": "date", "type": "date"},  # hides the `date` type in a class body
                        {"name": "reviewed_on", "type": "date", "required": False},
                        {"name": "sent_at", "type": "datetime", "required": False},
                    ],
                },
            ],
            "relations": [
                {"kind": "many_to_one", "source": "User", "target": "Team"},
                # users -> teams -> users: a cycle of tables
                {"kind": "many_to_one", "source": "Team", "target": "User", "name": "captain"},
                {"kind": "many_to_one", "source": "Like", "target": "Note"},
                {"kind": "many_to_many", "source": "Board", "target": "Note"},
                {"kind": "many_to_one", "source": "Like", "target": "User", "name": "user"},
                {"kind": "many_to_one", "source": "Note", "target": "User", "name": "created_by"},
            ],
            "permissions": [
                {"entity": "Report", "actions": ["read"], "roles": ["staff"]},
                {"entity": "Team", "actions": ["create", "update", "delete"], "roles": ["owner"]},
            ],
            "features": {
                "uploads": [
                    {
                        "entity": "Attachment",
                        "field": "file",
                        "content_types": ["application/pdf"],
                        "max_size_mb": 2,
                    }
                ]
            },
        }
    )


def one_role() -> ProjectSpec:
    """A single role: everyone who registers gets the top role."""
    return spec_from_dict(
        {
            "name": "one-role",
            "auth": "jwt",
            "roles": ["admin"],
            "entities": [{"name": "Memo", "fields": [{"name": "text"}]}],
            "relations": [
                {"kind": "many_to_one", "source": "Memo", "target": "User", "name": "author"}
            ],
        }
    )


# --- authorization and business rules (issue 12), written as codebegen.yaml ---------------------


def notes_private() -> ProjectSpec:
    """JWT without roles; notes are private to their owner (read: owner)."""
    return ProjectSpec.from_yaml("""
name: private-notes
auth: jwt
entities:
  - name: Note
    fields: [{name: title}, {name: body, type: text, required: false}]
    owner: owner
    read: owner
relations:
  - {kind: many_to_one, source: Note, target: User, name: owner}
""")


def iot_one_role() -> ProjectSpec:
    """One role named ("operators"): it must become privileged, sign-ups get a plain role."""
    return ProjectSpec.from_yaml("""
name: iot-api
auth: jwt
roles: [operator]
entities:
  - name: Device
    fields: [{name: name}, {name: serial, unique: true}]
  - name: Reading
    fields: [{name: value, type: float}]
    read: signed_in
relations:
  - {kind: many_to_one, source: Reading, target: Device}
""")


def shop_rules() -> ProjectSpec:
    """Customers see only their own orders; ranges, lengths, patterns, uniqueness, a workflow."""
    return ProjectSpec.from_yaml("""
name: rules-shop
auth: jwt
roles: [admin, customer]
entities:
  - name: Product
    fields:
      - {name: name}
      - {name: sku}
      - {name: price, type: decimal}
  - name: Order
    fields:
      - {name: status, type: enum, choices: [placed, paid, shipped, cancelled], default: placed}
      - {name: note, required: false}
    owner: customer
    read: owner
  - name: Review
    fields:
      - {name: rating, type: integer}
      - {name: comment, type: text}
relations:
  - {kind: many_to_one, source: Order, target: User, name: customer}
  - {kind: many_to_one, source: Review, target: Product}
permissions:
  - {entity: Product, actions: [create, update, delete], roles: [admin]}
rules:
  - {kind: range, entity: Review, field: rating, min: 1, max: 5}
  - {kind: length, entity: Review, field: comment, min: 3, max: 500}
  - {kind: not_blank, entity: Product, field: name}
  - {kind: pattern, entity: Product, field: sku, pattern: "^[A-Z]{3}-[0-9]{3}$"}
  - {kind: range, entity: Product, field: price, min: 0}
  - {kind: unique, entity: Review, fields: [author, product]}
  - {kind: transition, entity: Order, field: status, from_values: [placed], to: paid}
  - {kind: transition, entity: Order, field: status, from_values: [paid], to: shipped, roles: [admin]}
  - {kind: transition, entity: Order, field: status, from_values: [placed], to: cancelled}
""")


def soft_tasks() -> ProjectSpec:
    """Soft delete on a parent with children, and rules the renderer does not build."""
    return ProjectSpec.from_yaml("""
name: soft-tasks
auth: jwt
entities:
  - name: Project
    fields: [{name: name}]
  - name: Task
    fields: [{name: title}, {name: hours, type: float, required: false}]
relations:
  - {kind: many_to_one, source: Task, target: Project}
rules:
  - {kind: soft_delete, entity: Project}
  - {kind: soft_delete, entity: Task}
  - {kind: computed, entity: Project, field: name, expression: "sum(tasks.hours)"}
""")


def computed_orders() -> ProjectSpec:
    """An order's total from its line items: quantity x unit price."""
    return ProjectSpec.from_yaml("""
name: computed-orders
auth: jwt
entities:
  - name: Order
    fields: [{name: reference}, {name: total, type: decimal}]
  - name: OrderItem
    fields: [{name: quantity, type: integer}, {name: unit_price, type: decimal}]
relations:
  - {kind: many_to_one, source: OrderItem, target: Order}
rules:
  - {kind: computed, entity: Order, field: total, expression: "sum(items.quantity * items.unit_price)"}
  - {kind: range, entity: OrderItem, field: quantity, min: 1}
""")


def private_orders_with_items() -> ProjectSpec:
    """A private parent whose children are not private themselves: nested lists stay private."""
    return ProjectSpec.from_yaml("""
name: private-orders
auth: jwt
entities:
  - name: Order
    fields: [{name: reference}]
    owner: customer
    read: owner
  - name: OrderLine
    fields: [{name: quantity, type: integer}]
relations:
  - {kind: many_to_one, source: Order, target: User, name: customer}
  - {kind: many_to_one, source: OrderLine, target: Order}
""")
