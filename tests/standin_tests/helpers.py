from __future__ import annotations

import base64
import os
import subprocess
from pathlib import Path

from githubkit.compat import type_validate_python


def validate(model, data):  # noqa: ANN001, ANN201
    """Strict check against githubkit's own model (what ``parsed_data`` does lazily)."""
    return type_validate_python(model, data)


def git_env(token: str | None = None, *, scheme: str = "basic") -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        GIT_TERMINAL_PROMPT="0",
        GIT_CONFIG_NOSYSTEM="1",
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_AUTHOR_NAME="codebegen[bot]",
        GIT_AUTHOR_EMAIL="bot@example.invalid",
        GIT_COMMITTER_NAME="codebegen[bot]",
        GIT_COMMITTER_EMAIL="bot@example.invalid",
    )
    if token is not None:
        if scheme == "basic":
            value = "Basic " + base64.b64encode(f"x-access-token:{token}".encode()).decode()
        else:
            value = f"Bearer {token}"
        env.update(
            GIT_CONFIG_COUNT="1",
            GIT_CONFIG_KEY_0="http.extraHeader",
            GIT_CONFIG_VALUE_0=f"Authorization: {value}",
        )
    return env


def git(
    cwd: Path, *args: str, env: dict[str, str], check: bool = True
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=check
    )


def push_files(
    clone_url: str,
    workdir: Path,
    token: str,
    branch: str,
    files: dict[str, str],
    *,
    base: str | None = None,
    message: str = "commit",
) -> str:
    """Clone (possibly empty) repo, commit ``files`` on ``branch`` (from ``base`` if given), push."""
    env = git_env(token)
    if not (workdir / ".git").exists():
        git(workdir.parent, "clone", "--quiet", clone_url, workdir.name, env=env)
    if base:
        git(workdir, "fetch", "--quiet", "origin", env=env)
        git(workdir, "checkout", "--quiet", "-B", branch, f"origin/{base}", env=env)
    else:
        git(workdir, "checkout", "--quiet", "-B", branch, env=env)
    for path, content in files.items():
        target = workdir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content)
    git(workdir, "add", "-A", env=env)
    git(workdir, "commit", "--quiet", "-m", message, env=env)
    git(workdir, "push", "--quiet", "origin", f"HEAD:refs/heads/{branch}", env=env)
    return git(workdir, "rev-parse", "HEAD", env=env).stdout.strip()
