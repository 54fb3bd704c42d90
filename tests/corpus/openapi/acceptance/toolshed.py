"""Acceptance tests for toolshed.md, written from the document and its prose before generating.

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
    return {"email": f"t{tag}@example.com", "password": "hammer-time", "name": f"Nb {tag}"}


def _user(api: httpx.Client) -> dict[str, str]:
    creds = _creds()
    assert api.post("/auth/register", json=creds).status_code == 201
    login = api.post("/auth/login", json={"email": creds["email"], "password": creds["password"]})
    assert login.status_code == 200, login.text
    return {"Authorization": f"Bearer {login.json()['access_token']}"}


def _word() -> str:
    """A word no other test puts in a tool name, so `q` isolates this test's tools."""
    return f"zx{uuid.uuid4().hex[:10]}"


def _tool(api: httpx.Client, who: dict, name: str, category: str = "power", **extra) -> dict:
    response = api.post("/tools", json={"name": name, "category": category, **extra}, headers=who)
    assert response.status_code == 201, response.text
    return response.json()


def test_register_twice_is_409_and_a_wrong_password_is_401(api: httpx.Client) -> None:
    creds = _creds()
    first = api.post("/auth/register", json=creds)
    assert first.status_code == 201
    body = first.json()
    assert body["email"] == creds["email"] and body["name"] == creds["name"]
    assert "password" not in body
    assert api.post("/auth/register", json=creds).status_code == 409
    bad = api.post("/auth/login", json={"email": creds["email"], "password": "wrong-one"})
    assert bad.status_code == 401


def test_tools_need_a_token(api: httpx.Client) -> None:
    assert api.get("/tools").status_code == 401
    assert api.post("/tools", json={"name": "Drill", "category": "power"}).status_code == 401


def test_a_new_tool_is_available_and_never_lent(api: httpx.Client) -> None:
    ann = _user(api)
    tool = _tool(api, ann, f"Drill {_word()}", notes="battery is weak")
    assert isinstance(tool["id"], int)
    assert tool["available"] is True and tool["times_lent"] == 0
    assert tool["category"] == "power" and tool["notes"] == "battery is weak"
    got = api.get(f"/tools/{tool['id']}", headers=ann)
    assert got.status_code == 200 and got.json()["name"] == tool["name"]


def test_missing_name_or_unknown_category_is_400(api: httpx.Client) -> None:
    ann = _user(api)
    assert api.post("/tools", json={"category": "power"}, headers=ann).status_code == 400
    body = {"name": "Chainsaw", "category": "dangerous"}
    assert api.post("/tools", json=body, headers=ann).status_code == 400


def test_everyone_sees_all_tools_by_name_as_a_bare_array(api: httpx.Client) -> None:
    ann, bob = _user(api), _user(api)
    word = _word()
    c = _tool(api, ann, f"Chisel {word}", "hand")
    a = _tool(api, bob, f"Axe {word}", "garden")
    b = _tool(api, ann, f"Blower {word}", "garden")
    listed = api.get("/tools", params={"q": word}, headers=bob)
    assert listed.status_code == 200
    assert isinstance(listed.json(), list)
    assert [t["id"] for t in listed.json()] == [a["id"], b["id"], c["id"]]


def test_category_and_case_insensitive_q(api: httpx.Client) -> None:
    ann = _user(api)
    word = _word()
    ladder = _tool(api, ann, f"Big LADDER {word}", "ladder")
    _tool(api, ann, f"Small rake {word}", "garden")
    by_q = api.get("/tools", params={"q": f"ladder {word}".upper()}, headers=ann).json()
    assert [t["id"] for t in by_q] == [ladder["id"]]
    by_cat = api.get("/tools", params={"q": word, "category": "ladder"}, headers=ann).json()
    assert [t["id"] for t in by_cat] == [ladder["id"]]


def test_only_the_owner_edits_or_removes(api: httpx.Client) -> None:
    ann, bob = _user(api), _user(api)
    tool = _tool(api, ann, f"Sander {_word()}")
    assert api.patch(f"/tools/{tool['id']}", json={"notes": "mine"}, headers=bob).status_code == 403
    changed = api.patch(f"/tools/{tool['id']}", json={"notes": "new pads"}, headers=ann)
    assert changed.status_code == 200
    assert changed.json()["notes"] == "new pads" and changed.json()["name"] == tool["name"]
    assert api.delete(f"/tools/{tool['id']}", headers=bob).status_code == 403
    assert api.delete(f"/tools/{tool['id']}", headers=ann).status_code == 204
    assert api.get(f"/tools/{tool['id']}", headers=ann).status_code == 404


def test_borrowing_makes_the_tool_unavailable_and_counts(api: httpx.Client) -> None:
    ann, bob = _user(api), _user(api)
    tool = _tool(api, ann, f"Washer {_word()}", "cleaning")
    loan = api.post(f"/tools/{tool['id']}/loans", json={"note": "for the patio"}, headers=bob)
    assert loan.status_code == 201, loan.text
    body = loan.json()
    assert body["tool_id"] == tool["id"] and body["returned_at"] is None
    got = api.get(f"/tools/{tool['id']}", headers=ann).json()
    assert got["available"] is False and got["times_lent"] == 1


def test_my_own_tool_is_403_and_a_lent_tool_is_409(api: httpx.Client) -> None:
    ann, bob, cid = _user(api), _user(api), _user(api)
    tool = _tool(api, ann, f"Ladder {_word()}", "ladder")
    assert api.post(f"/tools/{tool['id']}/loans", json={}, headers=ann).status_code == 403
    assert api.post(f"/tools/{tool['id']}/loans", json={}, headers=bob).status_code == 201
    assert api.post(f"/tools/{tool['id']}/loans", json={}, headers=cid).status_code == 409


def test_return_by_the_borrower_then_twice_is_409(api: httpx.Client) -> None:
    ann, bob = _user(api), _user(api)
    tool = _tool(api, ann, f"Jigsaw {_word()}")
    loan = api.post(f"/tools/{tool['id']}/loans", json={}, headers=bob).json()
    back = api.post(f"/tools/{tool['id']}/loans/{loan['id']}/return", headers=bob)
    assert back.status_code == 200
    assert back.json()["returned_at"] is not None
    assert api.get(f"/tools/{tool['id']}", headers=ann).json()["available"] is True
    again = api.post(f"/tools/{tool['id']}/loans/{loan['id']}/return", headers=bob)
    assert again.status_code == 409


def test_only_borrower_or_owner_may_return(api: httpx.Client) -> None:
    ann, bob, cid = _user(api), _user(api), _user(api)
    tool = _tool(api, ann, f"Hedge trimmer {_word()}", "garden")
    loan = api.post(f"/tools/{tool['id']}/loans", json={}, headers=bob).json()
    url = f"/tools/{tool['id']}/loans/{loan['id']}/return"
    assert api.post(url, headers=cid).status_code == 403
    assert api.post(url, headers=ann).status_code == 200
    again = api.post(f"/tools/{tool['id']}/loans", json={}, headers=cid)
    assert again.status_code == 201
    assert api.get(f"/tools/{tool['id']}", headers=bob).json()["times_lent"] == 2


def test_available_filter(api: httpx.Client) -> None:
    ann, bob = _user(api), _user(api)
    word = _word()
    out = _tool(api, ann, f"A-drill {word}")
    home = _tool(api, ann, f"B-drill {word}")
    api.post(f"/tools/{out['id']}/loans", json={}, headers=bob)
    free = api.get("/tools", params={"q": word, "available": "true"}, headers=bob).json()
    assert [t["id"] for t in free] == [home["id"]]
    lent = api.get("/tools", params={"q": word, "available": "false"}, headers=bob).json()
    assert [t["id"] for t in lent] == [out["id"]]


def test_unknown_tool_is_404(api: httpx.Client) -> None:
    ann = _user(api)
    assert api.get("/tools/987654321", headers=ann).status_code == 404
    assert api.post("/tools/987654321/loans", json={}, headers=ann).status_code == 404
    assert api.delete("/tools/987654321", headers=ann).status_code == 404
