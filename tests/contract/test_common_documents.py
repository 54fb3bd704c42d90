"""Two small documents of the kinds API-first teams send, served exactly as declared.

tests/contract/documents/contacts.yaml (3.0 YAML, no auth): a PATCH with a partial schema,
`nullable` fields, a `readOnly` id, an enum query parameter, an Error object with a required
`code` and `message` for 400 and 404, `Location` on create, `ETag` and 304 on a read, and two
collections. reminders.json (3.1 JSON, bearer JWT
after sign-up): `type: [string, "null"]`, an enum with a default, a query parameter with a
`maximum`, each user's own records, a body-less action answering the item, and an error object
nested under `error`. Each test calls the booted app as a client would.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import yaml

from pipeline.validate.acceptance import served_project
from pipeline.validate.conformance import run_contract_tests
from tests.contract.booted import project, served

DOCUMENTS = Path(__file__).resolve().parent / "documents"
CONTACTS = (DOCUMENTS / "contacts.yaml").read_text(encoding="utf-8")
REMINDERS = (DOCUMENTS / "reminders.json").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def contacts() -> Iterator[httpx.Client]:
    with served(CONTACTS) as app:
        yield app


@pytest.fixture(scope="module")
def reminders() -> Iterator[httpx.Client]:
    with served(REMINDERS) as app:
        yield app


def _is_error(response: httpx.Response, status: int) -> None:
    """The declared Error object: {code, message}, the code being the status."""
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"code", "message"} and body["code"] == status
    assert isinstance(body["message"], str) and body["message"]


def test_each_collection_counts_its_own_ids(contacts: httpx.Client) -> None:
    group = contacts.post("/groups", json={"name": "family"})
    person = contacts.post("/contacts", json={"name": "Ada", "kind": "person"})
    assert group.status_code == person.status_code == 201
    assert group.json()["id"] == 1 and person.json()["id"] == 1
    assert contacts.post("/groups", json={"name": "work"}).json()["id"] == 2


def test_a_create_answers_the_declared_location_of_the_new_record(contacts: httpx.Client) -> None:
    made = contacts.post("/contacts", json={"name": "Hedy", "kind": "person"})
    assert made.headers["location"] == f"/contacts/{made.json()['id']}"
    assert contacts.get(made.headers["location"]).json() == made.json()


def test_a_read_answers_its_declared_etag_and_304_when_it_is_sent_back(
    contacts: httpx.Client,
) -> None:
    made = contacts.post("/contacts", json={"name": "Alan", "kind": "person"}).json()
    first = contacts.get(f"/contacts/{made['id']}")
    tag = first.headers["etag"]
    again = contacts.get(f"/contacts/{made['id']}", headers={"If-None-Match": tag})
    assert (again.status_code, again.content, again.headers["etag"]) == (304, b"", tag)
    contacts.patch(f"/contacts/{made['id']}", json={"age": 41})
    changed = contacts.get(f"/contacts/{made['id']}", headers={"If-None-Match": tag})
    assert changed.status_code == 200 and changed.headers["etag"] != tag


def test_a_read_only_id_sent_in_a_body_is_not_taken(contacts: httpx.Client) -> None:
    made = contacts.post("/contacts", json={"id": 999, "name": "Grace", "kind": "person"})
    assert made.status_code == 201 and made.json()["id"] != 999
    _is_error(contacts.get("/contacts/999"), 404)


def test_a_patch_changes_only_the_fields_sent_and_nullable_ones_take_null(
    contacts: httpx.Client,
) -> None:
    sent = {"name": "Linus", "kind": "person", "phone": "+1 555", "company": "OSDL", "age": 30}
    made = contacts.post("/contacts", json=sent).json()
    edited = contacts.patch(f"/contacts/{made['id']}", json={"phone": None, "age": 31})
    assert edited.status_code == 200
    assert edited.json() == {**sent, "id": made["id"], "phone": None, "age": 31}
    assert contacts.get(f"/contacts/{made['id']}").json() == edited.json()


def test_a_patch_out_of_bounds_answers_the_declared_400_error_and_changes_nothing(
    contacts: httpx.Client,
) -> None:
    made = contacts.post("/contacts", json={"name": "Old", "kind": "person", "age": 90}).json()
    _is_error(contacts.patch(f"/contacts/{made['id']}", json={"age": 151}), 400)
    _is_error(contacts.patch(f"/contacts/{made['id']}", json={"name": ""}), 400)
    assert contacts.get(f"/contacts/{made['id']}").json()["age"] == 90
    _is_error(contacts.patch("/contacts/4242", json={"age": 1}), 404)


def test_an_enum_query_parameter_filters_and_another_value_is_the_declared_400(
    contacts: httpx.Client,
) -> None:
    contacts.post("/contacts", json={"name": "ACME", "kind": "company"})
    companies = contacts.get("/contacts", params={"kind": "company"})
    assert companies.status_code == 200 and companies.json()
    assert {c["kind"] for c in companies.json()} == {"company"}
    _is_error(contacts.get("/contacts", params={"kind": "robot"}), 400)
    _is_error(contacts.post("/contacts", json={"name": "R2", "kind": "robot"}), 400)


def _contract_verdicts(document: str) -> dict[str, str]:
    """The contract tests' verdict on each operation, against a fresh boot reached over TCP."""
    with served_project(project(document)) as url:
        return {r.key: r.verdict for r in run_contract_tests(yaml.safe_load(document), url)}


def test_the_contract_tests_find_every_operation_conformant() -> None:
    verdicts = _contract_verdicts(CONTACTS)
    assert len(verdicts) == 5 and verdicts == dict.fromkeys(verdicts, "conformant")


def _token(app: httpx.Client, name: str) -> dict[str, str]:
    login = {"username": name, "password": f"{name}-password"}
    assert app.post("/signup", json=login).status_code == 201
    answer = app.post("/token", json=login)
    assert answer.status_code == 200
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


def _is_nested_error(response: httpx.Response, status: int) -> None:
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["code"] == status and isinstance(error["message"], str)


def test_without_a_token_the_declared_401_error_answers(reminders: httpx.Client) -> None:
    _is_nested_error(reminders.get("/reminders"), 401)
    _is_nested_error(reminders.post("/token", json={"username": "x", "password": "y"}), 401)


def test_a_null_note_is_kept_and_the_enum_default_is_filled(reminders: httpx.Client) -> None:
    me = _token(reminders, "nora")
    made = reminders.post("/reminders", json={"text": "call mum", "note": None}, headers=me)
    assert made.status_code == 201
    assert made.json() == {"id": made.json()["id"], "text": "call mum", "note": None,
                           "priority": "normal"}  # fmt: skip
    _is_nested_error(reminders.post("/reminders", json={"text": "x" * 141}, headers=me), 400)


def test_a_limit_above_its_declared_maximum_is_the_declared_400(reminders: httpx.Client) -> None:
    me = _token(reminders, "maxine")
    assert reminders.get("/reminders", params={"limit": 50}, headers=me).status_code == 200
    _is_nested_error(reminders.get("/reminders", params={"limit": 51}, headers=me), 400)
    _is_nested_error(reminders.get("/reminders", params={"limit": 0}, headers=me), 400)


def test_each_user_sees_and_snoozes_only_their_own(reminders: httpx.Client) -> None:
    alice, bob = _token(reminders, "alice"), _token(reminders, "bobby")
    made = reminders.post("/reminders", json={"text": "dentist"}, headers=alice).json()
    assert [r["id"] for r in reminders.get("/reminders", headers=bob).json()] == []
    snoozed = reminders.post(f"/reminders/{made['id']}/snooze", headers=alice)
    assert snoozed.status_code == 200 and snoozed.json() == made
    _is_nested_error(reminders.post(f"/reminders/{made['id']}/snooze", headers=bob), 404)
    _is_nested_error(reminders.get(f"/reminders/{made['id']}", headers=bob), 404)


def test_the_contract_tests_sign_up_and_find_every_operation_conformant() -> None:
    verdicts = _contract_verdicts(REMINDERS)
    assert len(verdicts) == 6 and verdicts == dict.fromkeys(verdicts, "conformant")
