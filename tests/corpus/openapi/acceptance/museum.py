"""Acceptance tests for museum.md, written from the document and its prose before generating.

Run against a served app: ACCEPTANCE_BASE_URL=http://127.0.0.1:8000 pytest <this file>

The catalogue is shared and open, so every test puts a word of its own into its titles and
narrows `GET /objects` with `q`.
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
    return f"zq{uuid.uuid4().hex[:10]}"


def _accession() -> str:
    return f"{1900 + uuid.uuid4().int % 120}.{uuid.uuid4().int % 10**9}.{uuid.uuid4().int % 1000}"


def _object(api: httpx.Client, title: str, **extra) -> dict:
    body = {"accession": _accession(), "title": title, **extra}
    response = api.post("/objects", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def _ids(response: httpx.Response) -> list[int]:
    assert response.status_code == 200, response.text
    return [o["id"] for o in response.json()["items"]]


def test_register_answers_201_with_the_object(api: httpx.Client) -> None:
    acc = _accession()
    response = api.post(
        "/objects",
        json={
            "accession": acc,
            "title": "Butter churn",
            "maker": "Unknown",
            "year": 1890,
            "material": "wood",
        },
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert isinstance(body["id"], int)
    assert body["accession"] == acc and body["title"] == "Butter churn"
    assert body["year"] == 1890 and body["material"] == "wood"
    assert body["on_display"] is False
    got = api.get(f"/objects/{body['id']}")
    assert got.status_code == 200 and got.json()["accession"] == acc


def test_a_taken_accession_number_is_409(api: httpx.Client) -> None:
    first = _object(api, "Tin lantern")
    again = api.post("/objects", json={"accession": first["accession"], "title": "Other lantern"})
    assert again.status_code == 409


def test_bad_input_is_422(api: httpx.Client) -> None:
    assert api.post("/objects", json={"accession": _accession()}).status_code == 422
    assert api.post("/objects", json={"accession": "87-12", "title": "Cup"}).status_code == 422
    assert api.post("/objects", json={"title": "Cup"}).status_code == 422
    bad_material = {"accession": _accession(), "title": "Cup", "material": "plastic"}
    assert api.post("/objects", json=bad_material).status_code == 422


def test_list_is_an_envelope_with_the_total(api: httpx.Client) -> None:
    word = _word()
    made = [_object(api, f"Postcard {word} {n}", material="paper") for n in range(3)]
    response = api.get("/objects", params={"q": word})
    assert response.status_code == 200
    body = response.json()
    assert isinstance(body["items"], list) and body["total"] == 3
    assert sorted(_ids(response)) == sorted(o["id"] for o in made)


def test_q_is_case_insensitive_in_title_or_maker(api: httpx.Client) -> None:
    word = _word()
    by_title = _object(api, f"Quilt {word.upper()}", material="textile")
    by_maker = _object(api, "Sampler", maker=f"Mrs {word} of Mill Lane", material="textile")
    _object(api, "Sampler without the word", maker="Someone else")
    assert sorted(_ids(api.get("/objects", params={"q": word}))) == sorted(
        [by_title["id"], by_maker["id"]]
    )


def test_material_filter(api: httpx.Client) -> None:
    word = _word()
    jug = _object(api, f"Jug {word}", material="ceramic")
    _object(api, f"Bottle {word}", material="glass")
    response = api.get("/objects", params={"q": word, "material": "ceramic"})
    assert _ids(response) == [jug["id"]] and response.json()["total"] == 1


def test_year_range_is_inclusive_and_unknown_years_never_match(api: httpx.Client) -> None:
    word = _word()
    a = _object(api, f"Coin A {word}", year=1850, material="metal")
    b = _object(api, f"Coin B {word}", year=1860, material="metal")
    c = _object(api, f"Coin C {word}", year=1870, material="metal")
    _object(api, f"Coin D {word}", material="metal")
    got = api.get("/objects", params={"q": word, "year_from": 1850, "year_to": 1860})
    assert sorted(_ids(got)) == sorted([a["id"], b["id"]])
    got = api.get("/objects", params={"q": word, "year_from": 1860})
    assert sorted(_ids(got)) == sorted([b["id"], c["id"]])
    got = api.get("/objects", params={"q": word, "year_to": 1850})
    assert _ids(got) == [a["id"]]


def test_sorted_by_title_by_default_and_by_sort(api: httpx.Client) -> None:
    word = _word()
    c = _object(api, f"Clock {word}", year=1750)
    a = _object(api, f"Abacus {word}", year=1900)
    b = _object(api, f"Bellows {word}", year=1820)
    assert _ids(api.get("/objects", params={"q": word})) == [a["id"], b["id"], c["id"]]
    assert _ids(api.get("/objects", params={"q": word, "sort": "-title"})) == [
        c["id"],
        b["id"],
        a["id"],
    ]
    assert _ids(api.get("/objects", params={"q": word, "sort": "year"})) == [
        c["id"],
        b["id"],
        a["id"],
    ]
    assert _ids(api.get("/objects", params={"q": word, "sort": "-year"})) == [
        a["id"],
        b["id"],
        c["id"],
    ]


def test_limit_and_offset_page_while_total_counts_everything(api: httpx.Client) -> None:
    word = _word()
    made = [_object(api, f"Button {n} {word}") for n in range(5)]
    ordered = [o["id"] for o in made]  # titles "Button 0..4" sort in creation order
    first = api.get("/objects", params={"q": word, "limit": 2})
    assert _ids(first) == ordered[:2] and first.json()["total"] == 5
    rest = api.get("/objects", params={"q": word, "limit": 2, "offset": 4})
    assert _ids(rest) == ordered[4:] and rest.json()["total"] == 5


def test_patch_changes_only_what_is_sent(api: httpx.Client) -> None:
    made = _object(api, "Flat iron", maker="Kenrick", year=1880, material="metal")
    response = api.patch(f"/objects/{made['id']}", json={"year": 1885})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["year"] == 1885
    assert body["title"] == "Flat iron" and body["maker"] == "Kenrick"
    assert body["material"] == "metal" and body["accession"] == made["accession"]
    assert api.get(f"/objects/{made['id']}").json()["year"] == 1885


def test_an_object_on_display_cannot_be_deleted(api: httpx.Client) -> None:
    made = _object(api, "Ship in a bottle", material="glass", on_display=True)
    assert made["on_display"] is True
    assert api.delete(f"/objects/{made['id']}").status_code == 409
    assert api.get(f"/objects/{made['id']}").status_code == 200
    off = api.patch(f"/objects/{made['id']}", json={"on_display": False})
    assert off.status_code == 200 and off.json()["on_display"] is False
    assert api.delete(f"/objects/{made['id']}").status_code == 204
    assert api.get(f"/objects/{made['id']}").status_code == 404


def test_label_is_html_with_everything_escaped(api: httpx.Client) -> None:
    word = _word()
    made = _object(api, f"<i>Tea</i> caddy & spoon {word}", maker="<b>Smith</b>", year=1799)
    response = api.get(f"/objects/{made['id']}/label")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "<i>Tea</i>" not in response.text and "<b>Smith</b>" not in response.text
    assert "&lt;i&gt;Tea&lt;/i&gt;" in response.text and "&lt;b&gt;Smith&lt;/b&gt;" in response.text
    assert word in response.text and "1799" in response.text


def test_unknown_object_is_404(api: httpx.Client) -> None:
    assert api.get("/objects/987654321").status_code == 404
    assert api.patch("/objects/987654321", json={"year": 1900}).status_code == 404
    assert api.delete("/objects/987654321").status_code == 404
    assert api.get("/objects/987654321/label").status_code == 404
