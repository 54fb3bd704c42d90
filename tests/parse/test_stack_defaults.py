"""A repository's stack defaults (.github/codebegen.yml `defaults:`) fill in what prose leaves
out, and never override what the description says or what a spec document states."""

from __future__ import annotations

from pipeline.generate import parse_description
from pipeline.parse import parse_spec_with_notes
from pipeline.spec import AuthKind, Database, StackDefaults

SQLITE_JWT = StackDefaults(database=Database.SQLITE, auth=AuthKind.JWT)
SILENT = "Build a recipes API with recipes (title, steps) and ingredients (name)."


def test_silent_prose_takes_the_repository_defaults_and_says_so() -> None:
    spec, notes = parse_spec_with_notes(SILENT, SQLITE_JWT)
    assert (spec.database, spec.auth) == (Database.SQLITE, AuthKind.JWT)
    assert "User" in [e.name for e in spec.entities]  # JWT auth brings its User entity
    assert any("sqlite, the repository's default" in n for n in notes)
    assert any("Authentication is jwt" in n for n in notes)


def test_without_defaults_the_stack_is_codebegens_own() -> None:
    spec, _ = parse_spec_with_notes(SILENT)
    assert (spec.database, spec.auth) == (Database.POSTGRESQL, AuthKind.NONE)


def test_what_the_description_says_wins() -> None:
    text = SILENT + " Store it in PostgreSQL. No authentication."
    spec, notes = parse_spec_with_notes(text, SQLITE_JWT)
    assert (spec.database, spec.auth) == (Database.POSTGRESQL, AuthKind.NONE)
    assert not any("repository's default" in n for n in notes)


def test_a_spec_document_is_taken_as_written() -> None:
    document = (
        "```yaml\nname: recipes\nentities:\n  - name: Recipe\n    fields:\n      - name: title\n```"
    )
    spec = parse_description(document, defaults=SQLITE_JWT).spec
    assert (spec.database, spec.auth) == (Database.POSTGRESQL, AuthKind.NONE)


def test_parse_description_passes_the_defaults_to_the_rules() -> None:
    parsed = parse_description(SILENT, defaults=StackDefaults(database=Database.SQLITE))
    assert parsed.spec.database is Database.SQLITE and parsed.spec.auth is AuthKind.NONE
