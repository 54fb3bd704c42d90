"""Acceptance tests for team.md, written from the document and its prose before generating.

Run against a served app: ACCEPTANCE_BASE_URL=http://127.0.0.1:8000 pytest <this file>
The app must be fresh (no members yet): the first test bootstraps the first member.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import httpx
import pytest

BASE_URL = os.environ.get("ACCEPTANCE_BASE_URL", "http://127.0.0.1:8000")
PASSWORD = "a-long-password"


@pytest.fixture
def api() -> Iterator[httpx.Client]:
    with httpx.Client(base_url=BASE_URL, timeout=15) as client:
        yield client


@pytest.fixture(scope="module")
def founder() -> dict[str, str]:
    """The first member, signed up with the bootstrap code, logged in."""
    with httpx.Client(base_url=BASE_URL, timeout=15) as api:
        boot = api.post("/bootstrap")
        assert boot.status_code == 200, boot.text
        email = "founder@example.com"
        body = {"code": boot.json()["code"], "email": email, "password": PASSWORD, "name": "Fay"}
        assert api.post("/signup", json=body).status_code == 201
        return _login(api, email)


def _login(api: httpx.Client, email: str) -> dict[str, str]:
    login = api.post("/login", json={"email": email, "password": PASSWORD})
    assert login.status_code == 200, login.text
    return {"Authorization": f"Bearer {login.json()['access_token']}"}


def _invite(api: httpx.Client, who: dict[str, str], email: str) -> str:
    response = api.post("/invitations", json={"email": email}, headers=who)
    assert response.status_code == 201, response.text
    return str(response.json()["code"])


def _member(api: httpx.Client, inviter: dict[str, str], name: str) -> dict[str, str]:
    email = f"m{uuid.uuid4().hex[:10]}@example.com"
    code = _invite(api, inviter, email)
    body = {"code": code, "email": email, "password": PASSWORD, "name": name}
    assert api.post("/signup", json=body).status_code == 201
    return _login(api, email)


def test_bootstrap_works_only_while_there_are_no_members(
    api: httpx.Client, founder: dict[str, str]
) -> None:
    assert api.post("/bootstrap").status_code == 409


def test_sign_up_without_an_invitation_answers_403(api: httpx.Client) -> None:
    body = {"code": "made-up", "email": "x@example.com", "password": PASSWORD, "name": "X"}
    assert api.post("/signup", json=body).status_code == 403


def test_an_invitation_is_for_one_email_and_one_use(
    api: httpx.Client, founder: dict[str, str]
) -> None:
    email = f"m{uuid.uuid4().hex[:10]}@example.com"
    code = _invite(api, founder, email)
    other = {"code": code, "email": "someone-else@example.com", "password": PASSWORD, "name": "O"}
    assert api.post("/signup", json=other).status_code == 403
    mine = {"code": code, "email": email, "password": PASSWORD, "name": "Invited"}
    created = api.post("/signup", json=mine)
    assert created.status_code == 201 and created.json()["email"] == email
    assert "password" not in created.json()
    assert api.post("/signup", json=mine).status_code == 403


def test_invitations_list_only_mine_and_mark_used(
    api: httpx.Client, founder: dict[str, str]
) -> None:
    colleague = _member(api, founder, "Colleague")
    email = f"m{uuid.uuid4().hex[:10]}@example.com"
    _invite(api, colleague, email)
    listed = api.get("/invitations", headers=colleague).json()
    assert [i["email"] for i in listed] == [email] and listed[0]["used"] is False
    founders = [i["email"] for i in api.get("/invitations", headers=founder).json()]
    assert email not in founders


def test_the_directory_needs_a_token(api: httpx.Client) -> None:
    assert api.get("/members").status_code == 401
    assert api.post("/invitations", json={"email": "a@example.com"}).status_code == 401


def test_members_are_sorted_by_name_and_filtered(
    api: httpx.Client, founder: dict[str, str]
) -> None:
    tag = uuid.uuid4().hex[:6]
    zed = _member(api, founder, f"Zed {tag}")
    amy = _member(api, founder, f"Amy {tag}")
    api.put("/members/me", json={"name": f"Zed {tag}", "skills": ["rust", "sql"]}, headers=zed)
    api.put("/members/me", json={"name": f"Amy {tag}", "skills": ["python"]}, headers=amy)
    everyone = [m["name"] for m in api.get("/members", headers=founder).json()]
    assert everyone == sorted(everyone)
    found = api.get("/members", params={"q": tag}, headers=founder).json()
    assert [m["name"] for m in found] == [f"Amy {tag}", f"Zed {tag}"]
    rust = api.get("/members", params={"skill": "rust", "q": tag}, headers=founder).json()
    assert [m["name"] for m in rust] == [f"Zed {tag}"]


def test_a_member_edits_only_their_own_profile(api: httpx.Client, founder: dict[str, str]) -> None:
    me = _member(api, founder, "Before")
    updated = api.put(
        "/members/me", json={"name": "After", "title": "Engineer", "skills": ["go"]}, headers=me
    )
    assert updated.status_code == 200
    assert updated.json()["name"] == "After" and updated.json()["title"] == "Engineer"
    member_id = updated.json()["id"]
    got = api.get(f"/members/{member_id}", headers=founder)
    assert got.status_code == 200 and got.json()["skills"] == ["go"]
    founder_id = next(
        m["id"] for m in api.get("/members", headers=founder).json() if m["name"] == "Fay"
    )
    assert api.get(f"/members/{founder_id}", headers=me).json()["name"] == "Fay"
