"""Git over HTTPS for the jobs: clone or init, commit a file tree, push. I/O: git processes, disk.

Implements `worker.ports.GitPort` with the git command line. Every git process gets an
environment built for it (`pipeline.gitenv`): a fresh empty HOME, empty global and system config,
hooks and fsmonitor off, and only PATH, proxy/CA settings and LANG from the worker's own
environment, so the worker's secrets (App key, webhook secret, model key) and git's trace
variables never reach git or anything it might start. (GitPython is not used to run commands: it
merges `os.environ` into every subprocess.) The installation token reaches git only through that
environment, as an `http.extraHeader` set with `GIT_CONFIG_COUNT/KEY/VALUE`
(https://git-scm.com/docs/git-config#ENVIRONMENT): never in a remote URL (which git writes into
`.git/config` and `ps` shows), never in argv. Errors are re-raised with secrets masked.

Pushes go to codebegen's own branches (`codebegen/issue-…`) only, plus the first commit of an
empty repository's default branch that `checkout` made itself.

An empty repository (no commits yet, the common case for a new backend) gets an initial empty
commit on its default branch first, because a pull request needs a base branch to merge into.
"""

from __future__ import annotations

import base64
import re
import subprocess  # noqa: S404  (runs git with fixed arguments, no shell)
from pathlib import Path

from pipeline.gitenv import config_env, git_environment
from pipeline.merge import git_executable
from pipeline.refine import GENERATED_TRAILER
from pipeline.refine.repo import Repo as LocalRepo
from worker.payloads import BRANCH_PREFIX
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


class GitError(Exception):
    """A git command failed for good (auth refused, a broken repository)."""


def token_env(token: str) -> dict[str, str]:
    """Environment that makes git send the token as HTTP Basic auth, and never prompt."""
    basic = base64.b64encode(f"x-access-token:{token}".encode()).decode()
    return {
        **config_env([("http.extraHeader", f"Authorization: Basic {basic}")]),
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


def _run(path: Path, *args: str, env: dict[str, str] | None = None) -> str:
    """`git ARGS` in `path` with a built environment (see the module docstring)."""
    with git_environment(env) as full_env:
        try:
            proc = subprocess.run(  # noqa: S603  (git with fixed arguments)
                [git_executable(), *args],
                cwd=path,
                env=full_env,
                capture_output=True,
                timeout=TIMEOUT_S,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise TransientError(f"git {args[0]} timed out after {TIMEOUT_S} s") from None
    stderr = proc.stderr.decode("utf-8", errors="replace")
    if proc.returncode != 0:
        message = redact(f"git {args[0]} failed ({proc.returncode}): {stderr.strip()}")
        if _TRANSIENT.search(stderr):
            raise TransientError(message)
        raise GitError(message)
    return proc.stdout.decode("utf-8", errors="replace").strip()


def _remote_refs(repo: Path, env: dict[str, str]) -> tuple[dict[str, str], str | None]:
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
        repo = path = workdir / "repo"
        path.mkdir(parents=True, exist_ok=True)
        _run(path, "init", "--quiet", f"--initial-branch={base_branch}")
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
        repo = root
        _run(repo, "add", "--all")
        if not _run(repo, "status", "--porcelain", "--untracked-files=no"):
            return None
        _run(repo, "commit", "--quiet", "-m", message, env=author_env(author))
        return _run(repo, "rev-parse", "HEAD")

    def push(self, checkout: Checkout, *, token: str) -> str:
        if not checkout.branch.startswith(BRANCH_PREFIX):
            raise GitError(f"refusing to push {checkout.branch!r}: not a codebegen branch")
        repo = checkout.path
        refspecs = [f"HEAD:refs/heads/{checkout.branch}"]
        if checkout.base_created:
            refspecs.insert(
                0, f"refs/heads/{checkout.base_branch}:refs/heads/{checkout.base_branch}"
            )
        _run(repo, "push", "--porcelain", "origin", *refspecs, env=token_env(token))
        return _run(repo, "rev-parse", "HEAD")

    def fetch(self, checkout: Checkout, ref: str, *, token: str) -> str | None:
        repo, env = checkout.path, token_env(token)
        if not _run(repo, "ls-remote", "origin", ref, env=env):
            return None
        _run(repo, "fetch", "--no-tags", "origin", ref, env=env)
        return _run(repo, "rev-parse", "FETCH_HEAD")

    def files_at(self, checkout: Checkout, rev: str) -> dict[str, str]:
        return LocalRepo(checkout.path).read_tree(rev).text  # binary files are left out

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
        for record in _run(checkout.path, *args, "--").split("\x1e"):
            if not record.strip():
                continue
            sha, parents, message = record.lstrip("\n").split("\0", 2)
            commits.append(GeneratedCommit(sha, parents.split()[0] if parents else None, message))
        return commits
