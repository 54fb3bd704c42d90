"""People in a request: who signs in (roles), what they make (owned rows), what those who run
the place may do (permissions), and rows kept private. Short texts of their own, one rule each."""

from __future__ import annotations

import pytest

from pipeline.parse import parse_spec
from pipeline.parse.nlp import analyse
from pipeline.parse.owning import owned_nouns
from pipeline.parse.signin import signing_roles
from tests.parse.helpers import permissions, relations

M2O = "many_to_one"


@pytest.mark.parametrize(
    ("sentence", "roles"),
    [
        ("Cashiers and waiters log in, guests don't.", ["cashier", "waiter"]),
        ("Landlords, tenants and plumbers sign in.", ["landlord", "tenant", "plumber"]),
        ("Only the coach and the physio log in.", ["coach", "physio"]),
        ("Sellers and bidders need accounts.", ["seller", "bidder"]),
        ("Pupils don't need a login, only the tutors.", ["tutor"]),
        ("Login for clerks only.", ["clerk"]),
        ("Nurses only.", ["nurse"]),
        ("Porters at the front desk log in.", ["porter"]),
    ],
)
def test_people_who_sign_in_are_roles(sentence: str, roles: list[str]) -> None:
    assert [r for r, _ in signing_roles(analyse(sentence))] == roles


@pytest.mark.parametrize(
    "sentence",
    [
        "A recipe API with login.",
        "We don't want the patients to log in.",
        "Sensors post readings with an API key, no user login for them.",
    ],
)
def test_no_person_signs_in(sentence: str) -> None:
    assert signing_roles(analyse(sentence)) == []


def test_who_signs_up_gets_the_role_of_a_new_account() -> None:
    spec = parse_spec(
        "Kennels: name, city. Owners sign up themselves and add their kennels. "
        "Only admins can delete kennels."
    )
    assert spec.roles[0] == "admin"
    assert spec.roles[-1] == "owner" and spec.default_role == "owner"


def test_a_user_story_that_creates_an_account_names_the_sign_up_role() -> None:
    assert signing_roles(analyse("As a camper I can create an account.")) == [("camper", True)]


def test_a_field_naming_a_role_links_to_the_user() -> None:
    spec = parse_spec(
        "Sellers and bidders need accounts.\n- Lots: title, reserve price\n"
        "- Bids: amount, the lot, the bidder"
    )
    assert (M2O, "Bid", "User") in relations(spec)
    assert any(r.name == "bidder" for r in spec.relations if r.source == "Bid")


def test_what_an_ordinary_person_makes_is_theirs() -> None:
    spec = parse_spec(
        "Diners sign up. Restaurants have a name and a city. Diners can write reviews of "
        "restaurants with a rating and a comment."
    )
    assert (M2O, "Review", "User") in relations(spec)
    assert spec.entity("Review").owner


@pytest.mark.parametrize(
    ("text", "entity", "action", "role"),
    [
        (
            "Dispatchers log in. Jobs have an address and a date. Dispatchers create jobs.",
            "Job",
            "create",
            "dispatcher",
        ),
        (
            "Florists log in. Bouquets have a name and a price. The florists manage the bouquets.",
            "Bouquet",
            "delete",
            "florist",
        ),
        (
            "Curators log in. Exhibits: title, year. Only the curators add exhibits.",
            "Exhibit",
            "create",
            "curator",
        ),
    ],
)
def test_a_role_that_runs_the_place_is_granted_its_act(
    text: str, entity: str, action: str, role: str
) -> None:
    granted = {
        (e, a)
        for e, actions, roles in permissions(parse_spec(text))
        if role in roles
        for a in actions
    }
    assert (entity, action) in granted


def test_a_workflow_step_grants_nothing() -> None:
    spec = parse_spec(
        "Supervisors log in. Timesheets have a week and hours. Supervisors approve timesheets."
    )
    assert not permissions(spec)


def test_a_negated_act_grants_nothing() -> None:
    spec = parse_spec(
        "Mechanics log in. Repairs have a date and a price. Mechanics can't delete repairs."
    )
    assert not any("delete" in actions for _, actions, _ in permissions(spec))


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Each gardener only sees their own plots and harvests.",
            [("plots", True), ("harvests", True)],
        ),
        ("As a diver I want to see my own dives and nobody else's.", [("dives", True)]),
        ("Authors edit their own drafts.", [("drafts", False)]),
    ],
)
def test_own_marks_owned_rows_private_under_a_seeing_verb(
    sentence: str, expected: list[tuple[str, bool]]
) -> None:
    assert owned_nouns(sentence) == expected


def test_owned_rows_seen_by_their_owner_only() -> None:
    spec = parse_spec(
        "Gardeners log in. Plots: number, size. Harvests: weight, date. "
        "Each gardener only sees their own plots and harvests."
    )
    for name in ("Plot", "Harvest"):
        assert spec.entity(name).owner and spec.entity(name).read.value == "owner"


def test_everything_private_per_user() -> None:
    spec = parse_spec(
        "Journal API: entries (title, body) and moods (name). Login required, everything "
        "private per user."
    )
    assert all(e.read.value == "owner" for e in spec.entities if e.name != "User")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Crates: code. Apples: variety. A crate has several apples, an apple goes out in "
            "many crates.",
            ("many_to_many", {"Crate", "Apple"}),
        ),
        (
            "- Songs: title\n- Moods: name\nMany moods per song and many songs per mood.",
            ("many_to_many", {"Song", "Mood"}),
        ),
    ],
)
def test_many_on_both_sides_is_many_to_many(text: str, expected: tuple[str, set[str]]) -> None:
    kind, pair = expected
    assert any(
        r.kind.value == kind and {r.source, r.target} == pair for r in parse_spec(text).relations
    )


def test_a_definition_by_single_things_links_to_each() -> None:
    spec = parse_spec(
        "- Riders: name\n- Horses: name\n- Rides: date, minutes\nA ride is one rider on one horse."
    )
    assert {(M2O, "Ride", "Rider"), (M2O, "Ride", "Horse")} <= relations(spec)
    assert (M2O, "Rider", "Horse") not in relations(spec)


@pytest.mark.parametrize(
    ("text", "entity", "link"),
    [
        ("Climbing gym API. Only setters can change routes. Each route has a colour, a grade "
         "and the setter who made it.", "Route", "setter"),
        ("Clinic API. Only vets can edit visits. Each visit has a date, notes and the vet who "
         "saw the pet.", "Visit", "vet"),
    ],
)  # fmt: skip
def test_a_person_named_with_a_who_clause_is_a_link_to_the_user(
    text: str, entity: str, link: str
) -> None:
    spec = parse_spec(text)
    assert any(r.source == entity and r.target == "User" and r.name == link for r in spec.relations)
    assert link not in {f.name for f in spec.entity(entity).fields}
