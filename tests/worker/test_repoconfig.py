""".github/codebegen.yml: what it may set, how a mistake is told, and how the model choices
reach a job's model client."""

from __future__ import annotations

import pytest

from pipeline.errors import UserError
from pipeline.llm import ChatRequest, Role
from pipeline.llm.scripted import ScriptedClient, scripted_config
from pipeline.spec import AuthKind, Database, ProjectSpec
from worker.repoconfig import CONFIG_PATH, RepoConfig, load_repo_config, parse_repo_config

FULL = """\
# who may start codebegen here
permission: maintain
defaults:
  database: sqlite
  auth: jwt
llm:
  temperature: 0.1
  generator:
    model: codebegen-v2
    max_tokens: 4096
  reviewer:
    enabled: false
"""


def test_every_setting_is_read() -> None:
    config = parse_repo_config(FULL)
    assert config.permission == "maintain"
    assert (config.defaults.database, config.defaults.auth) == (Database.SQLITE, AuthKind.JWT)
    assert config.llm is not None and config.llm.generator.model == "codebegen-v2"


@pytest.mark.parametrize("text", ["", "# only a comment\n", "---\n"])
def test_an_empty_file_means_the_defaults(text: str) -> None:
    assert parse_repo_config(text) == RepoConfig()


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("permision: admin\n", "`permision` is not a setting codebegen knows"),
        ("permission: read\n", "`permission`: Input should be 'write', 'maintain' or 'admin'"),
        ("defaults:\n  database: mysql\n", "`defaults.database`"),
        ("llm:\n  generator:\n    temperature: 9\n", "`llm.generator.temperature`"),
        ("llm:\n  base_url: http://attacker.example/v1\n", "`llm.base_url` is not a setting"),
        ("- permission\n", "must be a mapping of settings, not a list"),
        ("permission: [write\n", "is not valid YAML (line 2, column 1)"),
    ],
)
def test_a_mistake_is_a_user_error_that_names_it(text: str, named: str) -> None:
    with pytest.raises(UserError) as err:
        parse_repo_config(text)
    assert err.value.message.startswith(CONFIG_PATH)
    assert named in err.value.message
    assert "default branch" in err.value.hint


class _Files:
    """Just the file read of the GitHub port."""

    def __init__(self, text: str | None) -> None:
        self.text = text
        self.asked: list[tuple[str, str, str | None]] = []

    def file_text(self, repo: str, path: str, *, ref: str | None = None) -> str | None:
        self.asked.append((repo, path, ref))
        return self.text


def test_loading_reads_the_default_branch_and_returns_the_error_instead_of_raising() -> None:
    files = _Files(None)
    assert load_repo_config(files, "octo/blog") == (RepoConfig(), None)  # type: ignore[arg-type]
    assert files.asked == [("octo/blog", ".github/codebegen.yml", None)]
    config, error = load_repo_config(_Files("permission: nobody\n"), "octo/blog")  # type: ignore[arg-type]
    assert config == RepoConfig() and error is not None and "`permission`" in error.message


def _ask(client: ScriptedClient, role: Role) -> dict[str, object]:
    client.chat(ChatRequest.of(role, system="s", user="u", schema=ProjectSpec, schema_name="x"))
    return client.requests[-1]


def test_the_model_choices_apply_to_the_jobs_copy_of_the_worker_client_only() -> None:
    worker_client = ScriptedClient(["{}", "{}", "{}"], scripted_config())
    config = parse_repo_config(FULL)
    job_client = config.model_client(worker_client)
    assert job_client is not None and job_client is not worker_client

    sent = _ask(job_client, Role.GENERATOR)  # type: ignore[arg-type]
    assert (sent["model"], sent["temperature"], sent["max_tokens"]) == ("codebegen-v2", 0.1, 4096)
    assert not job_client.active(Role.REVIEWER)
    assert _ask(worker_client, Role.GENERATOR)["model"] == "generator-model"  # unchanged
    assert worker_client.config.active(Role.REVIEWER)


def test_without_a_worker_client_or_an_llm_section_nothing_changes() -> None:
    worker_client = ScriptedClient([], scripted_config())
    assert RepoConfig().model_client(worker_client) is worker_client
    assert parse_repo_config(FULL).model_client(None) is None


def test_questions_default_to_asking_and_can_be_set_to_go() -> None:
    assert RepoConfig().questions == "ask"
    assert parse_repo_config("questions: go\n").questions == "go"


def test_an_unknown_questions_value_is_refused_with_the_key_named() -> None:
    with pytest.raises(UserError, match="questions"):
        parse_repo_config("questions: maybe\n")
