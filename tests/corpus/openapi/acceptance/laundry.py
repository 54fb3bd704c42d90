"""Acceptance tests for laundry.md, written from the document and its prose before generating.

Run against a served app: ACCEPTANCE_BASE_URL=http://127.0.0.1:8000 pytest <this file>

Machines are shared and open, so every test makes machines with labels of its own and only
looks at those (presence and relative order) in listings and on the board.
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


def _label(prefix: str = "W") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def _machine(api: httpx.Client, label: str = "", kind: str = "washer", **extra) -> dict:
    body = {"label": label or _label(), "kind": kind, **extra}
    response = api.post("/machines", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def _queue(api: httpx.Client, machine: dict, name: str, **extra) -> httpx.Response:
    return api.post(f"/machines/{machine['id']}/queue", json={"name": name, **extra})


def _ok(response: httpx.Response) -> dict:
    assert response.status_code == 201, response.text
    return response.json()


def _mine(response: httpx.Response, made: list[dict]) -> list[int]:
    assert response.status_code == 200, response.text
    assert isinstance(response.json(), list)
    wanted = {m["id"] for m in made}
    return [m["id"] for m in response.json() if m["id"] in wanted]


def test_a_new_machine_is_idle_with_defaults(api: httpx.Client) -> None:
    label = _label()
    machine = _machine(api, label, "washer")
    assert isinstance(machine["id"], int) and machine["label"] == label
    assert machine["kind"] == "washer" and machine["cycle_minutes"] == 45
    assert machine["state"] == "idle" and machine["current"] is None
    assert machine["waiting"] == 0 and machine["cycles"] == 0
    got = api.get(f"/machines/{machine['id']}")
    assert got.status_code == 200 and got.json()["label"] == label


def test_a_used_label_is_409_and_bad_input_400(api: httpx.Client) -> None:
    label = _label()
    _machine(api, label)
    assert api.post("/machines", json={"label": label, "kind": "dryer"}).status_code == 409
    assert api.post("/machines", json={"label": _label(), "kind": "iron"}).status_code == 400
    assert api.post("/machines", json={"kind": "washer"}).status_code == 400
    too_short = {"label": _label(), "kind": "washer", "cycle_minutes": 5}
    assert api.post("/machines", json=too_short).status_code == 400
    machine = _machine(api)
    assert api.post(f"/machines/{machine['id']}/queue", json={}).status_code == 400


def test_machines_are_sorted_by_label_with_kind_and_state_filters(api: httpx.Client) -> None:
    stem = uuid.uuid4().hex[:8]
    c = _machine(api, f"C-{stem}", "dryer")
    a = _machine(api, f"A-{stem}", "washer")
    b = _machine(api, f"B-{stem}", "dryer")
    made = [a, b, c]
    assert _mine(api.get("/machines"), made) == [a["id"], b["id"], c["id"]]
    assert _mine(api.get("/machines", params={"kind": "dryer"}), made) == [b["id"], c["id"]]
    _ok(_queue(api, b, "Ana"))
    assert api.post(f"/machines/{b['id']}/start").status_code == 200
    assert _mine(api.get("/machines", params={"state": "running"}), made) == [b["id"]]
    assert _mine(api.get("/machines", params={"state": "idle"}), made) == [a["id"], c["id"]]


def test_queue_positions_count_from_one(api: httpx.Client) -> None:
    machine = _machine(api)
    ana = _ok(_queue(api, machine, "Ana", flat="3B"))
    ben = _ok(_queue(api, machine, "Ben"))
    assert isinstance(ana["id"], int) and ana["name"] == "Ana" and ana["position"] == 1
    assert ben["position"] == 2
    queue = api.get(f"/machines/{machine['id']}/queue")
    assert queue.status_code == 200
    assert [(e["name"], e["position"]) for e in queue.json()] == [("Ana", 1), ("Ben", 2)]
    assert api.get(f"/machines/{machine['id']}").json()["waiting"] == 2


def test_the_same_name_twice_is_409(api: httpx.Client) -> None:
    machine, other = _machine(api), _machine(api)
    _ok(_queue(api, machine, "Chloe"))
    assert _queue(api, machine, "Chloe").status_code == 409
    _ok(_queue(api, other, "Chloe"))


def test_a_queue_holds_five(api: httpx.Client) -> None:
    machine = _machine(api)
    for name in ("P1", "P2", "P3", "P4", "P5"):
        _ok(_queue(api, machine, name))
    assert _queue(api, machine, "P6").status_code == 409
    assert len(api.get(f"/machines/{machine['id']}/queue").json()) == 5


def test_leaving_closes_the_gap(api: httpx.Client) -> None:
    machine = _machine(api)
    _ok(_queue(api, machine, "Ana"))
    ben = _ok(_queue(api, machine, "Ben"))
    _ok(_queue(api, machine, "Cat"))
    assert api.delete(f"/machines/{machine['id']}/queue/{ben['id']}").status_code == 204
    queue = api.get(f"/machines/{machine['id']}/queue").json()
    assert [(e["name"], e["position"]) for e in queue] == [("Ana", 1), ("Cat", 2)]
    assert api.delete(f"/machines/{machine['id']}/queue/{ben['id']}").status_code == 404


def test_start_takes_the_first_in_line_and_then_409(api: httpx.Client) -> None:
    machine = _machine(api)
    assert api.post(f"/machines/{machine['id']}/start").status_code == 409
    _ok(_queue(api, machine, "Dev"))
    _ok(_queue(api, machine, "Eli"))
    started = api.post(f"/machines/{machine['id']}/start")
    assert started.status_code == 200, started.text
    body = started.json()
    assert body["state"] == "running" and body["current"] == "Dev" and body["waiting"] == 1
    queue = api.get(f"/machines/{machine['id']}/queue").json()
    assert [(e["name"], e["position"]) for e in queue] == [("Eli", 1)]
    assert api.post(f"/machines/{machine['id']}/start").status_code == 409


def test_finish_counts_a_cycle_and_twice_is_409(api: httpx.Client) -> None:
    machine = _machine(api, kind="dryer")
    assert api.post(f"/machines/{machine['id']}/finish").status_code == 409
    _ok(_queue(api, machine, "Fay"))
    assert api.post(f"/machines/{machine['id']}/start").status_code == 200
    done = api.post(f"/machines/{machine['id']}/finish")
    assert done.status_code == 200
    body = done.json()
    assert body["state"] == "idle" and body["current"] is None and body["cycles"] == 1
    assert api.post(f"/machines/{machine['id']}/finish").status_code == 409
    assert api.get(f"/machines/{machine['id']}").json()["cycles"] == 1


def test_board_is_plain_text_in_label_order(api: httpx.Client) -> None:
    stem = uuid.uuid4().hex[:8]
    second = _machine(api, f"W2-{stem}")
    first = _machine(api, f"W1-{stem}")
    for name in ("Gus", "Hal", "Ivy"):
        _ok(_queue(api, first, name))
    assert api.post(f"/machines/{first['id']}/start").status_code == 200
    response = api.get("/board")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    lines = [line.strip() for line in response.text.splitlines() if line.strip()]
    one = f"{first['label']}: running for Gus, 2 waiting"
    two = f"{second['label']}: idle, 0 waiting"
    assert one in lines and two in lines
    assert lines.index(one) < lines.index(two)


def test_unknown_machine_is_404(api: httpx.Client) -> None:
    assert api.get("/machines/987654321").status_code == 404
    assert api.get("/machines/987654321/queue").status_code == 404
    assert api.post("/machines/987654321/queue", json={"name": "Ana"}).status_code == 404
    assert api.post("/machines/987654321/start").status_code == 404
    assert api.post("/machines/987654321/finish").status_code == 404
    assert api.delete("/machines/987654321/queue/1").status_code == 404
