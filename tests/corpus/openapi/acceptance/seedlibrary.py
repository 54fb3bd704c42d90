"""Acceptance tests for seedlibrary.md, written from the document and its prose before generating.

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


def _member(api: httpx.Client, name: str = "") -> dict[str, str]:
    """Joins the library and answers the headers that carry the new member's key."""
    response = api.post("/members", json={"name": name or f"Gardener {uuid.uuid4().hex[:6]}"})
    assert response.status_code == 201, response.text
    return {"X-Member-Key": response.json()["api_key"]}


def _word() -> str:
    """A word no other test puts in a variety name, so `q` isolates this test's seeds."""
    return f"qz{uuid.uuid4().hex[:10]}"


def _donate(
    api: httpx.Client,
    who: dict,
    name: str,
    crop: str = "bean",
    packets: int = 5,
    year: int = 2023,
    **extra,
) -> dict:
    body = {"name": name, "crop": crop, "packets": packets, "year_harvested": year, **extra}
    response = api.post("/seeds", json=body, headers=who)
    assert response.status_code == 200, response.text
    return response.json()


def _ids(response: httpx.Response) -> list[int]:
    assert response.status_code == 200, response.text
    return [seed["id"] for seed in response.json()["items"]]


def test_joining_answers_201_with_a_key(api: httpx.Client) -> None:
    response = api.post("/members", json={"name": "Ada Greenthumb"})
    assert response.status_code == 201
    body = response.json()
    assert body["name"] == "Ada Greenthumb"
    assert isinstance(body["api_key"], str) and body["api_key"]


def test_the_catalogue_needs_a_known_key(api: httpx.Client) -> None:
    assert api.get("/seeds").status_code == 401
    assert api.get("/seeds", headers={"X-Member-Key": "not-a-key-we-issued"}).status_code == 401
    body = {"name": "Borlotti", "crop": "bean", "packets": 2, "year_harvested": 2023}
    assert api.post("/seeds", json=body).status_code == 401
    assert api.get("/seeds", headers=_member(api)).status_code == 200


def test_a_donation_answers_200_with_the_donor_and_nothing_taken(api: httpx.Client) -> None:
    me = _member(api, "Ruth Marigold")
    seed = _donate(api, me, f"Cherokee Purple {_word()}", "tomato", 8, 2024, notes="start indoors")
    assert isinstance(seed["id"], int)
    assert seed["packets"] == 8 and seed["taken"] == 0
    assert seed["crop"] == "tomato" and seed["year_harvested"] == 2024
    assert seed["donor_name"] == "Ruth Marigold" and seed["notes"] == "start indoors"
    got = api.get(f"/seeds/{seed['id']}", headers=_member(api))
    assert got.status_code == 200 and got.json()["name"] == seed["name"]


def test_invalid_donations_are_422(api: httpx.Client) -> None:
    me = _member(api)
    good = {"name": f"Sage {_word()}", "crop": "herb", "packets": 3, "year_harvested": 2023}
    assert api.post("/seeds", json={**good, "crop": "cactus"}, headers=me).status_code == 422
    assert api.post("/seeds", json={**good, "packets": 0}, headers=me).status_code == 422
    without_name = {k: v for k, v in good.items() if k != "name"}
    assert api.post("/seeds", json=without_name, headers=me).status_code == 422


def test_same_name_and_year_ignoring_case_is_409(api: httpx.Client) -> None:
    ann, bob = _member(api), _member(api)
    name = f"Painted Lady {_word()}"
    _donate(api, ann, name, year=2022)
    body = {"name": name.upper(), "crop": "bean", "packets": 1, "year_harvested": 2022}
    assert api.post("/seeds", json=body, headers=bob).status_code == 409
    other_year = _donate(api, bob, name, year=2023)
    assert other_year["year_harvested"] == 2023


def test_taking_one_packet_by_default(api: httpx.Client) -> None:
    ann, bob = _member(api), _member(api)
    seed = _donate(api, ann, f"Basil {_word()}", "herb", packets=4)
    took = api.post(f"/seeds/{seed['id']}/take", headers=bob)
    assert took.status_code == 200, took.text
    assert took.json()["packets"] == 3 and took.json()["taken"] == 1
    more = api.post(f"/seeds/{seed['id']}/take", json={"packets": 2}, headers=bob)
    assert more.status_code == 200
    assert more.json()["packets"] == 1 and more.json()["taken"] == 3


def test_taking_more_than_is_left_is_409_and_changes_nothing(api: httpx.Client) -> None:
    ann, bob = _member(api), _member(api)
    seed = _donate(api, ann, f"Kale {_word()}", "greens", packets=2)
    too_many = api.post(f"/seeds/{seed['id']}/take", json={"packets": 3}, headers=bob)
    assert too_many.status_code == 409
    got = api.get(f"/seeds/{seed['id']}", headers=bob).json()
    assert got["packets"] == 2 and got["taken"] == 0


def test_everyone_sees_every_variety_sorted_by_name(api: httpx.Client) -> None:
    ann, bob = _member(api), _member(api)
    word = _word()
    c = _donate(api, ann, f"Cosmos {word}", "flower")
    a = _donate(api, bob, f"Amaranth {word}", "greens")
    b = _donate(api, ann, f"Butternut {word}", "squash")
    listed = api.get("/seeds", params={"q": word}, headers=bob)
    assert _ids(listed) == [a["id"], b["id"], c["id"]]
    assert listed.json()["total"] == 3
    backwards = api.get("/seeds", params={"q": word, "sort": "-name"}, headers=ann)
    assert _ids(backwards) == [c["id"], b["id"], a["id"]]


def test_q_ignores_case_and_crop_filters(api: httpx.Client) -> None:
    me = _member(api)
    word = _word()
    squash = _donate(api, me, f"Delicata SQUASH {word}", "squash")
    _donate(api, me, f"Runner bean {word}", "bean")
    assert _ids(api.get("/seeds", params={"q": f"squash {word}".upper()}, headers=me)) == [
        squash["id"]
    ]
    by_crop = api.get("/seeds", params={"q": word, "crop": "squash"}, headers=me)
    assert _ids(by_crop) == [squash["id"]]


def test_in_stock_hides_varieties_with_no_packets_left(api: httpx.Client) -> None:
    ann, bob = _member(api), _member(api)
    word = _word()
    gone = _donate(api, ann, f"Arugula {word}", "greens", packets=1)
    kept = _donate(api, ann, f"Borage {word}", "herb", packets=2)
    took = api.post(f"/seeds/{gone['id']}/take", json={"packets": 1}, headers=bob)
    assert took.status_code == 200
    in_stock = api.get("/seeds", params={"q": word, "in_stock": "true"}, headers=bob)
    assert _ids(in_stock) == [kept["id"]]
    everything = api.get("/seeds", params={"q": word}, headers=bob)
    assert _ids(everything) == [gone["id"], kept["id"]]


def test_limit_and_offset_keep_the_full_total(api: httpx.Client) -> None:
    me = _member(api)
    word = _word()
    seeds = [_donate(api, me, f"{letter} pea {word}", "bean") for letter in "ABCDE"]
    page = api.get("/seeds", params={"q": word, "limit": 2, "offset": 2}, headers=me)
    assert _ids(page) == [seeds[2]["id"], seeds[3]["id"]]
    assert page.json()["total"] == 5


def test_only_the_donor_removes_a_variety(api: httpx.Client) -> None:
    ann, bob = _member(api), _member(api)
    seed = _donate(api, ann, f"Calendula {_word()}", "flower")
    assert api.delete(f"/seeds/{seed['id']}", headers=bob).status_code == 403
    assert api.delete(f"/seeds/{seed['id']}", headers=ann).status_code == 204
    assert api.get(f"/seeds/{seed['id']}", headers=ann).status_code == 404


def test_an_unknown_variety_is_404(api: httpx.Client) -> None:
    me = _member(api)
    assert api.get("/seeds/987654321", headers=me).status_code == 404
    assert api.post("/seeds/987654321/take", json={"packets": 1}, headers=me).status_code == 404
    assert api.delete("/seeds/987654321", headers=me).status_code == 404
