"""The sentence account is honest (pipeline/parse/explain.py, unbuilt.py): a sentence is "used"
only for what the spec holds from it; one that names things and gives nothing is "not
understood" and says what it named; a rule codebegen recognises but cannot build is "not built:
<what>". Texts written for these tests, none from the corpus."""

from __future__ import annotations

import pytest

from pipeline.parse import understand
from pipeline.parse.account import SentenceAccount, SentenceStatus, Understanding
from pipeline.parse.unbuilt import unbuilt_rules

_KITES = (
    "A kite club API. Kites have a name, a colour and a wingspan. "
    "Pilots have a name and a phone. "
)


def _line(u: Understanding, start: str) -> SentenceAccount:
    return next(s for s in u.sentences if s.text.startswith(start))


def test_an_entity_is_credited_to_the_sentence_that_first_names_it() -> None:
    u = understand(_KITES + "Pilots fly kites on windy days, and the others watch them.")
    assert "entity Kite" in _line(u, "A kite club").became
    assert "entity Pilot" in _line(u, "Pilots have").became
    assert "entity Kite" not in _line(u, "Kites have").became
    later = _line(u, "Pilots fly")
    assert not any(item.startswith("entity") for item in later.became)


def test_a_sentence_that_only_names_known_things_is_not_understood_and_says_what() -> None:
    u = understand(_KITES + "Pilots fly kites on windy days, and the others watch them.")
    line = _line(u, "Pilots fly")
    assert line.status is SentenceStatus.NOT_UNDERSTOOD
    assert line.became == []
    assert "Pilot" in line.reason and "Kite" in line.reason
    assert set(line.named) >= {"Pilot", "Kite"}


def test_a_sentence_that_only_names_known_things_is_listed_not_asked() -> None:
    u = understand(_KITES + "Pilots fly kites on windy days, and the others watch them.")
    assert not any("Pilots fly" in q for q in u.questions)


def test_a_sentence_that_names_nothing_the_spec_holds_is_still_a_question() -> None:
    u = understand(_KITES + "The committee wants a friendlier vibe for the whole season.")
    assert _line(u, "The committee").status is SentenceStatus.NOT_UNDERSTOOD
    assert any("friendlier vibe" in q for q in u.questions)


def test_fields_named_again_later_still_count_for_that_sentence() -> None:
    u = understand(_KITES + "A kite's wingspan is in centimetres.")
    line = _line(u, "A kite's wingspan")
    assert line.status is SentenceStatus.USED
    assert any(item.startswith("field Kite.wingspan") for item in line.became)


def test_a_plain_verb_on_an_entity_is_the_endpoint_it_asks_for() -> None:
    u = understand(_KITES + "Pilots can edit kites.")
    line = _line(u, "Pilots can edit")
    assert line.status is SentenceStatus.USED
    assert any(item.startswith("operations") and "Kite" in item for item in line.became)


def test_items_under_a_label_line_count_for_the_entity_it_names() -> None:
    u = understand(
        "Greenhouse API. Benches have a code. Trays have a label.\n\nTrays:\n- bench\n- sown on\n"
    )
    item = _line(u, "bench")
    assert item.status is SentenceStatus.USED
    assert any(b.startswith("relation Tray") and "Bench" in b for b in item.became)


def test_a_time_limit_is_not_built_and_what_was_built_stays() -> None:
    u = understand(
        "A sauna booking API. Members have a name. Slots have a start time. "
        "Members book slots. Members can cancel a slot until the evening before."
    )
    line = _line(u, "Members can cancel")
    assert line.status is SentenceStatus.NOT_BUILT
    assert line.reason.startswith("not built: a time limit")
    assert "until the evening before" in line.reason
    assert not any(q for q in u.questions if "cancel" in q)  # understood: nothing to ask


def test_a_rule_about_who_may_see_what_is_not_built() -> None:
    u = understand(
        "Quiz night API. Quizzes have a title. Rounds have a number. "
        "Each quiz has rounds, and nobody else may see which answer was wrong."
    )
    line = _line(u, "Each quiz has rounds")
    assert line.status is SentenceStatus.NOT_BUILT
    assert "who may see what" in line.reason
    assert any(item.startswith("relation Round") for item in line.became)  # what was built


def test_a_rule_not_built_in_a_sentence_that_gave_nothing_names_what_it_named() -> None:
    u = understand(_KITES + "Pilots may fly kites only while the club house is open.")
    line = _line(u, "Pilots may fly")
    assert line.status is SentenceStatus.NOT_BUILT
    assert "a condition on when" in line.reason
    assert "Pilot" in line.reason and "Kite" in line.reason


def test_a_line_that_names_the_app_again_is_context() -> None:
    u = understand("Quizzes have a title. Rounds have a number. The quiz API.")
    assert _line(u, "The quiz API").status is SentenceStatus.CONTEXT


def test_an_entity_named_like_the_app_is_no_app_name() -> None:
    u = understand(
        "Applications have a motivation letter. Grants have an amount. "
        "The grant office likes an application in spring."
    )
    assert _line(u, "The grant office").status is SentenceStatus.NOT_UNDERSTOOD


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Guests can cancel a booking until the day before.", "a time limit"),
        ("Reviews may be edited within 2 hours.", "a time limit"),
        ("Tickets must be bought at least 3 days in advance.", "a time limit"),
        ("A reader can hold at most 4 books at once.", "a limit on how many"),
        ("No more than two pets per household.", "a limit on how many"),
        ("A voter can only pick one option per poll.", "a limit on how many"),
        ("Each runner can enter a race only once per season.", "a limit to once"),
        ("The salary is hidden from other employees.", "who may see what"),
        ("Nobody else should know who voted.", "who may see what"),
        ("A post must be approved by a moderator before it shows.", "an approval step"),
        ("A ticket can only be reopened while it is resolved.", "a condition on when"),
        ("The stock goes down automatically when an order ships.", "something done automatically"),
        ("A ticket can only be reopened once it was closed.", "a condition on when"),
        ("A runner cannot sign up twice for one race.", "a limit to once"),
        ("The balance is calculated from the payments.", "a computed value"),
    ],
)
def test_rules_codebegen_cannot_build_are_named(sentence: str, kind: str) -> None:
    found = unbuilt_rules(sentence)
    assert found and found[0].startswith(kind), found


@pytest.mark.parametrize(
    "sentence",
    [
        "Drivers have a licence expiry date.",
        "Bikes have a gearbox (manual or automatic).",
        "Titles are up to 80 characters.",
        "A book has only one author.",
        "Orders have a total and a date.",
        "Members book classes.",
        "Classes happen twice a week.",
        "Visitors can look at the menu before calling.",
        "Drafts can only be seen when signed in.",
    ],
)
def test_plain_statements_name_no_unbuilt_rule(sentence: str) -> None:
    assert unbuilt_rules(sentence) == []


def test_a_rule_the_reader_built_is_not_named_again() -> None:
    assert unbuilt_rules("At most 5 seats per table.", ["rule range Table.seats 0..5"]) == []
    said = "Only the author sees it; nobody else can see the draft."
    assert unbuilt_rules(said, ["owner Draft.author, read: owner"]) == []


def test_a_limit_the_text_leaves_to_people_is_context() -> None:
    u = understand(
        "A dog walking API. Dogs have a name. Walks have a date. "
        "Max 6 dogs per walk, but that is handled by hand, no need in the API."
    )
    assert _line(u, "Max 6 dogs").status is not SentenceStatus.NOT_BUILT


def test_a_refinement_that_only_names_known_things_is_not_used() -> None:
    known = understand(_KITES).spec
    u = understand("Pilots really love their kites.", known=known)
    assert all(s.status is not SentenceStatus.USED for s in u.sentences)


def test_a_computed_rule_the_spec_holds_is_not_named_again() -> None:
    said = "The invoice total is calculated from the lines."
    assert unbuilt_rules(said, ["rule computed Invoice"]) == []


def test_a_link_said_again_without_words_of_a_link_is_not_credited_again() -> None:
    u = understand(
        "A sauna booking API. Members have a name. Slots have a start time. "
        "Members book slots. Members adore slots. Slots are booked by members."
    )
    assert any(b.startswith("relation") for b in _line(u, "Members book").became)
    assert _line(u, "Members adore").status is SentenceStatus.NOT_UNDERSTOOD
    assert any(b.startswith("relation") for b in _line(u, "Slots are booked").became)


def test_a_negated_plain_verb_asks_for_no_endpoint() -> None:
    u = understand(_KITES + "Pilots cannot edit kites.")
    assert not any(b.startswith("operations") for b in _line(u, "Pilots cannot").became)


_FERRY = (
    "A ferry booking API. Crossings have a departure time and a price. "
    "Passengers have a name and a cabin number. Users log in. "
)


@pytest.mark.parametrize(
    "said",
    [
        "The cabin number cannot be reused on the same crossing.",
        "A passenger must not hold two seats on one crossing.",
        "Departure times have to be between 05:30 and 22:00 in summer.",
        "Children under 2 never pay for a crossing.",
        "A crossing takes no more than 300 passengers and their cars.",
    ],
)
def test_a_restriction_nothing_was_built_from_is_named_not_built(said: str) -> None:
    line = _line(understand(_FERRY + said), said[:20])
    if line.status is SentenceStatus.USED:  # the rule reader made a rule of it: then it shows
        assert any(b.startswith(("rule", "permission", "owner", "read")) for b in line.became)
    else:
        assert line.status is SentenceStatus.NOT_BUILT, line
        assert line.reason.startswith("not built: a rule it states (“")


@pytest.mark.parametrize(
    "said",
    [
        "Every crossing must have a departure time.",  # what a thing is made of
        "Passengers must log in to book.",  # sign-in, which is built
        "It needs to be fast on phones.",  # a quality of the app
        "Booking rules, what it must do:",  # introduces a list
    ],
)
def test_a_modal_that_describes_is_no_unbuilt_rule(said: str) -> None:
    line = _line(understand(_FERRY + said), said[:20])
    assert "a rule it states" not in line.reason


def test_a_role_of_two_words_is_credited_with_its_permission() -> None:
    u = understand(_FERRY + "Only the harbour office can create crossings.")
    assert "harbour_office" in u.spec.roles
    line = _line(u, "Only the harbour office")
    assert any(b.startswith("permission only") and "harbour_office" in b for b in line.became), line


def test_a_screen_asked_beside_what_was_built_is_named_not_supported() -> None:
    u = understand(
        _FERRY + "Include file upload for crossing photos and an admin dashboard for the crew."
    )
    line = _line(u, "Include file upload")
    assert line.status is SentenceStatus.NOT_SUPPORTED
    assert line.reason == "not supported: a user interface"
    assert any(b.startswith("field Crossing.photo") for b in line.became)  # what it did build


def test_a_dashboard_that_is_a_thing_of_the_spec_is_built() -> None:
    u = understand("A metrics API. Dashboards have a title. Widgets belong to a dashboard.")
    assert _line(u, "Dashboards have").status is SentenceStatus.USED


@pytest.mark.parametrize(
    "said",
    [
        "Translators log in and see the jobs assigned to them.",
        "Passengers sign in with email and password.",
    ],
)
def test_a_word_like_an_unsupported_feature_is_not_one(said: str) -> None:
    u = understand(_FERRY + "Translators have a name and languages. " + said)
    assert _line(u, said[:15]).status is not SentenceStatus.NOT_SUPPORTED


def test_a_guess_of_usual_fields_is_said() -> None:
    u = understand("Kites have a name, a colour and a wingspan. Each kite belongs to a club.")
    guessed = [n for n in u.notes if n.startswith("Club got the usual fields")]
    assert guessed, u.notes


def test_a_list_that_gave_no_field_is_asked_about() -> None:
    from pipeline.parse.explain import questions

    spec = understand("Kites have a name and a colour. Reports have a title.").spec
    said = "Visitors fill in a report with what they lost and where they think it went."
    account = SentenceAccount(said, SentenceStatus.USED, ["entity Report"])
    note = "Report got the usual fields (title): the text names none."
    [asked] = questions([account], [note], spec)
    assert "Report" in asked and said in asked


def test_a_list_said_of_another_thing_is_not_asked_about() -> None:
    from pipeline.parse.explain import questions

    spec = understand("Kites have a name and a colour. Reports have a title.").spec
    said = "Volunteers log found kites: a colour, a size and a place."
    account = SentenceAccount(said, SentenceStatus.USED, ["entity Volunteer"])
    note = "Volunteer got the usual fields (name): the text names none."
    assert questions([account], [note], spec) == []
