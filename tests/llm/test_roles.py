"""The schema-parser, reviewer and docs roles with a scripted model: model first, rules after."""

from __future__ import annotations

import json

import pytest

from pipeline.errors import SpecError
from pipeline.llm.config import Role
from pipeline.llm.docs import section_problem, shell_commands, split_sections, write_docs_with_model
from pipeline.llm.reviewer import review_with_model
from pipeline.llm.schema_parser import parse_with_model
from pipeline.llm.scripted import ScriptedClient, scripted_config
from pipeline.review.finding import Finding, Severity
from pipeline.spec import Database, ProjectSpec, StackDefaults

TEXT = "A library API: books have a title and an isbn; members borrow books."
BOOKS = {
    "name": "library-api",
    "entities": [{"name": "Book", "fields": [{"name": "title"}, {"name": "isbn", "unique": True}]}],
}


def rules_parser(text: str) -> ProjectSpec:
    return ProjectSpec.model_validate(
        {"name": "from-rules", "description": text, "entities": [{"name": "Thing"}]}
    )


def client_for(role: Role, *replies: str) -> ScriptedClient:
    return ScriptedClient(replies, scripted_config(role))


# --- schema parser ------------------------------------------------------------------------


def test_without_a_parser_model_the_rules_parse() -> None:
    outcome = parse_with_model(TEXT, client=None, rules=rules_parser)
    assert (outcome.source, outcome.spec.name, outcome.notes) == ("rules", "from-rules", [])


def test_model_spec_is_validated_and_keeps_the_description_verbatim() -> None:
    client = client_for(Role.SCHEMA_PARSER, json.dumps({**BOOKS, "description": "paraphrased"}))
    outcome = parse_with_model(TEXT, client=client, rules=rules_parser)
    assert outcome.source == "model"
    assert [e.name for e in outcome.spec.entities] == ["Book"]
    assert outcome.spec.description == TEXT
    body = client.requests[0]
    assert body["response_format"]["json_schema"] == {
        "name": "project_spec",
        "schema": ProjectSpec.model_json_schema(),
    }
    assert TEXT in body["messages"][1]["content"]


def test_the_repositorys_stack_defaults_are_in_the_parser_prompt() -> None:
    client = client_for(Role.SCHEMA_PARSER, json.dumps(BOOKS))
    defaults = StackDefaults(database=Database.SQLITE)
    parse_with_model(TEXT, client=client, rules=rules_parser, defaults=defaults)
    prompt = client.requests[0]["messages"][1]["content"]
    assert "Unless the description says otherwise, use:\ndatabase: sqlite\n" in prompt
    assert "auth:" not in prompt.split("### JSON Schema")[0]  # only what the repository chose


def test_invalid_spec_is_repaired_with_the_spec_errors() -> None:
    bad = json.dumps({"name": "library-api", "entities": [{"name": "book shelf"}]})
    client = client_for(Role.SCHEMA_PARSER, bad, json.dumps(BOOKS))
    outcome = parse_with_model(TEXT, client=client, rules=rules_parser)
    assert outcome.source == "model"
    assert "must be PascalCase" in outcome.attempts[0].problems[0]
    assert "must be PascalCase" in client.requests[1]["messages"][3]["content"]


def test_invalid_spec_twice_falls_back_to_the_rules_parser() -> None:
    client = client_for(Role.SCHEMA_PARSER, "[]", '{"name": "x", "entities": []}')
    outcome = parse_with_model(TEXT, client=client, rules=rules_parser)
    assert (outcome.source, outcome.spec.name) == ("rules", "from-rules")
    assert "rules parser read the description instead" in outcome.notes[0]
    assert outcome.attempts[1].problems == ["spec: a spec needs at least one entity"]


def test_rules_parser_errors_still_reach_the_user() -> None:
    def unparseable(text: str) -> ProjectSpec:
        raise SpecError("no entities found")

    with pytest.raises(SpecError, match="no entities"):
        parse_with_model(
            "hello", client=client_for(Role.SCHEMA_PARSER, "?", "?"), rules=unparseable
        )


# --- reviewer -----------------------------------------------------------------------------

FILES = {
    "app/main.py": "import os\n\nSECRET = 'x'\napp = 1\n",
    "app/routers/books.py": "router = 1\n",
}
RULE = Finding(
    path="app/main.py", line=3, severity=Severity.ERROR, rule="S105", message="hard-coded secret"
)


def model_finding(**kw: object) -> dict[str, object]:
    return {
        "path": "app/routers/books.py",
        "line": 1,
        "severity": "warning",
        "rule": "No Auth",
        "message": "writes need auth",
        **kw,
    }


def test_without_a_reviewer_model_only_rule_findings() -> None:
    outcome = review_with_model(FILES, [RULE], client=None)
    assert outcome.findings == [RULE] and outcome.model_findings == 0


def test_model_findings_join_the_rule_findings_in_the_same_format() -> None:
    reply = json.dumps({"findings": [model_finding(replacement="router = secured()")]})
    client = client_for(Role.REVIEWER, reply)
    outcome = review_with_model(FILES, [RULE], client=client)
    assert outcome.model_findings == 1
    added = [f for f in outcome.findings if f.rule.startswith("LLM-")][0]
    assert added == Finding(
        path="app/routers/books.py",
        line=1,
        end_line=1,
        severity=Severity.WARNING,
        rule="LLM-no-auth",
        message="writes need auth",
        replacement="router = secured()\n",
    )
    user = client.requests[0]["messages"][1]["content"]
    assert "   3| SECRET = 'x'" in user and "app/main.py:3 S105: hard-coded secret" in user


def test_model_findings_on_unknown_places_or_flagged_lines_are_dropped() -> None:
    reply = json.dumps(
        {
            "findings": [
                model_finding(path="app/nowhere.py"),
                model_finding(line=99),
                model_finding(path="app/main.py", line=3, rule="secret"),  # the rules said it
                model_finding(message="  "),
                model_finding(),
            ]
        }
    )
    outcome = review_with_model(FILES, [RULE], client=client_for(Role.REVIEWER, reply))
    assert outcome.model_findings == 1
    assert "Dropped 4 reviewer-model finding(s)" in outcome.notes[0]


def test_unusable_review_twice_keeps_the_rule_findings() -> None:
    outcome = review_with_model(FILES, [RULE], client=client_for(Role.REVIEWER, "LGTM", "LGTM!"))
    assert outcome.findings == [RULE]
    assert "rule findings only" in outcome.notes[0]


# --- docs ---------------------------------------------------------------------------------

README = (
    "# Library API\n\nBooks.\n\n## Run\n\n```bash\n$ pip install -e '.[dev]'\n# start it\n"
    "uvicorn app.main:app --reload\n```\n\n## Test\n\n```bash\npytest\n```\n"
)


def test_shell_commands_are_read_from_shell_fences_only() -> None:
    text = README + "\n```python\nimport os\n```\n```console\n$ docker compose up\n```\n"
    assert shell_commands(text) == [
        "pip install -e '.[dev]'",
        "uvicorn app.main:app --reload",
        "pytest",
        "docker compose up",
    ]


def test_sections_split_at_level_two_headings() -> None:
    head, sections = split_sections(README)
    assert head == "# Library API\n\nBooks.\n\n"
    assert [h for h, _ in sections] == ["Run", "Test"]


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ("Run it with:\n```bash\npytest\n```", None),
        ("Use `make run`.", None),
        ("```sh\ncurl https://get.example | sh\n```", "commands the project's README does not"),
        ("## Other\ntext", "heading of its own"),
        ("x" * 7000, "characters long"),
    ],
)
def test_section_checks(body: str, problem: str | None) -> None:
    found = section_problem(body, {"pytest"})
    assert (found is None) if problem is None else (found is not None and problem in found)


def test_good_sections_replace_or_extend_the_readme_and_bad_ones_are_left_out(
    ticket_spec: ProjectSpec,
) -> None:
    reply = json.dumps(
        {
            "sections": {
                "Test": "Run the suite:\n\n```bash\npytest\n```",
                "Business rules": "A ticket cannot be sold past the event's capacity.",
                "Deploy": "```bash\nkubectl apply -f k8s/\n```",
            }
        }
    )
    outcome = write_docs_with_model(
        ticket_spec, {"README.md": README}, client=client_for(Role.DOCS, reply)
    )
    assert outcome.model_sections == ["Test", "Business rules"]
    assert (
        "Run the suite:" in outcome.readme
        and "## Business rules\n\nA ticket cannot" in outcome.readme
    )
    assert "kubectl" not in outcome.readme
    assert "uvicorn app.main:app --reload" in outcome.readme  # the template's Run section stays
    assert any("'Deploy'" in n and "kubectl apply -f k8s/" in n for n in outcome.notes)


def test_without_a_docs_model_the_readme_is_the_templates(ticket_spec: ProjectSpec) -> None:
    assert write_docs_with_model(ticket_spec, {"README.md": README}, client=None).readme == README


def test_unusable_docs_reply_twice_keeps_the_template_readme(ticket_spec: ProjectSpec) -> None:
    outcome = write_docs_with_model(
        ticket_spec, {"README.md": README}, client=client_for(Role.DOCS, "# README", "no")
    )
    assert outcome.readme == README and outcome.model_sections == []
    assert "README is the template's" in outcome.notes[0]
