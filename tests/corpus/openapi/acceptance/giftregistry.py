"""Acceptance tests for giftregistry.md, written from the document and its prose before generating.

Run against a served app: ACCEPTANCE_BASE_URL=http://127.0.0.1:8000 pytest <this file>
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import httpx
import pytest

BASE_URL = os.environ.get("ACCEPTANCE_BASE_URL", "http://127.0.0.1:8000")
PASSWORD = "confetti-2031"


@pytest.fixture
def api() -> Iterator[httpx.Client]:
    with httpx.Client(base_url=BASE_URL, timeout=15) as client:
        yield client


def _user(api: httpx.Client) -> dict:
    """Signs a new user up and logs in; returns email, display_name and auth headers."""
    tag = uuid.uuid4().hex[:10]
    email = f"guest_{tag}@example.org"
    name = f"Guest {tag}"
    body = {"email": email, "password": PASSWORD, "display_name": name}
    created = api.post("/users", json=body)
    assert created.status_code == 201, created.text
    token = api.post("/token", data={"username": email, "password": PASSWORD})
    assert token.status_code == 200, token.text
    headers = {"Authorization": f"Bearer {token.json()['access_token']}"}
    return {"email": email, "display_name": name, "headers": headers}


def _registry(api: httpx.Client, owner: dict, **fields) -> dict:
    body = {
        "slug": f"party-{uuid.uuid4().hex[:12]}",
        "title": "Our wedding",
        "event_date": "2031-06-21",
        **fields,
    }
    response = api.post("/registries", json=body, headers=owner["headers"])
    assert response.status_code == 201, response.text
    return response.json()


def _gift(api: httpx.Client, owner: dict, slug: str, **fields) -> dict:
    body = {"name": "Toaster", "price": 30, **fields}
    response = api.post(f"/registries/{slug}/gifts", json=body, headers=owner["headers"])
    assert response.status_code == 201, response.text
    return response.json()


def _reserve(api: httpx.Client, guest: dict, slug: str, gift_id: int, **body) -> httpx.Response:
    url = f"/registries/{slug}/gifts/{gift_id}/reservations"
    return api.post(url, json=body, headers=guest["headers"])


def _gift_ids(api: httpx.Client, slug: str, **params) -> list[int]:
    response = api.get(f"/registries/{slug}/gifts", params=params)
    assert response.status_code == 200, response.text
    assert isinstance(response.json(), list)
    return [g["id"] for g in response.json()]


def test_sign_up_answers_201_and_409_for_the_same_email_in_any_case(
    api: httpx.Client,
) -> None:
    tag = uuid.uuid4().hex[:10]
    body = {
        "email": f"Ann_{tag}@Example.org",
        "password": PASSWORD,
        "display_name": "Ann",
    }
    created = api.post("/users", json=body)
    assert created.status_code == 201, created.text
    made = created.json()
    assert made["display_name"] == "Ann" and isinstance(made["id"], int)
    assert "password" not in made
    again = api.post("/users", json={**body, "email": body["email"].lower()})
    assert again.status_code == 409, again.text


def test_token_is_an_oauth2_password_form_login(api: httpx.Client) -> None:
    user = _user(api)
    response = api.post("/token", data={"username": user["email"], "password": PASSWORD})
    assert response.status_code == 200, response.text
    body = response.json()
    assert isinstance(body["access_token"], str) and body["access_token"]
    assert body["token_type"].lower() == "bearer"
    wrong = api.post("/token", data={"username": user["email"], "password": "not-the-one"})
    assert wrong.status_code == 401


def test_writes_and_my_reservations_need_a_token(api: httpx.Client) -> None:
    owner = _user(api)
    registry = _registry(api, owner)
    gift = _gift(api, owner, registry["slug"])
    body = {
        "slug": f"x-{uuid.uuid4().hex[:10]}",
        "title": "T",
        "event_date": "2031-01-01",
    }
    assert api.post("/registries", json=body).status_code == 401
    gifts = f"/registries/{registry['slug']}/gifts"
    assert api.post(gifts, json={"name": "Kettle", "price": 20}).status_code == 401
    assert api.post(f"{gifts}/{gift['id']}/reservations", json={}).status_code == 401
    assert api.get("/me/reservations").status_code == 401
    bogus = {"Authorization": "Bearer not-a-real-token"}
    assert api.get("/me/reservations", headers=bogus).status_code == 401


def test_a_registry_is_public_and_shows_owner_and_gift_count(api: httpx.Client) -> None:
    owner = _user(api)
    made = _registry(api, owner, title="Mia turns 30")
    assert made["title"] == "Mia turns 30" and made["event_date"] == "2031-06-21"
    assert made["owner"] == owner["display_name"] and made["gift_count"] == 0
    assert made["message"] is None
    public = api.get(f"/registries/{made['slug']}")
    assert public.status_code == 200, public.text
    assert public.json()["slug"] == made["slug"]
    assert public.json()["owner"] == owner["display_name"]


def test_slug_must_match_its_pattern_and_be_free(api: httpx.Client) -> None:
    alice, bob = _user(api), _user(api)
    for slug in ["Bad Slug!", "ab", "UPPER-case"]:
        body = {"slug": slug, "title": "T", "event_date": "2031-01-01"}
        response = api.post("/registries", json=body, headers=alice["headers"])
        assert response.status_code == 422, (slug, response.text)
    taken = _registry(api, alice)
    body = {"slug": taken["slug"], "title": "Mine now", "event_date": "2031-02-02"}
    response = api.post("/registries", json=body, headers=bob["headers"])
    assert response.status_code == 409, response.text


def test_a_gift_has_defaults_and_counts_on_the_registry(api: httpx.Client) -> None:
    owner = _user(api)
    registry = _registry(api, owner)
    gift = _gift(api, owner, registry["slug"], name="Stand mixer", price=249.5)
    assert isinstance(gift["id"], int) and gift["name"] == "Stand mixer"
    assert gift["price"] == pytest.approx(249.5)
    assert gift["quantity"] == 1 and gift["priority"] == "nice" and gift["url"] is None
    assert gift["reserved"] == 0 and gift["remaining"] == 1
    assert api.get(f"/registries/{registry['slug']}").json()["gift_count"] == 1


def test_bad_gifts_answer_422(api: httpx.Client) -> None:
    owner = _user(api)
    registry = _registry(api, owner)
    url = f"/registries/{registry['slug']}/gifts"
    for body in [
        {"name": "Free hugs", "price": 0},
        {"name": "Plates", "price": 10, "quantity": 0},
        {"name": "Vase", "price": 10, "priority": "urgent"},
        {"price": 10},
    ]:
        response = api.post(url, json=body, headers=owner["headers"])
        assert response.status_code == 422, (body, response.text)
    assert _gift_ids(api, registry["slug"]) == []


def test_only_the_owner_manages_gifts(api: httpx.Client) -> None:
    owner, guest = _user(api), _user(api)
    registry = _registry(api, owner)
    slug = registry["slug"]
    gift = _gift(api, owner, slug, name="Kettle", price=40, quantity=2)
    other = api.post(
        f"/registries/{slug}/gifts",
        json={"name": "Sneaky", "price": 5},
        headers=guest["headers"],
    )
    assert other.status_code == 403, other.text
    url = f"/registries/{slug}/gifts/{gift['id']}"
    assert api.patch(url, json={"price": 1}, headers=guest["headers"]).status_code == 403
    assert api.delete(url, headers=guest["headers"]).status_code == 403
    patched = api.patch(url, json={"price": 45}, headers=owner["headers"])
    assert patched.status_code == 200, patched.text
    body = patched.json()
    assert body["price"] == pytest.approx(45) and body["name"] == "Kettle"
    assert body["quantity"] == 2 and body["priority"] == "nice"
    assert _gift_ids(api, slug) == [gift["id"]]


def test_gift_list_is_sorted_and_filtered(api: httpx.Client) -> None:
    owner = _user(api)
    slug = _registry(api, owner)["slug"]
    candle = _gift(api, owner, slug, name="Candle set", price=25, priority="nice")
    apron = _gift(api, owner, slug, name="Apron", price=60, priority="must")
    bowl = _gift(api, owner, slug, name="Bowl", price=12.5, priority="must")
    assert _gift_ids(api, slug) == [apron["id"], bowl["id"], candle["id"]]
    assert _gift_ids(api, slug, sort="price") == [bowl["id"], candle["id"], apron["id"]]
    assert _gift_ids(api, slug, sort="-price") == [
        apron["id"],
        candle["id"],
        bowl["id"],
    ]
    assert _gift_ids(api, slug, max_price=25) == [bowl["id"], candle["id"]]
    assert _gift_ids(api, slug, priority="must") == [apron["id"], bowl["id"]]


def test_reserving_moves_the_counts_409_when_too_many_403_for_the_owner(
    api: httpx.Client,
) -> None:
    owner, guest = _user(api), _user(api)
    slug = _registry(api, owner)["slug"]
    glasses = _gift(api, owner, slug, name="Wine glasses", price=15, quantity=3)
    lamp = _gift(api, owner, slug, name="Lamp", price=50)
    made = _reserve(api, guest, slug, glasses["id"], quantity=2)
    assert made.status_code == 201, made.text
    body = made.json()
    assert body["gift_id"] == glasses["id"] and body["quantity"] == 2
    assert body["registry"] == slug and body["gift_name"] == "Wine glasses"
    too_many = _reserve(api, guest, slug, glasses["id"], quantity=2)
    assert too_many.status_code == 409, too_many.text
    listed = {g["id"]: g for g in api.get(f"/registries/{slug}/gifts").json()}
    assert listed[glasses["id"]]["reserved"] == 2 and listed[glasses["id"]]["remaining"] == 1
    one = _reserve(api, guest, slug, lamp["id"])
    assert one.status_code == 201 and one.json()["quantity"] == 1
    assert _gift_ids(api, slug, available="true") == [glasses["id"]]
    assert _gift_ids(api, slug, available="false") == [lamp["id"]]
    own = _reserve(api, owner, slug, glasses["id"])
    assert own.status_code == 403, own.text
    assert (
        api.get(f"/registries/{slug}/gifts", params={"available": "true"}).json()[0]["reserved"]
        == 2
    )


def test_my_reservations_are_only_mine_oldest_first(api: httpx.Client) -> None:
    owner, ann, ben = _user(api), _user(api), _user(api)
    slug = _registry(api, owner)["slug"]
    pan = _gift(api, owner, slug, name="Pan", price=35, quantity=5)
    rug = _gift(api, owner, slug, name="Rug", price=90, quantity=2)
    first = _reserve(api, ann, slug, rug["id"]).json()
    _reserve(api, ben, slug, pan["id"])
    second = _reserve(api, ann, slug, pan["id"], quantity=2).json()
    mine = api.get("/me/reservations", headers=ann["headers"])
    assert mine.status_code == 200, mine.text
    assert [r["id"] for r in mine.json()] == [first["id"], second["id"]]
    assert [r["gift_name"] for r in mine.json()] == ["Rug", "Pan"]
    assert len(api.get("/me/reservations", headers=ben["headers"]).json()) == 1


def test_reserved_gifts_hold_their_quantity_and_cannot_be_deleted(
    api: httpx.Client,
) -> None:
    owner, guest = _user(api), _user(api)
    slug = _registry(api, owner)["slug"]
    chairs = _gift(api, owner, slug, name="Chairs", price=20, quantity=4)
    spare = _gift(api, owner, slug, name="Spare", price=5)
    _reserve(api, guest, slug, chairs["id"], quantity=3)
    url = f"/registries/{slug}/gifts/{chairs['id']}"
    assert api.patch(url, json={"quantity": 2}, headers=owner["headers"]).status_code == 409
    lowered = api.patch(url, json={"quantity": 3}, headers=owner["headers"])
    assert lowered.status_code == 200 and lowered.json()["remaining"] == 0
    assert api.delete(url, headers=owner["headers"]).status_code == 409
    gone = api.delete(f"/registries/{slug}/gifts/{spare['id']}", headers=owner["headers"])
    assert gone.status_code == 204
    assert _gift_ids(api, slug) == [chairs["id"]]
    assert api.get(f"/registries/{slug}").json()["gift_count"] == 1


def test_the_page_is_html_with_everything_escaped(api: httpx.Client) -> None:
    owner = _user(api)
    registry = _registry(
        api, owner, title="Tom & <i>Jerry</i>", message="<script>x</script> thanks"
    )
    _gift(api, owner, registry["slug"], name="<b>Big</b> bowl", price=10)
    response = api.get(f"/registries/{registry['slug']}/page")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/html")
    text = response.text
    assert "<i>Jerry</i>" not in text and "<script>x</script>" not in text
    assert "<b>Big</b>" not in text
    assert "&lt;i&gt;Jerry&lt;/i&gt;" in text and "&lt;b&gt;Big&lt;/b&gt; bowl" in text
    assert "&amp;" in text


def test_unknown_registry_or_gift_answers_404(api: httpx.Client) -> None:
    owner = _user(api)
    missing = f"nope-{uuid.uuid4().hex[:10]}"
    assert api.get(f"/registries/{missing}").status_code == 404
    assert api.get(f"/registries/{missing}/gifts").status_code == 404
    assert api.get(f"/registries/{missing}/page").status_code == 404
    first = _registry(api, owner)["slug"]
    second = _registry(api, owner)["slug"]
    gift = _gift(api, owner, first)
    wrong = f"/registries/{second}/gifts/{gift['id']}"
    assert api.patch(wrong, json={"price": 9}, headers=owner["headers"]).status_code == 404
    guest = _user(api)
    assert _reserve(api, guest, first, 987654321).status_code == 404
