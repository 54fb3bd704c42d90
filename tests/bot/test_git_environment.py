"""Git in the worker runs with an environment built for it (pipeline/gitenv.py): a fresh HOME,
empty global and system config, hooks off, none of the worker's secrets and no trace variables.
Real git against the stand-in; a `git` wrapper first on PATH records each git process's
environment, and a planted `~/.gitconfig` (what model-written test code could leave behind
with a non-root worker) names hooks that would record theirs."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from bot.gitops import GitError, GitOps
from pipeline.refine.repo import Repo
from tests.bot.test_gitops import AUTHOR, publish
from worker.ports import GitAuthor

SECRETS = {
    "GITHUB_PRIVATE_KEY": "-----BEGIN FAKE KEY-----",
    "GITHUB_WEBHOOK_SECRET": "fake-webhook-secret",
    "CODEBEGEN_LLM_API_KEY": "fake-model-key",
}
TRACES = {"GIT_TRACE": "1", "GIT_TRACE_CURL": "1", "GIT_CURL_VERBOSE": "1", "GIT_TRACE_PACKET": "1"}


def _executable(path: Path, text: str) -> None:
    path.write_text(text)
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)


@pytest.fixture
def gh(github_standin):
    github_standin.create_repo("octo/full", empty=False, files={"README.md": "# hello\n"})
    return github_standin


@pytest.fixture
def hostile_host(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Secrets and trace variables in os.environ, a planted global config with hooks and an
    alias, and a recording `git` wrapper on PATH. Returns the folder the records go to."""
    records = tmp_path / "records"
    records.mkdir()
    real_git = shutil.which("git")
    assert real_git
    wrapper = tmp_path / "bin"
    wrapper.mkdir()
    # only git run in the worker's folders counts (the stand-in's own git uses the wrapper too)
    work = tmp_path / "work"
    record = f'case "$(pwd)" in {work}*) env -0 > "{records}/git-$$.env";; esac'
    _executable(wrapper / "git", f'#!/bin/sh\n{record}\nexec {real_git} "$@"\n')
    home = tmp_path / "home"
    hooks = home / "hooks"
    hooks.mkdir(parents=True)
    for hook in ("pre-commit", "post-commit", "pre-push", "reference-transaction", "post-checkout"):
        _executable(hooks / hook, f'#!/bin/sh\nenv > "{records}/hook-{hook}-$$"\n')
    planted = home / ".gitconfig"
    planted.write_text(f"[core]\n\thooksPath = {hooks}\n[alias]\n\tst = !env > {records}/alias\n")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(planted))
    monkeypatch.setenv("PATH", f"{wrapper}{os.pathsep}{os.environ['PATH']}")
    for name, value in {**SECRETS, **TRACES}.items():
        monkeypatch.setenv(name, value)
    return records


def _git_envs(records: Path) -> list[dict[str, str]]:
    envs = []
    for path in records.glob("git-*.env"):
        pairs = [item.split("=", 1) for item in path.read_text().split("\0") if "=" in item]
        envs.append(dict(pairs))
    return envs


def test_git_processes_never_see_the_workers_secrets_or_trace_variables(gh, tmp_path, hostile_host):
    checkout, _, _, token = publish(gh, "octo/full", tmp_path / "work")
    GitOps().files_at(checkout, "HEAD")  # the refinement's git (pipeline/refine/repo.py) too

    envs = _git_envs(hostile_host)
    assert len(envs) >= 8  # init, remote, ls-remote, fetch, checkout, add, status, commit, push...
    for env in envs:
        assert not set(env) & (set(SECRETS) | set(TRACES))
        assert not any(value in text for value in SECRETS.values() for text in env.values())
        assert env["HOME"] != os.environ["HOME"]
        assert env["GIT_CONFIG_GLOBAL"] != os.environ["GIT_CONFIG_GLOBAL"]
        assert env["GIT_CONFIG_SYSTEM"] == env["GIT_CONFIG_GLOBAL"]
        assert ("core.hooksPath", "/dev/null") in [
            (env[f"GIT_CONFIG_KEY_{i}"], env[f"GIT_CONFIG_VALUE_{i}"])
            for i in range(int(env["GIT_CONFIG_COUNT"]))
        ]
    # the token travels only to the commands that talk to the server
    with_token = [e for e in envs if any(token in v or "Authorization" in v for v in e.values())]
    assert 0 < len(with_token) < len(envs)


def test_a_planted_global_config_runs_no_hooks(gh, tmp_path, hostile_host):
    _, sha, pushed, _ = publish(gh, "octo/full", tmp_path / "work")

    assert sha == pushed  # committed and pushed as usual
    assert sorted(p.name for p in hostile_host.iterdir() if not p.name.startswith("git-")) == []


def test_the_worker_pushes_only_codebegen_branches(gh, tmp_path):
    with pytest.raises(GitError, match="not a codebegen branch"):
        publish(gh, "octo/full", tmp_path, branch="main")
    assert gh.repo("octo/full").log("main")[0].message.strip() == "Initial commit"


def test_the_refinement_commit_runs_no_hooks_either(tmp_path, hostile_host):
    project = tmp_path / "work" / "project"
    project.mkdir(parents=True)
    repo = Repo(project, author=(AUTHOR.name, AUTHOR.email))
    repo.git("init", "--quiet")
    (project / "a.txt").write_text("a\n")
    repo.git("add", "a.txt")
    repo.git("commit", "--quiet", "-m", "one", env=_identity())
    assert repo.git("log", "--format=%s") == "one\n"
    assert [p for p in hostile_host.iterdir() if not p.name.startswith("git-")] == []


def _identity() -> dict[str, str]:
    author = GitAuthor("t", "t@example.invalid")
    return {
        "GIT_AUTHOR_NAME": author.name,
        "GIT_AUTHOR_EMAIL": author.email,
        "GIT_COMMITTER_NAME": author.name,
        "GIT_COMMITTER_EMAIL": author.email,
    }
