"""Acceptance tests for homebrew.md, written from the document and its prose before generating.

Run against a served app: ACCEPTANCE_BASE_URL=http://127.0.0.1:8000 pytest <this file>
"""

from __future__ import annotations

import datetime as dt
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
    return {"username": f"brewer{uuid.uuid4().hex[:10]}", "password": "hoppy-days-99"}


def _brewer(api: httpx.Client) -> dict[str, str]:
    creds = _creds()
    assert api.post("/brewers", json=creds).status_code == 201
    token = api.post("/token", data={**creds, "grant_type": "password"})
    assert token.status_code == 200, token.text
    return {"Authorization": f"Bearer {token.json()['access_token']}"}


def _batch(
    api: httpx.Client,
    who: dict,
    brewed_on: str = "2024-05-01",
    style: str = "ale",
    og: float = 1.060,
    **extra,
) -> dict:
    body = {
        "name": f"Batch {uuid.uuid4().hex[:6]}",
        "style": style,
        "brewed_on": brewed_on,
        "original_gravity": og,
        "volume_litres": 20,
        **extra,
    }
    response = api.post("/batches", json=body, headers=who)
    assert response.status_code == 201, response.text
    return response.json()


def _ids(response: httpx.Response) -> list[int]:
    assert response.status_code == 200, response.text
    return [batch["id"] for batch in response.json()["batches"]]


def test_signup_twice_is_409_and_the_token_needs_the_right_password(api: httpx.Client) -> None:
    creds = _creds()
    first = api.post("/brewers", json=creds)
    assert first.status_code == 201
    assert first.json()["username"] == creds["username"] and "password" not in first.json()
    assert api.post("/brewers", json=creds).status_code == 409
    wrong = api.post("/token", data={**creds, "password": "flat-beer-00"})
    assert wrong.status_code == 401
    good = api.post("/token", data=creds)
    assert good.status_code == 200
    assert good.json()["access_token"] and good.json()["token_type"].lower() == "bearer"


def test_batches_need_a_token(api: httpx.Client) -> None:
    assert api.get("/batches").status_code == 401
    body = {
        "name": "x",
        "style": "ale",
        "brewed_on": "2024-01-01",
        "original_gravity": 1.05,
        "volume_litres": 10,
    }
    assert api.post("/batches", json=body).status_code == 401


def test_a_new_batch_is_fermenting_with_nothing_measured_yet(api: httpx.Client) -> None:
    me = _brewer(api)
    batch = _batch(api, me, "2024-04-20", "stout", 1.072, notes="oatmeal")
    assert isinstance(batch["id"], int)
    assert batch["status"] == "fermenting" and batch["style"] == "stout"
    assert batch["brewed_on"] == "2024-04-20" and batch["original_gravity"] == pytest.approx(1.072)
    assert batch["final_gravity"] is None and batch["abv"] is None and batch["bottled_on"] is None
    got = api.get(f"/batches/{batch['id']}", headers=me)
    assert got.status_code == 200 and got.json()["notes"] == "oatmeal"


def test_invalid_batches_are_422(api: httpx.Client) -> None:
    me = _brewer(api)
    good = {
        "name": "Pale",
        "style": "ale",
        "brewed_on": "2024-01-01",
        "original_gravity": 1.05,
        "volume_litres": 10,
    }
    assert api.post("/batches", json={**good, "style": "mead"}, headers=me).status_code == 422
    at_one = {**good, "original_gravity": 1.0}
    assert api.post("/batches", json=at_one, headers=me).status_code == 422
    assert api.post("/batches", json={**good, "volume_litres": 0}, headers=me).status_code == 422
    no_date = {k: v for k, v in good.items() if k != "brewed_on"}
    assert api.post("/batches", json=no_date, headers=me).status_code == 422


def test_bottling_computes_abv_and_sets_the_date(api: httpx.Client) -> None:
    me = _brewer(api)
    batch = _batch(api, me, og=1.060)
    bottled = api.post(f"/batches/{batch['id']}/bottle", json={"final_gravity": 1.012}, headers=me)
    assert bottled.status_code == 200, bottled.text
    body = bottled.json()
    assert body["status"] == "bottled" and body["final_gravity"] == pytest.approx(1.012)
    assert body["abv"] == pytest.approx(6.3, abs=0.051)
    on = dt.date.fromisoformat(body["bottled_on"])
    assert abs((on - dt.date.today()).days) <= 1
    again = api.get(f"/batches/{batch['id']}", headers=me).json()
    assert again["status"] == "bottled" and again["abv"] == pytest.approx(6.3, abs=0.051)


def test_bottling_twice_is_409(api: httpx.Client) -> None:
    me = _brewer(api)
    batch = _batch(api, me)
    url = f"/batches/{batch['id']}/bottle"
    assert api.post(url, json={"final_gravity": 1.010}, headers=me).status_code == 200
    assert api.post(url, json={"final_gravity": 1.008}, headers=me).status_code == 409


def test_a_final_gravity_not_below_the_original_is_422(api: httpx.Client) -> None:
    me = _brewer(api)
    batch = _batch(api, me, og=1.050)
    url = f"/batches/{batch['id']}/bottle"
    assert api.post(url, json={"final_gravity": 1.055}, headers=me).status_code == 422
    assert api.post(url, json={}, headers=me).status_code == 422
    assert api.get(f"/batches/{batch['id']}", headers=me).json()["status"] == "fermenting"


def test_patch_changes_only_what_is_sent_and_a_bottled_batch_is_409(api: httpx.Client) -> None:
    me = _brewer(api)
    batch = _batch(api, me, style="lager")
    changed = api.patch(f"/batches/{batch['id']}", json={"notes": "dry hopped"}, headers=me)
    assert changed.status_code == 200
    assert changed.json()["notes"] == "dry hopped"
    assert changed.json()["name"] == batch["name"] and changed.json()["style"] == "lager"
    api.post(f"/batches/{batch['id']}/bottle", json={"final_gravity": 1.010}, headers=me)
    late = api.patch(f"/batches/{batch['id']}", json={"notes": "too late"}, headers=me)
    assert late.status_code == 409
    assert api.delete(f"/batches/{batch['id']}", headers=me).status_code == 204
    assert api.get(f"/batches/{batch['id']}", headers=me).status_code == 404


def test_another_brewers_batch_is_404(api: httpx.Client) -> None:
    ann, bob = _brewer(api), _brewer(api)
    batch = _batch(api, ann)
    url = f"/batches/{batch['id']}"
    assert api.get(url, headers=bob).status_code == 404
    assert api.patch(url, json={"notes": "mine now"}, headers=bob).status_code == 404
    assert api.post(f"{url}/bottle", json={"final_gravity": 1.01}, headers=bob).status_code == 404
    assert api.delete(url, headers=bob).status_code == 404
    assert _ids(api.get("/batches", headers=bob)) == []
    assert api.get(url, headers=ann).json()["status"] == "fermenting"


def test_the_list_is_newest_first_unless_sorted_by_brewed_on(api: httpx.Client) -> None:
    me = _brewer(api)
    march = _batch(api, me, "2024-03-01")
    june = _batch(api, me, "2024-06-01")
    january = _batch(api, me, "2024-01-01")
    listed = api.get("/batches", headers=me)
    assert _ids(listed) == [june["id"], march["id"], january["id"]]
    assert listed.json()["count"] == 3
    oldest = api.get("/batches", params={"sort": "brewed_on"}, headers=me)
    assert _ids(oldest) == [january["id"], march["id"], june["id"]]


def test_status_and_style_filters(api: httpx.Client) -> None:
    me = _brewer(api)
    done = _batch(api, me, "2024-01-10", "cider")
    _batch(api, me, "2024-01-11", "cider")
    ale = _batch(api, me, "2024-01-12", "ale")
    api.post(f"/batches/{done['id']}/bottle", json={"final_gravity": 1.000}, headers=me)
    assert _ids(api.get("/batches", params={"status": "bottled"}, headers=me)) == [done["id"]]
    assert _ids(api.get("/batches", params={"style": "ale"}, headers=me)) == [ale["id"]]
    cider = api.get("/batches", params={"style": "cider", "status": "fermenting"}, headers=me)
    assert len(_ids(cider)) == 1 and cider.json()["count"] == 1


def test_pages_keep_the_full_count(api: httpx.Client) -> None:
    me = _brewer(api)
    batches = [_batch(api, me, f"2024-02-0{day}") for day in range(1, 6)]
    page = api.get("/batches", params={"page": 2, "page_size": 2}, headers=me)
    assert _ids(page) == [batches[2]["id"], batches[1]["id"]]
    assert page.json()["count"] == 5
    last = api.get("/batches", params={"page": 3, "page_size": 2}, headers=me)
    assert _ids(last) == [batches[0]["id"]]
