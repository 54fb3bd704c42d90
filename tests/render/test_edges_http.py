"""A generated project with awkward shapes (see `specs.edges`) driven over HTTP, served in the
sandbox once for the module."""

from __future__ import annotations

from typing import Any

import pytest

from tests.render.conftest import BootedApp
from tests.render.specs import edges


@pytest.fixture(scope="module")
def app(boot: Any) -> BootedApp:
    return boot(edges())


@pytest.fixture(scope="module")
def guest(app: BootedApp) -> dict[str, str]:
    body = {"email": "guest@example.com", "password": "long-enough", "username": "guest", "age": 30}
    assert app.client.post("/auth/register", json=body).status_code == 201
    return app.login("guest@example.com", "long-enough")


def test_the_first_admin_exists_although_users_have_required_fields(app: BootedApp) -> None:
    me = app.client.get("/auth/me", headers=app.admin()).json()
    assert me["role"] == "owner" and me["username"] == "admin"


def test_registration_needs_the_users_own_fields(app: BootedApp) -> None:
    body = {"email": "someone@example.com", "password": "long-enough"}
    assert app.client.post("/auth/register", json=body).status_code == 422
    taken = {**body, "username": "admin", "age": 1}
    assert app.client.post("/auth/register", json=taken).status_code == 409


def test_a_user_may_point_at_a_team_that_must_exist(app: BootedApp) -> None:
    body = {"email": "t@example.com", "password": "long-enough", "username": "t", "age": 1}
    assert app.client.post("/auth/register", json={**body, "team_id": 999999}).status_code == 422
    team = app.client.post("/teams", json={"name": "Blue"}, headers=app.admin()).json()
    user = app.client.post("/auth/register", json={**body, "team_id": team["id"]})
    assert user.status_code == 201 and user.json()["team_id"] == team["id"]
    assert app.client.delete(f"/teams/{team['id']}", headers=app.admin()).status_code == 409


def test_an_entity_without_fields_records_its_user(app: BootedApp, guest: dict[str, str]) -> None:
    note = app.client.post("/notes", json={}, headers=guest)
    assert note.status_code == 201
    like = app.client.post("/likes", json={"note_id": note.json()["id"]}, headers=guest)
    assert like.status_code == 201
    me = app.client.get("/auth/me", headers=guest).json()
    assert like.json()["user_id"] == me["id"]


def test_reading_reports_needs_a_staff_role(app: BootedApp, guest: dict[str, str]) -> None:
    body = {"summary": "Quiet day", "date": "2024-05-01"}
    report = app.client.post("/reports", json=body, headers=guest)
    assert report.status_code == 201
    url = f"/reports/{report.json()['id']}"
    assert app.client.get(url).status_code == 401
    assert app.client.get(url, headers=guest).status_code == 403
    assert app.client.get(url, headers=app.admin()).json()["date"] == "2024-05-01"
    assert app.client.get("/reports").status_code == 405  # create and read only


def test_an_upload_only_entity_takes_its_content_types(
    app: BootedApp, guest: dict[str, str]
) -> None:
    attachment = app.client.post("/attachments", json={}, headers=guest).json()
    url = f"/attachments/{attachment['id']}/file"
    png = {"file": ("a.png", b"png", "image/png")}
    assert app.client.post(url, files=png, headers=guest).status_code == 415
    pdf = {"file": ("a.pdf", b"%PDF-1.7", "application/pdf")}
    assert app.client.post(url, files=pdf, headers=guest).status_code == 200
    assert app.client.get(url).content == b"%PDF-1.7"
