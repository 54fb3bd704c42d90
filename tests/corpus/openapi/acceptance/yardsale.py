"""Acceptance tests for yardsale.md, written from the document and its prose before generating.

Run against a served app: ACCEPTANCE_BASE_URL=http://127.0.0.1:8000 pytest <this file>
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import httpx
import pytest

BASE_URL = os.environ.get("ACCEPTANCE_BASE_URL", "http://127.0.0.1:8000")
PASSWORD = "garage42"


@pytest.fixture
def api() -> Iterator[httpx.Client]:
    with httpx.Client(base_url=BASE_URL, timeout=15) as client:
        yield client


def _username() -> str:
    return f"n_{uuid.uuid4().hex[:12]}"


def _neighbour(api: httpx.Client, street: str = "Elm Street") -> dict:
    """Registers a seller; `auth` is the HTTP Basic pair for httpx."""
    username = _username()
    body = {
        "username": username,
        "password": PASSWORD,
        "street": street,
        "household": "Okafor",
    }
    response = api.post("/sellers", json=body)
    assert response.status_code == 201, response.text
    return {"username": username, "street": street, "auth": (username, PASSWORD)}


def _listing(api: httpx.Client, who: dict, **fields) -> dict:
    body = {"title": "Garden chair", "price": 10, "category": "garden", **fields}
    response = api.post("/listings", json=body, auth=who["auth"])
    assert response.status_code == 200, response.text
    return response.json()


def _page(api: httpx.Client, who: dict, **params) -> dict:
    response = api.get("/listings", params=params, auth=who["auth"])
    assert response.status_code == 200, response.text
    return response.json()


def _ids(api: httpx.Client, who: dict, **params) -> list[int]:
    return [item["id"] for item in _page(api, who, **params)["items"]]


def _offer(api: httpx.Client, who: dict, listing: dict, amount: float) -> httpx.Response:
    return api.post(f"/listings/{listing['id']}/offers", json={"amount": amount}, auth=who["auth"])


def test_sign_up_answers_201_409_when_taken_and_400_for_a_bad_username(
    api: httpx.Client,
) -> None:
    username = _username()
    body = {
        "username": username,
        "password": PASSWORD,
        "street": "Oak Road",
        "household": "Lee",
    }
    created = api.post("/sellers", json=body)
    assert created.status_code == 201, created.text
    made = created.json()
    assert made["username"] == username and made["street"] == "Oak Road"
    assert made["household"] == "Lee" and "password" not in made
    assert api.post("/sellers", json=body).status_code == 409
    bad = api.post("/sellers", json={**body, "username": "Bad Name!"})
    assert bad.status_code == 400, bad.text


def test_everything_else_needs_basic_auth(api: httpx.Client) -> None:
    who = _neighbour(api)
    body = {"title": "Lamp", "price": 5, "category": "other"}
    assert api.get("/listings").status_code == 401
    assert api.post("/listings", json=body).status_code == 401
    assert api.get("/me").status_code == 401
    wrong = (who["username"], "not-my-password")
    assert api.get("/listings", auth=wrong).status_code == 401
    assert api.get("/me", auth=wrong).status_code == 401
    assert api.get("/me", auth=who["auth"]).status_code == 200


def test_a_listing_answers_200_with_seller_street_and_defaults(
    api: httpx.Client,
) -> None:
    who = _neighbour(api, street="Birch Close")
    response = api.post(
        "/listings",
        json={"title": "Kids bike", "price": 35.5, "category": "toys"},
        auth=who["auth"],
    )
    assert response.status_code == 200, response.text
    made = response.json()
    assert isinstance(made["id"], int) and made["title"] == "Kids bike"
    assert made["price"] == pytest.approx(35.5) and made["category"] == "toys"
    assert made["seller"] == who["username"] and made["street"] == "Birch Close"
    assert made["haggle"] is True and made["sold"] is False
    assert made["offer_count"] == 0 and made["best_offer"] is None
    assert made.get("notes") is None
    got = api.get(f"/listings/{made['id']}", auth=who["auth"])
    assert got.status_code == 200 and got.json()["seller"] == who["username"]


def test_bad_listings_answer_400(api: httpx.Client) -> None:
    who = _neighbour(api)
    base = {"title": "Bookshelf", "price": 20, "category": "furniture"}
    for body in [
        {**base, "price": 0},
        {**base, "price": -3},
        {**base, "category": "cars"},
        {**base, "title": "x"},
        {"price": 20, "category": "furniture"},
    ]:
        response = api.post("/listings", json=body, auth=who["auth"])
        assert response.status_code == 400, (body, response.text)
    assert _page(api, who, seller=who["username"])["total"] == 0


def test_list_is_items_and_total_sorted_by_title_then_paged(api: httpx.Client) -> None:
    who = _neighbour(api)
    mine = who["username"]
    toaster = _listing(api, who, title="Toaster", price=8, category="kitchen")
    atlas = _listing(api, who, title="Atlas", price=15, category="books")
    mower = _listing(api, who, title="Mower", price=60, category="garden")
    body = _page(api, who, seller=mine)
    assert [i["id"] for i in body["items"]] == [atlas["id"], mower["id"], toaster["id"]]
    assert body["total"] == 3
    assert _ids(api, who, seller=mine, order="desc") == [
        toaster["id"],
        mower["id"],
        atlas["id"],
    ]
    assert _ids(api, who, seller=mine, sort="price") == [
        toaster["id"],
        atlas["id"],
        mower["id"],
    ]
    by_price_desc = _ids(api, who, seller=mine, sort="price", order="desc")
    assert by_price_desc == [mower["id"], atlas["id"], toaster["id"]]
    page2 = _page(api, who, seller=mine, per_page=2, page=2)
    assert [i["id"] for i in page2["items"]] == [toaster["id"]] and page2["total"] == 3


def test_filters_category_q_prices_and_sold(api: httpx.Client) -> None:
    who = _neighbour(api)
    mine = who["username"]
    teapot = _listing(api, who, title="Blue Teapot", price=6, category="kitchen")
    kettle = _listing(api, who, title="Kettle", price=12, category="kitchen")
    saw = _listing(api, who, title="Hand saw", price=9, category="tools")
    assert _ids(api, who, seller=mine, category="kitchen") == [
        teapot["id"],
        kettle["id"],
    ]
    assert _ids(api, who, seller=mine, q="TEAPOT") == [teapot["id"]]
    assert _ids(api, who, seller=mine, min_price=6, max_price=9) == [
        teapot["id"],
        saw["id"],
    ]
    assert _ids(api, who, seller=mine, min_price=9) == [saw["id"], kettle["id"]]
    sold = api.post(f"/listings/{kettle['id']}/sold", auth=who["auth"])
    assert sold.status_code == 200, sold.text
    assert _ids(api, who, seller=mine, sold="true") == [kettle["id"]]
    assert _ids(api, who, seller=mine, sold="false") == [teapot["id"], saw["id"]]


def test_everyone_sees_the_board_but_only_the_seller_changes_it(
    api: httpx.Client,
) -> None:
    seller, other = _neighbour(api), _neighbour(api)
    made = _listing(api, seller, title="Sofa", price=80, category="furniture", notes="grey")
    url = f"/listings/{made['id']}"
    assert api.get(url, auth=other["auth"]).status_code == 200
    assert _ids(api, other, seller=seller["username"]) == [made["id"]]
    assert api.patch(url, json={"price": 1}, auth=other["auth"]).status_code == 403
    assert api.delete(url, auth=other["auth"]).status_code == 403
    assert api.post(f"{url}/sold", auth=other["auth"]).status_code == 403
    assert api.get(f"{url}/offers", auth=other["auth"]).status_code == 403
    patched = api.patch(url, json={"price": 70, "haggle": False}, auth=seller["auth"])
    assert patched.status_code == 200, patched.text
    body = patched.json()
    assert body["price"] == pytest.approx(70) and body["haggle"] is False
    assert body["title"] == "Sofa" and body["category"] == "furniture" and body["notes"] == "grey"
    assert body["sold"] is False


def test_offers_one_per_neighbour_and_counted_on_the_listing(api: httpx.Client) -> None:
    seller, ann, ben = _neighbour(api), _neighbour(api), _neighbour(api)
    made = _listing(api, seller, title="Record player", price=40, category="other")
    first = _offer(api, ann, made, 25)
    assert first.status_code == 201, first.text
    body = first.json()
    assert body["buyer"] == ann["username"] and body["listing_id"] == made["id"]
    assert body["amount"] == pytest.approx(25) and isinstance(body["id"], int)
    assert _offer(api, ann, made, 30).status_code == 409
    assert _offer(api, ben, made, 0).status_code == 400
    assert _offer(api, seller, made, 50).status_code == 403
    assert _offer(api, ben, made, 32.5).status_code == 201
    got = api.get(f"/listings/{made['id']}", auth=ann["auth"]).json()
    assert got["offer_count"] == 2 and got["best_offer"] == pytest.approx(32.5)


def test_the_seller_reads_offers_highest_first(api: httpx.Client) -> None:
    seller, ann, ben, cat = (
        _neighbour(api),
        _neighbour(api),
        _neighbour(api),
        _neighbour(api),
    )
    made = _listing(api, seller, title="Desk", price=50, category="furniture")
    _offer(api, ann, made, 20)
    _offer(api, ben, made, 45)
    _offer(api, cat, made, 30)
    response = api.get(f"/listings/{made['id']}/offers", auth=seller["auth"])
    assert response.status_code == 200, response.text
    offers = response.json()
    assert [o["buyer"] for o in offers] == [
        ben["username"],
        cat["username"],
        ann["username"],
    ]
    assert [o["amount"] for o in offers] == pytest.approx([45, 30, 20])


def test_sold_is_200_then_409_and_freezes_the_listing(api: httpx.Client) -> None:
    seller, buyer = _neighbour(api), _neighbour(api)
    made = _listing(api, seller, title="Rake", price=4)
    url = f"/listings/{made['id']}"
    sold = api.post(f"{url}/sold", auth=seller["auth"])
    assert sold.status_code == 200, sold.text
    assert sold.json()["sold"] is True and sold.json()["id"] == made["id"]
    assert api.post(f"{url}/sold", auth=seller["auth"]).status_code == 409
    assert api.patch(url, json={"price": 3}, auth=seller["auth"]).status_code == 409
    assert _offer(api, buyer, made, 4).status_code == 409
    assert api.get(url, auth=buyer["auth"]).json()["price"] == pytest.approx(4)
    assert api.delete(url, auth=seller["auth"]).status_code == 204


def test_delete_is_204_then_404(api: httpx.Client) -> None:
    who = _neighbour(api)
    made = _listing(api, who)
    assert api.delete(f"/listings/{made['id']}", auth=who["auth"]).status_code == 204
    assert api.get(f"/listings/{made['id']}", auth=who["auth"]).status_code == 404
    assert _page(api, who, seller=who["username"])["total"] == 0


def test_me_counts_my_listings_sold_ones_too(api: httpx.Client) -> None:
    who, other = _neighbour(api, street="Ash Lane"), _neighbour(api)
    first = _listing(api, who)
    _listing(api, who, title="Hose")
    _listing(api, other)
    api.post(f"/listings/{first['id']}/sold", auth=who["auth"])
    response = api.get("/me", auth=who["auth"])
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["username"] == who["username"] and body["street"] == "Ash Lane"
    assert body["listing_count"] == 2 and "password" not in body


def test_unknown_listing_answers_404(api: httpx.Client) -> None:
    who = _neighbour(api)
    assert api.get("/listings/987654321", auth=who["auth"]).status_code == 404
    assert api.patch("/listings/987654321", json={"price": 2}, auth=who["auth"]).status_code == 404
    assert api.post("/listings/987654321/sold", auth=who["auth"]).status_code == 404
    assert (
        api.post("/listings/987654321/offers", json={"amount": 2}, auth=who["auth"]).status_code
        == 404
    )
    assert api.delete("/listings/987654321", auth=who["auth"]).status_code == 404
