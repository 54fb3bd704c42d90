"""What a blind batch of issue texts showed (session seventeen, issue 10): each kind proven on
short texts of our own, written for these tests, the expected answer written first, each beside
a case that must not change.

- a chain of arrows is every step it draws, and gives a status said without values its values;
  "Status flow:" is no thing, and an arrow sentence is never a field list;
- "a total, which is the sum of ..." ends the field list and is computed;
- "only admins create, edit or delete venues and machines": the tagger reads "edit" as a noun and
  "delete" as an adjective; the act is still every verb, on every thing listed;
- "I'm the only one who ...", "I (librarian) am the only one who ...", "As a chef, I want to add
  meals, and nobody else should be able to": reserved acts;
- "see my orders, but not other members' orders", "other customers cannot see it": private;
- "sign-outs have a date", "each weigh-in": a verb-and-particle noun is one thing.
"""

from __future__ import annotations

import pytest

from pipeline.parse import SentenceStatus, parse_spec, understand
from pipeline.parse.transitions import arrow_steps
from pipeline.spec import Access, FieldType, Operation, ProjectSpec, RuleKind
from tests.parse.helpers import entity_names, relations


def _moves(spec: ProjectSpec, entity: str) -> set[tuple[str, str]]:
    return {
        (src, r.to)
        for r in spec.rules
        if r.kind is RuleKind.TRANSITION and r.entity == entity
        for src in r.from_values
    }


@pytest.mark.parametrize(
    ("text", "steps"),
    [
        (
            "status goes draft → sent, then sent → accepted or sent → declined.",
            [("draft", ["sent"]), ("sent", ["accepted"]), ("sent", ["declined"])],
        ),
        (
            "status flow: `quoted` → `accepted` or `rejected` (the customer decides).",
            [("quoted", ["accepted", "rejected"])],
        ),
        (
            "draft → confirmed (the company does this) → packed → dispatched (ops does these)",
            [("draft", ["confirmed"]), ("confirmed", ["packed"]), ("packed", ["dispatched"])],
        ),
        (
            "i want to confirm enrolments (waiting → confirmed).",
            [("waiting", ["confirmed"])],
        ),
        ("a job has a title and a price.", []),
    ],
)
def test_each_arrow_of_a_chain_is_a_step(text: str, steps: list[tuple[str, list[str]]]) -> None:
    assert [(froms[-1], tos) for froms, tos in arrow_steps(text)] == steps


def test_a_chain_between_phrases_keeps_a_value_of_several_words() -> None:
    found = arrow_steps("it goes received -> waiting for parts -> ready")
    assert [tos for _, tos in found] == [["waiting for parts"], ["ready"]]


def test_every_step_of_a_chain_is_a_transition() -> None:
    spec = parse_spec(
        "Quotes have a valid-until date, a status (draft, sent, accepted, declined) and a total. "
        "Status goes draft → sent, then sent → accepted or sent → declined."
    )
    assert _moves(spec, "Quote") == {("draft", "sent"), ("sent", "accepted"), ("sent", "declined")}


def test_a_status_said_without_values_takes_the_chains_values() -> None:
    spec = parse_spec(
        "Laser cutting API.\n"
        "- **Job**: the design file, quantity, status, price.\n"
        "- Status flow: `quoted` → `accepted` or `rejected` (the customer decides).\n"
        "- Then `accepted` → `cutting` → `shipped`, and only staff move it along."
    )
    status = spec.entity("Job").field("status")
    assert status is not None and status.type is FieldType.ENUM
    assert status.choices == ["quoted", "accepted", "rejected", "cutting", "shipped"]
    assert ("accepted", "cutting") in _moves(spec, "Job")
    assert entity_names(spec) == {"Job"}  # "Status flow" is no thing


def test_a_status_with_its_values_named_elsewhere_is_not_retyped() -> None:
    spec = parse_spec("Orders have a total and a note. Tickets have a title.")
    assert spec.entity("Order").field("total").type is FieldType.DECIMAL  # type: ignore[union-attr]
    assert not [r for r in spec.rules if r.kind is RuleKind.TRANSITION]


def test_a_total_which_is_a_sum_ends_the_field_list_and_is_computed() -> None:
    spec = parse_spec(
        "Windows have a width and a height. "
        "Quotes - each quote has a valid-until date and a total, which is the sum of the window "
        "prices — calculated, never typed in."
    )
    assert {f.name for f in spec.entity("Quote").fields} == {"valid_until_date", "total"}
    assert any(r.kind is RuleKind.COMPUTED and r.field == "total" for r in spec.rules)


def test_a_field_that_is_another_thing_stays_a_link() -> None:
    spec = parse_spec(
        "Chess clubs. Players: name, rating. Games: date, opening, the winner, which is a player, "
        "and a result."
    )
    assert any(s == "Game" and t == "Player" for _, s, t in relations(spec))


def _perms(spec: ProjectSpec) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for p in spec.permissions:
        out.setdefault(p.entity, set()).update(
            a.value for a in p.actions if isinstance(a, Operation)
        )
    return out


@pytest.mark.parametrize("modal", ["", "can "])
def test_a_list_of_verbs_the_tagger_misreads_is_still_every_act(modal: str) -> None:
    spec = parse_spec(
        "Venues have a name and an address. Machines have a title. Users log in. "
        f"Only admins {modal}create, edit or delete venues and machines."
    )
    assert _perms(spec) == {
        "Venue": {"create", "update", "delete"},
        "Machine": {"create", "update", "delete"},
    }


@pytest.mark.parametrize(
    "sentence",
    [
        "As the master, I'm the only one who adds or retires tools.",
        "I (master) am the only one who adds or removes tools.",
    ],
)
def test_the_speaker_who_is_the_only_one_is_the_role(sentence: str) -> None:
    spec = parse_spec(f"Tools have a name. Users log in. {sentence}")
    assert _perms(spec) == {"Tool": {"create", "delete"}}
    assert "master" in spec.roles


@pytest.mark.parametrize(
    "ending",
    [", and nobody else should be able to.", " — and I want to be the only kind of user who can."],
)
def test_a_story_whose_acts_are_reserved_after_them(ending: str) -> None:
    spec = parse_spec(
        "Meals have a name and a price. Users log in. "
        f"As a chef, I want to add, edit and remove meals{ending}"
    )
    assert _perms(spec) == {"Meal": {"create", "update", "delete"}}


def test_nobody_elses_is_ownership_not_a_reserved_act() -> None:
    spec = parse_spec(
        "Claims have a date. Users log in. "
        "As a policyholder I want to see only my own claims, nobody else's."
    )
    assert _perms(spec) == {}
    assert spec.entity("Claim").read is Access.OWNER


@pytest.mark.parametrize(
    ("text", "entity"),
    [
        (
            "Orders have a date. Members log in. As a member, I want to place an order and see "
            "my orders, but not other members' orders.",
            "Order",
        ),
        (
            "Projects have a room name and an area. Customers log in. Customer can make a "
            "project for his room. The project is only of this customer, other customers cannot "
            "see it.",
            "Project",
        ),
    ],
)
def test_others_not_seeing_them_makes_rows_private(text: str, entity: str) -> None:
    spec = parse_spec(text)
    assert spec.entity(entity).read is Access.OWNER
    assert spec.entity(entity).owner


def test_others_seeing_everything_keeps_rows_public() -> None:
    spec = parse_spec("Orders have a date. Members log in. Members can see other members' orders.")
    assert spec.entity("Order").read is Access.PUBLIC


def test_a_verb_and_particle_noun_is_one_thing() -> None:
    spec = parse_spec(
        "Tools have a name. Sign-outs have a date and a return date. Each sign-out is for one tool."
    )
    assert entity_names(spec) == {"Tool", "Signout"}
    assert ("many_to_one", "Signout", "Tool") in relations(spec)


@pytest.mark.parametrize(
    ("text", "entities"),
    [
        ("Rooms have a name and a check-in date.", {"Room"}),
        ("Garden app with sign-up. Plots have a number.", {"Plot", "User"}),
    ],
)
def test_a_verb_and_particle_word_that_is_no_thing_stays_so(text: str, entities: set[str]) -> None:
    assert entity_names(parse_spec(text)) == entities


def test_the_account_quotes_the_hyphen_as_written() -> None:
    u = understand("Tools have a name. Sign-outs have a date. Each sign-out is for one tool.")
    assert any("Sign-outs have a date" in s.text for s in u.sentences)


@pytest.mark.parametrize(
    "sentence",
    [
        "Never hard delete tickets, archive.",
        "And never actually delete a ticket, even if the member wants it gone, just hide it.",
        "Retiring a ticket should hide it from the list but keep it (don't hard-delete).",
        "Please don't let tickets be deleted for real; hide them instead.",
        "Oh and never delete a ticket, I need them all for the tax man.",
    ],
)
def test_a_deletion_said_not_to_happen_keeps_the_rows(sentence: str) -> None:
    spec = parse_spec(f"Tickets have a date and a total. {sentence}")
    assert any(r.kind is RuleKind.SOFT_DELETE and r.entity == "Ticket" for r in spec.rules)


def test_a_deletion_that_is_only_refused_keeps_nothing() -> None:
    spec = parse_spec(
        "Tickets have a date and a total. Members log in. Members can't delete tickets."
    )
    assert not any(r.kind is RuleKind.SOFT_DELETE for r in spec.rules)


def _range(spec: ProjectSpec, entity: str, field: str) -> tuple[float | None, float | None]:
    rule = next(
        r for r in spec.rules if r.kind is RuleKind.RANGE and (r.entity, r.field) == (entity, field)
    )
    return rule.min, rule.max


@pytest.mark.parametrize(
    ("text", "entity", "field", "bounds"),
    [
        (
            "Members have a name and a level, this is from 2.0 until 5.5.",
            "Member",
            "level",
            (2, 5.5),
        ),
        ("Projects have a name and an area (from 0.5 until 500).", "Project", "area", (0.5, 500)),
        (
            "Entries have a date and hours (minimum 0,5 maximum 12 per entry).",
            "Entry",
            "hours",
            (0.5, 12),
        ),
        (
            "Commissions have a description, the agreed price, the deposit paid (0 or more) and "
            "a due date.",
            "Commission",
            "deposit_paid",
            (0, None),
        ),
    ],
)
def test_bounds_said_the_ways_people_say_them(
    text: str, entity: str, field: str, bounds: tuple[float | None, float | None]
) -> None:
    spec = parse_spec(text)
    assert _range(spec, entity, field) == bounds


def test_zero_or_more_is_no_choice_of_values() -> None:
    spec = parse_spec("Commissions have a description and the deposit paid (0 or more).")
    assert spec.entity("Commission").field("deposit_paid").type is not FieldType.ENUM  # type: ignore[union-attr]


def test_a_list_of_amounts_with_a_comma_is_no_decimal() -> None:
    spec = parse_spec("Passes have a name and a size (5, 10 or 20 classes).")
    assert not [r for r in spec.rules if r.kind is RuleKind.RANGE]


def _unique(spec: ProjectSpec) -> set[tuple[str, tuple[str, ...]]]:
    return {(r.entity, tuple(sorted(r.fields))) for r in spec.rules if r.kind is RuleKind.UNIQUE}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Screenings have a date. Tickets have a member, a screening and a seat. Seat unique "
            "per screening.",
            {("Ticket", ("screening", "seat"))},
        ),
        (
            "Events have a name. Entries have a swimmer and an event. A swimmer can only be "
            "entered once per event.",
            {("Entry", ("event", "swimmer"))},
        ),
        (
            "Speeches have a title. Evaluations have a speech and a score. Each speech gets "
            "exactly one written evaluation.",
            {("Evaluation", ("speech",))},
        ),
        # an entity named before "unique" that lacks the field: no other entity's field is meant
        ("Suppliers have a name. Request items have a quantity. Item names are unique.", set()),
    ],
)
def test_uniqueness_said_the_ways_people_say_it(
    text: str, expected: set[tuple[str, tuple[str, ...]]]
) -> None:
    assert _unique(parse_spec(text)) == expected


def test_what_people_sign_up_with_is_what_their_account_holds() -> None:
    u = understand(
        "Club API. Members sign up with their full name, a phone number and a level (beginner, "
        "intermediate or advanced). Courts have a name."
    )
    user = u.spec.entity("User")
    assert {f.name for f in user.fields} >= {"email", "full_name", "phone_number", "level"}
    assert user.field("level").type is FieldType.ENUM  # type: ignore[union-attr]
    said = next(s for s in u.sentences if "sign up" in s.text)
    assert "field User.phone_number (phone)" in said.became  # accounted for, not dropped


@pytest.mark.parametrize(
    "sentence",
    [
        "Members sign up with Google.",
        "Employees sign up with their work email and register their cars: plate, make.",
    ],
)
def test_a_way_to_sign_in_or_another_act_is_no_account_field(sentence: str) -> None:
    spec = parse_spec(f"Cars have a plate. Courts have a name. {sentence}")
    names = {f.name for f in spec.entity("User").fields}
    assert not names & {"google", "register", "plate", "make"}


def test_a_sign_up_that_is_a_thing_keeps_its_rules() -> None:
    spec = parse_spec(
        "Work days have a date. Members log in. Sign-ups have a member and a work day. One "
        "sign-up per member per work day."
    )
    assert all(r.entity != "User" for r in spec.rules)


def test_people_who_are_logged_in_are_no_role() -> None:
    spec = parse_spec(
        "Rehearsals have a date. Comments have a body. Singers log in. "
        "Only people who are logged in should read comments."
    )
    assert "person" not in spec.roles and "people" not in spec.roles
    assert spec.entity("Comment").read is Access.SIGNED_IN


def test_a_formula_in_brackets_names_no_thing() -> None:
    spec = parse_spec(
        "Jobs have a quantity and a price. Price is calculated by the system (sheets × price per "
        "sheet + a setup fee), not typed in."
    )
    assert entity_names(spec) == {"Job"}
    assert any(r.kind is RuleKind.COMPUTED and r.field == "price" for r in spec.rules)


def test_fields_joined_by_plus_in_brackets_are_still_fields() -> None:
    spec = parse_spec(
        "We put on productions (title, director), and each production has several performances "
        "(date and time, plus the price for adults and the price for kids)."
    )
    assert {f.name for f in spec.entity("Performance").fields} >= {"datetime", "price"}


@pytest.mark.parametrize(
    ("text", "course"),
    [
        ("Every complaint is about one building, and of course it's made by one member.", False),
        ("Also the teacher of course, every course have one teacher.", True),
    ],
)
def test_of_course_is_a_course_only_where_it_names_one(text: str, course: bool) -> None:
    spec = parse_spec(f"Complaints have a title. Buildings have a name. Members log in. {text}")
    assert ("Course" in entity_names(spec)) is course


def test_a_label_whose_sentence_ends_with_its_fields_is_a_thing() -> None:
    u = understand(
        "Meetings have a date. Members log in. "
        "Petitions: only organisers write them (title, the petition text, a deadline)."
    )
    assert {f.name for f in u.spec.entity("Petition").fields} == {
        "title",
        "petition_text",
        "deadline",
    }


def test_a_table_of_fields_with_notes_makes_fields_not_things() -> None:
    spec = parse_spec(
        "Timber stock API.\n\n**Timber stock**\n\n| field | notes |\n|---|---|\n"
        "| species | oak, walnut, ash |\n| thickness_mm | whole mm, 10 to 100 |\n"
        '| rack | where it lives, e.g. "R3" |\n| board_feet | how much is left, decimals ok |\n'
    )
    assert entity_names(spec) == {"TimberStock"}
    fields = {f.name: f.type for f in spec.entity("TimberStock").fields}
    assert fields["thickness_mm"] is FieldType.INTEGER and fields["board_feet"] is FieldType.FLOAT
    assert _range(spec, "TimberStock", "thickness_mm") == (10, 100)


@pytest.mark.parametrize(
    ("item", "kind"),
    [
        ("length_cm", FieldType.FLOAT),
        ("duration_minutes", FieldType.INTEGER),
        ("square feet", FieldType.INTEGER),
        ("delivery day", FieldType.STRING),
    ],
)
def test_a_name_ending_in_a_unit_is_a_number(item: str, kind: FieldType) -> None:
    spec = parse_spec(f"Boards have a name and a {item}.")
    assert spec.entity("Board").fields[1].type is kind


def test_a_score_like_one_nil_is_a_value_not_a_bound() -> None:
    spec = parse_spec("Games have a round and a result (1-0, 0-1, draw, pending).")
    result = spec.entity("Game").field("result")
    assert result is not None and result.type is FieldType.ENUM


@pytest.mark.parametrize("verb", ["gets", "receives"])
def test_a_thing_that_gets_many_of_another_holds_them(verb: str) -> None:
    spec = parse_spec(
        "Orders have a quantity. Test pressings have a sent date. "
        f"An order {verb} one or more test pressings before the full run."
    )
    assert ("many_to_one", "TestPressing", "Order") in relations(spec)


SEED_SWAP = (
    "Seed swap for our allotment society.\n"
    "Members sign up with a name and a phone number.\n"
    "Members list seed packets they can spare: variety, species and how many packets.\n"
    "Another member can request a packet; a request goes pending -> accepted or pending -> "
    "declined.\n"
    "Nobody can request the same packet twice.\n"
)


def test_a_clause_of_what_people_do_before_the_fields_keeps_the_fields() -> None:
    spec = understand(SEED_SWAP).spec
    assert {f.name for f in spec.entity("SeedPacket").fields} == {"variety", "species", "packets"}


def test_naming_a_thing_is_not_naming_its_field_of_the_same_word() -> None:
    said = {s.text: s for s in understand(SEED_SWAP).sentences}
    twice = said["Nobody can request the same packet twice."]
    assert twice.status is SentenceStatus.NOT_UNDERSTOOD  # not "used" for the field "packets"


def test_arrows_no_status_holds_are_named_as_not_built() -> None:
    said = next(s for s in understand(SEED_SWAP).sentences if "pending" in s.text)
    assert said.status is SentenceStatus.NOT_BUILT
    assert "pending → accepted" in said.reason
