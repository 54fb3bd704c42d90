"""What the stand-in knows and what the bot did to it: plain dataclasses, inspected by tests."""

from __future__ import annotations

import base64
import itertools
import random
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from . import gitrepo

# One id sequence per process, from a random start: githubkit caches installation tokens
# process-wide by (app id, installation id), so two stand-ins must never reuse an id.
_IDS = itertools.count(random.SystemRandom().randrange(10_000_000, 1_900_000_000, 1000))
_IDS_LOCK = threading.Lock()

PERMISSIONS = ("none", "read", "triage", "write", "maintain", "admin")


def now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def node_id(kind: str, ident: int) -> str:
    return base64.b64encode(f"0{len(kind)}:{kind}{ident}".encode()).decode()


@dataclass
class User:
    login: str
    id: int
    type: str = "User"  # User | Organization | Bot
    name: str | None = None
    email: str | None = None
    site_admin: bool = False
    # permission on every repo unless overridden in repo_permissions ("none" = not a collaborator)
    permission: str = "none"
    repo_permissions: dict[str, str] = field(default_factory=dict)
    member_of: list[str] = field(default_factory=list)  # organizations (author_association MEMBER)

    def permission_on(self, repo: Repo) -> str:
        if self.login.lower() == repo.owner.lower():
            return "admin"
        return self.repo_permissions.get(repo.full_name.lower(), self.permission)


@dataclass
class App:
    id: int
    slug: str
    name: str
    client_id: str
    owner: str
    public_key_pem: str
    permissions: dict[str, str]
    events: list[str]
    created_at: str = field(default_factory=now_iso)

    @property
    def bot_login(self) -> str:
        return f"{self.slug}[bot]"


@dataclass
class Installation:
    id: int
    account: str
    repository_selection: str = "all"  # all | selected
    repositories: list[str] = field(default_factory=list)  # full names when selected
    permissions: dict[str, str] = field(default_factory=dict)
    events: list[str] = field(default_factory=list)
    created_at: str = field(default_factory=now_iso)
    suspended: bool = False

    def covers(self, repo: Repo) -> bool:
        if repo.owner.lower() != self.account.lower():
            return False
        if self.repository_selection == "all":
            return True
        return repo.full_name.lower() in {r.lower() for r in self.repositories}


@dataclass
class Token:
    token: str
    installation_id: int
    expires_at: datetime
    permissions: dict[str, str]
    repositories: list[str] | None  # None: every repo of the installation
    revoked: bool = False

    def valid(self) -> bool:
        return not self.revoked and datetime.now(UTC) < self.expires_at


@dataclass
class Label:
    id: int
    name: str
    color: str = "ededed"
    description: str | None = None
    default: bool = False


@dataclass
class Reaction:
    id: int
    user: str
    content: str
    created_at: str
    subject: str  # "issue" | "issue_comment" | "review_comment"
    subject_id: int  # issue number, or comment id


@dataclass
class Edit:
    body: str | None
    at: str
    by: str


@dataclass
class Comment:
    id: int
    repo: str
    issue_number: int
    user: str
    body: str
    created_at: str
    updated_at: str
    via_app: bool = False
    history: list[Edit] = field(default_factory=list)  # every version, first = as created
    deleted: bool = False


@dataclass
class Issue:
    number: int
    id: int
    repo: str
    title: str
    body: str | None
    user: str
    created_at: str
    updated_at: str
    labels: list[str] = field(default_factory=list)
    assignees: list[str] = field(default_factory=list)
    state: str = "open"
    state_reason: str | None = None
    closed_at: str | None = None
    closed_by: str | None = None
    locked: bool = False
    is_pull: bool = False
    via_app: bool = False
    history: list[Edit] = field(default_factory=list)


@dataclass
class PullRequest:
    number: int
    id: int
    repo: str
    title: str
    body: str | None
    user: str
    head_ref: str
    base_ref: str
    head_sha: str
    base_sha: str
    created_at: str
    updated_at: str
    draft: bool = False
    maintainer_can_modify: bool = False
    state: str = "open"
    closed_at: str | None = None
    merged: bool = False
    merged_at: str | None = None
    merged_by: str | None = None
    merge_commit_sha: str | None = None
    history: list[Edit] = field(default_factory=list)
    head_repo: str | None = None  # a fork's "owner/name" when the head branch lives in a fork


@dataclass
class ReviewComment:
    id: int
    review_id: int
    repo: str
    pull_number: int
    user: str
    path: str
    body: str
    commit_id: str
    diff_hunk: str
    line: int | None
    side: str | None
    start_line: int | None
    start_side: str | None
    position: int | None
    created_at: str
    updated_at: str
    subject_type: str = "line"
    in_reply_to_id: int | None = None


@dataclass
class Review:
    id: int
    repo: str
    pull_number: int
    user: str
    body: str
    state: str  # APPROVED | CHANGES_REQUESTED | COMMENTED | PENDING | DISMISSED
    commit_id: str
    submitted_at: str | None
    comment_ids: list[int] = field(default_factory=list)


@dataclass
class CheckRun:
    id: int
    repo: str
    name: str
    head_sha: str
    status: str
    conclusion: str | None
    started_at: str | None
    completed_at: str | None
    output: dict[str, Any]
    details_url: str | None
    external_id: str | None
    check_suite_id: int
    annotations: list[dict[str, Any]] = field(default_factory=list)
    actions: list[dict[str, Any]] = field(default_factory=list)
    history: list[dict[str, Any]] = field(default_factory=list)  # every request body, in order


@dataclass
class Repo:
    id: int
    owner: str
    name: str
    path: Path  # the bare repository
    default_branch: str
    private: bool
    created_at: str
    description: str | None = None
    pushed_at: str | None = None
    updated_at: str | None = None
    next_number: int = 1
    labels: dict[str, Label] = field(default_factory=dict)
    issues: dict[int, Issue] = field(default_factory=dict)  # PRs are issues too (shared numbers)
    pulls: dict[int, PullRequest] = field(default_factory=dict)
    pushes: list[dict[str, Any]] = field(default_factory=list)

    @property
    def full_name(self) -> str:
        return f"{self.owner}/{self.name}"

    # ---- real git, read-only helpers for tests
    @property
    def branches(self) -> dict[str, str]:
        return gitrepo.branches(self.path)

    def is_empty(self) -> bool:
        return gitrepo.is_empty(self.path)

    def files(self, ref: str) -> list[str]:
        return gitrepo.list_tree(self.path, ref)

    def read(self, ref: str, path: str) -> str | None:
        data = gitrepo.read_blob(self.path, ref, path)
        return None if data is None else data.decode()

    def log(self, ref: str, max_count: int = 100) -> list[gitrepo.CommitInfo]:
        return gitrepo.log(self.path, ref, max_count)

    def sha(self, ref: str) -> str | None:
        return gitrepo.rev_parse(self.path, ref)

    def sync_pull_refs(self) -> None:
        """Point `refs/pull/N/head` at each open PR's head, as GitHub does on every push. The
        ref stays after the PR closes and after its branch is deleted: a squash-merged PR's
        commits remain fetchable from it."""
        for pr in self.pulls.values():
            if pr.head_repo:
                continue  # the head is a fork's branch: its ref is set when the fork pushes
            tip = gitrepo.rev_parse(self.path, f"refs/heads/{pr.head_ref}")
            if pr.state == "open" and tip:
                gitrepo.git(self.path, "update-ref", f"refs/pull/{pr.number}/head", tip)


@dataclass
class RequestRecord:
    method: str
    path: str  # without the /api/v3 prefix for REST; the raw path for git
    query: str
    status: int
    auth: str | None  # "jwt" | "installation" | "basic" | None | "invalid"
    body: Any
    at: float
    injected: bool = False


@dataclass
class Delivery:
    event: str
    action: str | None
    delivery_id: str
    payload: dict[str, Any]
    headers: dict[str, str]
    status: int | None
    response_body: str | None


class State:
    """Everything, behind one lock (server threads and the test thread both touch it)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.lock = threading.RLock()
        self.users: dict[str, User] = {}
        self.app: App | None = None
        self.installations: dict[int, Installation] = {}
        self.tokens: dict[str, Token] = {}
        self.repos: dict[str, Repo] = {}  # lower-case full name -> Repo
        self.comments: dict[int, Comment] = {}
        self.reactions: list[Reaction] = []
        self.reviews: dict[int, Review] = {}
        self.review_comments: dict[int, ReviewComment] = {}
        self.check_runs: dict[int, CheckRun] = {}
        self.requests: list[RequestRecord] = []
        self.deliveries: list[Delivery] = []

    def next_id(self) -> int:
        with _IDS_LOCK:
            return next(_IDS)

    # ---- look-ups
    def repo(self, full_name: str) -> Repo:
        return self.repos[full_name.lower()]

    def user(self, login: str) -> User:
        return self.users[login.lower()]

    def issue(self, repo: str, number: int) -> Issue:
        return self.repo(repo).issues[number]

    def pull(self, repo: str, number: int) -> PullRequest:
        return self.repo(repo).pulls[number]

    def comments_on(self, repo: str, number: int) -> list[Comment]:
        return [
            c
            for c in self.comments.values()
            if c.repo.lower() == repo.lower() and c.issue_number == number and not c.deleted
        ]

    def reactions_on_issue(self, repo: str, number: int) -> list[Reaction]:
        issue = self.issue(repo, number)
        return [r for r in self.reactions if r.subject == "issue" and r.subject_id == issue.id]

    def reactions_on_comment(self, comment_id: int) -> list[Reaction]:
        return [
            r for r in self.reactions if r.subject == "issue_comment" and r.subject_id == comment_id
        ]

    def reviews_on(self, repo: str, number: int) -> list[Review]:
        return [
            r
            for r in self.reviews.values()
            if r.repo.lower() == repo.lower() and r.pull_number == number
        ]

    def review_comments_on(self, repo: str, number: int) -> list[ReviewComment]:
        return [
            c
            for c in self.review_comments.values()
            if c.repo.lower() == repo.lower() and c.pull_number == number
        ]

    def check_runs_for(self, repo: str, sha: str | None = None) -> list[CheckRun]:
        return [
            c
            for c in self.check_runs.values()
            if c.repo.lower() == repo.lower() and (sha is None or c.head_sha == sha)
        ]

    def pulls_in(self, repo: str) -> list[PullRequest]:
        return list(self.repo(repo).pulls.values())
