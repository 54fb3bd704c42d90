"""How the generated app's list filters read query parameters it has no exact property for
(`app/contract/listing.py`, copied verbatim from its template): a range over a property its
name abbreviates ("min_qty" of "quantity"), and a bare word for what is still free
("open=true": the records with some "spots_left"). Own parameter sets, expected filters first."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

TEMPLATE = Path(__file__).resolve().parents[2] / "pipeline/templates/contract/listing.py.j2"


def _listing() -> ModuleType:
    spec = importlib.util.spec_from_loader("generated_listing", loader=None)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    exec(compile(TEMPLATE.read_text(encoding="utf-8"), str(TEMPLATE), "exec"), module.__dict__)
    return module


LISTING = _listing()
INT = {"type": "integer"}
TEXT = {"type": "string"}

CASES: list[tuple[dict[str, Any], dict[str, Any], list[tuple[str, str, Any]]]] = [
    ({"min_qty": 5}, {"sku": TEXT, "quantity": INT}, [("quantity", "ge", 5)]),
    ({"amt_max": 20}, {"amount": INT, "memo": TEXT}, [("amount", "le", 20)]),
    ({"maxTemp": 30}, {"temperature": INT, "city": TEXT}, [("temperature", "le", 30)]),
    ({"min_pts": 3}, {"points": INT, "name": TEXT}, [("points", "ge", 3)]),
    ({"max_dst": 3}, {"distance": INT, "downstream": INT}, []),  # two it could shorten
    ({"min_price": 3}, {"price": INT, "priority": INT}, [("price", "ge", 3)]),
    (
        {"open": True},
        {"title": TEXT, "capacity": INT, "spots_left": INT},
        [("spots_left", "gt", 0)],
    ),
    ({"available": False}, {"name": TEXT, "seatsRemaining": INT}, [("seatsRemaining", "le", 0)]),
    ({"open": True}, {"title": TEXT, "capacity": INT}, []),  # nothing says what is free
]


@pytest.mark.parametrize(("params", "props", "filters"), CASES)
def test_a_parameter_names_the_property_it_filters(
    params: dict[str, Any], props: dict[str, Any], filters: list[tuple[str, str, Any]]
) -> None:
    assert LISTING.Query(params, props).filters() == filters


ROWS = [
    {"id": 1, "title": "b", "price": 3},
    {"id": 2, "title": "c", "price": 1},
    {"id": 3, "title": "a", "price": 2},
]
ORDERS = [
    ({"sort": "newest"}, None, [3, 2, 1]),
    ({"order": "latest"}, "title", [3, 2, 1]),  # over the document's own order
    ({"sort_by": "oldest"}, None, [1, 2, 3]),
    ({"sort": "title"}, None, [3, 1, 2]),
    ({"ordering": "recent"}, None, [3, 2, 1]),
    ({"sort": "-price"}, None, [1, 3, 2]),
]


@pytest.mark.parametrize(("params", "sort_by", "ids"), ORDERS)
def test_a_sort_value_saying_newest_or_oldest_orders_by_creation(
    params: dict[str, Any], sort_by: str | None, ids: list[int]
) -> None:
    props = {"id": INT, "title": TEXT, "price": INT}
    ordered = LISTING.Query(params, props, sort_by=sort_by).order(list(ROWS))
    assert [r["id"] for r in ordered] == ids
