"""A status that moves in the order the words give ("`pending` → `paid` → `shipped`"): a
PATCH that declares 409 moves it one step along the chain only. Own document, planned and
served; chains read from several ways of writing them."""

from __future__ import annotations

import pytest

from pipeline.contract.moves import chains
from tests.contract.booted import served

DOC = """# Orders

An order's `status` goes `pending` → `paid` (the card went through) → `shipped`. Changing it any
other way answers 409.

```yaml
openapi: 3.0.3
info: {title: orders, version: '1'}
paths:
  /orders:
    post:
      requestBody: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/Order'}}}}
      responses:
        '201': {description: made, content: {application/json: {schema: {$ref: '#/components/schemas/Order'}}}}
  /orders/{orderId}:
    parameters: [{name: orderId, in: path, required: true, schema: {type: integer}}]
    patch:
      requestBody: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/Order'}}}}
      responses:
        '200': {description: changed, content: {application/json: {schema: {$ref: '#/components/schemas/Order'}}}}
        '409': {description: not allowed}
components:
  schemas:
    Order:
      type: object
      properties:
        id: {type: integer, readOnly: true}
        item: {type: string}
        status: {type: string, enum: [pending, paid, shipped], default: pending}
```
"""

VALUES = ["draft", "review", "published", "archived"]


@pytest.mark.parametrize(
    ("text", "moves"),
    [
        ("draft -> review -> published", {"draft": ["review"], "review": ["published"]}),
        (
            "`draft` → `published`, later `published` => `archived`",
            {"draft": ["published"], "published": ["archived"]},
        ),
        ("it goes from draft to review", {"draft": ["review"]}),
        ("a draft (unseen) → review", {"draft": ["review"]}),
        ("draft, review, published and archived are the states", {}),
        ("drafts are kept", {}),
        ("redrafts to reviews", {}),  # not the values themselves
    ],
)
def test_a_chain_of_the_enum_values_gives_the_moves(text: str, moves: dict[str, list[str]]) -> None:
    assert chains([text], VALUES) == moves


def test_served_status_moves_one_step_along_the_chain() -> None:
    with served(DOC) as api:
        order = api.post("/orders", json={"item": "lamp"}).json()
        url = f"/orders/{order['id']}"
        assert api.patch(url, json={"status": "shipped"}).status_code == 409
        assert api.patch(url, json={"item": "big lamp"}).status_code == 200  # status kept
        assert api.patch(url, json={"status": "paid"}).json()["status"] == "paid"
        assert api.patch(url, json={"status": "pending"}).status_code == 409
        assert api.patch(url, json={"status": "shipped"}).json()["status"] == "shipped"
