"""A hostile code model, served over HTTP on loopback (tests/security/fake_model.py), against the
real client, guards, repair round and sandbox validation. Whatever it sends, the outcome is the
template project with a note, or files that passed every check: never a traceback, never its
files in the project, never host data in the next prompt."""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.llm import http as llm_http
from pipeline.llm.config import LLMConfig, Role, RoleConfig
from pipeline.llm.http import HTTPClient
from pipeline.llm.hybrid import ModelOutcome, Status, generate_with_model, sandbox_validate
from pipeline.render import render_project
from pipeline.spec import ProjectSpec
from tests.security.fake_model import FakeModel, completion, fake_model

SPEC = ProjectSpec.model_validate(
    {
        "name": "ticket-api",
        "description": "Events have a name and a capacity. A ticket cannot be sold past capacity.",
        "database": "sqlite",
        "entities": [
            {"name": "Event", "fields": [{"name": "name"}, {"name": "capacity", "type": "integer"}]}
        ],
    }
)
DEEP = "[" * 100_000 + "]" * 100_000


@pytest.fixture(scope="module")
def template_files() -> dict[str, str]:
    return render_project(SPEC)


def _files(files: dict[str, str]) -> bytes:
    return completion(json.dumps({"files": files}))


def _generate(
    model: FakeModel, template_files: dict[str, str], *, validate: bool = False
) -> ModelOutcome:
    config = LLMConfig(
        roles={Role.GENERATOR: RoleConfig(base_url=model.base_url, model="hostile", timeout_s=30)}
    )
    with HTTPClient(config, retries=0) as client:
        return generate_with_model(
            SPEC, template_files, client=client, validate=sandbox_validate if validate else None
        )


def _assert_template_kept(outcome: ModelOutcome, template_files: dict[str, str]) -> None:
    assert outcome.status is Status.FALLBACK
    assert outcome.files == template_files
    assert any("template engine's output" in note for note in outcome.notes)


def test_a_reply_nested_100k_deep_is_a_rejected_attempt(template_files: dict[str, str]) -> None:
    with fake_model(completion(DEEP), completion(DEEP)) as model:
        outcome = _generate(model, template_files)
    assert len(model.requests) == 2  # the repair round was asked
    assert "nested too deep" in outcome.attempts[0].problems[0]
    _assert_template_kept(outcome, template_files)


def test_an_http_body_nested_100k_deep_is_a_rejected_attempt(
    template_files: dict[str, str],
) -> None:
    body = ('{"choices": ' + DEEP + "}").encode()
    with fake_model(body, body) as model:
        outcome = _generate(model, template_files)
    assert len(model.requests) == 2
    assert "nested too deep" in outcome.attempts[0].problems[0]
    _assert_template_kept(outcome, template_files)


def test_an_oversized_reply_is_a_rejected_attempt(
    template_files: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(llm_http, "MAX_RESPONSE_BYTES", 100_000)
    huge = _files({"app/services/big.py": "x = 1\n" * 50_000})
    with fake_model(huge, huge) as model:
        outcome = _generate(model, template_files)
    assert "over 100000 bytes" in outcome.attempts[0].problems[0]
    _assert_template_kept(outcome, template_files)


def test_a_reply_that_is_not_json_is_a_rejected_attempt(template_files: dict[str, str]) -> None:
    with fake_model(completion("rm -rf / please"), completion("{not json")) as model:
        outcome = _generate(model, template_files)
    assert all("not valid JSON" in a.problems[0] for a in outcome.attempts)
    _assert_template_kept(outcome, template_files)


@pytest.mark.parametrize(
    "path",
    [
        "tests/test_x/conftest.py",
        "app/services/a/b/evil.py",
        "app/services/__init__.py",
        "../outside.py",
        ".github/workflows/x.yml",
        ".git/hooks/pre-commit",
    ],
)
def test_files_outside_the_allowed_places_are_refused_in_both_replies(
    template_files: dict[str, str], path: str
) -> None:
    reply = _files({path: "import os\nos.system('id')\n"})
    with fake_model(reply, reply) as model:
        outcome = _generate(model, template_files)
    _assert_template_kept(outcome, template_files)  # the templates' own files, untouched
    assert all(path in a.problems[0] for a in outcome.attempts)


@pytest.fixture
def host_secret() -> Iterator[tuple[Path, str]]:
    secret = secrets.token_hex(8)
    path = Path("/tmp") / f"cbg-hostile-model-{secrets.token_hex(4)}"  # noqa: S108
    path.write_text(secret)
    path.chmod(0o644)
    yield path, secret
    path.unlink(missing_ok=True)


def test_the_repair_prompt_carries_no_output_of_the_models_code(
    template_files: dict[str, str], host_secret: tuple[Path, str]
) -> None:
    """The first reply adds a test that prints a canary and tries to read a host file; the
    second reply plants a pytest plugin. The repair prompt holds the check's name and the
    project's file:line errors only; the plugin is refused; the templates are kept."""
    path, secret = host_secret
    canary = "CANARY-" + secrets.token_hex(6)
    spy = (
        "from pathlib import Path\n\n\n"
        "def test_spy() -> None:\n"
        f"    print({canary!r})\n"
        "    try:\n"
        f"        print(Path({str(path)!r}).read_text())\n"
        "    except OSError as exc:\n"
        "        print(exc)\n"
        "    assert False\n"
    )
    first = _files({"tests/test_spy.py": spy})
    second = _files({"tests/test_spy/conftest.py": "import os\n"})
    with fake_model(first, second) as model:
        outcome = _generate(model, template_files, validate=True)
    repair_prompt = model.prompts()[1].split(spy.splitlines()[-1])[-1]  # after its own reply
    assert "pytest (sqlite) failed" in repair_prompt
    assert "tests/test_spy.py" in repair_prompt
    assert canary not in repair_prompt.replace(f"print({canary!r})", "")
    assert secret not in repair_prompt
    _assert_template_kept(outcome, template_files)
    assert not any("test_spy" in p for p in outcome.files)
