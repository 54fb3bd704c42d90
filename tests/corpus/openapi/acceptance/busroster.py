"""Acceptance tests for busroster.md, written from the document and its prose only.

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
    return f"z{uuid.uuid4().hex[:10]}"


def _prefix() -> str:
    """Upper-case hex, so bus numbers built from it match ^[A-Z0-9-]{1,10}$ and never collide."""
    return uuid.uuid4().hex[:6].upper()


def _bus(api: httpx.Client, number: str | None = None, capacity: int = 20, **extra) -> dict:
    body = {"number": number or f"{_prefix()}-1", "capacity": capacity, "depot": "north", **extra}
    response = api.post("/buses", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def _add(
    api: httpx.Client,
    bus: dict,
    pupil: str,
    stop_order: int = 1,
    grade: int = 3,
    stop: str = "Main Square",
) -> httpx.Response:
    body = {"pupil": pupil, "grade": grade, "stop": stop, "stop_order": stop_order}
    return api.post(f"/buses/{bus['id']}/riders", json=body)


def _rider(api: httpx.Client, bus: dict, pupil: str, **kwargs) -> dict:
    response = _add(api, bus, pupil, **kwargs)
    assert response.status_code == 201, response.text
    return response.json()


def _bus_ids(api: httpx.Client, **params) -> list[int]:
    response = api.get("/buses", params=params)
    assert response.status_code == 200, response.text
    assert isinstance(response.json(), list)
    return [b["id"] for b in response.json()]


def test_a_new_bus_is_201_with_computed_counts(api: httpx.Client) -> None:
    number = f"{_prefix()}-7"
    bus = _bus(api, number, capacity=12, driver=None, depot="riverside")
    assert isinstance(bus["id"], int)
    assert bus["number"] == number and bus["capacity"] == 12 and bus["depot"] == "riverside"
    assert bus["driver"] is None
    assert bus["rider_count"] == 0 and bus["seats_left"] == 12
    got = api.get(f"/buses/{bus['id']}")
    assert got.status_code == 200 and got.json()["number"] == number


def test_a_taken_bus_number_is_409(api: httpx.Client) -> None:
    bus = _bus(api)
    again = api.post("/buses", json={"number": bus["number"], "capacity": 30, "depot": "south"})
    assert again.status_code == 409


def test_bus_list_is_a_bare_array_by_number_with_filters(api: httpx.Client) -> None:
    word = _word()
    prefix = _prefix()
    second = _bus(api, f"{prefix}-2", capacity=1, driver=f"Hans Weber {word}", depot="south")
    third = _bus(api, f"{prefix}-3", capacity=30, driver=f"Eva Brunner {word}", depot="north")
    first = _bus(api, f"{prefix}-1", capacity=30, driver=f"Jan Weber {word}", depot="south")
    assert _bus_ids(api, driver=word) == [first["id"], second["id"], third["id"]]
    assert _bus_ids(api, driver=f"HANS WEBER {word.upper()}") == [second["id"]]
    assert _bus_ids(api, driver=word, depot="south") == [first["id"], second["id"]]
    _rider(api, second, f"Mia {word}")
    assert _bus_ids(api, driver=word, has_space="true") == [first["id"], third["id"]]
    assert _bus_ids(api, driver=word, has_space="false") == [second["id"]]


def test_riders_fill_the_bus_and_a_full_bus_is_409(api: httpx.Client) -> None:
    word = _word()
    bus = _bus(api, capacity=2)
    rider = _rider(api, bus, f"Emma Roth {word}", stop_order=2, grade=4, stop="Church Street")
    assert isinstance(rider["id"], int)
    assert rider["bus_id"] == bus["id"] and rider["bus_number"] == bus["number"]
    assert rider["pupil"] == f"Emma Roth {word}" and rider["grade"] == 4
    assert rider["stop"] == "Church Street" and rider["stop_order"] == 2
    got = api.get(f"/buses/{bus['id']}").json()
    assert got["rider_count"] == 1 and got["seats_left"] == 1
    _rider(api, bus, f"Lukas Meier {word}")
    assert _add(api, bus, f"Noah Keller {word}").status_code == 409
    got = api.get(f"/buses/{bus['id']}").json()
    assert got["rider_count"] == 2 and got["seats_left"] == 0


def test_the_same_pupil_twice_on_one_bus_is_409_ignoring_case(api: httpx.Client) -> None:
    word = _word()
    bus = _bus(api)
    _rider(api, bus, f"Emma Roth {word}")
    assert _add(api, bus, f"emma roth {word}").status_code == 409
    assert _add(api, bus, f"EMMA ROTH {word.upper()}").status_code == 409
    other_bus = _bus(api)
    assert _add(api, other_bus, f"Emma Roth {word}").status_code == 201
    assert api.get(f"/buses/{bus['id']}").json()["rider_count"] == 1


def test_riders_of_a_bus_are_in_route_order(api: httpx.Client) -> None:
    word = _word()
    bus = _bus(api)
    noah = _rider(api, bus, f"Noah {word}", stop_order=3)
    lukas = _rider(api, bus, f"Lukas {word}", stop_order=1)
    ben = _rider(api, bus, f"Ben {word}", stop_order=2)
    anna = _rider(api, bus, f"Anna {word}", stop_order=3)
    listed = api.get(f"/buses/{bus['id']}/riders")
    assert listed.status_code == 200 and isinstance(listed.json(), list)
    assert [r["id"] for r in listed.json()] == [lukas["id"], ben["id"], anna["id"], noah["id"]]


def test_the_roster_is_plain_text_in_route_order(api: httpx.Client) -> None:
    number = f"{_prefix()}-9"
    bus = _bus(api, number)
    _rider(api, bus, "Noah Keller", stop_order=3, stop="Mill Road")
    _rider(api, bus, "Lukas Meier", stop_order=1, stop="Church Street")
    _rider(api, bus, "Emma Roth", stop_order=1, stop="Church Street")
    response = api.get(f"/buses/{bus['id']}/roster")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    lines = [line.rstrip() for line in response.text.strip().splitlines()]
    assert lines == [
        f"Bus {number}",
        "1. Emma Roth (Church Street)",
        "1. Lukas Meier (Church Street)",
        "3. Noah Keller (Mill Road)",
    ]


def test_rider_search_is_an_envelope_by_name_with_paging_and_filters(api: httpx.Client) -> None:
    word = _word()
    bus_a, bus_b = _bus(api), _bus(api)
    clara = _rider(api, bus_a, f"Clara {word}", grade=2)
    anna = _rider(api, bus_b, f"Anna {word}", grade=5)
    dario = _rider(api, bus_b, f"Dario {word}", grade=2)
    ben = _rider(api, bus_a, f"Ben {word}", grade=2)
    response = api.get("/riders", params={"q": word.upper()})
    assert response.status_code == 200
    body = response.json()
    assert body["total"] == 4
    assert [r["id"] for r in body["data"]] == [anna["id"], ben["id"], clara["id"], dario["id"]]
    assert body["data"][0]["bus_number"] == bus_b["number"]
    paged = api.get("/riders", params={"q": word, "per_page": 3, "page": 2}).json()
    assert paged["total"] == 4 and [r["id"] for r in paged["data"]] == [dario["id"]]
    second_graders = api.get("/riders", params={"q": word, "grade": 2}).json()
    assert second_graders["total"] == 3
    assert [r["id"] for r in second_graders["data"]] == [ben["id"], clara["id"], dario["id"]]


def test_taking_a_pupil_off_is_204_and_frees_the_seat(api: httpx.Client) -> None:
    word = _word()
    bus = _bus(api, capacity=1)
    rider = _rider(api, bus, f"Leon {word}")
    assert api.delete(f"/riders/{rider['id']}").status_code == 204
    assert api.get(f"/buses/{bus['id']}").json()["seats_left"] == 1
    assert api.get(f"/buses/{bus['id']}/riders").json() == []
    assert api.delete(f"/riders/{rider['id']}").status_code == 404
    assert _add(api, bus, f"Sofia {word}").status_code == 201


def test_a_bus_with_riders_cannot_be_deleted(api: httpx.Client) -> None:
    bus = _bus(api)
    rider = _rider(api, bus, f"Finn {_word()}")
    assert api.delete(f"/buses/{bus['id']}").status_code == 409
    assert api.get(f"/buses/{bus['id']}").status_code == 200
    assert api.delete(f"/riders/{rider['id']}").status_code == 204
    assert api.delete(f"/buses/{bus['id']}").status_code == 204
    assert api.get(f"/buses/{bus['id']}").status_code == 404


def test_wrong_input_is_422(api: httpx.Client) -> None:
    prefix = _prefix()
    assert (
        api.post(
            "/buses", json={"number": f"{prefix}-1", "capacity": 0, "depot": "north"}
        ).status_code
        == 422
    )
    assert (
        api.post(
            "/buses", json={"number": f"{prefix.lower()}-x", "capacity": 10, "depot": "north"}
        ).status_code
        == 422
    )
    assert (
        api.post(
            "/buses", json={"number": f"{prefix}-2", "capacity": 10, "depot": "harbour"}
        ).status_code
        == 422
    )
    assert api.post("/buses", json={"number": f"{prefix}-3", "depot": "north"}).status_code == 422
    bus = _bus(api)
    assert _add(api, bus, f"Ida {_word()}", grade=9).status_code == 422
    missing_stop = {"pupil": f"Ida {_word()}", "grade": 2, "stop_order": 1}
    assert api.post(f"/buses/{bus['id']}/riders", json=missing_stop).status_code == 422
    assert api.get(f"/buses/{bus['id']}").json()["rider_count"] == 0


def test_unknown_ids_are_404(api: httpx.Client) -> None:
    assert api.get("/buses/987654321").status_code == 404
    assert api.get("/buses/987654321/riders").status_code == 404
    assert api.get("/buses/987654321/roster").status_code == 404
    assert api.delete("/buses/987654321").status_code == 404
    assert _add(api, {"id": 987654321}, "Nobody").status_code == 404
    assert api.delete("/riders/987654321").status_code == 404
