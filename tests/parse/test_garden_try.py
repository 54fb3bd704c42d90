"""What a new user's request for a community garden showed (issue 10): each kind proven on short
texts of our own, the expected answer written first.

- "everybody can see the plots, but harvests are private to the member who wrote them": "them" is
  the harvests of its own clause; the plots stay public;
- "shows and episodes have a title": each thing of a plural subject list gets the field;
- "only their creator can edit them" is ownership, never a role named `their_creator`;
- "which plot it came from" in a field list names the plot (a link where Plot is known).
"""

from __future__ import annotations

import pytest

from pipeline.parse import parse_spec
from pipeline.parse.fields import parse_field
from pipeline.spec import Access
from tests.parse.helpers import entity_names, field_types, relations


@pytest.mark.parametrize(
    "text",
    [
        "Garden app with sign-up. Plots have a number. Harvests have a date. Everybody can see the "
        "plots, but harvests are private to the member who wrote them.",
        "Club app with login. Courts have a name. Bookings have a day. Anyone can look at the "
        "courts, while bookings are private to the member who made them.",
    ],
)
def test_them_is_the_thing_of_its_own_clause(text: str) -> None:
    spec = parse_spec(text)
    private = [e for e in spec.entities if e.name != "User" and e.read is Access.OWNER]
    assert [e.name for e in private] in (["Harvest"], ["Booking"])
    public = next(e for e in spec.entities if e.name in ("Plot", "Court"))
    assert public.read is Access.PUBLIC and not public.owner


def test_them_reaches_back_past_a_comma_in_the_same_clause() -> None:
    spec = parse_spec(
        "Recipes app with login. Recipes and menus have a title, and only their creator can edit them."
    )
    owned = {e.name for e in spec.entities if e.owner}
    assert owned == {"Recipe", "Menu"}
    assert not [r for r in spec.roles if "their" in r or r in ("recipe", "menu")]


@pytest.mark.parametrize(
    ("text", "things", "fields"),
    [
        ("Podcast app. Shows and episodes have a title.", {"Show", "Episode"}, {"title"}),
        (
            "Library. Books, magazines and maps have a shelf code.",
            {"Book", "Magazine", "Map"},
            {"shelf_code"},
        ),
        (
            "Farm app. Cows and goats have a tag number and a birth date.",
            {"Cow", "Goat"},
            {"tag_number", "birth_date"},
        ),
    ],
)
def test_each_thing_of_a_plural_subject_list_gets_the_fields(
    text: str, things: set[str], fields: set[str]
) -> None:
    spec = parse_spec(text)
    assert things <= entity_names(spec)
    assert all(fields <= set(field_types(spec, t)) for t in things)


def test_their_posts_is_no_role() -> None:
    spec = parse_spec(
        "Office app. Clients log in and see only their declarations and documents. "
        "Declarations have a year. Documents have a file."
    )
    assert spec.roles == ["client"]
    assert "Declaration" in entity_names(spec)


@pytest.mark.parametrize(
    ("text", "entity", "field"),
    [
        (
            "Garden app. Each harvest records which plot it came from, the date and the crop.",
            "Harvest",
            "plot",
        ),
        ("Clinic app. Each visit notes what reason, the date and the fee.", "Visit", "reason"),
    ],
)
def test_which_or_what_before_a_noun_names_the_field(text: str, entity: str, field: str) -> None:
    assert field in field_types(parse_spec(text), entity)


def test_which_before_a_known_thing_is_a_link() -> None:
    spec = parse_spec(
        "Garden app. Plots have a number. Each harvest records which plot it came from, the date and the crop."
    )
    assert ("many_to_one", "Harvest", "Plot") in relations(spec)
    assert "which_plot" not in field_types(spec, "Harvest")


@pytest.mark.parametrize("phrase", ["what i did", "what was dropped off", "which vet saw the pet"])
def test_which_or_what_starting_a_clause_is_not_cut(phrase: str) -> None:
    spec = parse_spec(f"Repair app. Each repair records the date, the cost and {phrase}.")
    names = set(field_types(spec, "Repair"))
    assert not names & {"i_did", "was_dropped_off", "vet_saw_the_pet"}


@pytest.mark.parametrize(
    ("phrase", "name"),
    [
        ("a 'shady' yes/no flag", "shady"),
        ("a `covered` yes/no field", "covered"),
        ("an archived true/false value", "archived"),
        ("paid (y/n)", "paid"),
        ("Vegan (Y/N)", "vegan"),
    ],
)
def test_a_yes_no_kind_word_is_no_part_of_the_name(phrase: str, name: str) -> None:
    field = parse_field(phrase)
    assert field is not None and (field.name, field.type.value) == (name, "boolean")


def test_a_bullet_of_two_sentences_is_read_as_prose() -> None:
    """A theatre request: "- Customers buy tickets for a performance. A ticket has a seat number
    and a price paid." made an entity of the whole line and dropped the ticket's fields."""
    spec = parse_spec(
        "Theatre API.\n"
        "- Customers buy tickets for a performance. A ticket has a seat number and a price paid.\n"
        "- Performances have a date.\n"
    )
    assert {"seat_number", "price_paid"} <= set(field_types(spec, "Ticket"))
    assert not [e for e in entity_names(spec) if e.startswith("Customers")]


@pytest.mark.parametrize("label", ["Meet", "Result", "Match", "Show"])
def test_a_table_row_label_names_a_thing_even_when_it_reads_as_a_verb(label: str) -> None:
    """A swim team's table: "| Meet | name, date, pool |" and "| Result | swimmer, meet, time |"
    were dropped ("not used as a noun": a tagger reads a lone row label as a verb)."""
    spec = parse_spec(
        "Swim team API.\n\n| thing | what we store |\n|---|---|\n"
        f"| {label} | name, date, pool |\n| Swimmer | name, birth year |\n"
    )
    assert {label, "Swimmer"} <= entity_names(spec)
    assert {"name", "date", "pool"} <= set(field_types(spec, label))


@pytest.mark.parametrize("adverb", ["too", "also", "as well"])
def test_an_adverb_after_a_noun_is_no_part_of_its_name(adverb: str) -> None:
    spec = parse_spec(f"Exchange app. Students upload a PDF of their transcript {adverb}.")
    assert not [e for e in entity_names(spec) if e.endswith(("Too", "Also", "Well"))]


@pytest.mark.parametrize(
    ("text", "thing"),
    [
        (
            "Harp rentals. I want to see which harps are available (maker, model, monthly fee).",
            "Harp",
        ),
        ("Boat club. Members see which boats are free (name, length, seats).", "Boat"),
    ],
)
def test_a_bracket_after_a_predicate_adjective_describes_the_subject(text: str, thing: str) -> None:
    """dev-389: "which harps are available (maker, ...)" made an entity `Available`."""
    spec = parse_spec(text)
    assert thing in entity_names(spec)
    assert not entity_names(spec) & {"Available", "Free"}
