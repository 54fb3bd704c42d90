"""Acceptance tests for changelog.md, written from the document and its prose before generating.

Run against a served app: ACCEPTANCE_BASE_URL=http://127.0.0.1:8000 pytest <this file>
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import datetime

import httpx
import pytest

BASE_URL = os.environ.get("ACCEPTANCE_BASE_URL", "http://127.0.0.1:8000")


@pytest.fixture
def api() -> Iterator[httpx.Client]:
    with httpx.Client(base_url=BASE_URL, timeout=15) as client:
        yield client


def _project(api: httpx.Client) -> tuple[int, dict[str, str]]:
    response = api.post("/projects", json={"name": f"proj {uuid.uuid4().hex[:8]}"})
    assert response.status_code == 201, response.text
    return response.json()["id"], {"X-Project-Token": response.json()["token"]}


def _publish(
    api: httpx.Client, who: dict[str, str], version: str, notes: str, **extra: str
) -> dict:
    body = {"version": version, "notes": notes, **extra}
    response = api.post("/releases", json=body, headers=who)
    assert response.status_code == 201, response.text
    return response.json()


def _versions(api: httpx.Client, who: dict[str, str], **params: object) -> list[str]:
    response = api.get("/releases", params=params, headers=who)
    assert response.status_code == 200, response.text
    return [r["version"] for r in response.json()]


def test_registering_a_project_answers_201_with_its_token(api: httpx.Client) -> None:
    response = api.post("/projects", json={"name": "Billing service"})
    assert response.status_code == 201
    body = response.json()
    assert body["name"] == "Billing service" and isinstance(body["id"], int)
    assert isinstance(body["token"], str) and body["token"]


def test_calls_without_a_known_token_answer_401(api: httpx.Client) -> None:
    assert api.get("/releases").status_code == 401
    assert api.get("/changelog.txt").status_code == 401
    bad = {"X-Project-Token": "not-a-real-token"}
    body = {"version": "1.0.0", "notes": "first"}
    assert api.post("/releases", json=body, headers=bad).status_code == 401


def test_a_published_release_defaults_to_fix_and_is_read_by_version(api: httpx.Client) -> None:
    _, token = _project(api)
    release = _publish(api, token, "2.10.1", "Fixed the export button")
    assert release["kind"] == "fix" and release["version"] == "2.10.1"
    datetime.fromisoformat(release["published_at"].replace("Z", "+00:00"))
    got = api.get("/releases/2.10.1", headers=token)
    assert got.status_code == 200 and got.json()["notes"] == "Fixed the export button"
    assert api.get("/releases/9.9.9", headers=token).status_code == 404


def test_a_malformed_version_or_missing_notes_answer_400(api: httpx.Client) -> None:
    _, token = _project(api)
    for version in ("v1.0.0", "1.2", "1.2.3-beta", "one.two.three"):
        body = {"version": version, "notes": "x"}
        assert api.post("/releases", json=body, headers=token).status_code == 400, version
    assert api.post("/releases", json={"version": "1.0.0"}, headers=token).status_code == 400


def test_a_version_published_twice_answers_409_but_only_within_a_project(
    api: httpx.Client,
) -> None:
    _, mine = _project(api)
    _, theirs = _project(api)
    _publish(api, mine, "1.0.0", "first")
    again = api.post("/releases", json={"version": "1.0.0", "notes": "again"}, headers=mine)
    assert again.status_code == 409
    _publish(api, theirs, "1.0.0", "their first")
    assert api.get("/releases/1.0.0", headers=mine).json()["notes"] == "first"


def test_releases_cannot_be_edited_or_deleted(api: httpx.Client) -> None:
    _, token = _project(api)
    _publish(api, token, "1.0.0", "stays as written")
    body = {"version": "1.0.0", "notes": "rewritten"}
    assert api.put("/releases/1.0.0", json=body, headers=token).status_code in (404, 405)
    assert api.patch("/releases/1.0.0", json=body, headers=token).status_code in (404, 405)
    assert api.delete("/releases/1.0.0", headers=token).status_code in (404, 405)
    assert api.get("/releases/1.0.0", headers=token).json()["notes"] == "stays as written"


def test_the_list_is_newest_first_and_limited(api: httpx.Client) -> None:
    _, token = _project(api)
    for version in ("1.0.0", "1.0.1", "1.1.0", "2.0.0"):
        _publish(api, token, version, f"release {version}")
    listed = api.get("/releases", headers=token)
    assert listed.status_code == 200 and isinstance(listed.json(), list)
    assert _versions(api, token) == ["2.0.0", "1.1.0", "1.0.1", "1.0.0"]
    assert _versions(api, token, limit=2) == ["2.0.0", "1.1.0"]


def test_kind_and_q_narrow_the_list(api: httpx.Client) -> None:
    _, token = _project(api)
    _publish(api, token, "1.0.0", "CSV export", kind="feature")
    _publish(api, token, "1.0.1", "Export no longer drops the last row")
    _publish(api, token, "1.0.2", "Patched the login bypass", kind="security")
    assert _versions(api, token, kind="security") == ["1.0.2"]
    assert _versions(api, token, q="EXPORT") == ["1.0.1", "1.0.0"]
    assert _versions(api, token, q="export", kind="fix") == ["1.0.1"]


def test_a_project_sees_only_its_own_releases(api: httpx.Client) -> None:
    _, mine = _project(api)
    _, theirs = _project(api)
    _publish(api, mine, "3.1.4", "secret roadmap item")
    assert _versions(api, theirs) == []
    assert api.get("/releases/3.1.4", headers=theirs).status_code == 404
    assert "secret roadmap item" not in api.get("/changelog.txt", headers=theirs).text


def test_the_text_changelog_has_one_line_per_release_newest_first(api: httpx.Client) -> None:
    _, token = _project(api)
    _publish(api, token, "1.0.0", "First public version", kind="feature")
    _publish(api, token, "1.0.1", "Crash when the list is empty")
    response = api.get("/changelog.txt", headers=token)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    assert response.text.strip().splitlines() == [
        "1.0.1 [fix] Crash when the list is empty",
        "1.0.0 [feature] First public version",
    ]


def test_the_public_page_is_html_without_a_token(api: httpx.Client) -> None:
    project_id, token = _project(api)
    marker = uuid.uuid4().hex
    _publish(api, token, "4.2.0", f"Dark mode {marker}", kind="feature")
    page = api.get(f"/projects/{project_id}/changelog.html")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert f"Dark mode {marker}" in page.text and "4.2.0" in page.text
    assert api.get("/projects/987654321/changelog.html").status_code == 404


def test_the_public_page_escapes_the_notes(api: httpx.Client) -> None:
    project_id, token = _project(api)
    marker = uuid.uuid4().hex[:8]
    evil = f"<img src=x onerror=alert('{marker}')>"
    _publish(api, token, "1.0.0", evil)
    page = api.get(f"/projects/{project_id}/changelog.html").text
    assert evil not in page
    assert "&lt;img src=x onerror=alert(" in page and marker in page
