"""Who may make codebegen act, and which comments are codebegen's own. I/O: GitHub (via the port).

One decision for every trigger (an issue opened, labelled or edited, a `/codebegen` command on a
pull request): `decide` takes the actor, their permission on the repository (GitHub's
collaborator-permission API, which tells read and triage apart from write) and the repository's
`permission` setting (write by default; maintain or admin in `.github/codebegen.yml`). Bots,
the App itself included, never trigger. An issue's `author_association` is not used: GitHub
marks read and triage collaborators `COLLABORATOR` and every organization member `MEMBER`.

Anybody can open an issue on a public repository, and a generation spends compute and pushes a
branch, so everyone else gets one polite reply (found again by its marker, so never twice) and
nothing else.
"""

from __future__ import annotations

from enum import Enum

from pipeline.errors import UserError
from worker.approval import is_bot_login
from worker.context import Context
from worker.payloads import BRANCH_PREFIX
from worker.ports import Comment, GitHubPort, Issue, Pull
from worker.progress import denied_reply, marker, read_marker
from worker.repoconfig import RepoConfig, load_repo_config

# Collaborator permission levels (GET /repos/{o}/{r}/collaborators/{u}/permission), least first.
PERMISSION_RANK = {"none": 0, "read": 1, "triage": 2, "write": 3, "maintain": 4, "admin": 5}


class Verdict(str, Enum):
    """The outcome of `decide`, named for the logs and the tests."""

    ALLOWED = "allowed"
    BOT = "bot"  # a bot account (the App itself included) never triggers codebegen
    TOO_LOW = "too_low"  # below the repository's `permission` setting (or unknown)


def decide(actor: str, permission: str, *, least: str = "write", bot_login: str = "") -> Verdict:
    """Whether `actor`, holding `permission`, may trigger codebegen where `least` is needed."""
    if not actor or is_bot_login(actor, bot_login=bot_login):
        return Verdict.BOT
    if PERMISSION_RANK.get(permission, 0) < PERMISSION_RANK.get(least, PERMISSION_RANK["admin"]):
        return Verdict.TOO_LOW
    return Verdict.ALLOWED


def may_act(
    gh: GitHubPort, repo: str, *, actor: str, least: str = "write", bot_login: str = ""
) -> bool:
    """True when `actor` may trigger codebegen on `repo` (GitHub is asked only about people)."""
    if decide(actor, "admin", least=least, bot_login=bot_login) is Verdict.BOT:
        return False
    return decide(actor, gh.permission(repo, actor), least=least) is Verdict.ALLOWED


def admit(
    gh: GitHubPort,
    repo: str,
    issue: Issue,
    *,
    actor: str,
    ours: list[Comment],
    on_pull: bool = False,
    bot_login: str = "",
    edit_sha256: str = "",
) -> tuple[RepoConfig, UserError | None] | str:
    """The repository's settings (and the error in its settings file, if any) when `actor` may
    act under them; otherwise the refusal, posted once, as the job's outcome. A broken file is
    judged at the default level, so only people who may act learn what is wrong with it.

    `edit_sha256`: the trigger was an edit, to text with this hash. Refused on an issue that
    codebegen already works on (it has a progress comment), the answer says the edit is not
    built."""
    config, error = load_repo_config(gh, repo)
    least = config.permission
    if not may_act(gh, repo, actor=actor, least=least, bot_login=bot_login):
        if is_bot_login(actor, bot_login=bot_login):
            return "denied: a bot"  # never a reply to a bot: two bots would answer each other
        if edit_sha256 and any(read_marker(c.body, "progress") is not None for c in ours):
            return refuse_edit(
                gh, repo, issue.number, actor=actor, text_sha256=edit_sha256, ours=ours, least=least
            )
        return deny_once(
            gh, repo, issue.number, actor=actor, ours=ours, on_pull=on_pull, least=least
        )
    return config, error


NOT_OURS_REPLY = (
    "codebegen only changes its own pull requests: a branch named `codebegen/issue-…` in this "
    "repository. This one's head is `{head}`, so it will not clone, review or push it. Open an "
    "issue for codebegen to generate a project instead."
)


def is_codebegen_pull(pull: Pull, repo: str) -> bool:
    """A PR that commands may act on: its head is a codebegen branch of `repo` itself (never a
    fork's branch, whatever it is named, and never a branch like the default one)."""
    return (
        pull.head_repo.lower() == repo.lower()
        and pull.base_repo.lower() in ("", repo.lower())
        and pull.head_ref.startswith(BRANCH_PREFIX)
        and pull.head_ref != pull.base_ref
    )


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


def refuse_edit(
    gh: GitHubPort,
    repo: str,
    issue_number: int,
    *,
    actor: str,
    text_sha256: str,
    ours: list[Comment],
    least: str = "write",
) -> str:
    """Answer an edit by someone who may not start codebegen: it is not built. One comment per
    issue, edited in place for each such edit (so edits cannot make codebegen spam the issue)."""
    short = text_sha256[:12]
    body = (
        f"{marker('unapproved', text=short)}\n"
        f"@{actor} edited this issue. codebegen builds only text that someone with {least} "
        "access asked for, so it will not build this version. Someone with that access can "
        "approve it by editing the issue (any change) or by adding the `codebegen` label again."
    )
    found = next((c for c in ours if read_marker(c.body, "unapproved") is not None), None)
    if found is None:
        gh.create_comment(repo, issue_number, body)
    elif found.body != body:
        gh.update_comment(repo, found.id, body)
    return "denied: edit not built"
