"""A field item that is only where the row belongs keeps being a link when a remark follows it
("belongs to a client — a school can have many", "in a hangar (the big one)"), and a link read
both from the item and from a sentence is one link. Short texts of our own."""

from __future__ import annotations

import pytest

from pipeline.parse import parse_spec


@pytest.mark.parametrize(
    "item",
    [
        "belongs to an owner — an owner can have many kayaks",
        "belongs to an owner (one owner can have many)",
        "belongs to an owner - most owners have one",
    ],
)
def test_a_belonging_item_with_a_remark_is_a_link(item: str) -> None:
    spec = parse_spec(f"**Owner**: name, phone\n**Kayak**: colour, length, {item}")
    assert [(r.source, r.target) for r in spec.relations] == [("Kayak", "Owner")]
    assert {f.name for f in spec.entity("Kayak").fields} == {"colour", "length"}


def test_an_optional_remark_makes_the_link_optional() -> None:
    spec = parse_spec("**Owner**: name\n**Kayak**: colour, belongs to an owner (optional)")
    (link,) = spec.relations
    assert not link.required


def test_one_link_when_the_item_and_the_sentence_say_it() -> None:
    spec = parse_spec(
        "We have pupils, each pupil has a name and is in one class, the class has a name."
    )
    links = [(r.source, r.target) for r in spec.relations]
    assert len(links) == 1 and links[0][0] == "Pupil", links
