"""Who may make codebegen act, and which comments are codebegen's own. I/O: GitHub (via the port).

Only people with write access (or more: the repository's `permission` setting) may start a
generation or give a command: anybody can open an issue on a public repository, and a generation
spends compute and pushes a branch. Others get one polite reply (found again by its marker, so
never twice) and nothing else.
"""

from __future__ import annotations

from pipeline.errors import UserError
from worker.context import Context
from worker.ports import Comment, GitHubPort, Issue
from worker.progress import denied_reply, read_marker
from worker.repoconfig import RepoConfig, load_repo_config

# author_association values that imply write access (GitHub's docs: "author_association").
WRITE_ASSOCIATIONS = frozenset({"OWNER", "MEMBER", "COLLABORATOR"})
# Collaborator permission levels (GET /repos/{o}/{r}/collaborators/{u}/permission), least first.
PERMISSION_RANK = {"none": 0, "read": 1, "triage": 2, "write": 3, "maintain": 4, "admin": 5}


def may_act(gh: GitHubPort, repo: str, *, actor: str, issue: Issue, least: str = "write") -> bool:
    """True when `actor` has at least the `least` permission (write, maintain or admin; the
    repository's `permission` setting). For write, the issue's author association answers
    when they wrote it; otherwise the collaborator-permission API does."""
    if (
        least == "write"
        and actor.lower() == issue.author.lower()
        and issue.author_association in WRITE_ASSOCIATIONS
    ):
        return True
    return PERMISSION_RANK.get(gh.permission(repo, actor), 0) >= PERMISSION_RANK[least]


def admit(
    gh: GitHubPort,
    repo: str,
    issue: Issue,
    *,
    actor: str,
    ours: list[Comment],
    on_pull: bool = False,
) -> tuple[RepoConfig, UserError | None] | str:
    """The repository's settings (and the error in its settings file, if any) when `actor` may
    act under them; otherwise the refusal, posted once, as the job's outcome. A broken file is
    judged at the default level, so only people who may act learn what is wrong with it."""
    config, error = load_repo_config(gh, repo)
    least = config.permission
    if not may_act(gh, repo, actor=actor, issue=issue, least=least):
        return deny_once(
            gh, repo, issue.number, actor=actor, ours=ours, on_pull=on_pull, least=least
        )
    return config, error


def is_ours(ctx: Context, comment: Comment) -> bool:
    """A comment codebegen wrote: by the App's bot user (any bot when its login is not known)."""
    if ctx.bot_login:
        return comment.author.lower() == ctx.bot_login.lower()
    return comment.author_is_bot


def deny_once(
    gh: GitHubPort,
    repo: str,
    issue_number: int,
    *,
    actor: str,
    ours: list[Comment],
    on_pull: bool = False,
    least: str = "write",
) -> str:
    """Post the polite refusal unless one is already there (worded for a PR comment or an issue)."""
    if any(read_marker(c.body, "denied") is not None for c in ours):
        return "denied"
    reply = denied_reply(issue_number, actor, on_pull=on_pull, least=least)
    gh.create_comment(repo, issue_number, reply)
    return "denied"
