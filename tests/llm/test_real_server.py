"""Every fallback path against a real OpenAI-compatible server (`transformers serve`).

The served models are tiny (tests.llm.tiny_models): one says nonsense, one always answers with a
path that escapes the project, one always answers with a test that fails. Whatever they say,
each role ends in a clean fallback with a note that says what happened — never a crash.
"""

from __future__ import annotations

from pipeline.llm.config import Role
from pipeline.llm.docs import write_docs_with_model
from pipeline.llm.http import HTTPClient
from pipeline.llm.hybrid import Source, Status, Verdict, generate_with_model, sandbox_validate
from pipeline.llm.reviewer import review_with_model
from pipeline.llm.schema_parser import parse_with_model
from pipeline.render.project import render_project
from pipeline.review.finding import Finding, Severity
from pipeline.spec import ProjectSpec
from tests.llm.conftest import TinyServer, role_config

MAX_TOKENS = 48  # nonsense is cut here; the scripted models stop by themselves


def client(server: TinyServer, model: str, *roles: Role) -> HTTPClient:
    config = role_config(
        *(roles or tuple(Role)), base_url=server.base_url, model=model, max_tokens=MAX_TOKENS
    )
    return HTTPClient(config, sleep=lambda _s: None)


def never_validate(files: dict[str, str]) -> Verdict:
    raise AssertionError("nothing that failed the guards may reach validation")


def test_nonsense_from_the_generator_falls_back_to_the_templates(
    tiny_server: TinyServer, ticket_spec: ProjectSpec, template_files: dict[str, str]
) -> None:
    with client(tiny_server, tiny_server.nonsense, Role.GENERATOR) as c:
        outcome = generate_with_model(
            ticket_spec, template_files, client=c, validate=never_validate
        )
    assert outcome.status is Status.FALLBACK
    assert outcome.files == template_files
    assert [a.accepted for a in outcome.attempts] == [False, False]
    assert all("JSON" in a.problems[0] or "empty" in a.problems[0] for a in outcome.attempts)
    assert "template engine's output" in outcome.to_markdown()
    usage = outcome.usage.roles[Role.GENERATOR]
    assert usage.calls == 2 and usage.prompt_tokens > 500 and usage.completion_tokens > 0


def test_a_path_escape_from_the_generator_is_refused_twice(
    tiny_server: TinyServer, ticket_spec: ProjectSpec, template_files: dict[str, str]
) -> None:
    with client(tiny_server, tiny_server.escape, Role.GENERATOR) as c:
        outcome = generate_with_model(
            ticket_spec, template_files, client=c, validate=never_validate
        )
    assert outcome.status is Status.FALLBACK and "../outside.py" not in outcome.files
    assert [a.problems for a in outcome.attempts] == [
        ["path '../outside.py' has an empty, '.' or '..' segment and could leave the project"]
    ] * 2


def test_code_that_fails_validation_in_the_sandbox_falls_back(
    tiny_server: TinyServer, event_spec: ProjectSpec
) -> None:
    files = render_project(event_spec)
    with client(tiny_server, tiny_server.failing_test, Role.GENERATOR) as c:
        outcome = generate_with_model(event_spec, files, client=c, validate=sandbox_validate)
    assert outcome.status is Status.FALLBACK and outcome.files == files
    for attempt in outcome.attempts:
        assert attempt.files == ["tests/test_capacity.py"]
        assert any(p.startswith("pytest (sqlite) failed: 1 failed") for p in attempt.problems)
        # the repair prompt names the project's failing test; the test's own output (which
        # model-written code could fill with whatever it read) does not cross (issue 14)
        assert any("tests/test_capacity.py" in p for p in attempt.problems)
        assert not any("assert 1 == 2" in p for p in attempt.problems)
    assert set(outcome.provenance.values()) == {Source.TEMPLATE}


def test_nonsense_from_the_schema_parser_falls_back_to_the_rules(
    tiny_server: TinyServer, ticket_spec: ProjectSpec
) -> None:
    with client(tiny_server, tiny_server.nonsense, Role.SCHEMA_PARSER) as c:
        outcome = parse_with_model(
            ticket_spec.description, client=c, rules=lambda _text: ticket_spec
        )
    assert outcome.source == "rules" and outcome.spec == ticket_spec
    assert "rules parser read the description instead" in outcome.notes[0]


def test_nonsense_from_the_reviewer_keeps_the_rule_findings(
    tiny_server: TinyServer, template_files: dict[str, str]
) -> None:
    rule = Finding(path="app/main.py", line=1, severity=Severity.INFO, rule="CBG101", message="m")
    with client(tiny_server, tiny_server.nonsense, Role.REVIEWER) as c:
        outcome = review_with_model(template_files, [rule], client=c)
    assert outcome.findings == [rule] and outcome.model_findings == 0
    assert "rule findings only" in outcome.notes[0]


def test_nonsense_from_the_docs_writer_keeps_the_template_readme(
    tiny_server: TinyServer, ticket_spec: ProjectSpec, template_files: dict[str, str]
) -> None:
    with client(tiny_server, tiny_server.nonsense, Role.DOCS) as c:
        outcome = write_docs_with_model(ticket_spec, template_files, client=c)
    assert outcome.readme == template_files["README.md"]
    assert "README is the template's" in outcome.notes[0]
