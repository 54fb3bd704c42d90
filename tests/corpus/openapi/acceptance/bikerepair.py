"""Acceptance tests for bikerepair.md, written from the document and its prose before generating.

Run against a served app: ACCEPTANCE_BASE_URL=http://127.0.0.1:8000 pytest <this file>

The queue is shared by every test, so positions are checked relative to each other.
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
    """A word no other test puts in a customer name, so `q` isolates this test's jobs."""
    return f"jq{uuid.uuid4().hex[:10]}"


def _job(api: httpx.Client, customer: str = "", bike: str = "blue Raleigh", **extra) -> dict:
    body = {"customer": customer or f"Rider {_word()}", "bike": bike, **extra}
    response = api.post("/jobs", json=body)
    assert response.status_code == 200, response.text
    return response.json()


def _ids(response: httpx.Response) -> list[int]:
    assert response.status_code == 200, response.text
    return [job["id"] for job in response.json()["results"]]


def test_a_new_job_answers_200_and_waits(api: httpx.Client) -> None:
    job = _job(api, "Jo Spencer", "red Gazelle", problem="flat tyre", phone="0612345678")
    assert isinstance(job["id"], int)
    assert job["status"] == "waiting" and job["customer"] == "Jo Spencer"
    assert job["bike"] == "red Gazelle" and job["problem"] == "flat tyre"
    assert isinstance(job["position"], int) and job["position"] >= 1
    assert job["cost"] is None
    got = api.get(f"/jobs/{job['id']}")
    assert got.status_code == 200 and got.json()["phone"] == "0612345678"


def test_bad_input_is_400(api: httpx.Client) -> None:
    assert api.post("/jobs", json={"bike": "green Batavus"}).status_code == 400
    assert api.post("/jobs", json={"customer": "No Bike"}).status_code == 400
    assert api.post("/jobs", json={"customer": "", "bike": "x"}).status_code == 400


def test_positions_follow_arrival_and_move_up(api: httpx.Client) -> None:
    first = _job(api)
    second = _job(api)
    third = _job(api)
    assert second["position"] == first["position"] + 1
    assert third["position"] == second["position"] + 1
    started = api.post(f"/jobs/{first['id']}/start")
    assert started.status_code == 200
    assert started.json()["position"] is None
    assert api.get(f"/jobs/{second['id']}").json()["position"] == first["position"]
    assert api.delete(f"/jobs/{second['id']}").status_code == 204
    assert api.get(f"/jobs/{third['id']}").json()["position"] == first["position"]


def test_start_then_finish_with_a_cost(api: httpx.Client) -> None:
    job = _job(api)
    started = api.post(f"/jobs/{job['id']}/start")
    assert started.status_code == 200 and started.json()["status"] == "in_progress"
    finished = api.post(f"/jobs/{job['id']}/finish", json={"cost": 12.5})
    assert finished.status_code == 200
    body = finished.json()
    assert body["status"] == "done" and body["cost"] == pytest.approx(12.5)
    assert body["position"] is None


def test_starting_twice_or_finishing_a_waiting_job_is_409(api: httpx.Client) -> None:
    job = _job(api)
    assert api.post(f"/jobs/{job['id']}/finish", json={"cost": 5}).status_code == 409
    assert api.post(f"/jobs/{job['id']}/start").status_code == 200
    assert api.post(f"/jobs/{job['id']}/start").status_code == 409
    assert api.post(f"/jobs/{job['id']}/finish", json={"cost": 0}).status_code == 200
    assert api.post(f"/jobs/{job['id']}/finish", json={"cost": 5}).status_code == 409
    assert api.post(f"/jobs/{job['id']}/start").status_code == 409


def test_a_negative_or_missing_cost_is_400(api: httpx.Client) -> None:
    job = _job(api)
    api.post(f"/jobs/{job['id']}/start")
    assert api.post(f"/jobs/{job['id']}/finish", json={"cost": -3}).status_code == 400
    assert api.post(f"/jobs/{job['id']}/finish", json={}).status_code == 400
    assert api.get(f"/jobs/{job['id']}").json()["status"] == "in_progress"


def test_only_waiting_jobs_can_be_deleted(api: httpx.Client) -> None:
    job = _job(api)
    api.post(f"/jobs/{job['id']}/start")
    assert api.delete(f"/jobs/{job['id']}").status_code == 409
    assert api.get(f"/jobs/{job['id']}").status_code == 200
    waiting = _job(api)
    assert api.delete(f"/jobs/{waiting['id']}").status_code == 204
    assert api.get(f"/jobs/{waiting['id']}").status_code == 404


def test_patch_changes_only_what_is_sent(api: httpx.Client) -> None:
    job = _job(api, bike="black Cube", problem="brakes")
    changed = api.patch(f"/jobs/{job['id']}", json={"problem": "brakes and gears"})
    assert changed.status_code == 200
    body = changed.json()
    assert body["problem"] == "brakes and gears"
    assert body["bike"] == "black Cube" and body["customer"] == job["customer"]
    assert body["status"] == "waiting"


def test_the_list_is_in_arrival_order_with_q_ignoring_case(api: httpx.Client) -> None:
    word = _word()
    a = _job(api, f"Zoe {word}")
    b = _job(api, f"Adam {word}")
    _job(api, f"Mo {_word()}")
    listed = api.get("/jobs", params={"q": word.upper()})
    assert _ids(listed) == [a["id"], b["id"]]
    assert listed.json()["total"] == 2


def test_status_filter(api: httpx.Client) -> None:
    word = _word()
    waiting = _job(api, f"Ann {word}")
    busy = _job(api, f"Bob {word}")
    done = _job(api, f"Cy {word}")
    api.post(f"/jobs/{busy['id']}/start")
    api.post(f"/jobs/{done['id']}/start")
    api.post(f"/jobs/{done['id']}/finish", json={"cost": 20})
    for status, job in (("waiting", waiting), ("in_progress", busy), ("done", done)):
        assert _ids(api.get("/jobs", params={"q": word, "status": status})) == [job["id"]]


def test_paging_reports_page_and_total(api: httpx.Client) -> None:
    word = _word()
    jobs = [_job(api, f"{name} {word}") for name in ("Ida", "Jan", "Kim")]
    page = api.get("/jobs", params={"q": word, "page": 2, "per_page": 2})
    assert _ids(page) == [jobs[2]["id"]]
    body = page.json()
    assert body["total"] == 3 and body["page"] == 2 and body["per_page"] == 2


def test_the_queue_screen_is_plain_text_in_queue_order(api: httpx.Client) -> None:
    word = _word()
    first = _job(api, f"Lena {word}", "yellow Brompton")
    second = _job(api, f"Omar {word}", "grey Trek")
    gone = _job(api, f"Pia {word}", "pink Sparta")
    api.post(f"/jobs/{gone['id']}/start")
    screen = api.get("/queue")
    assert screen.status_code == 200
    assert screen.headers["content-type"].startswith("text/plain")
    lines = screen.text.splitlines()
    line_a = f"{first['position']}. Lena {word}: yellow Brompton"
    line_b = f"{second['position']}. Omar {word}: grey Trek"
    assert line_a in lines and line_b in lines
    assert lines.index(line_a) + 1 == lines.index(line_b)
    assert all(f"Pia {word}" not in line for line in lines)


def test_an_unknown_job_is_404(api: httpx.Client) -> None:
    assert api.get("/jobs/987654321").status_code == 404
    assert api.post("/jobs/987654321/start").status_code == 404
    assert api.post("/jobs/987654321/finish", json={"cost": 1}).status_code == 404
    assert api.delete("/jobs/987654321").status_code == 404
