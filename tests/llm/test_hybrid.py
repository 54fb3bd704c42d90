"""Hybrid generation with a scripted model: keep, repair, or fall back — and always say which."""

from __future__ import annotations

import json

import pytest

from pipeline.errors import UserError
from pipeline.llm.client import TransientEndpointError
from pipeline.llm.config import Role
from pipeline.llm.hybrid import Source, Status, Verdict, generate_with_model, sandbox_validate
from pipeline.llm.prompts import SYSTEM_PROMPT
from pipeline.llm.retrieve import BM25Retriever, Document
from pipeline.llm.scripted import ScriptedClient, scripted_config
from pipeline.render.project import render_project
from pipeline.spec import ProjectSpec

SERVICE = (
    "from app.services.ticket import create_ticket\n\n\n"
    "def check_capacity(sold: int, capacity: int) -> None:\n"
    "    if sold >= capacity:\n"
    '        raise ValueError("sold out")\n'
)
TEST = (
    "import pytest\n\nfrom app.services.capacity import check_capacity\n\n\n"
    "def test_sold_out() -> None:\n    with pytest.raises(ValueError):\n        check_capacity(2, 2)\n"
)
GOOD = json.dumps({"files": {"app/services/capacity.py": SERVICE, "tests/test_capacity.py": TEST}})


class Validator:
    """A stand-in for the sandbox: records each tree and answers from a list of verdicts."""

    def __init__(self, *verdicts: Verdict) -> None:
        self.verdicts = list(verdicts) or [Verdict(passed=True)]
        self.trees: list[dict[str, str]] = []

    def __call__(self, files: dict[str, str]) -> Verdict:
        self.trees.append(files)
        return self.verdicts.pop(0) if len(self.verdicts) > 1 else self.verdicts[0]


def generator(*script: object) -> ScriptedClient:
    return ScriptedClient(script, scripted_config(Role.GENERATOR))  # type: ignore[arg-type]


def test_without_a_client_the_output_is_exactly_the_template_engines(
    ticket_spec: ProjectSpec, template_files: dict[str, str]
) -> None:
    outcome = generate_with_model(ticket_spec, template_files, client=None, validate=Validator())
    assert outcome.status is Status.TEMPLATE_ONLY
    assert outcome.files == template_files and outcome.files is not template_files
    assert set(outcome.provenance.values()) == {Source.TEMPLATE}
    assert (outcome.notes, outcome.attempts, outcome.usage.roles, outcome.to_markdown()) == (
        [],
        [],
        {},
        "",
    )


def test_a_client_without_a_generator_model_changes_nothing(
    ticket_spec: ProjectSpec, template_files: dict[str, str]
) -> None:
    client = ScriptedClient([], scripted_config(Role.REVIEWER))
    outcome = generate_with_model(ticket_spec, template_files, client=client, validate=Validator())
    assert outcome.status is Status.TEMPLATE_ONLY and outcome.files == template_files
    assert client.requests == []


def test_valid_first_reply_is_validated_with_the_templates_and_kept(
    ticket_spec: ProjectSpec, template_files: dict[str, str]
) -> None:
    validator = Validator()
    client = generator(GOOD)
    outcome = generate_with_model(ticket_spec, template_files, client=client, validate=validator)
    assert outcome.status is Status.MODEL
    assert outcome.files == {
        **template_files,
        "app/services/capacity.py": SERVICE,
        "tests/test_capacity.py": TEST,
    }
    assert validator.trees == [outcome.files]
    assert outcome.paths(Source.MODEL) == ["app/services/capacity.py", "tests/test_capacity.py"]
    assert outcome.provenance["app/main.py"] is Source.TEMPLATE
    assert [a.accepted for a in outcome.attempts] == [True]
    assert outcome.attempts[0].files == ["app/services/capacity.py", "tests/test_capacity.py"]
    assert outcome.verdict is not None and outcome.verdict.passed
    assert outcome.usage.roles[Role.GENERATOR].calls == 1
    assert "passed validation" in outcome.to_markdown()
    assert (
        "written by the model: `app/services/capacity.py`, `tests/test_capacity.py`"
        in outcome.to_markdown()
    )


def test_invalid_reply_gets_one_repair_round_with_its_problems(
    ticket_spec: ProjectSpec, template_files: dict[str, str]
) -> None:
    client = generator("Sure! Here is your code.", GOOD)
    outcome = generate_with_model(ticket_spec, template_files, client=client, validate=Validator())
    assert outcome.status is Status.MODEL
    assert [a.accepted for a in outcome.attempts] == [False, True]
    assert "not valid JSON" in outcome.attempts[0].problems[0]
    repair = client.requests[1]["messages"]
    assert repair[:2] == client.requests[0]["messages"]
    assert repair[2] == {"role": "assistant", "content": "Sure! Here is your code."}
    assert repair[3]["role"] == "user" and "not valid JSON" in repair[3]["content"]
    assert repair[3]["content"].endswith("in the same format, and nothing else.")


def test_invalid_twice_falls_back_to_the_templates_and_says_so(
    ticket_spec: ProjectSpec, template_files: dict[str, str]
) -> None:
    client = generator("nonsense", '{"files": "also nonsense"}')
    outcome = generate_with_model(ticket_spec, template_files, client=client, validate=Validator())
    assert outcome.status is Status.FALLBACK
    assert outcome.files == template_files
    assert set(outcome.provenance.values()) == {Source.TEMPLATE}
    assert "template engine's output" in outcome.notes[0]
    text = outcome.to_markdown()
    assert "first reply: rejected" in text and "repaired reply: rejected" in text
    assert "files: Input should be a valid dictionary" in text
    assert len(client.requests) == 2  # one repair round, no more


def test_path_escape_is_rejected_and_never_written(
    ticket_spec: ProjectSpec, template_files: dict[str, str]
) -> None:
    escape = json.dumps(
        {"files": {"../outside.py": "x = 1\n", "app/services/capacity.py": SERVICE}}
    )
    validator = Validator()
    outcome = generate_with_model(
        ticket_spec, template_files, client=generator(escape, escape), validate=validator
    )
    assert outcome.status is Status.FALLBACK
    assert "../outside.py" not in outcome.files and "app/services/capacity.py" not in outcome.files
    assert validator.trees == []  # refused before anything ran
    assert "'..' segment" in outcome.attempts[1].problems[0]


def test_edit_of_a_template_test_is_rejected(
    ticket_spec: ProjectSpec, template_files: dict[str, str]
) -> None:
    weakened = json.dumps(
        {"files": {"tests/test_tickets.py": "def test_tickets() -> None:\n    pass\n"}}
    )
    outcome = generate_with_model(
        ticket_spec, template_files, client=generator(weakened, GOOD), validate=Validator()
    )
    assert outcome.attempts[0].problems == [
        "tests/test_tickets.py already exists and may not be changed by the model"
    ]
    assert outcome.files["tests/test_tickets.py"] == template_files["tests/test_tickets.py"]


def test_allowed_edit_is_marked_as_model_edited(
    ticket_spec: ProjectSpec, template_files: dict[str, str]
) -> None:
    main = template_files["app/main.py"] + "app.include_router(capacity.router)\n"
    edit = json.dumps({"files": {"app/main.py": main, "app/services/capacity.py": SERVICE}})
    outcome = generate_with_model(
        ticket_spec, template_files, client=generator(edit), validate=Validator()
    )
    assert outcome.provenance["app/main.py"] is Source.MODEL_EDITED
    assert outcome.paths(Source.MODEL_EDITED) == ["app/main.py"]


def test_validation_failure_is_fed_back_and_the_repair_kept(
    ticket_spec: ProjectSpec, template_files: dict[str, str]
) -> None:
    validator = Validator(
        Verdict(passed=False, problems=["pytest (sqlite) failed: 1 failed\nE   assert 1 == 2"]),
        Verdict(passed=True),
    )
    client = generator(GOOD, GOOD)
    outcome = generate_with_model(ticket_spec, template_files, client=client, validate=validator)
    assert outcome.status is Status.MODEL
    assert len(validator.trees) == 2
    assert "pytest (sqlite) failed: 1 failed" in client.requests[1]["messages"][3]["content"]
    assert outcome.attempts[0].files == ["app/services/capacity.py", "tests/test_capacity.py"]


def test_validation_failing_twice_falls_back(
    ticket_spec: ProjectSpec, template_files: dict[str, str]
) -> None:
    validator = Validator(Verdict(passed=False, problems=["ruff failed: F401 unused import"]))
    outcome = generate_with_model(
        ticket_spec, template_files, client=generator(GOOD, GOOD), validate=validator
    )
    assert outcome.status is Status.FALLBACK and outcome.files == template_files
    assert [a.problems for a in outcome.attempts] == [["ruff failed: F401 unused import"]] * 2


def test_empty_reply_means_nothing_to_add(
    ticket_spec: ProjectSpec, template_files: dict[str, str]
) -> None:
    validator = Validator()
    outcome = generate_with_model(
        ticket_spec, template_files, client=generator('{"files": {}}'), validate=validator
    )
    assert outcome.status is Status.NOTHING_TO_ADD and outcome.files == template_files
    assert validator.trees == []
    assert "nothing to add" in outcome.notes[0]


def test_files_identical_to_the_templates_are_not_counted_as_the_models(
    ticket_spec: ProjectSpec, template_files: dict[str, str]
) -> None:
    same = json.dumps({"files": {"app/main.py": template_files["app/main.py"]}})
    outcome = generate_with_model(
        ticket_spec, template_files, client=generator(same), validate=Validator()
    )
    assert outcome.status is Status.NOTHING_TO_ADD
    assert outcome.provenance["app/main.py"] is Source.TEMPLATE


def test_without_a_validator_the_outcome_says_the_sandbox_did_not_run(
    ticket_spec: ProjectSpec, template_files: dict[str, str]
) -> None:
    outcome = generate_with_model(
        ticket_spec, template_files, client=generator(GOOD), validate=None
    )
    assert outcome.status is Status.MODEL
    assert "not validated in the sandbox" in outcome.notes[0]


def test_endpoint_down_is_a_user_error(
    ticket_spec: ProjectSpec, template_files: dict[str, str]
) -> None:
    down = [TransientEndpointError("ConnectError: [Errno 111] Connection refused")] * 4
    with pytest.raises(UserError, match="unreachable"):
        generate_with_model(
            ticket_spec, template_files, client=generator(*down), validate=Validator()
        )


def test_prompt_is_the_seeds_with_the_skeleton_rules_and_structured_output(
    ticket_spec: ProjectSpec, template_files: dict[str, str]
) -> None:
    client = generator('{"files": {}}')
    generate_with_model(ticket_spec, template_files, client=client, validate=Validator())
    body = client.requests[0]
    system, user = body["messages"]
    assert system == {"role": "system", "content": SYSTEM_PROMPT}
    assert user["content"].startswith(
        f"### API Description:\n{ticket_spec.description}\n\n### Technical Context:\n"
    )
    assert "Tech Stack: fastapi, sqlite, sqlalchemy, alembic, pydantic\n" in user["content"]
    assert "- A ticket cannot be sold past the event's capacity." in user["content"]
    assert "#### app/main.py\n```python\n" in user["content"]
    assert "#### app/services/ticket.py" in user["content"]
    assert user["content"].endswith('"files": { "path/to/file.py": "<full code>", ... }\n}')
    assert body["response_format"]["json_schema"]["name"] == "files"


def test_retrieved_examples_go_into_the_prompt(
    ticket_spec: ProjectSpec, template_files: dict[str, str]
) -> None:
    retriever = BM25Retriever(
        [
            Document(
                source="harvested:shop",
                path="app/services/stock.py",
                text="def reserve_capacity(): ...",
            ),
            Document(
                source="template:blog", path="app/db/session.py", text="engine = create_engine()"
            ),
        ]
    )
    client = generator('{"files": {}}')
    generate_with_model(
        ticket_spec, template_files, client=client, retriever=retriever, validate=Validator()
    )
    user = client.requests[0]["messages"][1]["content"]
    assert "### Reference Examples:\n#### app/services/stock.py (from harvested:shop)" in user
    assert "create_engine" not in user


RULE_SERVICE = '''"""Seats: a ticket cannot be sold past the event's capacity."""


class SoldOutError(Exception):
    """No seat is left."""


def seats_left(capacity: int, sold: int) -> int:
    if sold >= capacity:
        raise SoldOutError(f"all {capacity} seats are sold")
    return capacity - sold
'''
RULE_TEST = """import pytest

from app.services.capacity import SoldOutError, seats_left


def test_seats_left_counts_down() -> None:
    assert seats_left(3, 1) == 2


def test_sold_out_event_refuses_a_ticket() -> None:
    with pytest.raises(SoldOutError):
        seats_left(2, 2)
"""


def test_rule_that_passes_the_sandbox_is_kept_with_its_report(event_spec: ProjectSpec) -> None:
    files = render_project(event_spec)
    reply = json.dumps(
        {"files": {"app/services/capacity.py": RULE_SERVICE, "tests/test_capacity.py": RULE_TEST}}
    )
    outcome = generate_with_model(
        event_spec, files, client=generator(reply), validate=sandbox_validate
    )
    assert outcome.status is Status.MODEL, outcome.attempts
    assert outcome.paths(Source.MODEL) == ["app/services/capacity.py", "tests/test_capacity.py"]
    assert outcome.verdict is not None and outcome.verdict.report.passed
