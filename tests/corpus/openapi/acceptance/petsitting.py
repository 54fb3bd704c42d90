"""Acceptance tests for petsitting.md, written from the document and its prose before generating.

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


def _creds() -> dict[str, str]:
    tag = uuid.uuid4().hex[:10]
    return {"email": f"n{tag}@example.com", "password": "woof-woof-42", "display_name": f"N {tag}"}


def _user(api: httpx.Client) -> dict[str, str]:
    creds = _creds()
    assert api.post("/auth/register", json=creds).status_code == 201
    login = api.post("/auth/login", json={"email": creds["email"], "password": creds["password"]})
    assert login.status_code == 200, login.text
    return {"Authorization": f"Bearer {login.json()['token']}"}


def _city() -> str:
    """A city no other test uses, so board listings can be checked exactly."""
    return f"Town-{uuid.uuid4().hex[:10]}"


def _post(
    api: httpx.Client,
    who: dict,
    city: str,
    start: str = "2031-03-01",
    end: str = "2031-03-05",
    species: str = "dog",
) -> dict:
    body = {
        "pet_name": "Rex",
        "species": species,
        "city": city,
        "start_date": start,
        "end_date": end,
    }
    response = api.post("/requests", json=body, headers=who)
    assert response.status_code == 201, response.text
    return response.json()


def test_register_hides_the_password_and_a_taken_email_is_409(api: httpx.Client) -> None:
    creds = _creds()
    response = api.post("/auth/register", json=creds)
    assert response.status_code == 201
    body = response.json()
    assert body["email"] == creds["email"] and body["display_name"] == creds["display_name"]
    assert isinstance(body["id"], int) and "password" not in body
    assert api.post("/auth/register", json=creds).status_code == 409


def test_a_wrong_password_is_401_and_the_board_needs_a_token(api: httpx.Client) -> None:
    creds = _creds()
    api.post("/auth/register", json=creds)
    bad = api.post("/auth/login", json={"email": creds["email"], "password": "meow-meow-42"})
    assert bad.status_code == 401
    assert api.get("/requests").status_code == 401
    body = {
        "pet_name": "Rex",
        "species": "dog",
        "city": "X",
        "start_date": "2031-01-01",
        "end_date": "2031-01-02",
    }
    assert api.post("/requests", json=body).status_code == 401


def test_a_new_request_is_open_with_no_offers(api: httpx.Client) -> None:
    ann = _user(api)
    city = _city()
    made = _post(api, ann, city, species="cat")
    assert made["status"] == "open" and made["offer_count"] == 0
    assert made["species"] == "cat" and made["city"] == city and made["start_date"] == "2031-03-01"
    assert isinstance(made["id"], int)
    got = api.get(f"/requests/{made['id']}", headers=ann)
    assert got.status_code == 200 and got.json()["pet_name"] == "Rex"


def test_bad_dates_or_species_answer_400(api: httpx.Client) -> None:
    ann = _user(api)
    body = {
        "pet_name": "Rex",
        "species": "dog",
        "city": "X",
        "start_date": "2031-03-05",
        "end_date": "2031-03-01",
    }
    assert api.post("/requests", json=body, headers=ann).status_code == 400
    body = {**body, "end_date": "2031-03-09", "species": "dragon"}
    assert api.post("/requests", json=body, headers=ann).status_code == 400


def test_everyone_sees_the_board_soonest_first_and_filtered(api: httpx.Client) -> None:
    ann, bob = _user(api), _user(api)
    city = _city()
    late = _post(api, ann, city, "2031-05-10", "2031-05-12", species="dog")
    early = _post(api, bob, city, "2031-05-01", "2031-05-02", species="cat")
    mid = _post(api, ann, city, "2031-05-05", "2031-05-06", species="dog")
    listed = api.get("/requests", params={"city": city}, headers=bob)
    assert listed.status_code == 200
    body = listed.json()
    assert body["count"] == 3
    assert [r["id"] for r in body["results"]] == [early["id"], mid["id"], late["id"]]
    back = api.get("/requests", params={"city": city, "sort": "-start_date"}, headers=ann).json()
    assert [r["id"] for r in back["results"]] == [late["id"], mid["id"], early["id"]]
    dogs = api.get("/requests", params={"city": city, "species": "dog"}, headers=bob).json()
    assert [r["id"] for r in dogs["results"]] == [mid["id"], late["id"]]


def test_from_and_to_are_inclusive_on_start_date(api: httpx.Client) -> None:
    ann = _user(api)
    city = _city()
    _post(api, ann, city, "2031-06-01", "2031-06-02")
    a = _post(api, ann, city, "2031-06-10", "2031-06-11")
    b = _post(api, ann, city, "2031-06-20", "2031-06-21")
    _post(api, ann, city, "2031-06-30", "2031-07-01")
    params = {"city": city, "from": "2031-06-10", "to": "2031-06-20"}
    body = api.get("/requests", params=params, headers=ann).json()
    assert [r["id"] for r in body["results"]] == [a["id"], b["id"]] and body["count"] == 2


def test_paging_keeps_the_count_of_all_matches(api: httpx.Client) -> None:
    ann = _user(api)
    city = _city()
    made = [_post(api, ann, city, f"2031-08-0{d}", f"2031-08-0{d + 1}") for d in (1, 2, 3)]
    page = api.get("/requests", params={"city": city, "per_page": 2, "page": 2}, headers=ann).json()
    assert page["count"] == 3
    assert [r["id"] for r in page["results"]] == [made[2]["id"]]


def test_only_the_owner_may_patch_and_status_filters(api: httpx.Client) -> None:
    ann, bob = _user(api), _user(api)
    city = _city()
    made = _post(api, ann, city)
    other = _post(api, ann, city, "2031-03-02", "2031-03-03")
    assert (
        api.patch(f"/requests/{made['id']}", json={"status": "taken"}, headers=bob).status_code
        == 403
    )
    changed = api.patch(f"/requests/{made['id']}", json={"status": "taken"}, headers=ann)
    assert changed.status_code == 200 and changed.json()["status"] == "taken"
    assert changed.json()["pet_name"] == "Rex"
    open_ = api.get("/requests", params={"city": city, "status": "open"}, headers=bob).json()
    assert [r["id"] for r in open_["results"]] == [other["id"]]


def test_only_the_owner_may_delete(api: httpx.Client) -> None:
    ann, bob = _user(api), _user(api)
    made = _post(api, ann, _city())
    assert api.delete(f"/requests/{made['id']}", headers=bob).status_code == 403
    assert api.delete(f"/requests/{made['id']}", headers=ann).status_code == 204
    assert api.get(f"/requests/{made['id']}", headers=ann).status_code == 404


def test_offers_are_counted_once_per_sitter_and_not_on_my_own(api: httpx.Client) -> None:
    ann, bob = _user(api), _user(api)
    made = _post(api, ann, _city())
    offer = api.post(f"/requests/{made['id']}/offers", json={"message": "happy to!"}, headers=bob)
    assert offer.status_code == 201, offer.text
    assert offer.json()["request_id"] == made["id"]
    again = api.post(f"/requests/{made['id']}/offers", json={"message": "me again"}, headers=bob)
    assert again.status_code == 409
    own = api.post(f"/requests/{made['id']}/offers", json={"message": "me"}, headers=ann)
    assert own.status_code == 403
    assert api.get(f"/requests/{made['id']}", headers=bob).json()["offer_count"] == 1


def test_a_request_that_is_not_open_takes_no_offers(api: httpx.Client) -> None:
    ann, bob = _user(api), _user(api)
    made = _post(api, ann, _city())
    api.patch(f"/requests/{made['id']}", json={"status": "closed"}, headers=ann)
    response = api.post(f"/requests/{made['id']}/offers", json={"message": "hi"}, headers=bob)
    assert response.status_code == 409


def test_only_the_owner_reads_offers_oldest_first(api: httpx.Client) -> None:
    ann, bob, cid = _user(api), _user(api), _user(api)
    made = _post(api, ann, _city())
    first = api.post(f"/requests/{made['id']}/offers", json={"message": "1"}, headers=bob).json()
    second = api.post(f"/requests/{made['id']}/offers", json={"message": "2"}, headers=cid).json()
    listed = api.get(f"/requests/{made['id']}/offers", headers=ann)
    assert listed.status_code == 200 and isinstance(listed.json(), list)
    assert [o["id"] for o in listed.json()] == [first["id"], second["id"]]
    assert api.get(f"/requests/{made['id']}/offers", headers=bob).status_code == 403


def test_an_unknown_request_is_404(api: httpx.Client) -> None:
    ann = _user(api)
    assert api.get("/requests/987654321", headers=ann).status_code == 404
    assert api.post("/requests/987654321/offers", json={}, headers=ann).status_code == 404
    assert api.patch("/requests/987654321", json={"notes": "x"}, headers=ann).status_code == 404
