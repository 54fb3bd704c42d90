"""Acceptance tests for repaircafe.md, written from the document and its prose before generating.

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
    """A word no other test uses, so `q` isolates this test's tickets."""
    return f"zq{uuid.uuid4().hex[:10]}"


def _register(api: httpx.Client, name: str | None = None, **extra) -> dict:
    body = {"name": name or f"Fixer {uuid.uuid4().hex[:10]}", **extra}
    response = api.post("/fixers", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def _fixer(api: httpx.Client) -> tuple[dict[str, str], str]:
    """A fresh fixer: the header carrying their key, and their name."""
    fixer = _register(api)
    return {"X-Fixer-Key": fixer["api_key"]}, fixer["name"]


def _ticket(api: httpx.Client, key: dict[str, str], **fields) -> dict:
    body = {
        "visitor_name": "Joan Baker",
        "item": "Toaster",
        "fault": "does not heat up",
        **fields,
    }
    response = api.post("/tickets", json=body, headers=key)
    assert response.status_code == 200, response.text
    return response.json()


def _ids(api: httpx.Client, key: dict[str, str], **params) -> list[int]:
    response = api.get("/tickets", params=params, headers=key)
    assert response.status_code == 200, response.text
    return [t["id"] for t in response.json()["items"]]


def test_registering_a_fixer_gives_a_key(api: httpx.Client) -> None:
    name = f"Dave {uuid.uuid4().hex[:8]}"
    response = api.post("/fixers", json={"name": name, "skills": ["electrical", "bikes"]})
    assert response.status_code == 201, response.text
    body = response.json()
    assert isinstance(body["id"], int) and body["name"] == name
    assert body["skills"] == ["electrical", "bikes"]
    assert isinstance(body["api_key"], str) and body["api_key"]
    plain = _register(api)
    assert plain["skills"] == []


def test_a_fixer_name_taken_in_any_case_is_409(api: httpx.Client) -> None:
    name = f"Dave {uuid.uuid4().hex[:8]}"
    _register(api, name)
    again = api.post("/fixers", json={"name": name.upper()})
    assert again.status_code == 409, again.text


def test_tickets_need_a_known_key(api: httpx.Client) -> None:
    assert api.get("/tickets").status_code == 401
    body = {"visitor_name": "Joan", "item": "Kettle", "fault": "leaks"}
    assert api.post("/tickets", json=body).status_code == 401
    bogus = {"X-Fixer-Key": "no-such-key-" + uuid.uuid4().hex}
    assert api.get("/tickets", headers=bogus).status_code == 401
    key, _ = _fixer(api)
    made = _ticket(api, key)
    assert api.get(f"/tickets/{made['id']}").status_code == 401
    assert api.get(f"/tickets/{made['id']}/label").status_code == 401


def test_logging_a_ticket_answers_200_with_its_defaults(api: httpx.Client) -> None:
    key, name = _fixer(api)
    made = _ticket(api, key, item=f"Anglepoise lamp {_word()}")
    assert isinstance(made["id"], int)
    assert made["status"] == "waiting" and made["fixer"] is None
    assert made["logged_by"] == name and made["category"] == "other"
    assert made["parts_total"] == 0 and made["part_count"] == 0
    assert made["visitor_name"] == "Joan Baker" and made["fault"] == "does not heat up"
    got = api.get(f"/tickets/{made['id']}", headers=key)
    assert got.status_code == 200 and got.json()["item"] == made["item"]


def test_bad_bodies_are_422(api: httpx.Client) -> None:
    key, _ = _fixer(api)
    base = {"visitor_name": "Joan", "item": "Kettle", "fault": "leaks badly"}
    for body in (
        {"visitor_name": "Joan", "fault": "leaks badly"},
        {**base, "category": "cars"},
        {**base, "fault": "x"},
    ):
        response = api.post("/tickets", json=body, headers=key)
        assert response.status_code == 422, (body, response.text)
    made = _ticket(api, key)
    part = api.post(f"/tickets/{made['id']}/parts", json={"name": "fuse", "cost": -1}, headers=key)
    assert part.status_code == 422, part.text
    finish = api.post(f"/tickets/{made['id']}/finish", json={"outcome": "binned"}, headers=key)
    assert finish.status_code == 422, finish.text
    assert api.post("/fixers", json={"name": "x"}).status_code == 422


def test_the_board_is_shared_but_only_the_logger_edits(api: httpx.Client) -> None:
    desk, _ = _fixer(api)
    other, _ = _fixer(api)
    made = _ticket(api, desk, category="electrical", visitor_name="Joan Baker")
    assert api.get(f"/tickets/{made['id']}", headers=other).status_code == 200
    refused = api.patch(f"/tickets/{made['id']}", json={"item": "Kettle"}, headers=other)
    assert refused.status_code == 403, refused.text
    assert api.delete(f"/tickets/{made['id']}", headers=other).status_code == 403
    patched = api.patch(
        f"/tickets/{made['id']}", json={"visitor_name": "Joanne Baker"}, headers=desk
    )
    assert patched.status_code == 200, patched.text
    body = patched.json()
    assert body["visitor_name"] == "Joanne Baker"
    assert body["item"] == "Toaster" and body["category"] == "electrical"
    assert body["status"] == "waiting"


def test_claim_moves_to_in_progress_once(api: httpx.Client) -> None:
    desk, _ = _fixer(api)
    me, my_name = _fixer(api)
    someone, _ = _fixer(api)
    made = _ticket(api, desk)
    claimed = api.post(f"/tickets/{made['id']}/claim", headers=me)
    assert claimed.status_code == 200, claimed.text
    assert claimed.json()["status"] == "in_progress" and claimed.json()["fixer"] == my_name
    again = api.post(f"/tickets/{made['id']}/claim", headers=someone)
    assert again.status_code == 409, again.text
    assert api.get(f"/tickets/{made['id']}", headers=desk).json()["fixer"] == my_name


def test_only_the_claimer_finishes_and_only_once(api: httpx.Client) -> None:
    desk, _ = _fixer(api)
    me, _ = _fixer(api)
    made = _ticket(api, desk)
    assert api.post(f"/tickets/{made['id']}/claim", headers=me).status_code == 200
    refused = api.post(f"/tickets/{made['id']}/finish", json={"outcome": "fixed"}, headers=desk)
    assert refused.status_code == 403, refused.text
    done = api.post(
        f"/tickets/{made['id']}/finish",
        json={"outcome": "not_fixable", "notes": "motor burnt out"},
        headers=me,
    )
    assert done.status_code == 200, done.text
    assert done.json()["status"] == "not_fixable" and done.json()["notes"] == "motor burnt out"
    again = api.post(f"/tickets/{made['id']}/finish", json={"outcome": "fixed"}, headers=me)
    assert again.status_code == 409, again.text
    assert api.get(f"/tickets/{made['id']}", headers=me).json()["status"] == "not_fixable"


def test_parts_add_up_and_stop_once_finished(api: httpx.Client) -> None:
    desk, desk_name = _fixer(api)
    me, my_name = _fixer(api)
    made = _ticket(api, desk)
    assert api.post(f"/tickets/{made['id']}/claim", headers=me).status_code == 200
    fuse = api.post(f"/tickets/{made['id']}/parts", json={"name": "fuse", "cost": 1.25}, headers=me)
    assert fuse.status_code == 201, fuse.text
    assert fuse.json()["name"] == "fuse" and fuse.json()["cost"] == 1.25
    assert fuse.json()["added_by"] == my_name and isinstance(fuse.json()["id"], int)
    plug = api.post(
        f"/tickets/{made['id']}/parts", json={"name": "plug", "cost": 3.5}, headers=desk
    )
    assert plug.status_code == 201, plug.text
    listed = api.get(f"/tickets/{made['id']}/parts", headers=desk)
    assert listed.status_code == 200, listed.text
    assert [p["name"] for p in listed.json()] == ["fuse", "plug"]
    assert [p["added_by"] for p in listed.json()] == [my_name, desk_name]
    ticket = api.get(f"/tickets/{made['id']}", headers=desk).json()
    assert ticket["part_count"] == 2 and ticket["parts_total"] == pytest.approx(4.75)
    finish = api.post(f"/tickets/{made['id']}/finish", json={"outcome": "fixed"}, headers=me)
    assert finish.status_code == 200, finish.text
    late = api.post(f"/tickets/{made['id']}/parts", json={"name": "screw", "cost": 0.1}, headers=me)
    assert late.status_code == 409, late.text
    assert api.get(f"/tickets/{made['id']}", headers=me).json()["part_count"] == 2


def test_list_envelope_arrival_order_sorts_and_paging(api: httpx.Client) -> None:
    key, _ = _fixer(api)
    word = _word()
    toaster = _ticket(api, key, item=f"toaster {word}")
    lamp = _ticket(api, key, item=f"Anglepoise lamp {word}")
    chair = _ticket(api, key, item=f"Chair {word}", category="furniture")
    response = api.get("/tickets", params={"q": word}, headers=key)
    assert response.status_code == 200, response.text
    assert response.json()["total"] == 3
    assert [t["id"] for t in response.json()["items"]] == [
        toaster["id"],
        lamp["id"],
        chair["id"],
    ]
    assert _ids(api, key, q=word, sort="newest") == [
        chair["id"],
        lamp["id"],
        toaster["id"],
    ]
    assert _ids(api, key, q=word, sort="item") == [
        lamp["id"],
        chair["id"],
        toaster["id"],
    ]
    page = api.get("/tickets", params={"q": word, "limit": 1, "offset": 1}, headers=key)
    assert page.status_code == 200, page.text
    assert page.json()["total"] == 3
    assert [t["id"] for t in page.json()["items"]] == [lamp["id"]]


def test_q_matches_item_or_fault_ignoring_case(api: httpx.Client) -> None:
    key, _ = _fixer(api)
    word = _word()
    by_item = _ticket(api, key, item=f"Radio {word}", fault="crackles")
    by_fault = _ticket(api, key, item="Trousers", fault=f"torn seam {word}", category="textiles")
    _ticket(api, key, visitor_name=f"Visitor {word}", item="Chair", fault="wobbles")
    assert _ids(api, key, q=word.upper()) == [by_item["id"], by_fault["id"]]


def test_status_category_and_mine_filters(api: httpx.Client) -> None:
    desk, _ = _fixer(api)
    me, _ = _fixer(api)
    word = _word()
    bike = _ticket(api, desk, item=f"Bike {word}", category="bikes")
    teddy = _ticket(api, desk, item=f"Teddy {word}", category="toys")
    lamp = _ticket(api, desk, item=f"Lamp {word}", category="electrical")
    assert api.post(f"/tickets/{teddy['id']}/claim", headers=me).status_code == 200
    assert api.post(f"/tickets/{lamp['id']}/claim", headers=me).status_code == 200
    assert _ids(api, desk, q=word, status="waiting") == [bike["id"]]
    assert _ids(api, desk, q=word, status="in_progress") == [teddy["id"], lamp["id"]]
    assert _ids(api, desk, q=word, category="toys") == [teddy["id"]]
    assert _ids(api, me, mine="true") == [teddy["id"], lamp["id"]]
    assert _ids(api, desk, q=word, mine="true") == []


def test_delete_is_logger_only_and_only_while_waiting(api: httpx.Client) -> None:
    desk, _ = _fixer(api)
    other, _ = _fixer(api)
    mistake = _ticket(api, desk)
    assert api.delete(f"/tickets/{mistake['id']}", headers=other).status_code == 403
    gone = api.delete(f"/tickets/{mistake['id']}", headers=desk)
    assert gone.status_code == 204, gone.text
    assert api.get(f"/tickets/{mistake['id']}", headers=desk).status_code == 404
    busy = _ticket(api, desk)
    assert api.post(f"/tickets/{busy['id']}/claim", headers=other).status_code == 200
    held = api.delete(f"/tickets/{busy['id']}", headers=desk)
    assert held.status_code == 409, held.text
    assert api.get(f"/tickets/{busy['id']}", headers=desk).status_code == 200


def test_label_is_html_with_public_text_escaped(api: httpx.Client) -> None:
    key, _ = _fixer(api)
    word = _word()
    made = _ticket(
        api,
        key,
        visitor_name="<script>alert(1)</script>",
        item=f"Lamp {word}",
        fault="<b>flickers</b> & buzzes",
    )
    response = api.get(f"/tickets/{made['id']}/label", headers=key)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/html")
    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;" in response.text
    assert "<b>flickers</b>" not in response.text and "&lt;b&gt;flickers&lt;/b&gt;" in response.text
    assert word in response.text
    assert api.get("/tickets/987654321/label", headers=key).status_code == 404
