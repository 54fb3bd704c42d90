"""Acceptance tests for potluck.md, written from the document and its prose before generating.

Run against a served app: ACCEPTANCE_BASE_URL=http://127.0.0.1:8000 pytest <this file>
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import httpx
import pytest

BASE_URL = os.environ.get("ACCEPTANCE_BASE_URL", "http://127.0.0.1:8000")
COURSES = ["starter", "main", "side", "dessert", "drink"]


@pytest.fixture
def api() -> Iterator[httpx.Client]:
    with httpx.Client(base_url=BASE_URL, timeout=15) as client:
        yield client


@dataclass
class Person:
    client: httpx.Client
    name: str
    email: str
    password: str
    sid: str


def _hex() -> str:
    return uuid.uuid4().hex[:10]


def _signup(api: httpx.Client) -> tuple[str, str, str]:
    name = f"Neighbour {_hex()}"
    email = f"n{_hex()}@example.com"
    password = f"pw-{_hex()}"
    response = api.post("/signup", json={"email": email, "name": name, "password": password})
    assert response.status_code == 201, response.text
    return name, email, password


def _session_client(sid: str) -> httpx.Client:
    """A client that sends exactly this potluck_sid cookie."""
    client = httpx.Client(base_url=BASE_URL, timeout=15)
    client.headers["Cookie"] = f"potluck_sid={sid}"
    return client


@pytest.fixture
def person(api: httpx.Client) -> Iterator[Callable[[], Person]]:
    """Signs up and logs in a fresh neighbour, with a client of their own."""
    clients: list[httpx.Client] = []

    def make() -> Person:
        name, email, password = _signup(api)
        with httpx.Client(base_url=BASE_URL, timeout=15) as login_client:
            response = login_client.post("/login", json={"email": email, "password": password})
        assert response.status_code == 200, response.text
        sid = response.cookies.get("potluck_sid")
        assert sid, f"no potluck_sid cookie: {response.headers}"
        client = _session_client(sid)
        clients.append(client)
        return Person(client, name, email, password, sid)

    yield make
    for client in clients:
        client.close()


def _potluck(who: Person, title: str, date: str = "2031-05-01", **extra) -> dict:
    body = {
        "title": title,
        "date": date,
        "location": extra.pop("location", "Courtyard"),
    }
    body.update(extra)
    response = who.client.post("/potlucks", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def _dish(who: Person, potluck_id: int, name: str, **extra) -> dict:
    response = who.client.post(f"/potlucks/{potluck_id}/dishes", json={"name": name, **extra})
    assert response.status_code == 201, response.text
    return response.json()


def _list(who: Person, **params) -> dict:
    response = who.client.get("/potlucks", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def _ids(who: Person, **params) -> list[int]:
    return [p["id"] for p in _list(who, **params)["data"]]


def test_signup_is_201_without_password_and_409_on_a_taken_email_any_case(
    api: httpx.Client,
) -> None:
    word = _hex()
    body = {
        "email": f"Cook{word}@Example.com",
        "name": "Ada Cook",
        "password": "secret-123",
    }
    response = api.post("/signup", json=body)
    assert response.status_code == 201, response.text
    user = response.json()
    assert isinstance(user["id"], int) and user["name"] == "Ada Cook"
    assert "password" not in user
    again = {
        "email": f"cook{word}@example.COM",
        "name": "Other",
        "password": "secret-456",
    }
    assert api.post("/signup", json=again).status_code == 409


def test_login_sets_the_cookie_and_everything_else_needs_it(api: httpx.Client) -> None:
    name, email, password = _signup(api)
    with httpx.Client(base_url=BASE_URL, timeout=15) as client:
        bad = client.post("/login", json={"email": email, "password": "wrong-password"})
        assert bad.status_code == 401, bad.text
        good = client.post("/login", json={"email": email, "password": password})
        assert good.status_code == 200, good.text
        assert good.json()["name"] == name and "password" not in good.json()
        assert good.cookies.get("potluck_sid")
    with httpx.Client(base_url=BASE_URL, timeout=15) as anonymous:
        assert anonymous.get("/potlucks").status_code == 401
        body = {"title": "x", "date": "2031-01-01", "location": "y"}
        assert anonymous.post("/potlucks", json=body).status_code == 401
        assert anonymous.post("/logout").status_code == 401


def test_logout_is_204_and_the_old_cookie_is_dead(person: Callable[[], Person]) -> None:
    ada = person()
    assert ada.client.get("/potlucks").status_code == 200
    assert ada.client.post("/logout").status_code == 204
    with _session_client(ada.sid) as old:
        response = old.get("/potlucks")
        assert response.status_code == 401, response.text


def test_a_new_potluck_has_its_host_and_all_courses_missing(
    person: Callable[[], Person],
) -> None:
    ada, bob = person(), person()
    made = _potluck(ada, f"Spring potluck {_hex()}", "2031-04-12", location="Courtyard")
    assert isinstance(made["id"], int)
    assert made["host"] == ada.name and made["date"] == "2031-04-12"
    assert made["location"] == "Courtyard" and made["notes"] is None
    assert made["dish_count"] == 0 and made["missing_courses"] == COURSES
    seen = bob.client.get(f"/potlucks/{made['id']}")
    assert seen.status_code == 200, seen.text
    assert seen.json()["title"] == made["title"] and seen.json()["host"] == ada.name
    assert bob.client.get("/potlucks/987654321").status_code == 404


def test_bad_bodies_are_422(person: Callable[[], Person]) -> None:
    ada = person()
    missing_date = {"title": "No date", "location": "Courtyard"}
    assert ada.client.post("/potlucks", json=missing_date).status_code == 422
    bad_date = {"title": "Bad date", "date": "next friday", "location": "Courtyard"}
    assert ada.client.post("/potlucks", json=bad_date).status_code == 422
    made = _potluck(ada, f"Valid {_hex()}")
    url = f"/potlucks/{made['id']}/dishes"
    assert ada.client.post(url, json={"name": "Soup", "course": "snack"}).status_code == 422
    assert ada.client.post(url, json={"course": "main"}).status_code == 422


def test_only_the_host_may_change_or_cancel_a_potluck(
    person: Callable[[], Person],
) -> None:
    ada, bob = person(), person()
    made = _potluck(ada, f"Host only {_hex()}", "2031-07-01", location="Roof", notes="bring chairs")
    url = f"/potlucks/{made['id']}"
    assert bob.client.patch(url, json={"title": "Hijacked"}).status_code == 403
    assert bob.client.delete(url).status_code == 403
    patched = ada.client.patch(url, json={"location": "Garden"})
    assert patched.status_code == 200, patched.text
    body = patched.json()
    assert body["location"] == "Garden" and body["title"] == made["title"]
    assert body["date"] == "2031-07-01" and body["notes"] == "bring chairs"
    assert ada.client.get(url).json()["title"] == made["title"]


def test_list_is_an_envelope_soonest_first_with_order_and_paging(
    person: Callable[[], Person],
) -> None:
    ada = person()
    word = _hex()
    a = _potluck(ada, f"Order {word} a", "2031-05-10")
    b = _potluck(ada, f"Order {word} b", "2031-05-01")
    c = _potluck(ada, f"Order {word} c", "2031-05-20")
    body = _list(ada, q=word)
    assert [p["id"] for p in body["data"]] == [b["id"], a["id"], c["id"]]
    assert body["meta"]["total"] == 3 and body["meta"]["page"] == 1
    assert body["meta"]["per_page"] == 20
    assert _ids(ada, q=word, order="desc") == [c["id"], a["id"], b["id"]]
    first = _list(ada, q=word, per_page=2, page=1)
    assert [p["id"] for p in first["data"]] == [b["id"], a["id"]]
    assert first["meta"]["total"] == 3 and first["meta"]["page"] == 1
    assert first["meta"]["per_page"] == 2
    second = _list(ada, q=word, per_page=2, page=2)
    assert [p["id"] for p in second["data"]] == [c["id"]]
    assert second["meta"]["total"] == 3 and second["meta"]["page"] == 2


def test_list_filters_dates_inclusive_q_in_title_or_location_and_mine(
    person: Callable[[], Person],
) -> None:
    ada, bob = person(), person()
    word, place = _hex(), _hex()
    p1 = _potluck(ada, f"June {word}", "2031-06-01")
    p2 = _potluck(ada, f"june {word} two", "2031-06-15")
    p3 = _potluck(ada, f"JUNE {word} three", "2031-06-30", location=f"Garage {place.upper()}")
    p4 = _potluck(bob, f"Bob's {word}", "2031-06-20")
    assert _ids(ada, q=word, **{"from": "2031-06-01", "to": "2031-06-15"}) == [
        p1["id"],
        p2["id"],
    ]
    assert _ids(ada, q=word, **{"from": "2031-06-16"}) == [p4["id"], p3["id"]]
    assert _ids(bob, q=word.upper()) == [p1["id"], p2["id"], p4["id"], p3["id"]]
    assert _ids(bob, q=f"garage {place}") == [p3["id"]]
    assert _ids(ada, q=word, mine="true") == [p1["id"], p2["id"], p3["id"]]
    assert _ids(bob, q=word, mine="true") == [p4["id"]]


def test_anyone_can_bring_a_dish_with_defaults_and_the_counts_follow(
    person: Callable[[], Person],
) -> None:
    ada, bob = person(), person()
    made = _potluck(ada, f"Dishes {_hex()}")
    dish = _dish(bob, made["id"], "Lentil salad")
    assert isinstance(dish["id"], int) and dish["potluck_id"] == made["id"]
    assert dish["course"] == "main" and dish["vegetarian"] is False
    assert dish["allergens"] == [] and dish["brought_by"] == bob.name
    _dish(ada, made["id"], "Brownies", course="dessert", allergens=["nuts", "gluten"])
    after = ada.client.get(f"/potlucks/{made['id']}").json()
    assert after["dish_count"] == 2
    assert after["missing_courses"] == ["starter", "side", "drink"]


def test_the_same_dish_twice_in_one_potluck_is_409_ignoring_case(
    person: Callable[[], Person],
) -> None:
    ada, bob = person(), person()
    first = _potluck(ada, f"Dup {_hex()}")
    other = _potluck(ada, f"Dup other {_hex()}")
    _dish(ada, first["id"], "Hummus", course="starter")
    again = bob.client.post(f"/potlucks/{first['id']}/dishes", json={"name": "hUMMUS"})
    assert again.status_code == 409, again.text
    _dish(bob, other["id"], "hummus", course="starter")
    assert len(ada.client.get(f"/potlucks/{first['id']}/dishes").json()) == 1


def test_dishes_come_in_course_order_then_name_with_filters(
    person: Callable[[], Person],
) -> None:
    ada = person()
    made = _potluck(ada, f"Menu order {_hex()}")
    pid = made["id"]
    zucchini = _dish(ada, pid, "Zucchini bake", course="main")
    pie = _dish(ada, pid, "Apple pie", course="dessert")
    bruschetta = _dish(ada, pid, "Bruschetta", course="starter", vegetarian=True)
    curry = _dish(ada, pid, "Aubergine curry", course="main", vegetarian=True)
    lemonade = _dish(ada, pid, "Lemonade", course="drink", vegetarian=True)
    rice = _dish(ada, pid, "Rice", course="side")
    response = ada.client.get(f"/potlucks/{pid}/dishes")
    assert response.status_code == 200, response.text
    assert isinstance(response.json(), list)
    expected = [bruschetta, curry, zucchini, rice, pie, lemonade]
    assert [d["id"] for d in response.json()] == [d["id"] for d in expected]
    mains = ada.client.get(f"/potlucks/{pid}/dishes", params={"course": "main"}).json()
    assert [d["id"] for d in mains] == [curry["id"], zucchini["id"]]
    veg = ada.client.get(f"/potlucks/{pid}/dishes", params={"vegetarian": "true"}).json()
    assert [d["id"] for d in veg] == [bruschetta["id"], curry["id"], lemonade["id"]]
    meat = ada.client.get(f"/potlucks/{pid}/dishes", params={"vegetarian": "false"}).json()
    assert [d["id"] for d in meat] == [zucchini["id"], rice["id"], pie["id"]]


def test_a_dish_is_removed_by_its_bringer_or_the_host_only(
    person: Callable[[], Person],
) -> None:
    ada, bob, cat = person(), person(), person()
    made = _potluck(ada, f"Removal {_hex()}")
    pid = made["id"]
    bobs = _dish(bob, pid, "Falafel", course="starter")
    cats = _dish(cat, pid, "Tiramisu", course="dessert")
    assert cat.client.delete(f"/potlucks/{pid}/dishes/{bobs['id']}").status_code == 403
    assert bob.client.delete(f"/potlucks/{pid}/dishes/{cats['id']}").status_code == 403
    assert bob.client.delete(f"/potlucks/{pid}/dishes/{bobs['id']}").status_code == 204
    after = ada.client.get(f"/potlucks/{pid}").json()
    assert after["dish_count"] == 1
    assert after["missing_courses"] == ["starter", "main", "side", "drink"]
    assert ada.client.delete(f"/potlucks/{pid}/dishes/{cats['id']}").status_code == 204
    assert ada.client.get(f"/potlucks/{pid}/dishes").json() == []
    assert ada.client.delete(f"/potlucks/{pid}/dishes/{cats['id']}").status_code == 404


def test_a_potluck_with_dishes_cannot_be_deleted(person: Callable[[], Person]) -> None:
    ada, bob = person(), person()
    made = _potluck(ada, f"Cancel {_hex()}")
    url = f"/potlucks/{made['id']}"
    dish = _dish(bob, made["id"], "Cheese board", course="starter")
    assert ada.client.delete(url).status_code == 409
    assert ada.client.get(url).status_code == 200
    assert bob.client.delete(f"{url}/dishes/{dish['id']}").status_code == 204
    assert ada.client.delete(url).status_code == 204
    assert ada.client.get(url).status_code == 404
    assert bob.client.get(f"{url}/dishes").status_code == 404


def test_menu_is_html_with_everything_escaped(person: Callable[[], Person]) -> None:
    ada, bob = person(), person()
    word = _hex()
    made = _potluck(ada, f"<i>Summer</i> & friends {word}")
    _dish(bob, made["id"], "Lasagne <3 extra cheese", course="main")
    response = ada.client.get(f"/potlucks/{made['id']}/menu")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/html")
    text = response.text
    assert "<i>Summer</i>" not in text and "&lt;i&gt;Summer&lt;/i&gt;" in text
    assert word in text and "&amp; friends" in text
    assert "Lasagne &lt;3 extra cheese" in text and "<3" not in text
    assert bob.name in text
    assert ada.client.get("/potlucks/987654321/menu").status_code == 404
