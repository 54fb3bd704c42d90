"""Git over HTTPS for the jobs: clone or init, commit a file tree, push. I/O: git processes, disk.

Implements `worker.ports.GitPort` with gitpython. The installation token reaches git only through
the environment of each git process, as an `http.extraHeader` set with
`GIT_CONFIG_COUNT/KEY/VALUE` (https://git-scm.com/docs/git-config#ENVIRONMENT): never in a remote
URL (which git writes into `.git/config` and `ps` shows), never in argv, and git's tracing
variables are removed so it cannot print the header. Errors are re-raised with secrets masked.

An empty repository (no commits yet, the common case for a new backend) gets an initial empty
commit on its default branch first, because a pull request needs a base branch to merge into.
"""

from __future__ import annotations

import base64
import os
import re
from pathlib import Path

from git import Repo
from git.exc import GitCommandError

from pipeline.refine import GENERATED_TRAILER
from worker.ports import Checkout, GeneratedCommit, GitAuthor, TransientError
from worker.redact import redact

TIMEOUT_S = 180  # one git command (clone of a big repository over a slow link)
INITIAL_MESSAGE = "Initialize repository"

# Failures worth retrying: the server or the network, or a branch that moved under us (a re-run
# fetches the new tip and commits on top of it).
_TRANSIENT = re.compile(
    r"(?i)could not resolve host|connection (refused|reset|timed out)|timed out|"
    r"the remote end hung up|rpc failed|http[/ ]?\S* 5\d\d|error: 5\d\d|"
    r"returned error: 5\d\d|non-fast-forward|fetch first|stale info|failed to push some refs"
)
_GIT_DEBUG_VARS = ("GIT_TRACE", "GIT_TRACE_CURL", "GIT_CURL_VERBOSE", "GIT_TRACE_PACKET")


class GitError(Exception):
    """A git command failed for good (auth refused, a broken repository)."""


def token_env(token: str) -> dict[str, str]:
    """Environment that makes git send the token as HTTP Basic auth, and never prompt."""
    basic = base64.b64encode(f"x-access-token:{token}".encode()).decode()
    return {
        "GIT_CONFIG_COUNT": "2",
        "GIT_CONFIG_KEY_0": "http.extraHeader",
        "GIT_CONFIG_VALUE_0": f"Authorization: Basic {basic}",
        "GIT_CONFIG_KEY_1": "credential.helper",  # no helper may store or offer credentials
        "GIT_CONFIG_VALUE_1": "",
        "GIT_TERMINAL_PROMPT": "0",
        "GIT_ASKPASS": "true",
    }


def author_env(author: GitAuthor) -> dict[str, str]:
    return {
        "GIT_AUTHOR_NAME": author.name,
        "GIT_AUTHOR_EMAIL": author.email,
        "GIT_COMMITTER_NAME": author.name,
        "GIT_COMMITTER_EMAIL": author.email,
    }


def _base_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _GIT_DEBUG_VARS}
    env.pop("GIT_CONFIG_PARAMETERS", None)
    env["GIT_CONFIG_NOSYSTEM"] = "1"  # a host's system config cannot add helpers or hooks
    env["LC_ALL"] = "C"  # error classification reads English messages
    return env


def _run(repo: Repo, *args: str, env: dict[str, str] | None = None) -> str:
    try:
        out = repo.git.execute(
            ["git", *args],
            env={**_base_env(), **(env or {})},
            kill_after_timeout=TIMEOUT_S,
            with_extended_output=False,
        )
    except GitCommandError as exc:
        message = redact(f"git {args[0]} failed ({exc.status}): {exc.stderr.strip()}")
        if _TRANSIENT.search(str(exc.stderr)):
            raise TransientError(message) from None
        raise GitError(message) from None
    return str(out)


def _remote_refs(repo: Repo, env: dict[str, str]) -> tuple[dict[str, str], str | None]:
    """Branches on origin (name -> sha) and the branch HEAD points to (None when empty)."""
    out = _run(repo, "ls-remote", "--symref", "origin", env=env)
    branches: dict[str, str] = {}
    head = None
    for line in out.splitlines():
        left, _, ref = line.partition("\t")
        if left.startswith("ref: ") and ref == "HEAD":
            head = left[len("ref: ") :].removeprefix("refs/heads/")
        elif ref.startswith("refs/heads/"):
            branches[ref.removeprefix("refs/heads/")] = left
    return branches, head


class GitOps:
    """`worker.ports.GitPort` with the git command line (through gitpython)."""

    def checkout(
        self,
        clone_url: str,
        *,
        token: str,
        branch: str,
        base_branch: str,
        workdir: Path,
        author: GitAuthor,
    ) -> Checkout:
        path = workdir / "repo"
        repo = Repo.init(path, initial_branch=base_branch)
        env = token_env(token)
        _run(repo, "remote", "add", "origin", clone_url)
        branches, head = _remote_refs(repo, env)
        if not branches:
            _run(repo, "commit", "--allow-empty", "-m", INITIAL_MESSAGE, env=author_env(author))
            _run(repo, "checkout", "-b", branch)
            return Checkout(path, branch, base_branch, branch_existed=False, base_created=True)
        if base_branch not in branches:
            base_branch = head if head in branches else sorted(branches)[0]
        existed = branch in branches
        start = branch if existed else base_branch
        _run(repo, "fetch", "--no-tags", "origin", f"refs/heads/{start}", env=env)
        _run(repo, "checkout", "-B", branch, "FETCH_HEAD")
        return Checkout(path, branch, base_branch, branch_existed=existed, base_created=False)

    def commit_tree(
        self, checkout: Checkout, files: dict[str, str], *, message: str, author: GitAuthor
    ) -> str | None:
        root = checkout.path.resolve()
        for name, text in files.items():
            target = (root / name).resolve()
            if root not in target.parents or target.parts[len(root.parts)] == ".git":
                raise GitError(f"refusing to write outside the working tree: {name!r}")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8", newline="")
        repo = Repo(root)
        _run(repo, "add", "--all")
        if not _run(repo, "status", "--porcelain", "--untracked-files=no"):
            return None
        _run(repo, "commit", "--quiet", "-m", message, env=author_env(author))
        return _run(repo, "rev-parse", "HEAD")

    def push(self, checkout: Checkout, *, token: str) -> str:
        repo = Repo(checkout.path)
        refspecs = [f"HEAD:refs/heads/{checkout.branch}"]
        if checkout.base_created:
            refspecs.insert(
                0, f"refs/heads/{checkout.base_branch}:refs/heads/{checkout.base_branch}"
            )
        _run(repo, "push", "--porcelain", "origin", *refspecs, env=token_env(token))
        return _run(repo, "rev-parse", "HEAD")

    def fetch(self, checkout: Checkout, ref: str, *, token: str) -> str | None:
        repo, env = Repo(checkout.path), token_env(token)
        if not _run(repo, "ls-remote", "origin", ref, env=env):
            return None
        _run(repo, "fetch", "--no-tags", "origin", ref, env=env)
        return _run(repo, "rev-parse", "FETCH_HEAD")

    def files_at(self, checkout: Checkout, rev: str) -> dict[str, str]:
        files: dict[str, str] = {}
        for item in Repo(checkout.path).commit(rev).tree.traverse():
            if item.type == "blob":  # type: ignore[union-attr]
                data = item.data_stream.read()  # type: ignore[union-attr]
                try:
                    files[str(item.path)] = data.decode("utf-8")  # type: ignore[union-attr]
                except UnicodeDecodeError:
                    continue  # binary: not part of a text dataset
        return files

    def generated_commits(
        self, checkout: Checkout, rev: str, *, exclude: str | None = None
    ) -> list[GeneratedCommit]:
        # One `git log`: sha, parents and raw message per commit, NUL-separated fields and
        # RS-separated records (messages may hold newlines but not these control characters).
        args = ["log", "--reverse", "--topo-order", "--fixed-strings"]
        args += [f"--grep={GENERATED_TRAILER}", "--format=%H%x00%P%x00%B%x1e", rev]
        if exclude:
            args.append(f"^{exclude}")
        commits = []
        for record in _run(Repo(checkout.path), *args, "--").split("\x1e"):
            if not record.strip():
                continue
            sha, parents, message = record.lstrip("\n").split("\0", 2)
            commits.append(GeneratedCommit(sha, parents.split()[0] if parents else None, message))
        return commits
