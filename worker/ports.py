"""What the jobs need from the outside world, as Protocols. No I/O.

Imports go `bot -> worker -> pipeline`: the worker never imports the bot. The bot implements
these (bot/github.py with githubkit, bot/gitops.py with gitpython) and installs them in
`worker.context` when a worker process starts; tests install the same implementations pointed at
the local GitHub stand-in. The value types are plain, tolerant views of GitHub's objects: only
the fields the jobs read.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol


class TransientError(Exception):
    """Worth retrying: GitHub 5xx, a secondary rate limit, a dropped connection, a busy lock.

    `retry_after` is the wait the other side asked for (seconds), when it said.
    """

    def __init__(self, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class GitHubError(Exception):
    """GitHub refused a request for good (4xx other than rate limits): retrying will not help."""

    def __init__(self, message: str, *, status: int) -> None:
        super().__init__(message)
        self.status = status


# --- values ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Repo:
    full_name: str
    default_branch: str
    clone_url: str
    html_url: str


@dataclass(frozen=True)
class Issue:
    number: int
    title: str
    body: str
    author: str
    author_association: str  # OWNER, MEMBER, COLLABORATOR, CONTRIBUTOR, NONE, ...
    state: str  # open | closed
    is_pull_request: bool
    html_url: str
    labels: tuple[str, ...] = ()


@dataclass(frozen=True)
class Comment:
    id: int
    body: str
    author: str
    author_is_bot: bool
    html_url: str


@dataclass(frozen=True)
class Pull:
    number: int
    html_url: str
    head_ref: str
    head_sha: str
    base_ref: str
    state: str  # open | closed
    draft: bool
    body: str = ""
    merged: bool = False
    merge_sha: str = ""  # the merge commit, once merged
    head_repo: str = ""  # "owner/name" the head branch lives in ("" when that fork is gone)
    base_repo: str = ""  # "owner/name" the PR merges into


@dataclass(frozen=True)
class Review:
    id: int
    body: str
    commit_id: str
    author: str


@dataclass(frozen=True)
class ReviewComment:
    """One inline comment of a review, on `line` (and from `start_line`) of the new file."""

    path: str
    line: int
    body: str
    start_line: int | None = None


@dataclass(frozen=True)
class Annotation:
    path: str
    start_line: int
    end_line: int
    level: str  # notice | warning | failure
    message: str
    title: str = ""


@dataclass(frozen=True)
class CheckOutput:
    title: str
    summary: str  # markdown, at most 65535 characters
    text: str = ""
    annotations: tuple[Annotation, ...] = ()


@dataclass(frozen=True)
class CheckRun:
    id: int
    name: str
    head_sha: str
    status: str  # queued | in_progress | completed
    conclusion: str | None


@dataclass(frozen=True)
class GitAuthor:
    name: str
    email: str


@dataclass(frozen=True)
class Checkout:
    """A local working copy on `branch`, made by `GitPort.checkout`."""

    path: Path
    branch: str
    base_branch: str
    branch_existed: bool  # the branch was already on the remote (a re-run)
    base_created: bool  # the repository was empty: a first commit was made on `base_branch`


@dataclass(frozen=True)
class GeneratedCommit:
    """A commit whose tree codebegen generated (it carries `pipeline.refine.GENERATED_TRAILER`)."""

    sha: str
    parent: str | None  # its first parent: for a refinement, the generated tree it started from
    message: str  # the full message, trailer included


# --- ports -------------------------------------------------------------------------------


class GitHubPort(Protocol):
    """GitHub as one installation of the App sees it. Methods raise TransientError/GitHubError."""

    def token(self) -> str:
        """The installation token, for git over HTTPS. Never log or store it."""
        ...

    def repo(self, repo: str) -> Repo: ...

    def issue(self, repo: str, number: int) -> Issue: ...

    def file_text(self, repo: str, path: str, *, ref: str | None = None) -> str | None:
        """A text file at `ref` (the default branch when None); None when there is no such file."""
        ...

    def permission(self, repo: str, login: str) -> str:
        """The user's permission on the repository: admin, maintain, write, triage, read, none."""
        ...

    def comments(self, repo: str, number: int) -> list[Comment]: ...

    def create_comment(self, repo: str, number: int, body: str) -> Comment: ...

    def update_comment(self, repo: str, comment_id: int, body: str) -> Comment: ...

    def react(self, repo: str, number: int, content: str) -> None:
        """Add a reaction to an issue or PR; reacting twice is harmless (GitHub answers 200)."""
        ...

    def react_to_comment(self, repo: str, comment_id: int, content: str) -> None:
        """Add a reaction to an issue or PR comment."""
        ...

    def pull(self, repo: str, number: int) -> Pull: ...

    def find_pull(self, repo: str, head_branch: str) -> Pull | None:
        """The PR (open or closed) whose head is `head_branch` in the same repository."""
        ...

    def create_pull(
        self, repo: str, *, title: str, head: str, base: str, body: str, draft: bool
    ) -> Pull: ...

    def update_pull(self, repo: str, number: int, *, title: str, body: str) -> Pull: ...

    def reviews(self, repo: str, number: int) -> list[Review]: ...

    def review_comments(self, repo: str, number: int) -> list[ReviewComment]:
        """The inline comments of every review on the PR."""
        ...

    def create_review(
        self,
        repo: str,
        number: int,
        *,
        commit_id: str,
        body: str,
        comments: list[ReviewComment],
    ) -> Review: ...

    def find_check_run(self, repo: str, head_sha: str, name: str) -> CheckRun | None: ...

    def create_check_run(
        self,
        repo: str,
        *,
        name: str,
        head_sha: str,
        conclusion: str | None,
        output: CheckOutput,
        details_url: str | None = None,
    ) -> CheckRun:
        """conclusion None: the run is created in_progress; otherwise completed with it."""
        ...

    def update_check_run(
        self, repo: str, check_run_id: int, *, conclusion: str, output: CheckOutput
    ) -> CheckRun: ...


class GitHubProvider(Protocol):
    def for_installation(self, installation_id: int | None, *, repo: str) -> GitHubPort:
        """A client for the installation; with None, the repository's installation is looked up."""
        ...


class GitPort(Protocol):
    """Git over HTTPS with a token given per call (never stored in the working copy)."""

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
        """Clone (or init, for an empty repository) into `workdir` and check out `branch`.

        The branch is the remote's when it exists, else new from `base_branch`. An empty
        repository first gets an initial commit on `base_branch` (a PR needs a base).
        """
        ...

    def commit_tree(
        self, checkout: Checkout, files: dict[str, str], *, message: str, author: GitAuthor
    ) -> str | None:
        """Write `files` over the working copy and commit; the new sha, or None if unchanged."""
        ...

    def push(self, checkout: Checkout, *, token: str) -> str:
        """Push the branch (and a base branch made by `checkout`); returns the branch's sha."""
        ...

    def fetch(self, checkout: Checkout, ref: str, *, token: str) -> str | None:
        """Fetch `ref` from origin (e.g. `refs/pull/7/head`); its sha, or None when origin has none."""
        ...

    def files_at(self, checkout: Checkout, rev: str) -> dict[str, str]:
        """The text files of commit `rev` (path -> content); binary files are left out."""
        ...

    def generated_commits(
        self, checkout: Checkout, rev: str, *, exclude: str | None = None
    ) -> list[GeneratedCommit]:
        """The generated commits reachable from `rev` but not from `exclude`, oldest first."""
        ...
