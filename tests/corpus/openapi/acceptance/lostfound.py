"""Acceptance tests for lostfound.md, written from the document and its prose before generating.

Run against a served app: ACCEPTANCE_BASE_URL=http://127.0.0.1:8000 pytest <this file>
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import httpx
import pytest

BASE_URL = os.environ.get("ACCEPTANCE_BASE_URL", "http://127.0.0.1:8000")


@pytest.fixture
def api() -> Iterator[httpx.Client]:
    with httpx.Client(base_url=BASE_URL, timeout=15) as client:
        yield client


def _word() -> str:
    """A word no other test puts in a description, so `q` isolates this test's items."""
    return f"qk{uuid.uuid4().hex[:10]}"


def _item(
    api: httpx.Client,
    description: str,
    found_on: str = "2030-02-01",
    category: str = "other",
    **extra,
) -> dict:
    body = {"description": description, "category": category, "found_on": found_on, **extra}
    response = api.post("/items", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def _ids(api: httpx.Client, **params) -> list[int]:
    response = api.get("/items", params=params)
    assert response.status_code == 200, response.text
    assert isinstance(response.json(), list)
    return [i["id"] for i in response.json()]


def test_a_new_item_is_unclaimed(api: httpx.Client) -> None:
    made = _item(api, f"black umbrella {_word()}", category="other", where_found="deck 2")
    assert isinstance(made["id"], int)
    assert made["status"] == "unclaimed" and made["claimed_by"] is None
    assert made["where_found"] == "deck 2" and made["found_on"] == "2030-02-01"
    got = api.get(f"/items/{made['id']}")
    assert got.status_code == 200 and got.json()["description"] == made["description"]


def test_no_login_is_needed_for_anything(api: httpx.Client) -> None:
    made = _item(api, f"blue scarf {_word()}", category="clothing")
    assert api.get("/items").status_code == 200
    assert api.patch(f"/items/{made['id']}", json={"where_found": "bar"}).status_code == 200
    assert api.delete(f"/items/{made['id']}").status_code == 204


def test_bad_bodies_are_422(api: httpx.Client) -> None:
    body = {"description": "phone", "category": "electronics"}
    assert api.post("/items", json=body).status_code == 422
    body = {"description": "phone", "category": "jewellery", "found_on": "2030-02-01"}
    assert api.post("/items", json=body).status_code == 422
    body = {"description": "ab", "category": "other", "found_on": "2030-02-01"}
    assert api.post("/items", json=body).status_code == 422


def test_list_is_a_bare_array_newest_found_first_with_limit(api: httpx.Client) -> None:
    word = _word()
    a = _item(api, f"teddy {word}", "2030-03-01", "toys")
    b = _item(api, f"teddy {word}", "2030-03-09", "toys")
    c = _item(api, f"teddy {word}", "2030-03-05", "toys")
    assert _ids(api, q=word) == [b["id"], c["id"], a["id"]]
    assert _ids(api, q=word, limit=2) == [b["id"], c["id"]]


def test_q_is_case_insensitive_on_the_description(api: httpx.Client) -> None:
    word = _word()
    made = _item(api, f"Red Backpack {word}", category="bags")
    _item(api, f"green wallet {word}", category="bags")
    assert _ids(api, q=f"BACKPACK {word}") == [made["id"]]


def test_category_status_and_found_after(api: httpx.Client) -> None:
    word = _word()
    old = _item(api, f"passport {word}", "2030-04-01", "documents")
    new = _item(api, f"passport {word}", "2030-04-10", "documents")
    toy = _item(api, f"yoyo {word}", "2030-04-10", "toys")
    assert _ids(api, q=word, category="documents") == [new["id"], old["id"]]
    assert sorted(_ids(api, q=word, found_after="2030-04-10")) == sorted([new["id"], toy["id"]])
    api.post(f"/items/{new['id']}/claim", json={"claimant": "Ana"})
    assert _ids(api, q=word, status="claimed") == [new["id"]]
    assert _ids(api, q=word, status="unclaimed") == [toy["id"], old["id"]]


def test_claim_hands_over_once(api: httpx.Client) -> None:
    made = _item(api, f"phone {_word()}", category="electronics")
    claimed = api.post(f"/items/{made['id']}/claim", json={"claimant": "Piotr Nowak"})
    assert claimed.status_code == 200
    assert claimed.json()["status"] == "claimed" and claimed.json()["claimed_by"] == "Piotr Nowak"
    again = api.post(f"/items/{made['id']}/claim", json={"claimant": "Someone Else"})
    assert again.status_code == 409
    assert api.get(f"/items/{made['id']}").json()["claimed_by"] == "Piotr Nowak"


def test_patch_changes_only_what_is_sent_and_can_dispose(api: httpx.Client) -> None:
    made = _item(api, f"glove {_word()}", category="clothing", where_found="gate A")
    patched = api.patch(f"/items/{made['id']}", json={"status": "disposed"})
    assert patched.status_code == 200
    body = patched.json()
    assert body["status"] == "disposed" and body["where_found"] == "gate A"
    assert body["description"] == made["description"] and body["category"] == "clothing"


def test_patch_with_an_unknown_category_is_422(api: httpx.Client) -> None:
    made = _item(api, f"hat {_word()}", category="clothing")
    assert api.patch(f"/items/{made['id']}", json={"category": "hats"}).status_code == 422


def test_delete_is_204_then_404(api: httpx.Client) -> None:
    made = _item(api, f"mistake {_word()}")
    assert api.delete(f"/items/{made['id']}").status_code == 204
    assert api.get(f"/items/{made['id']}").status_code == 404


def test_poster_is_html_with_the_description_escaped(api: httpx.Client) -> None:
    word = _word()
    made = _item(api, f"<b>silver</b> ring & chain {word}", category="other")
    response = api.get(f"/items/{made['id']}/poster")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "<b>silver</b>" not in response.text
    assert "&lt;b&gt;silver&lt;/b&gt;" in response.text and word in response.text


def test_unknown_item_is_404(api: httpx.Client) -> None:
    assert api.get("/items/987654321").status_code == 404
    assert api.post("/items/987654321/claim", json={"claimant": "X"}).status_code == 404
    assert api.get("/items/987654321/poster").status_code == 404
    assert api.patch("/items/987654321", json={"where_found": "x"}).status_code == 404
