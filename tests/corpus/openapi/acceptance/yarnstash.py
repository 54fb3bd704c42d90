"""Acceptance tests for yarnstash.md, written from the document and its prose before generating.

Run against a served app: ACCEPTANCE_BASE_URL=http://127.0.0.1:8000 pytest <this file>
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import httpx
import pytest

BASE_URL = os.environ.get("ACCEPTANCE_BASE_URL", "http://127.0.0.1:8000")
PASSWORD = "purl-two-together"


@pytest.fixture
def api() -> Iterator[httpx.Client]:
    with httpx.Client(base_url=BASE_URL, timeout=15) as client:
        yield client


def _username() -> str:
    return f"k_{uuid.uuid4().hex[:12]}"


class Knitter(httpx.Client):
    """A client of its own that sends one knitter's Basic credentials."""

    def __init__(self, username: str) -> None:
        super().__init__(base_url=BASE_URL, timeout=15, auth=(username, PASSWORD))
        self.username = username


def _knitter(api: httpx.Client) -> Knitter:
    username = _username()
    response = api.post("/knitters", json={"username": username, "password": PASSWORD})
    assert response.status_code == 201, response.text
    return Knitter(username)


def _yarn(client: httpx.Client, brand: str, colourway: str = "Moss", **extra) -> dict:
    body = {
        "brand": brand,
        "colourway": colourway,
        "weight": "dk",
        "metres_per_skein": 200,
        **extra,
    }
    response = client.post("/yarns", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def _list(client: httpx.Client, **params) -> dict:
    response = client.get("/yarns", params=params)
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) >= {"items", "total"}, response.text
    return body


def _ids(client: httpx.Client, **params) -> list[int]:
    return [y["id"] for y in _list(client, **params)["items"]]


def test_sign_up_answers_201_and_a_taken_username_409(api: httpx.Client) -> None:
    username = _username()
    response = api.post("/knitters", json={"username": username, "password": PASSWORD})
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["username"] == username and isinstance(body["id"], int)
    assert "password" not in body
    again = api.post("/knitters", json={"username": username, "password": "another-pass-1"})
    assert again.status_code == 409, again.text


def test_bad_sign_up_is_400_not_422(api: httpx.Client) -> None:
    bad_pattern = api.post("/knitters", json={"username": "No Spaces!", "password": PASSWORD})
    assert bad_pattern.status_code == 400, bad_pattern.text
    short = api.post("/knitters", json={"username": _username(), "password": "short"})
    assert short.status_code == 400, short.text
    missing = api.post("/knitters", json={"username": _username()})
    assert missing.status_code == 400, missing.text


def test_yarn_calls_need_basic_credentials(api: httpx.Client) -> None:
    with _knitter(api) as alice:
        made = _yarn(alice, "Drops")
        assert api.get("/yarns").status_code == 401
        assert api.get(f"/yarns/{made['id']}").status_code == 401
        assert api.get("/knitters/me").status_code == 401
        body = {"brand": "X", "colourway": "Y", "weight": "dk", "metres_per_skein": 100}
        assert api.post("/yarns", json=body).status_code == 401
        wrong = api.get("/yarns", auth=(alice.username, "not-the-password"))
        assert wrong.status_code == 401


def test_new_yarn_has_defaults_and_a_computed_total(api: httpx.Client) -> None:
    with _knitter(api) as alice:
        made = _yarn(alice, "Drops Alpaca", "Heather", metres_per_skein=167.5)
        assert isinstance(made["id"], int)
        assert made["skeins"] == 1 and made["fibre"] is None
        assert made["weight"] == "dk" and made["colourway"] == "Heather"
        assert made["total_metres"] == pytest.approx(167.5)
        more = _yarn(alice, "Malabrigo", "Azul", skeins=3, fibre="merino", notes=["hat", "mitts"])
        assert more["total_metres"] == pytest.approx(600)
        got = alice.get(f"/yarns/{more['id']}")
        assert got.status_code == 200, got.text
        assert got.json()["fibre"] == "merino" and got.json()["notes"] == ["hat", "mitts"]


def test_bad_yarn_bodies_are_400(api: httpx.Client) -> None:
    with _knitter(api) as alice:
        good = {"brand": "Drops", "colourway": "Moss", "weight": "dk", "metres_per_skein": 100}
        for bad in (
            {k: v for k, v in good.items() if k != "brand"},
            {**good, "weight": "chunky-ish"},
            {**good, "metres_per_skein": 0},
            {**good, "skeins": -1},
        ):
            response = alice.post("/yarns", json=bad)
            assert response.status_code == 400, (bad, response.text)
        assert _list(alice)["total"] == 0


def test_another_knitters_yarn_is_404(api: httpx.Client) -> None:
    with _knitter(api) as alice, _knitter(api) as bob:
        made = _yarn(alice, "Rowan", skeins=2)
        assert bob.get(f"/yarns/{made['id']}").status_code == 404
        assert bob.patch(f"/yarns/{made['id']}", json={"skeins": 9}).status_code == 404
        assert bob.post(f"/yarns/{made['id']}/use", json={"skeins": 1}).status_code == 404
        assert bob.delete(f"/yarns/{made['id']}").status_code == 404
        assert _list(bob)["total"] == 0
        mine = alice.get(f"/yarns/{made['id']}")
        assert mine.status_code == 200 and mine.json()["skeins"] == 2
        assert alice.get("/yarns/987654321").status_code == 404


def test_same_brand_and_colourway_ignoring_case_is_409_but_only_per_knitter(
    api: httpx.Client,
) -> None:
    with _knitter(api) as alice, _knitter(api) as bob:
        _yarn(alice, "Drops Alpaca", "Moss")
        clash = {
            "brand": "drops alpaca",
            "colourway": "MOSS",
            "weight": "fingering",
            "metres_per_skein": 50,
        }
        assert alice.post("/yarns", json=clash).status_code == 409
        assert bob.post("/yarns", json=clash).status_code == 201
        other = _yarn(alice, "Drops Alpaca", "Rust")
        renamed = alice.patch(f"/yarns/{other['id']}", json={"colourway": "moss"})
        assert renamed.status_code == 409, renamed.text
        assert alice.get(f"/yarns/{other['id']}").json()["colourway"] == "Rust"


def test_list_is_sorted_by_brand_then_colourway_and_pages(api: httpx.Client) -> None:
    with _knitter(api) as alice:
        c = _yarn(alice, "Cascade", "Blue", skeins=1, metres_per_skein=100)
        a2 = _yarn(alice, "Aran Mill", "Red", skeins=5, metres_per_skein=100)
        a1 = _yarn(alice, "Aran Mill", "Ochre", skeins=2, metres_per_skein=100)
        b = _yarn(alice, "Bergere", "Grey", skeins=3, metres_per_skein=100)
        assert _ids(alice) == [a1["id"], a2["id"], b["id"], c["id"]]
        assert _ids(alice, sort="-brand")[:2] == [c["id"], b["id"]]
        assert _ids(alice, sort="total_metres") == [c["id"], a1["id"], b["id"], a2["id"]]
        assert _ids(alice, sort="-total_metres") == [a2["id"], b["id"], a1["id"], c["id"]]
        page = _list(alice, limit=2, offset=1)
        assert page["total"] == 4
        assert [y["id"] for y in page["items"]] == [a2["id"], b["id"]]


def test_filters_weight_q_min_metres_and_in_stock(api: httpx.Client) -> None:
    with _knitter(api) as alice:
        lace = _yarn(alice, "Shetland Co", "Fog", weight="lace", metres_per_skein=800)
        silk = _yarn(alice, "Tosh", "Jade", fibre="Merino/SILK", skeins=2, metres_per_skein=150)
        empty = _yarn(alice, "Drops", "Silky Night", skeins=0, metres_per_skein=100)
        assert _ids(alice, weight="lace") == [lace["id"]]
        found = _list(alice, q="silk")
        assert sorted(y["id"] for y in found["items"]) == sorted([silk["id"], empty["id"]])
        assert found["total"] == 2
        assert _ids(alice, q="FOG") == [lace["id"]]
        assert _ids(alice, min_metres=300) == [lace["id"], silk["id"]]
        assert _ids(alice, min_metres=800) == [lace["id"]]
        assert _ids(alice, in_stock="false") == [empty["id"]]
        assert _ids(alice, in_stock="true") == [lace["id"], silk["id"]]


def test_patch_changes_only_what_is_sent_and_recomputes_the_total(api: httpx.Client) -> None:
    with _knitter(api) as alice:
        made = _yarn(alice, "Cascade 220", "Ruby", fibre="wool", skeins=2, metres_per_skein=200)
        patched = alice.patch(f"/yarns/{made['id']}", json={"skeins": 4})
        assert patched.status_code == 200, patched.text
        body = patched.json()
        assert body["skeins"] == 4 and body["total_metres"] == pytest.approx(800)
        assert body["brand"] == "Cascade 220" and body["fibre"] == "wool"
        assert body["weight"] == "dk" and body["colourway"] == "Ruby"
        bad = alice.patch(f"/yarns/{made['id']}", json={"weight": "superchunky"})
        assert bad.status_code == 400, bad.text


def test_use_takes_one_skein_by_default_and_409_when_not_enough(api: httpx.Client) -> None:
    with _knitter(api) as alice:
        made = _yarn(alice, "Drops Nepal", "Olive", skeins=3, metres_per_skein=75)
        used = alice.post(f"/yarns/{made['id']}/use", json={})
        assert used.status_code == 200, used.text
        assert used.json()["skeins"] == 2 and used.json()["total_metres"] == pytest.approx(150)
        two = alice.post(f"/yarns/{made['id']}/use", json={"skeins": 2, "project": "hat"})
        assert two.status_code == 200 and two.json()["skeins"] == 0
        too_many = alice.post(f"/yarns/{made['id']}/use", json={"skeins": 1})
        assert too_many.status_code == 409, too_many.text
        assert alice.get(f"/yarns/{made['id']}").json()["skeins"] == 0


def test_use_refuses_more_than_is_left_and_changes_nothing(api: httpx.Client) -> None:
    with _knitter(api) as alice:
        made = _yarn(alice, "Drops Karisma", "Plum", skeins=2)
        response = alice.post(f"/yarns/{made['id']}/use", json={"skeins": 3})
        assert response.status_code == 409, response.text
        assert alice.get(f"/yarns/{made['id']}").json()["skeins"] == 2


def test_delete_is_204_then_404(api: httpx.Client) -> None:
    with _knitter(api) as alice:
        made = _yarn(alice, "Mistake Yarns")
        assert alice.delete(f"/yarns/{made['id']}").status_code == 204
        assert alice.get(f"/yarns/{made['id']}").status_code == 404
        assert _list(alice)["total"] == 0


def test_me_and_the_plain_text_summary(api: httpx.Client) -> None:
    with _knitter(api) as alice:
        _yarn(alice, "Tosh", "Jade", weight="fingering", skeins=2, metres_per_skein=400)
        _yarn(alice, "Drops", "Moss", weight="dk", skeins=3, metres_per_skein=200)
        _yarn(alice, "Rowan", "Ash", weight="aran", skeins=0, metres_per_skein=80)
        me = alice.get("/knitters/me")
        assert me.status_code == 200, me.text
        assert me.json()["username"] == alice.username
        assert me.json()["yarn_count"] == 3
        assert me.json()["total_metres"] == pytest.approx(1400)
        summary = alice.get("/yarns/summary")
        assert summary.status_code == 200, summary.text
        assert summary.headers["content-type"].startswith("text/plain")
        lines = [line.strip() for line in summary.text.strip().splitlines() if line.strip()]
        assert lines == [
            "fingering: 2 skeins, 800 m",
            "dk: 3 skeins, 600 m",
            "total: 5 skeins, 1400 m",
        ], summary.text
