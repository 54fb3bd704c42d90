"""Acceptance tests for birdlog.md, written from the document and its prose before generating.

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


def _observer(api: httpx.Client) -> dict[str, str]:
    """A fresh observer: its log starts empty, so listings can be checked exactly."""
    response = api.post("/observers", json={"name": f"Birder {uuid.uuid4().hex[:6]}"})
    assert response.status_code == 201, response.text
    return {"X-Observer-Key": response.json()["api_key"]}


def _log(api: httpx.Client, who: dict, species: str, seen_on: str, **extra) -> dict:
    body = {"species": species, "seen_on": seen_on, **extra}
    response = api.post("/sightings", json=body, headers=who)
    assert response.status_code == 201, response.text
    return response.json()


def _ids(response: httpx.Response) -> list[int]:
    assert response.status_code == 200, response.text
    return [s["id"] for s in response.json()["items"]]


def test_registering_gives_a_key(api: httpx.Client) -> None:
    response = api.post("/observers", json={"name": "Ines"})
    assert response.status_code == 201
    body = response.json()
    assert body["name"] == "Ines" and body["api_key"] and isinstance(body["id"], int)


def test_no_key_or_a_bad_key_is_401(api: httpx.Client) -> None:
    assert api.get("/sightings").status_code == 401
    bad = {"X-Observer-Key": "not-a-key"}
    assert api.get("/sightings", headers=bad).status_code == 401
    body = {"species": "Robin", "seen_on": "2030-04-01"}
    assert api.post("/sightings", json=body, headers=bad).status_code == 401
    assert api.get("/sightings/summary").status_code == 401


def test_a_new_sighting_has_defaults(api: httpx.Client) -> None:
    me = _observer(api)
    made = _log(api, me, "Common Kingfisher", "2030-04-02")
    assert isinstance(made["id"], int)
    assert made["count"] == 1 and made["behaviour"] == "resting"
    assert made["species"] == "Common Kingfisher" and made["seen_on"] == "2030-04-02"
    got = api.get(f"/sightings/{made['id']}", headers=me)
    assert got.status_code == 200 and got.json()["species"] == "Common Kingfisher"


def test_bad_bodies_are_422(api: httpx.Client) -> None:
    me = _observer(api)
    body = {"species": "Robin", "seen_on": "2030-04-01", "count": 0}
    assert api.post("/sightings", json=body, headers=me).status_code == 422
    assert api.post("/sightings", json={"species": "Robin"}, headers=me).status_code == 422
    body = {"species": "Robin", "seen_on": "2030-04-01", "behaviour": "singing"}
    assert api.post("/sightings", json=body, headers=me).status_code == 422


def test_another_observer_gets_404(api: httpx.Client) -> None:
    me, other = _observer(api), _observer(api)
    made = _log(api, me, "Barn Owl", "2030-05-01")
    assert api.get(f"/sightings/{made['id']}", headers=other).status_code == 404
    body = {"species": "Tawny Owl", "seen_on": "2030-05-01"}
    assert api.put(f"/sightings/{made['id']}", json=body, headers=other).status_code == 404
    assert api.delete(f"/sightings/{made['id']}", headers=other).status_code == 404
    assert api.get("/sightings", headers=other).json() == {"items": [], "total": 0}


def test_list_is_an_envelope_newest_first_and_sortable(api: httpx.Client) -> None:
    me = _observer(api)
    a = _log(api, me, "Wren", "2030-03-10")
    b = _log(api, me, "Wren", "2030-03-20")
    c = _log(api, me, "Wren", "2030-03-15")
    listed = api.get("/sightings", headers=me)
    assert listed.json()["total"] == 3
    assert _ids(listed) == [b["id"], c["id"], a["id"]]
    assert _ids(api.get("/sightings", params={"sort": "seen_on"}, headers=me)) == [
        a["id"],
        c["id"],
        b["id"],
    ]


def test_species_is_a_case_insensitive_substring(api: httpx.Client) -> None:
    me = _observer(api)
    herring = _log(api, me, "Herring Gull", "2030-06-01")
    black = _log(api, me, "Black-headed Gull", "2030-06-02")
    _log(api, me, "Mallard", "2030-06-03")
    found = api.get("/sightings", params={"species": "GULL"}, headers=me)
    assert sorted(_ids(found)) == sorted([herring["id"], black["id"]])
    assert found.json()["total"] == 2


def test_date_range_is_inclusive_and_min_count(api: httpx.Client) -> None:
    me = _observer(api)
    _log(api, me, "Swift", "2030-07-01", count=40)
    a = _log(api, me, "Swift", "2030-07-05", count=3)
    b = _log(api, me, "Swift", "2030-07-09", count=12)
    _log(api, me, "Swift", "2030-07-10", count=50)
    params = {"seen_from": "2030-07-05", "seen_to": "2030-07-09", "sort": "seen_on"}
    assert _ids(api.get("/sightings", params=params, headers=me)) == [a["id"], b["id"]]
    params = {**params, "min_count": 12}
    assert _ids(api.get("/sightings", params=params, headers=me)) == [b["id"]]


def test_limit_and_offset_keep_the_total(api: httpx.Client) -> None:
    me = _observer(api)
    made = [_log(api, me, "Starling", f"2030-08-0{d}") for d in (1, 2, 3, 4)]
    page = api.get("/sightings", params={"sort": "seen_on", "limit": 2, "offset": 1}, headers=me)
    assert page.json()["total"] == 4
    assert _ids(page) == [made[1]["id"], made[2]["id"]]


def test_put_replaces_the_whole_sighting(api: httpx.Client) -> None:
    me = _observer(api)
    made = _log(api, me, "Heron", "2030-09-01", count=4, behaviour="feeding", location="Pond")
    body = {"species": "Grey Heron", "seen_on": "2030-09-02"}
    replaced = api.put(f"/sightings/{made['id']}", json=body, headers=me)
    assert replaced.status_code == 200
    out = replaced.json()
    assert out["id"] == made["id"] and out["species"] == "Grey Heron"
    assert out["count"] == 1 and out["behaviour"] == "resting" and out["location"] is None


def test_delete_is_204_then_404(api: httpx.Client) -> None:
    me = _observer(api)
    made = _log(api, me, "Jay", "2030-10-01")
    assert api.delete(f"/sightings/{made['id']}", headers=me).status_code == 204
    assert api.get(f"/sightings/{made['id']}", headers=me).status_code == 404
    assert api.delete(f"/sightings/{made['id']}", headers=me).status_code == 404


def test_summary_is_plain_text_sums_per_species_in_order(api: httpx.Client) -> None:
    me, other = _observer(api), _observer(api)
    _log(api, me, "Robin", "2030-11-01", count=2)
    _log(api, me, "Blackbird", "2030-11-01", count=5)
    _log(api, me, "Robin", "2030-11-02", count=3)
    _log(api, other, "Albatross", "2030-11-02", count=9)
    response = api.get("/sightings/summary", headers=me)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    lines = [line for line in response.text.splitlines() if line.strip()]
    assert lines == ["Blackbird: 5", "Robin: 5"]
