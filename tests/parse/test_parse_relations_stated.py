"""Relations stated in the less plain places of an issue text: an aside in brackets, a second
clause with a subject of its own. Each kind in several phrasings and domains; the expected
answers were written first."""

from __future__ import annotations

import pytest

from pipeline.parse import parse_spec
from tests.parse.helpers import relations

M2O, M2M = "many_to_one", "many_to_many"


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        (  # both sides "many", inside a bracket after a field list
            "Wines: name, region.\nCrates: shipped on, tracking number, and which wines were in "
            "the crate (a crate has several wines, a wine goes out in many crates).",
            {"Wine", "Crate"},
        ),
        (
            "Cheeses: name, milk.\nBoxes: packed on, tracking number, and which cheeses were in "
            "the box (a box has several cheeses, a cheese goes out in many boxes).",
            {"Cheese", "Box"},
        ),
        (  # an aside in the middle of the sentence that states the "many"
            "Photos: title, caption. Members pin photos to their own boards (a board is a name "
            "+ a colour), and a photo can be on many boards.",
            {"Photo", "Board"},
        ),
        (
            "Pictures: title, caption. People organize pictures into their own galleries (a "
            "gallery is a name + a description), and a picture can be in many galleries.",
            {"Picture", "Gallery"},
        ),
        (
            "Images: title, caption. Users collect images into their own albums (an album is a "
            "title + a description), and an image can be in many albums.",
            {"Image", "Album"},
        ),
    ],
)
def test_many_on_both_sides_beside_an_aside_is_many_to_many(text: str, pair: set[str]) -> None:
    got = relations(parse_spec(text))
    assert any(k == M2M and {s, t} == pair for k, s, t in got), got
    assert not any(k == M2O and {s, t} == pair for k, s, t in got), got
