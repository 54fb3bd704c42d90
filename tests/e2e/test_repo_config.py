""".github/codebegen.yml in the target repository, read by the jobs from its default branch:
who may start codebegen, the stack when the issue does not say, the models' settings, and a
broken file told on the issue with nothing else done. The GitHub stand-in, real Redis and RQ,
real git."""

from __future__ import annotations

from dataclasses import replace

import httpx
from rq.registry import ScheduledJobRegistry

from pipeline.llm import Role
from pipeline.llm.scripted import ScriptedClient, scripted_config
from pipeline.spec import ProjectSpec
from tests.e2e.harness import Loop, progress_comments
from worker import context
from worker.progress import read_marker

SHOP = "octo/shop"
RECIPES = "Build a recipes API with recipes (title, steps) and ingredients (name)."
SETTINGS = """\
permission: maintain
defaults:
  database: sqlite
llm:
  schema_parser:
    model: recipes-parser
    temperature: 0.0
"""


def _repo_with_settings(loop: Loop, text: str) -> None:
    loop.gh.create_repo(SHOP, empty=False)  # a README on main
    loop.gh.commit(SHOP, "main", {".github/codebegen.yml": text}, "codebegen settings")


def test_the_repository_chooses_who_may_start_the_stack_and_the_models(loop: Loop) -> None:
    _repo_with_settings(loop, SETTINGS)
    loop.gh.add_user("maya", permission="maintain")
    # the worker's model client: a schema-parser model that answers nonsense (so the rules read
    # the description in the end), on the operator's endpoint
    parser = ScriptedClient(["not json", "still not json"], scripted_config(Role.SCHEMA_PARSER))
    context.install(replace(context.current(), llm=parser))

    by_writer = loop.gh.open_issue(SHOP, "/codebegen recipes", RECIPES, user="alice")
    loop.run_jobs()
    [denied] = loop.gh.bot_comments(SHOP, by_writer.number)
    assert read_marker(denied.body, "denied") is not None
    assert "someone with maintain access" in denied.body
    assert parser.requests == [] and loop.gh.pulls(SHOP) == []

    by_maintainer = loop.gh.open_issue(SHOP, "/codebegen recipes", RECIPES, user="maya")
    loop.run_jobs()
    [pr] = loop.gh.pulls(SHOP)
    spec = ProjectSpec.from_yaml(loop.gh.repo(SHOP).read(pr.head_ref, "codebegen.yaml"))
    assert spec.database.value == "sqlite"  # the issue did not say; the repository did
    assert "sqlite, the repository's default" in pr.body
    # the repository's model choice went to the operator's endpoint, with its stack defaults
    assert [r["model"] for r in parser.requests] == ["recipes-parser", "recipes-parser"]
    assert "database: sqlite" in parser.requests[0]["messages"][1]["content"]
    assert "| schema_parser | fallback |" in pr.body
    # the model calls are counted for Prometheus (tokens in and out, seconds) per role
    metrics = httpx.get(f"{loop.bot_url}/metrics").text
    assert 'codebegen_model_calls_total{result="ok",role="schema_parser"} 2.0' in metrics
    prompt_tokens = sum(len(m["content"].split()) for r in parser.requests for m in r["messages"])
    assert (
        f'codebegen_model_tokens_total{{direction="in",role="schema_parser"}} {prompt_tokens:.1f}'
        in metrics
    )
    [comment] = progress_comments(loop, by_maintainer.number, SHOP)
    assert read_marker(comment.body, "progress")["state"] == "done"


def test_a_broken_settings_file_is_told_on_the_issue_and_nothing_else_happens(loop: Loop) -> None:
    _repo_with_settings(loop, "permission: write\nlabel: build-me\n")
    pushes = len(loop.gh.repo(SHOP).pushes)
    issue = loop.gh.open_issue(SHOP, "/codebegen recipes", RECIPES, user="alice")
    loop.run_jobs()

    [comment] = progress_comments(loop, issue.number, SHOP)
    assert read_marker(comment.body, "progress")["state"] == "failed"
    assert "`label` is not a setting codebegen knows" in comment.body
    assert "Fix .github/codebegen.yml on the default branch" in comment.body
    assert loop.gh.pulls(SHOP) == [] and len(loop.gh.repo(SHOP).pushes) == pushes
    retries = ScheduledJobRegistry("codebegen:generate", connection=loop.redis)
    assert retries.get_job_ids() == []  # not retried: the fix is the repository's

    # mallory has no access: never told about the settings, only refused
    other = loop.gh.open_issue(SHOP, "/codebegen recipes", RECIPES, user="mallory")
    loop.run_jobs()
    [reply] = loop.gh.bot_comments(SHOP, other.number)
    assert read_marker(reply.body, "denied") is not None and "codebegen.yml" not in reply.body


def test_model_settings_without_a_model_endpoint_are_named_as_unused(loop: Loop) -> None:
    _repo_with_settings(loop, "llm:\n  generator:\n    model: codebegen\n")
    assert context.current().llm is None  # this worker has no CODEBEGEN_LLM_BASE_URL
    loop.gh.open_issue(SHOP, "/codebegen recipes", RECIPES, user="alice")
    loop.run_jobs()
    [pr] = loop.gh.pulls(SHOP)
    assert "settings in .github/codebegen.yml were not used" in pr.body
    assert "Model roles" not in pr.body  # the template engine's PR, as without the file
