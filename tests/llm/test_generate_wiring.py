"""The model roles wired into `generate_project` and `codebegen generate`.

Scripted replies for the orchestration (kept, fell back, counted, or not asked at all), and one
run of the real CLI against the local `transformers serve` (tests/llm/conftest.py), whose
nonsense must end in the template engine's project, a visible note and exit 0.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bot.cli import EXIT_OK, main
from pipeline.docs import add_docs
from pipeline.generate import RoleStatus, generate_project, parse_description
from pipeline.llm import LLMConfig, Role
from pipeline.llm.scripted import ScriptedClient, scripted_config
from pipeline.render import render_project
from pipeline.spec import ProjectSpec
from pipeline.validate import CheckResult, CheckStatus, ValidationReport
from tests.llm.conftest import TinyServer

SERVICE = (
    "def check_capacity(sold: int, capacity: int) -> None:\n"
    "    if sold >= capacity:\n"
    '        raise ValueError("sold out")\n'
)
TEST = (
    "import pytest\n\nfrom app.services.capacity import check_capacity\n\n\n"
    "def test_sold_out() -> None:\n    with pytest.raises(ValueError):\n        check_capacity(2, 2)\n"
)
GOOD = json.dumps({"files": {"app/services/capacity.py": SERVICE, "tests/test_capacity.py": TEST}})
EVENTS = {"name": "event-api", "entities": [{"name": "Event", "fields": [{"name": "capacity", "type": "integer"}]}]}  # fmt: skip
PROSE = "Events have a capacity. A ticket cannot be sold past the event's capacity."
PASSING = ValidationReport(checks=[CheckResult(name="compile", status=CheckStatus.PASSED)])


@pytest.fixture
def sandbox_calls(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, str]]:
    """Every tree handed to the validator, which passes them all (the sandbox is tested elsewhere)."""
    trees: list[dict[str, str]] = []

    def validate_files(files: dict[str, str], **_kwargs: Any) -> ValidationReport:
        trees.append(dict(files))
        return PASSING

    monkeypatch.setattr("pipeline.validate.validate_files", validate_files)
    return trees


def by_role(replies: dict[Role, str]) -> Callable[[dict[str, Any]], str]:
    """A scripted entry that answers each role (named by its model, `<role>-model`) its reply."""
    return lambda body: replies[Role(body["model"].removesuffix("-model"))]


def templates_and_docs(spec: ProjectSpec) -> dict[str, str]:
    return add_docs(render_project(spec), spec=spec, openapi=None)


@pytest.mark.parametrize("configured", [False, True], ids=["no-client", "client-no-roles"])
def test_without_a_model_the_project_is_exactly_the_template_engines(
    event_spec: ProjectSpec, configured: bool
) -> None:
    client = ScriptedClient([], LLMConfig()) if configured else None
    result = generate_project(event_spec, validate=False, llm=client)
    assert result.files == templates_and_docs(event_spec)
    assert (result.usage.roles, result.model_roles, result.model_outcome) == ({}, {}, None)
    assert "model" not in result.timings
    assert client is None or client.requests == []


def test_valid_code_model_files_are_kept_and_validated_once(
    event_spec: ProjectSpec, sandbox_calls: list[dict[str, str]]
) -> None:
    client = ScriptedClient([GOOD], scripted_config(Role.GENERATOR))
    result = generate_project(event_spec, llm=client)
    assert result.files["app/services/capacity.py"] == SERVICE
    assert "tests/test_capacity.py" in result.files
    assert len(sandbox_calls) == 1 and "app/services/capacity.py" in sandbox_calls[0]
    assert result.report is PASSING
    assert result.model_roles[Role.GENERATOR].status is RoleStatus.MODEL
    assert result.usage.roles[Role.GENERATOR].calls == 1
    summary = json.loads(json.dumps(result.to_dict()))
    assert summary["model_outcome"]["written"] == ["app/services/capacity.py", "tests/test_capacity.py"]  # fmt: skip
    assert summary["usage"]["roles"]["generator"]["calls"] == 1


def test_the_model_section_shows_each_role_what_was_kept_and_the_tokens(
    event_spec: ProjectSpec, sandbox_calls: list[dict[str, str]]
) -> None:
    client = ScriptedClient(["Sure!", '{"files": "none"}'], scripted_config(Role.GENERATOR))
    section = generate_project(event_spec, llm=client).models_markdown()
    assert "| generator | fallback |" in section and "rejected:" in section
    assert "generator" in section.split("| generator | fallback |", 1)[1]  # the usage table too
    assert generate_project(event_spec, validate=False).models_markdown() == ""


def test_invalid_code_model_files_fall_back_to_the_templates_with_a_note(
    event_spec: ProjectSpec, sandbox_calls: list[dict[str, str]]
) -> None:
    client = ScriptedClient(["Sure!", '{"files": "none"}'], scripted_config(Role.GENERATOR))
    result = generate_project(event_spec, llm=client)
    assert result.files == templates_and_docs(event_spec)
    assert sandbox_calls == [render_project(event_spec)]  # the kept tree, validated once
    run = result.model_roles[Role.GENERATOR]
    assert run.status is RoleStatus.FALLBACK and len(run.rejected) == 2
    assert any("failed the checks twice" in note for note in result.notes)
    assert result.usage.roles[Role.GENERATOR].calls == 2


def test_every_configured_role_is_asked_and_its_tokens_counted() -> None:
    replies = {
        Role.SCHEMA_PARSER: json.dumps(EVENTS),
        Role.GENERATOR: '{"files": {}}',
        Role.REVIEWER: '{"findings": []}',
        Role.DOCS: json.dumps({"sections": {"About": "Events, each with a capacity."}}),
    }
    client = ScriptedClient([by_role(replies)] * 4, scripted_config())
    result = generate_project(PROSE, validate=False, llm=client)
    assert result.spec.name == "event-api" and result.spec.description == PROSE
    assert {r: run.status for r, run in result.model_roles.items()} == {
        Role.SCHEMA_PARSER: RoleStatus.MODEL,
        Role.GENERATOR: RoleStatus.NOTHING_TO_ADD,
        Role.REVIEWER: RoleStatus.MODEL,
        Role.DOCS: RoleStatus.MODEL,
    }
    assert "Events, each with a capacity." in result.files["README.md"]
    assert {r: u.calls for r, u in result.usage.roles.items()} == {r: 1 for r in Role}
    assert result.usage.total_tokens > 0
    json.dumps(result.to_dict())


def test_a_spec_document_is_read_by_the_rules_without_asking_the_parser_model() -> None:
    client = ScriptedClient([], scripted_config(Role.SCHEMA_PARSER))
    text = "Our events service.\n\n```yaml\n" + json.dumps(EVENTS) + "\n```\n"
    parsed = parse_description(text, llm=client)
    assert [e.name for e in parsed.spec.entities] == ["Event"] and client.requests == []
    assert parsed.parser is not None and parsed.parser.status is RoleStatus.SKIPPED


def test_cli_with_a_nonsense_model_writes_the_template_project_and_says_why(
    tiny_server: TinyServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # The code model only: each call costs seconds on a CPU, and test_real_server.py covers the
    # other roles' fallbacks against this server.
    monkeypatch.setenv("CODEBEGEN_LLM_GENERATOR_BASE_URL", tiny_server.base_url)
    monkeypatch.setenv("CODEBEGEN_LLM_GENERATOR_MODEL", tiny_server.nonsense)
    monkeypatch.setenv("CODEBEGEN_LLM_GENERATOR_MAX_TOKENS", "48")
    out = tmp_path / "api"
    code = main(["generate", "--text", PROSE, "--out", str(out), "--no-validate"])
    stdout = capsys.readouterr().out
    assert code == EXIT_OK, stdout
    assert "Model roles" in stdout and "  generator      fallback  (2 calls" in stdout
    assert "  reviewer       off (no model configured" in stdout
    assert "this project is the template engine's output" in stdout
    written = {
        p.relative_to(out).as_posix(): p.read_text()
        for p in out.rglob("*")
        if p.is_file() and ".git" not in p.relative_to(out).parts
    }
    assert written == templates_and_docs(parse_description(PROSE).spec)
