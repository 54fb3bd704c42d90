"""Acceptance tests for allowance.md, written from the document and its prose before generating.

Run against a served app: ACCEPTANCE_BASE_URL=http://127.0.0.1:8000 pytest <this file>

Every test registers fresh parents (HTTP Basic), whose kid lists start empty.
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


def _parent(api: httpx.Client) -> tuple[str, str]:
    email = f"parent{uuid.uuid4().hex[:12]}@example.com"
    body = {"email": email, "password": "piggy-bank-1", "name": "Parent"}
    response = api.post("/parents", json=body)
    assert response.status_code == 201, response.text
    return email, "piggy-bank-1"


def _kid(api: httpx.Client, who: tuple[str, str], name: str = "Mia", **extra) -> dict:
    response = api.post("/kids", json={"name": name, **extra}, auth=who)
    assert response.status_code == 201, response.text
    return response.json()


def _entry(
    api: httpx.Client, who: tuple[str, str], kid: dict, kind: str, amount: float, **extra
) -> httpx.Response:
    body = {"kind": kind, "amount": amount, **extra}
    return api.post(f"/kids/{kid['id']}/entries", json=body, auth=who)


def _ok(response: httpx.Response) -> dict:
    assert response.status_code == 201, response.text
    return response.json()


def test_register_is_201_and_twice_is_409(api: httpx.Client) -> None:
    email = f"parent{uuid.uuid4().hex[:12]}@example.com"
    body = {"email": email, "password": "piggy-bank-1", "name": "Sam"}
    first = api.post("/parents", json=body)
    assert first.status_code == 201
    assert first.json()["email"] == email and "password" not in first.json()
    assert api.post("/parents", json=body).status_code == 409


def test_kids_need_basic_auth(api: httpx.Client) -> None:
    email, _ = _parent(api)
    assert api.get("/kids").status_code == 401
    assert api.get("/kids", auth=(email, "wrong-password")).status_code == 401
    assert api.post("/kids", json={"name": "Leo"}).status_code == 401
    assert api.get("/kids", auth=(email, "piggy-bank-1")).status_code == 200


def test_a_new_kid_has_a_zero_balance(api: httpx.Client) -> None:
    me = _parent(api)
    kid = _kid(api, me, "Noah", weekly_amount=3.5)
    assert isinstance(kid["id"], int)
    assert kid["name"] == "Noah" and kid["weekly_amount"] == 3.5 and kid["balance"] == 0
    got = api.get(f"/kids/{kid['id']}", auth=me)
    assert got.status_code == 200 and got.json()["balance"] == 0
    assert _kid(api, me, "Ava")["weekly_amount"] == 0


def test_kids_are_listed_by_name_and_private(api: httpx.Client) -> None:
    me, other = _parent(api), _parent(api)
    zoe = _kid(api, me, "Zoe")
    ben = _kid(api, me, "Ben")
    listed = api.get("/kids", auth=me)
    assert listed.status_code == 200
    assert [k["id"] for k in listed.json()] == [ben["id"], zoe["id"]]
    assert api.get("/kids", auth=other).json() == []
    assert api.get(f"/kids/{ben['id']}", auth=other).status_code == 404
    assert api.get(f"/kids/{ben['id']}/entries", auth=other).status_code == 404
    assert _entry(api, other, ben, "deposit", 5).status_code == 404
    assert api.get(f"/kids/{ben['id']}/statement", auth=other).status_code == 404
    assert api.delete(f"/kids/{ben['id']}", auth=other).status_code == 404


def test_entries_move_the_balance(api: httpx.Client) -> None:
    me = _parent(api)
    kid = _kid(api, me)
    dep = _ok(_entry(api, me, kid, "deposit", 10, note="pocket money", on="2031-01-05"))
    assert isinstance(dep["id"], int) and dep["kind"] == "deposit" and dep["amount"] == 10
    assert dep["on"] == "2031-01-05" and dep["balance_after"] == 10
    spend = _ok(_entry(api, me, kid, "spend", 2.5, note="comic", on="2031-01-07"))
    assert spend["balance_after"] == 7.5
    assert api.get(f"/kids/{kid['id']}", auth=me).json()["balance"] == 7.5


def test_spending_more_than_the_balance_is_409_and_records_nothing(api: httpx.Client) -> None:
    me = _parent(api)
    kid = _kid(api, me)
    _ok(_entry(api, me, kid, "deposit", 4, on="2031-01-01"))
    assert _entry(api, me, kid, "spend", 4.5, on="2031-01-02").status_code == 409
    ledger = api.get(f"/kids/{kid['id']}/entries", auth=me).json()
    assert len(ledger["entries"]) == 1 and ledger["balance"] == 4
    _ok(_entry(api, me, kid, "spend", 4, on="2031-01-03"))
    assert api.get(f"/kids/{kid['id']}", auth=me).json()["balance"] == 0


def test_bad_entries_are_422(api: httpx.Client) -> None:
    me = _parent(api)
    kid = _kid(api, me)
    assert _entry(api, me, kid, "deposit", 0).status_code == 422
    assert _entry(api, me, kid, "deposit", -3).status_code == 422
    assert _entry(api, me, kid, "gift", 3).status_code == 422
    assert (
        api.post(f"/kids/{kid['id']}/entries", json={"kind": "deposit"}, auth=me).status_code == 422
    )
    assert api.post("/kids", json={"name": ""}, auth=me).status_code == 422


def test_ledger_is_oldest_first_with_kind_and_inclusive_dates(api: httpx.Client) -> None:
    me = _parent(api)
    kid = _kid(api, me)
    c = _ok(_entry(api, me, kid, "deposit", 5, on="2031-02-10"))
    a = _ok(_entry(api, me, kid, "deposit", 5, on="2031-02-01"))
    b = _ok(_entry(api, me, kid, "spend", 1.25, on="2031-02-05"))
    url = f"/kids/{kid['id']}/entries"
    full = api.get(url, auth=me)
    assert full.status_code == 200
    assert [e["id"] for e in full.json()["entries"]] == [a["id"], b["id"], c["id"]]
    assert full.json()["balance"] == 8.75
    deposits = api.get(url, params={"kind": "deposit"}, auth=me).json()
    assert [e["id"] for e in deposits["entries"]] == [a["id"], c["id"]]
    assert deposits["balance"] == 8.75
    ranged = api.get(url, params={"from": "2031-02-05", "to": "2031-02-10"}, auth=me).json()
    assert [e["id"] for e in ranged["entries"]] == [b["id"], c["id"]]


def test_statement_is_plain_text_with_a_balance_line(api: httpx.Client) -> None:
    me = _parent(api)
    kid = _kid(api, me)
    _ok(_entry(api, me, kid, "deposit", 5, note="pocket money", on="2031-01-05"))
    _ok(_entry(api, me, kid, "spend", 2.5, note="comic", on="2031-01-07"))
    response = api.get(f"/kids/{kid['id']}/statement", auth=me)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    lines = [line.strip() for line in response.text.splitlines() if line.strip()]
    assert lines == [
        "2031-01-05 +5.00 pocket money",
        "2031-01-07 -2.50 comic",
        "Balance: 2.50",
    ]


def test_a_kid_with_money_left_cannot_be_removed(api: httpx.Client) -> None:
    me = _parent(api)
    kid = _kid(api, me)
    _ok(_entry(api, me, kid, "deposit", 3, on="2031-03-01"))
    assert api.delete(f"/kids/{kid['id']}", auth=me).status_code == 409
    assert api.get(f"/kids/{kid['id']}", auth=me).status_code == 200
    _ok(_entry(api, me, kid, "spend", 3, on="2031-03-02"))
    assert api.delete(f"/kids/{kid['id']}", auth=me).status_code == 204
    assert api.get(f"/kids/{kid['id']}", auth=me).status_code == 404
    assert api.get("/kids", auth=me).json() == []


def test_unknown_kid_is_404(api: httpx.Client) -> None:
    me = _parent(api)
    assert api.get("/kids/987654321", auth=me).status_code == 404
    assert api.get("/kids/987654321/entries", auth=me).status_code == 404
    assert api.get("/kids/987654321/statement", auth=me).status_code == 404
    assert api.delete("/kids/987654321", auth=me).status_code == 404
