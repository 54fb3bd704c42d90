"""Acceptance tests for allotments.md, written from the document and its prose only.

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
PASSWORD = "runner-beans-22"


@pytest.fixture
def api() -> Iterator[httpx.Client]:
    with httpx.Client(base_url=BASE_URL, timeout=15) as client:
        yield client


def _member(api: httpx.Client) -> dict[str, str]:
    """Registers a fresh member, logs in and answers the Authorization header."""
    email = f"m{uuid.uuid4().hex[:12]}@millbrook.test"
    response = api.post("/auth/register", json={"email": email, "password": PASSWORD})
    assert response.status_code == 201, response.text
    login = api.post("/auth/login", json={"email": email, "password": PASSWORD})
    assert login.status_code == 200, login.text
    return {"Authorization": f"Bearer {login.json()['access_token']}"}


def _bed(
    api: httpx.Client,
    who: dict[str, str],
    name: str,
    plot: str = "14B",
    length_m: float = 2.0,
    width_m: float = 1.0,
    **extra,
) -> dict:
    body = {"name": name, "plot": plot, "length_m": length_m, "width_m": width_m, **extra}
    response = api.post("/beds", json=body, headers=who)
    assert response.status_code == 201, response.text
    return response.json()


def _list(api: httpx.Client, who: dict[str, str], **params) -> dict:
    response = api.get("/beds", params=params, headers=who)
    assert response.status_code == 200, response.text
    return response.json()


def _ids(api: httpx.Client, who: dict[str, str], **params) -> list[int]:
    return [bed["id"] for bed in _list(api, who, **params)["items"]]


def _today_candidates() -> set[str]:
    return {dt.date.today().isoformat(), dt.datetime.now(dt.UTC).date().isoformat()}


def test_register_hides_the_password_and_emails_are_unique_ignoring_case(
    api: httpx.Client,
) -> None:
    local = f"m{uuid.uuid4().hex[:12]}"
    first = api.post("/auth/register", json={"email": f"{local}@x.org", "password": PASSWORD})
    assert first.status_code == 201
    assert first.json()["email"] == f"{local}@x.org" and isinstance(first.json()["id"], int)
    assert "password" not in first.json()
    again = api.post("/auth/register", json={"email": f"{local}@x.org", "password": "x" * 9})
    assert again.status_code == 409
    shouted = {"email": f"{local.upper()}@X.ORG", "password": PASSWORD}
    assert api.post("/auth/register", json=shouted).status_code == 409


def test_login_gives_a_bearer_token_and_beds_need_it(api: httpx.Client) -> None:
    email = f"m{uuid.uuid4().hex[:12]}@millbrook.test"
    assert (
        api.post("/auth/register", json={"email": email, "password": PASSWORD}).status_code == 201
    )
    login = api.post("/auth/login", json={"email": email, "password": PASSWORD})
    assert login.status_code == 200
    assert login.json()["token_type"] == "bearer" and login.json()["access_token"]
    wrong = api.post("/auth/login", json={"email": email, "password": "not-my-password"})
    assert wrong.status_code == 401
    assert api.get("/beds").status_code == 401
    assert api.get("/beds", headers={"Authorization": "Bearer not-a-token"}).status_code == 401
    body = {"name": "Bed 1", "plot": "1A", "length_m": 1, "width_m": 1}
    assert api.post("/beds", json=body).status_code == 401
    token = {"Authorization": f"Bearer {login.json()['access_token']}"}
    assert api.get("/beds", headers=token).status_code == 200


def test_a_new_bed_has_defaults_and_computed_fields(api: httpx.Client) -> None:
    me = _member(api)
    made = _bed(api, me, "Asparagus", "7C", 2.5, 1.2, notes="north side")
    assert isinstance(made["id"], int)
    assert made["name"] == "Asparagus" and made["plot"] == "7C"
    assert made["raised"] is False and made["notes"] == "north side"
    assert made["area_m2"] == pytest.approx(3.0)
    assert made["sowing_count"] == 0
    got = api.get(f"/beds/{made['id']}", headers=me)
    assert got.status_code == 200 and got.json()["area_m2"] == pytest.approx(3.0)


def test_invalid_input_is_400(api: httpx.Client) -> None:
    me = _member(api)
    good = {"name": "Bed X", "plot": "2A", "length_m": 2, "width_m": 1}
    assert api.post("/beds", json={**good, "length_m": 0}, headers=me).status_code == 400
    assert api.post("/beds", json={**good, "width_m": "wide"}, headers=me).status_code == 400
    assert api.post("/beds", json={**good, "name": "n" * 41}, headers=me).status_code == 400
    no_name = {k: v for k, v in good.items() if k != "name"}
    assert api.post("/beds", json=no_name, headers=me).status_code == 400
    made = _bed(api, me, "Bed Y")
    assert api.patch(f"/beds/{made['id']}", json={"width_m": -1}, headers=me).status_code == 400
    assert api.get("/beds", params={"sort": "size"}, headers=me).status_code == 400
    assert api.get("/beds", params={"per_page": 51}, headers=me).status_code == 400


def test_beds_are_private_to_their_member(api: httpx.Client) -> None:
    ann, bob = _member(api), _member(api)
    mine = _bed(api, ann, "Onions")
    assert api.get(f"/beds/{mine['id']}", headers=bob).status_code == 404
    assert api.patch(f"/beds/{mine['id']}", json={"raised": True}, headers=bob).status_code == 404
    assert api.delete(f"/beds/{mine['id']}", headers=bob).status_code == 404
    assert api.get(f"/beds/{mine['id']}/sowings", headers=bob).status_code == 404
    sowing = {"crop": "Onion"}
    assert api.post(f"/beds/{mine['id']}/sowings", json=sowing, headers=bob).status_code == 404
    theirs = _list(api, bob)
    assert theirs["items"] == [] and theirs["total"] == 0
    assert api.get(f"/beds/{mine['id']}", headers=ann).json()["raised"] is False


def test_names_are_unique_per_member(api: httpx.Client) -> None:
    ann, bob = _member(api), _member(api)
    first = _bed(api, ann, "Bed 1")
    again = {"name": "Bed 1", "plot": "9Z", "length_m": 1, "width_m": 1}
    assert api.post("/beds", json=again, headers=ann).status_code == 409
    assert _bed(api, bob, "Bed 1")["name"] == "Bed 1"
    other = _bed(api, ann, "Bed 2")
    assert api.patch(f"/beds/{other['id']}", json={"name": "Bed 1"}, headers=ann).status_code == 409
    assert _list(api, ann)["total"] == 2
    assert api.get(f"/beds/{first['id']}", headers=ann).status_code == 200


def test_list_envelope_sorted_by_name_with_paging(api: httpx.Client) -> None:
    me = _member(api)
    carrots = _bed(api, me, "Carrots")
    beans = _bed(api, me, "Beans")
    leeks = _bed(api, me, "Leeks")
    apples = _bed(api, me, "Apples")
    listed = _list(api, me)
    assert listed["total"] == 4
    assert [b["id"] for b in listed["items"]] == [
        apples["id"],
        beans["id"],
        carrots["id"],
        leeks["id"],
    ]
    assert _ids(api, me, sort="-name") == [leeks["id"], carrots["id"], beans["id"], apples["id"]]
    second = _list(api, me, page=2, per_page=3)
    assert [b["id"] for b in second["items"]] == [leeks["id"]] and second["total"] == 4
    assert _ids(api, me, page=1, per_page=2) == [apples["id"], beans["id"]]


def test_sort_by_area(api: httpx.Client) -> None:
    me = _member(api)
    mid = _bed(api, me, "Mid", length_m=3, width_m=1)
    small = _bed(api, me, "Small", length_m=1, width_m=1)
    big = _bed(api, me, "Big", length_m=4, width_m=2)
    assert _ids(api, me, sort="area") == [small["id"], mid["id"], big["id"]]
    assert _ids(api, me, sort="-area") == [big["id"], mid["id"], small["id"]]


def test_plot_raised_q_and_area_filters(api: httpx.Client) -> None:
    me = _member(api)
    a = _bed(api, me, "Herb Spiral", "3A", 2, 1, raised=True)
    b = _bed(api, me, "Potatoes", "3A", 3, 2)
    c = _bed(api, me, "Herbs West", "5D", 1, 1)
    assert sorted(_ids(api, me, plot="3A")) == sorted([a["id"], b["id"]])
    assert _ids(api, me, raised="true") == [a["id"]]
    assert _ids(api, me, raised="false", plot="3A") == [b["id"]]
    assert _ids(api, me, q="HERB") == [a["id"], c["id"]]
    assert _ids(api, me, min_area=2, max_area=6) == [a["id"], b["id"]]
    assert _ids(api, me, min_area=2.01) == [b["id"]]
    assert _ids(api, me, max_area=2) == [a["id"], c["id"]]
    assert _list(api, me, q="herb", max_area=1)["total"] == 1


def test_patch_changes_only_what_is_sent_and_recomputes_the_area(api: httpx.Client) -> None:
    me = _member(api)
    made = _bed(api, me, "Squash", "8F", 2, 2, notes="compost heavy")
    patched = api.patch(f"/beds/{made['id']}", json={"width_m": 1.5}, headers=me)
    assert patched.status_code == 200
    body = patched.json()
    assert body["area_m2"] == pytest.approx(3.0) and body["width_m"] == pytest.approx(1.5)
    assert body["name"] == "Squash" and body["plot"] == "8F" and body["notes"] == "compost heavy"
    assert body["length_m"] == pytest.approx(2.0) and body["raised"] is False


def test_sowings_default_and_are_listed_most_recent_first(api: httpx.Client) -> None:
    me = _member(api)
    bed = _bed(api, me, "Roots")
    url = f"/beds/{bed['id']}/sowings"
    early = api.post(url, json={"crop": "Carrot", "sown_on": "2031-03-01", "rows": 3}, headers=me)
    assert early.status_code == 201
    assert early.json()["rows"] == 3 and early.json()["bed_id"] == bed["id"]
    plain = api.post(url, json={"crop": "Beetroot", "variety": "Boltardy"}, headers=me)
    assert plain.status_code == 201
    assert plain.json()["rows"] == 1 and plain.json()["sown_on"] in _today_candidates()
    assert plain.json()["variety"] == "Boltardy"
    late = api.post(url, json={"crop": "carrot", "sown_on": "2031-05-10"}, headers=me)
    assert late.status_code == 201
    listed = api.get(url, headers=me)
    assert listed.status_code == 200
    ids = [s["id"] for s in listed.json()]
    assert ids == [late.json()["id"], early.json()["id"], plain.json()["id"]]
    carrots = api.get(url, params={"crop": "CARROT"}, headers=me)
    assert [s["id"] for s in carrots.json()] == [late.json()["id"], early.json()["id"]]
    assert api.get(url, params={"crop": "carr"}, headers=me).json() == []
    assert api.get(f"/beds/{bed['id']}", headers=me).json()["sowing_count"] == 3
    assert api.post(url, json={"crop": "Leek", "rows": 0}, headers=me).status_code == 400


def test_delete_is_204_then_404(api: httpx.Client) -> None:
    me = _member(api)
    bed = _bed(api, me, "Temporary")
    added = api.post(f"/beds/{bed['id']}/sowings", json={"crop": "Radish"}, headers=me)
    assert added.status_code == 201
    assert api.delete(f"/beds/{bed['id']}", headers=me).status_code == 204
    assert api.get(f"/beds/{bed['id']}", headers=me).status_code == 404
    assert api.get(f"/beds/{bed['id']}/sowings", headers=me).status_code == 404
    assert api.delete(f"/beds/{bed['id']}", headers=me).status_code == 404
    assert _list(api, me)["total"] == 0
