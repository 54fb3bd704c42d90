"""bot/gitops.py: real git over HTTP against the stand-in's repositories, token via env only."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.github import GitHubApp
from bot.gitops import GitError, GitOps, token_env
from bot.standin import gitrepo
from tests.standin.fixtures import GITHUB_APP_ID
from worker.ports import GitAuthor, TransientError

AUTHOR = GitAuthor("codebegen[bot]", "codebegen[bot]@users.noreply.github.com")
FILES = {"app/main.py": "app = 1\n", "README.md": "# api\n"}


@pytest.fixture
def gh(github_standin):
    github_standin.create_repo("octo/empty")
    github_standin.create_repo("octo/full", empty=False, files={"README.md": "# hello\n"})
    return github_standin


def publish(gh, repo: str, tmp: Path, files=FILES, branch: str = "codebegen/issue-1-api"):
    git = GitOps()
    token = gh.create_token(repo)
    checkout = git.checkout(
        gh.clone_url(repo),
        token=token,
        branch=branch,
        base_branch="main",
        workdir=tmp,
        author=AUTHOR,
    )
    sha = git.commit_tree(checkout, files, message="Generate API from #1", author=AUTHOR)
    pushed = git.push(checkout, token=token)
    return checkout, sha, pushed, token


def test_an_empty_repository_gets_a_first_commit_and_the_branch_on_top(gh, tmp_path):
    checkout, sha, pushed, _ = publish(gh, "octo/empty", tmp_path)

    path = gh.repo("octo/empty").path
    assert checkout.base_created and not checkout.branch_existed
    assert sha == pushed == gitrepo.rev_parse(path, "codebegen/issue-1-api")
    assert gitrepo.git_out(path, "log", "--format=%s", "main") == "Initialize repository"
    assert sorted(gitrepo.list_tree(path, "codebegen/issue-1-api")) == ["README.md", "app/main.py"]
    assert gitrepo.commit_info(path, sha).author_name == AUTHOR.name


def test_a_repository_with_commits_gets_a_branch_from_its_default_branch(gh, tmp_path):
    checkout, _, _, _ = publish(gh, "octo/full", tmp_path, files={"app/main.py": "app = 1\n"})

    path = gh.repo("octo/full").path
    assert not checkout.base_created
    assert sorted(gitrepo.list_tree(path, "codebegen/issue-1-api")) == ["README.md", "app/main.py"]


def test_publishing_the_same_files_again_makes_no_new_commit(gh, tmp_path):
    _, first, _, _ = publish(gh, "octo/full", tmp_path / "1")
    checkout, again, pushed, _ = publish(gh, "octo/full", tmp_path / "2")

    assert checkout.branch_existed
    assert again is None and pushed == first


def test_the_token_stays_out_of_git_config_and_remote_urls(gh, tmp_path):
    checkout, _, _, token = publish(gh, "octo/empty", tmp_path)

    config = (checkout.path / ".git" / "config").read_text()
    assert token not in config and "x-access-token" not in config
    assert f"url = {gh.clone_url('octo/empty')}" in config


def checkout_full(gh, tmp_path: Path):
    """A checkout of branch `b` of octo/full (a repository with commits)."""
    return GitOps().checkout(
        gh.clone_url("octo/full"),
        token=gh.create_token("octo/full"),
        branch="b",
        base_branch="main",
        workdir=tmp_path,
        author=AUTHOR,
    )


def test_without_the_token_the_push_is_refused(gh, tmp_path):
    git = GitOps()
    checkout = checkout_full(gh, tmp_path)
    git.commit_tree(checkout, FILES, message="m", author=AUTHOR)
    with pytest.raises(GitError) as info:
        git.push(checkout, token="ghs_" + "x" * 36)
    assert "ghs_" not in str(info.value)


def test_a_server_error_is_transient(gh, tmp_path):
    gh.fail_next("POST", "/octo/full.git/git-upload-pack", status=503)
    with pytest.raises(TransientError):
        checkout_full(gh, tmp_path)


def test_files_outside_the_working_tree_are_refused(gh, tmp_path):
    git = GitOps()
    checkout = checkout_full(gh, tmp_path)
    for name in ("../escape.py", ".git/config", "/etc/passwd"):
        with pytest.raises(GitError):
            git.commit_tree(checkout, {name: "x"}, message="m", author=AUTHOR)


def test_a_pull_requests_head_stays_fetchable_after_its_branch_is_deleted(
    gh, github_app_key, tmp_path
):
    checkout, sha, _, token = publish(gh, "octo/full", tmp_path / "pr")
    app = GitHubApp(app_id=GITHUB_APP_ID, private_key=github_app_key.private_pem,
                    base_url=gh.api_url)  # fmt: skip
    pull = app.for_installation(None, repo="octo/full").create_pull(
        "octo/full", title="t", head="codebegen/issue-1-api", base="main", body="", draft=False
    )
    path = gh.repo("octo/full").path
    gitrepo.git(path, "update-ref", "-d", "refs/heads/codebegen/issue-1-api")  # deleted on merge

    later = GitOps().checkout(gh.clone_url("octo/full"), token=token, branch="main",
                              base_branch="main", workdir=tmp_path / "later", author=AUTHOR)  # fmt: skip
    assert GitOps().fetch(later, f"refs/pull/{pull.number}/head", token=token) == sha
    assert GitOps().files_at(later, sha)["app/main.py"] == FILES["app/main.py"]
    assert GitOps().fetch(later, "refs/pull/999/head", token=token) is None


def test_token_env_sends_basic_auth_and_disables_prompts_and_helpers():
    env = token_env("ghs_abc")
    config = dict(
        (env[f"GIT_CONFIG_KEY_{i}"], env[f"GIT_CONFIG_VALUE_{i}"])
        for i in range(int(env["GIT_CONFIG_COUNT"]))
    )
    assert config["http.extraHeader"].startswith("Authorization: Basic ")
    assert env["GIT_TERMINAL_PROMPT"] == "0"
    assert config["credential.helper"] == ""
    assert config["core.hooksPath"] == "/dev/null"  # the safe config stays in with the token
