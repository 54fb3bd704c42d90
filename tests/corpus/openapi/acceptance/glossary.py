"""Acceptance tests for glossary.md, written from the document and its prose before generating.

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


def _marker() -> str:
    """A tag or word no other test uses: the glossary is shared by everybody."""
    return f"m{uuid.uuid4().hex[:10]}"


def _add(api: httpx.Client, term: str, tags: list[str], definition: str = "jargon") -> dict:
    response = api.post("/terms", json={"term": term, "definition": definition, "tags": tags})
    assert response.status_code == 200, response.text
    return response.json()


def _list(api: httpx.Client, params: list[tuple[str, str | int]]) -> dict:
    response = api.get("/terms", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def _terms(api: httpx.Client, params: list[tuple[str, str | int]]) -> list[str]:
    return [t["term"] for t in _list(api, params)["results"]]


def test_adding_a_term_answers_200_with_no_views(api: httpx.Client) -> None:
    name = f"cold lane {_marker()}"
    body = {"term": name, "definition": "A deploy lane nobody has used today", "tags": ["infra"]}
    response = api.post("/terms", json=body)
    assert response.status_code == 200
    term = response.json()
    assert term["term"] == name and term["tags"] == ["infra"]
    assert term["views"] == 0 and isinstance(term["id"], int)


def test_a_missing_or_empty_definition_or_term_answers_400(api: httpx.Client) -> None:
    assert api.post("/terms", json={"term": f"x {_marker()}"}).status_code == 400
    empty = {"term": f"x {_marker()}", "definition": ""}
    assert api.post("/terms", json=empty).status_code == 400
    assert api.post("/terms", json={"definition": "orphan"}).status_code == 400


def test_a_term_that_exists_ignoring_case_answers_409(api: httpx.Client) -> None:
    name = f"lob{_marker()}"
    _add(api, name, [])
    again = {"term": name.upper(), "definition": "line of business"}
    assert api.post("/terms", json=again).status_code == 409
    assert api.post("/terms", json={**again, "term": name}).status_code == 409


def test_opening_a_term_counts_a_view_but_listing_does_not(api: httpx.Client) -> None:
    tag = _marker()
    term = _add(api, f"sidecar {tag}", [tag])
    first = api.get(f"/terms/{term['id']}")
    assert first.status_code == 200 and first.json()["views"] == 1
    assert api.get(f"/terms/{term['id']}").json()["views"] == 2
    _list(api, [("tag", tag)])
    assert _list(api, [("tag", tag)])["results"][0]["views"] == 2


def test_the_list_is_an_envelope_and_repeated_tags_match_any(api: httpx.Client) -> None:
    infra, net, other = _marker(), _marker(), _marker()
    _add(api, f"a {infra}", [infra])
    _add(api, f"b {infra}", [infra, net])
    _add(api, f"c {infra}", [net])
    _add(api, f"d {infra}", [other])
    page = _list(api, [("tag", infra), ("tag", net)])
    assert page["count"] == 3
    assert sorted(t["term"] for t in page["results"]) == [f"a {infra}", f"b {infra}", f"c {infra}"]


def test_match_all_keeps_terms_carrying_every_tag(api: httpx.Client) -> None:
    infra, net = _marker(), _marker()
    _add(api, f"a {infra}", [infra])
    _add(api, f"b {infra}", [net, infra, "misc"])
    _add(api, f"c {infra}", [net])
    page = _list(api, [("tag", infra), ("tag", net), ("match", "all")])
    assert page["count"] == 1 and [t["term"] for t in page["results"]] == [f"b {infra}"]


def test_search_finds_text_in_the_term_or_definition_ignoring_case(api: httpx.Client) -> None:
    word = _marker()
    _add(api, f"Blue{word.upper()}green", [])
    _add(api, f"canary {_marker()}", [], definition=f"Ship to a few users first ({word})")
    _add(api, f"dark launch {_marker()}", [], definition="Ship hidden behind a flag")
    found = _terms(api, [("search", word)])
    assert len(found) == 2 and f"Blue{word.upper()}green" in found


def test_ordering_by_term_and_by_views(api: httpx.Client) -> None:
    tag = _marker()
    apple = _add(api, f"apple {tag}", [tag])
    _add(api, f"banana {tag}", [tag])
    cherry = _add(api, f"cherry {tag}", [tag])
    assert _terms(api, [("tag", tag)]) == [f"apple {tag}", f"banana {tag}", f"cherry {tag}"]
    descending = _terms(api, [("tag", tag), ("ordering", "-term")])
    assert descending == [f"cherry {tag}", f"banana {tag}", f"apple {tag}"]
    for _ in range(3):
        api.get(f"/terms/{cherry['id']}")
    api.get(f"/terms/{apple['id']}")
    by_views = _terms(api, [("tag", tag), ("ordering", "-views")])
    assert by_views == [f"cherry {tag}", f"apple {tag}", f"banana {tag}"]
    assert _terms(api, [("tag", tag), ("ordering", "views")])[0] == f"banana {tag}"


def test_page_and_page_size_cut_the_results_and_count_ignores_paging(api: httpx.Client) -> None:
    tag = _marker()
    for letter in "abcde":
        _add(api, f"{letter} {tag}", [tag])
    page = _list(api, [("tag", tag), ("page", 2), ("page_size", 2)])
    assert page["count"] == 5
    assert [t["term"] for t in page["results"]] == [f"c {tag}", f"d {tag}"]
    assert len(_list(api, [("tag", tag), ("page", 3), ("page_size", 2)])["results"]) == 1


def test_put_replaces_and_delete_answers_204(api: httpx.Client) -> None:
    tag = _marker()
    term = _add(api, f"LOB {tag}", [tag], definition="lob")
    body = {"term": f"LOB {tag}", "definition": "Line of business", "tags": ["business"]}
    replaced = api.put(f"/terms/{term['id']}", json=body)
    assert replaced.status_code == 200
    assert replaced.json()["definition"] == "Line of business"
    assert replaced.json()["tags"] == ["business"]
    assert api.delete(f"/terms/{term['id']}").status_code == 204
    assert api.get(f"/terms/{term['id']}").status_code == 404
    assert api.delete(f"/terms/{term['id']}").status_code == 404


def test_tags_are_counted_most_used_first(api: httpx.Client) -> None:
    popular, rare = _marker(), _marker()
    _add(api, f"x {popular}", [popular, rare])
    _add(api, f"y {popular}", [popular])
    _add(api, f"z {popular}", [popular])
    response = api.get("/tags")
    assert response.status_code == 200 and isinstance(response.json(), list)
    counts = {t["tag"]: t["count"] for t in response.json()}
    assert counts[popular] == 3 and counts[rare] == 1
    order = [t["tag"] for t in response.json()]
    assert order.index(popular) < order.index(rare)
    assert [t["count"] for t in response.json()] == sorted(counts.values(), reverse=True)
