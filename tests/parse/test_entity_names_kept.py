"""An entity keeps the name the person gave it even where that name is taken in a generated
module: "tables" of a restaurant are Table (path /tables, schemas TableCreate/TableRead); only
the SQLAlchemy model, whose module imports sqlalchemy's `Table`, is called TableModel."""

from __future__ import annotations

import pytest

from pipeline.parse import parse_spec
from pipeline.render import render_project

# (the entity expected, its path, a text that names it)
CASES = [
    (
        "Table",
        "/tables",
        "A restaurant booking API. Tables have a number and a seat count. Each reservation is "
        "for one table, with a date and a party size.",
    ),
    (
        "Table",
        "/tables",
        "Build a board game cafe API: tables (name, seats) and games (title, players). A game "
        "session is played at a table.",
    ),
    (
        "Table",
        "/tables",
        "- Tables: label, capacity, is outdoor\n- Waiters: name, shift\nA table is served by a "
        "waiter.",
    ),
    (
        "Column",
        "/columns",
        "An API for a newspaper: columns have a title and a weekly slot, and each column has "
        "many articles with a headline and a body.",
    ),
    (
        "Column",
        "/columns",
        "We track kanban boards. Each board has columns with a name and a position; cards sit "
        "in a column and have a title.",
    ),
]


@pytest.mark.parametrize(("name", "path", "text"), CASES)
def test_an_entity_named_like_a_sqlalchemy_class_keeps_its_name(
    name: str, path: str, text: str
) -> None:
    spec = parse_spec(text)
    assert name in [e.name for e in spec.entities]
    files = render_project(spec)
    module = name.lower()
    assert f"class {name}Model(Base):" in files[f"app/models/{module}.py"]
    assert f"class {name}Read(" in files[f"app/schemas/{module}.py"]
    assert f'APIRouter(prefix="{path}"' in files[f"app/routers/{module}s.py"]
