"""Acceptance tests for choirlibrary.md, written from the document and its prose only.

Run against a served app: ACCEPTANCE_BASE_URL=http://127.0.0.1:8000 pytest <this file>
"""

from __future__ import annotations

import itertools
import os
import random
import string
import uuid
from collections.abc import Iterator

import httpx
import pytest

BASE_URL = os.environ.get("ACCEPTANCE_BASE_URL", "http://127.0.0.1:8000")

# One random letter prefix per run and an increasing number: shelf marks never repeat within a
# run, and marks made later sort after marks made earlier.
_PREFIX = "".join(random.choices(string.ascii_uppercase, k=3))
_NUMBERS = itertools.count(random.randint(0, 4000))


@pytest.fixture
def api() -> Iterator[httpx.Client]:
    with httpx.Client(base_url=BASE_URL, timeout=15) as client:
        yield client


def _mark() -> str:
    return f"{_PREFIX}-{next(_NUMBERS):04d}"


def _word() -> str:
    return f"xj{uuid.uuid4().hex[:10]}"


def _piece(api: httpx.Client, title: str, voicing: str = "SATB", **extra) -> dict:
    body = {"shelf_mark": extra.pop("shelf_mark", None) or _mark(), "title": title}
    body.update(voicing=voicing, **extra)
    response = api.post("/pieces", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def _page(api: httpx.Client, **params) -> dict:
    response = api.get("/pieces", params=params)
    assert response.status_code == 200, response.text
    body = response.json()
    assert isinstance(body["pieces"], list) and isinstance(body["total"], int)
    return body


def _ids(api: httpx.Client, **params) -> list[int]:
    return [p["id"] for p in _page(api, **params)["pieces"]]


def test_a_new_piece_gets_the_defaults(api: httpx.Client) -> None:
    mark = _mark()
    made = _piece(api, f"Ave Verum {_word()}", shelf_mark=mark)
    assert isinstance(made["id"], int) and made["shelf_mark"] == mark
    assert made["voicing"] == "SATB"
    assert made["copies"] == 0 and made["seasonal"] is False
    assert made["composer"] is None and made["duration_minutes"] is None
    got = api.get(f"/pieces/{made['id']}")
    assert got.status_code == 200 and got.json()["title"] == made["title"]


def test_all_fields_round_trip_without_any_login(api: httpx.Client) -> None:
    made = _piece(
        api,
        f"Ubi Caritas {_word()}",
        voicing="TTBB",
        composer="Ola Gjeilo",
        copies=22,
        duration_minutes=4.5,
        seasonal=True,
        language="Latin",
    )
    got = api.get(f"/pieces/{made['id']}").json()
    assert got["composer"] == "Ola Gjeilo" and got["copies"] == 22
    assert got["duration_minutes"] == pytest.approx(4.5) and got["seasonal"] is True
    assert got["language"] == "Latin" and got["voicing"] == "TTBB"


def test_a_taken_shelf_mark_is_409(api: httpx.Client) -> None:
    mark = _mark()
    _piece(api, f"First {_word()}", shelf_mark=mark)
    again = {"shelf_mark": mark, "title": f"Second {_word()}", "voicing": "SSA"}
    assert api.post("/pieces", json=again).status_code == 409


def test_invalid_input_is_400(api: httpx.Client) -> None:
    word = _word()
    good = {"shelf_mark": _mark(), "title": f"Bad {word}", "voicing": "SATB"}
    assert api.post("/pieces", json={**good, "shelf_mark": "moz-0012"}).status_code == 400
    assert api.post("/pieces", json={**good, "shelf_mark": "MOZ-12"}).status_code == 400
    assert api.post("/pieces", json={**good, "voicing": "SSAATTBB"}).status_code == 400
    assert api.post("/pieces", json={**good, "copies": -1}).status_code == 400
    assert api.post("/pieces", json={"shelf_mark": _mark(), "voicing": "SATB"}).status_code == 400
    assert api.post("/pieces", json={"shelf_mark": _mark(), "title": "x"}).status_code == 400
    assert _page(api, q=word)["total"] == 0


def test_list_envelope_sorted_by_title_and_q_ignores_case(api: httpx.Client) -> None:
    word = _word()
    c = _piece(api, f"Cantate {word}")
    a = _piece(api, f"Agnus {word}")
    b = _piece(api, f"Benedictus {word}")
    page = _page(api, q=word.upper())
    assert [p["id"] for p in page["pieces"]] == [a["id"], b["id"], c["id"]]
    assert page["total"] == 3 and page["page"] == 1 and page["per_page"] == 25
    assert _ids(api, q=word, sort="-title") == [c["id"], b["id"], a["id"]]


def test_sort_by_shelf_mark(api: httpx.Client) -> None:
    word = _word()
    first, second, third = _mark(), _mark(), _mark()
    y = _piece(api, f"Alleluia {word}", shelf_mark=third)
    x = _piece(api, f"Zadok {word}", shelf_mark=first)
    z = _piece(api, f"Miserere {word}", shelf_mark=second)
    assert _ids(api, q=word, sort="shelf_mark") == [x["id"], z["id"], y["id"]]
    assert _ids(api, q=word, sort="-shelf_mark") == [y["id"], z["id"], x["id"]]


def test_voicing_seasonal_copies_and_composer_filters(api: httpx.Client) -> None:
    word = _word()
    a = _piece(api, f"Anthem {word}", "SATB", copies=10, composer="John Rutter")
    b = _piece(api, f"Carol {word}", "SSA", copies=4, seasonal=True, composer="Rutter, J.")
    c = _piece(api, f"Dance {word}", "SATB", copies=3, composer="Eleanor Daley")
    assert _ids(api, q=word, voicing="SATB") == [a["id"], c["id"]]
    assert _ids(api, q=word, seasonal="true") == [b["id"]]
    assert _ids(api, q=word, seasonal="false") == [a["id"], c["id"]]
    assert _ids(api, q=word, min_copies=4) == [a["id"], b["id"]]
    assert _ids(api, q=word, composer="rUTTER") == [a["id"], b["id"]]


def test_max_duration_is_inclusive_and_skips_unknown_durations(api: httpx.Client) -> None:
    word = _word()
    short = _piece(api, f"Amen {word}", duration_minutes=2)
    exact = _piece(api, f"Blessing {word}", duration_minutes=3.5)
    _piece(api, f"Cantata {word}", duration_minutes=12)
    _piece(api, f"Descant {word}")
    assert _ids(api, q=word, max_duration=3.5) == [short["id"], exact["id"]]


def test_page_and_per_page_with_total_of_all_matches(api: httpx.Client) -> None:
    word = _word()
    made = [_piece(api, f"{letter} Psalm {word}") for letter in "ABCDE"]
    page = _page(api, q=word, page=2, per_page=2)
    assert [p["id"] for p in page["pieces"]] == [made[2]["id"], made[3]["id"]]
    assert page["total"] == 5 and page["page"] == 2 and page["per_page"] == 2
    last = _page(api, q=word, page=3, per_page=2)
    assert [p["id"] for p in last["pieces"]] == [made[4]["id"]]


def test_put_replaces_and_resets_left_out_fields(api: httpx.Client) -> None:
    word = _word()
    mark = _mark()
    made = _piece(
        api,
        f"Old {word}",
        shelf_mark=mark,
        composer="Byrd",
        copies=9,
        seasonal=True,
        duration_minutes=5,
        language="Latin",
    )
    body = {"shelf_mark": mark, "title": f"New {word}", "voicing": "SAB"}
    put = api.put(f"/pieces/{made['id']}", json=body)
    assert put.status_code == 200
    got = put.json()
    assert got["id"] == made["id"] and got["title"] == f"New {word}" and got["voicing"] == "SAB"
    assert got["copies"] == 0 and got["seasonal"] is False
    assert got["composer"] is None and got["duration_minutes"] is None
    assert got.get("language") is None
    assert api.get(f"/pieces/{made['id']}").json()["title"] == f"New {word}"


def test_put_onto_another_pieces_shelf_mark_is_409(api: httpx.Client) -> None:
    word = _word()
    one = _piece(api, f"One {word}")
    two = _piece(api, f"Two {word}")
    body = {"shelf_mark": one["shelf_mark"], "title": f"Two {word}", "voicing": "SATB"}
    assert api.put(f"/pieces/{two['id']}", json=body).status_code == 409
    assert api.get(f"/pieces/{two['id']}").json()["shelf_mark"] == two["shelf_mark"]
    bad = {"shelf_mark": "nope", "title": "x", "voicing": "SATB"}
    assert api.put(f"/pieces/{two['id']}", json=bad).status_code == 400


def test_export_is_tab_separated_text_by_shelf_mark(api: httpx.Client) -> None:
    word = _word()
    early, late = _mark(), _mark()
    b = _piece(api, f"Jubilate {word}", shelf_mark=late, copies=30)
    a = _piece(api, f"Gloria {word}", shelf_mark=early, copies=18)
    response = api.get("/pieces/export")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    lines = [line for line in response.text.splitlines() if word in line]
    assert lines == [f"{early}\tGloria {word}\t18", f"{late}\tJubilate {word}\t30"]
    assert a["shelf_mark"] == early and b["shelf_mark"] == late


def test_delete_is_204_and_unknown_ids_are_404(api: httpx.Client) -> None:
    made = _piece(api, f"Gone {_word()}")
    assert api.delete(f"/pieces/{made['id']}").status_code == 204
    assert api.get(f"/pieces/{made['id']}").status_code == 404
    assert api.delete(f"/pieces/{made['id']}").status_code == 404
    body = {"shelf_mark": _mark(), "title": "x", "voicing": "SATB"}
    assert api.put("/pieces/987654321", json=body).status_code == 404
