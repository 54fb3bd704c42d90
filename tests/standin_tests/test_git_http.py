"""Clone and push over git's smart-HTTP (git http-backend) with installation tokens."""

from __future__ import annotations

import os
import stat

from .helpers import git, git_env, push_files


def test_clone_empty_and_push_with_token(gh, tmp_path):  # noqa: ANN001
    token = gh.create_token("octo/blog")
    sha = push_files(
        gh.clone_url("octo/blog"), tmp_path / "w", token, "main", {"README.md": "# blog\n"}
    )
    repo = gh.repo("octo/blog")
    assert repo.branches == {"main": sha}
    assert repo.read("main", "README.md") == "# blog\n"
    assert repo.log("main")[0].author_name == "codebegen[bot]"
    (push,) = repo.pushes
    assert push["ref"] == "refs/heads/main" and push["before"] is None and push["after"] == sha

    # a fresh clone sees it; Bearer works as well as Basic
    env = git_env(token, scheme="bearer")
    git(tmp_path, "clone", "--quiet", gh.clone_url("octo/blog"), "again", env=env)
    assert (tmp_path / "again" / "README.md").read_text() == "# blog\n"


def test_no_token_or_wrong_token_is_refused(gh, tmp_path):  # noqa: ANN001
    token = gh.create_token("octo/blog")
    push_files(gh.clone_url("octo/blog"), tmp_path / "w", token, "main", {"a": "1\n"})
    url = gh.clone_url("octo/blog")

    anon = git(tmp_path, "clone", "--quiet", url, "anon", env=git_env(None), check=False)
    assert anon.returncode != 0  # private repo: 401, and no prompt
    wrong = git(
        tmp_path, "clone", "--quiet", url, "wrong", env=git_env("ghs_" + "x" * 36), check=False
    )
    assert wrong.returncode != 0

    # push with a wrong token
    wd = tmp_path / "w"
    (wd / "b").write_text("2\n")
    env = git_env(token)
    git(wd, "add", "-A", env=env)
    git(wd, "commit", "-qm", "b", env=env)
    bad = git(
        wd, "push", "origin", "HEAD:refs/heads/evil", env=git_env("ghs_" + "y" * 36), check=False
    )
    assert bad.returncode != 0
    gh.expire_tokens()
    expired = git(wd, "push", "origin", "HEAD:refs/heads/evil", env=env, check=False)
    assert expired.returncode != 0
    assert "evil" not in gh.repo("octo/blog").branches
    statuses = [r.status for r in gh.requests(path="/octo/blog.git/*")]
    assert 401 in statuses


def test_public_repo_anonymous_clone_but_no_push(gh, tmp_path):  # noqa: ANN001
    gh.create_repo("octo/open", empty=False, private=False)
    url = gh.clone_url("octo/open")
    git(tmp_path, "clone", "--quiet", url, "o", env=git_env(None))
    wd = tmp_path / "o"
    (wd / "x").write_text("x\n")
    env = git_env(None)
    git(wd, "add", "-A", env=env)
    git(wd, "commit", "-qm", "x", env=env)
    assert git(wd, "push", "origin", "HEAD:main", env=env, check=False).returncode != 0


def test_read_only_token_cannot_push(gh, tmp_path):  # noqa: ANN001
    gh.create_repo("octo/ro", empty=False)
    token = gh.create_token("octo/ro", permissions={"contents": "read", "metadata": "read"})
    env = git_env(token)
    git(tmp_path, "clone", "--quiet", gh.clone_url("octo/ro"), "ro", env=env)
    wd = tmp_path / "ro"
    (wd / "x").write_text("x\n")
    git(wd, "add", "-A", env=env)
    git(wd, "commit", "-qm", "x", env=env)
    assert git(wd, "push", "origin", "HEAD:main", env=env, check=False).returncode != 0


def test_askpass_flow(gh, tmp_path):  # noqa: ANN001
    """GIT_ASKPASS: git first tries without credentials, gets 401 + Basic challenge, asks."""
    token = gh.create_token("octo/blog")
    askpass = tmp_path / "askpass.sh"
    askpass.write_text(
        '#!/bin/sh\ncase "$1" in Username*) echo x-access-token;; *) echo "$GH_TOKEN";; esac\n'
    )
    askpass.chmod(askpass.stat().st_mode | stat.S_IEXEC)
    env = git_env(None)
    env.update(GIT_ASKPASS=str(askpass), GH_TOKEN=token)
    git(tmp_path, "clone", "--quiet", gh.clone_url("octo/blog"), "w", env=env)
    wd = tmp_path / "w"
    (wd / "f").write_text("f\n")
    git(wd, "add", "-A", env=env)
    git(wd, "commit", "-qm", "f", env=env)
    git(wd, "push", "--quiet", "origin", "HEAD:refs/heads/main", env=env)
    assert "main" in gh.repo("octo/blog").branches
    assert token not in (wd / ".git" / "config").read_text()
    assert os.environ.get("GH_TOKEN") != token


def test_workflow_files_need_workflows_permission(gh, tmp_path):  # noqa: ANN001
    token = gh.create_token("octo/blog")
    wd = tmp_path / "w"
    push_files(gh.clone_url("octo/blog"), wd, token, "main", {"README.md": "x\n"})
    (wd / ".github" / "workflows").mkdir(parents=True)
    (wd / ".github" / "workflows" / "ci.yml").write_text("on: push\n")
    env = git_env(token)
    git(wd, "add", "-A", env=env)
    git(wd, "commit", "-qm", "ci", env=env)
    res = git(wd, "push", "origin", "HEAD:refs/heads/ci", env=env, check=False)
    assert res.returncode != 0
    assert "workflows" in res.stderr
    ok_token = gh.create_token(
        "octo/blog", permissions={**gh.app.permissions, "workflows": "write"}
    )
    git(wd, "push", "--quiet", "origin", "HEAD:refs/heads/ci", env=git_env(ok_token))
    assert "ci" in gh.repo("octo/blog").branches
