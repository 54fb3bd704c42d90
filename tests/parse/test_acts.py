"""One walk over who does what (`pipeline.parse.acts`), shared by the readers of roles and of
permissions: a clause's subject, its verbs joined by "and"/"or", and whether it is negated."""

from __future__ import annotations

import pytest

from pipeline.parse.acts import acts

# (subject, verb lemmas, negated, the text)
CASES = [
    ("editors", ["add", "edit", "remove"], False, "Editors can add, edit and remove articles."),
    ("technicians", ["delete"], True, "Technicians can't delete tickets."),
    ("clerks", ["remove"], True, "Clerks never remove invoices."),
    ("dispatchers", ["create", "assign"], False, "Dispatchers create and assign jobs."),
    ("curators", ["lend"], True, "The curators do not lend paintings."),
]


@pytest.mark.parametrize(("subject", "verbs", "negated", "text"), CASES)
def test_a_clause_gives_its_subject_its_verbs_and_its_negation(
    subject: str, verbs: list[str], negated: bool, text: str
) -> None:
    found = [a for a in acts(text) if a.subject.lower == subject]
    assert found, [a.subject.lower for a in acts(text)]
    assert [v.lemma for v in found[0].verbs] == verbs
    assert found[0].negated is negated
