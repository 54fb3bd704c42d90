"""The PR conversation: `/codebegen refine | regenerate | review | help` comments on a pull request.

I/O: GitHub through the installed port, git through the installed port and in the clone, the
pipeline (the refinement engine, the validator's sandbox, the reviewer), Redis through
`worker.runner` (the per-PR lock, metrics).

One job per comment (`conversation`), run under the PR's lock, so two refine comments in quick
succession are applied one after the other, each on a fresh clone of the branch as the previous
one left it. Every accepted command gets 👀 on the comment at once, then one reply (found again by
its marker, so a re-run never answers twice). A refinement that conflicts with people's edits is
reported and nothing is pushed. After a push, and for `review`, the reviewer's findings go out as
one review with inline comments (none repeated on a line that already has the same rule), the
validation check run is updated on the new head, and the summary comment is edited in place.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any, Protocol

from pydantic import BaseModel, ConfigDict, Field

from bot.commands import Command, CommandName, parse_command
from pipeline.errors import UserError
from pipeline.refine import OutcomeStatus, RefineOutcome, refine_project, regenerate_project
from pipeline.refine.repo import Repo as LocalRepo
from pipeline.review import Finding, Severity, comment_body, findings_to_markdown, review_project
from pipeline.spec import ProjectSpec
from pipeline.validate import ValidationReport
from worker import access, runner
from worker.context import Context
from worker.ports import (
    Annotation,
    CheckOutput,
    Comment,
    GitHubPort,
    Pull,
    ReviewComment,
)
from worker.progress import check_summary, marker

CHECK_NAME = "codebegen / validation"  # the same check run the generate job creates
SPEC_FILE = "codebegen.yaml"
_RULE = re.compile(r"\*\*([A-Z]+\d+)\*\*")  # the rule code in an inline comment's body


class CommentJob(BaseModel):
    """Arguments of the conversation job: JSON ids, fetched again when the job runs."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    repo: str = Field(pattern=r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")
    installation_id: int | None
    issue_number: int = Field(gt=0)  # the pull request's number
    comment_id: int = Field(gt=0)
    delivery_id: str = Field(min_length=1, max_length=100)
    actor: str  # who wrote the comment


class ConversationPort(GitHubPort, Protocol):
    """What this module needs beyond `GitHubPort` (to be added there and to bot/github.py)."""

    def pull(self, repo: str, number: int) -> Pull: ...

    def react_to_comment(self, repo: str, comment_id: int, content: str) -> None: ...

    def review_comments(self, repo: str, number: int) -> list[ReviewComment]: ...


def conversation(**kwargs: Any) -> str:
    """Answer one `/codebegen` comment on a pull request."""
    job = CommentJob.model_validate(kwargs)
    # runner.run is typed for IssueJob but reads only repo, issue_number and delivery_id.
    return runner.run("conversation", job, _conversation)  # type: ignore[arg-type]


def _conversation(ctx: Context, job: CommentJob) -> str:
    gh: ConversationPort = ctx.github.for_installation(  # type: ignore[assignment]
        job.installation_id, repo=job.repo
    )
    issue = gh.issue(job.repo, job.issue_number)
    if not issue.is_pull_request:
        return "skipped: not a pull request"
    comments = gh.comments(job.repo, job.issue_number)
    comment = next((c for c in comments if c.id == job.comment_id), None)
    if comment is None or comment.author_is_bot or access.is_ours(ctx, comment):
        return "skipped: no person's comment"
    command = parse_command(comment.body)
    if command is None:
        return "skipped: no command"
    ours = [c for c in comments if access.is_ours(ctx, c)]
    if any(_marked(c.body, "reply", comment=comment.id) for c in ours):
        return "skipped: already answered"
    if not access.may_act(gh, job.repo, actor=job.actor, issue=issue):
        return access.deny_once(gh, job.repo, job.issue_number, actor=job.actor, ours=ours)
    gh.react_to_comment(job.repo, comment.id, "eyes")
    if not command.needs_work:
        _reply(gh, job, comment, command.reply)
        return f"answered {command.name.value}"
    pull = gh.pull(job.repo, job.issue_number)
    if pull.state != "open":
        _reply(gh, job, comment, "This pull request is closed; reopen it to change it.")
        return "skipped: closed"
    return _work(ctx, gh, job, comment, command, pull)


def _work(
    ctx: Context,
    gh: ConversationPort,
    job: CommentJob,
    comment: Comment,
    command: Command,
    pull: Pull,
) -> str:
    repo = gh.repo(job.repo)
    ctx.workdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="pr-", dir=ctx.workdir) as tmp:
        checkout = ctx.git.checkout(
            repo.clone_url,
            token=gh.token(),
            branch=pull.head_ref,
            base_branch=pull.base_ref,
            workdir=Path(tmp),
            author=ctx.author,
        )
        if command.name is CommandName.REVIEW:
            findings = _review_tree(checkout.path)
            publish_review(gh, job.repo, pull, pull.head_sha, _files(checkout.path), findings)
            _reply(gh, job, comment, f"Reviewed {pull.head_sha[:7]}: {_tally(findings)}.")
            return "reviewed"
        try:
            outcome = _refine(checkout.path, command, (ctx.author.name, ctx.author.email))
        except UserError as exc:
            _reply(gh, job, comment, f"{exc.message}\n\n{exc.hint}".strip())
            return "refused"
        if outcome.status is not OutcomeStatus.APPLIED:
            _reply(gh, job, comment, outcome.to_markdown())
            return str(outcome.status.value)
        sha = ctx.git.push(checkout, token=gh.token())
        findings = _review_tree(checkout.path)
        if outcome.validation is not None:
            publish_check_run(gh, job.repo, sha, outcome.validation, findings, pull.html_url)
        publish_review(gh, job.repo, pull, sha, _files(checkout.path), findings)
    _reply(gh, job, comment, f"{outcome.to_markdown()}\n\nPushed {sha[:7]}: {_tally(findings)}.")
    return "applied"


def _refine(path: Path, command: Command, author: tuple[str, str]) -> RefineOutcome:
    if command.name is CommandName.REGENERATE:
        return regenerate_project(path, author=author)
    return refine_project(path, command.argument, author=author)


def _files(path: Path) -> dict[str, str]:
    return LocalRepo(path).read_tree("HEAD").text


def _review_tree(path: Path) -> list[Finding]:
    files = _files(path)
    spec = ProjectSpec.from_yaml(files[SPEC_FILE])
    return review_project(files, spec=spec)


def _tally(findings: list[Finding]) -> str:
    n = len(findings)
    return "the reviewer found nothing" if n == 0 else f"{n} reviewer finding{'s' * (n != 1)}"


# --- publishing --------------------------------------------------------------------------


def publish_review(
    gh: ConversationPort,
    repo: str,
    pull: Pull,
    sha: str,
    files: dict[str, str],
    findings: list[Finding],
) -> None:
    """One review on `sha` with the findings not already posted on their line, and the summary
    comment created or edited in place."""
    body = f"{marker('review', pr=pull.number, sha=sha)}\n{findings_to_markdown(findings)}\n"
    done = any(_marked(r.body, "review", sha=sha) for r in gh.reviews(repo, pull.number))
    if not done:
        posted = {
            (c.path, c.line, rule)
            for c in gh.review_comments(repo, pull.number)
            for rule in _RULE.findall(c.body)[:1]
        }
        comments = [
            ReviewComment(
                path=f.path,
                line=f.end_line,
                start_line=f.line if f.end_line > f.line else None,
                body=comment_body(f),
            )
            for f in findings
            if (f.path, f.end_line, f.rule) not in posted
            and f.end_line <= files.get(f.path, "").count("\n") + 1
        ]
        gh.create_review(repo, pull.number, commit_id=sha, body=body, comments=comments)
    summary = (
        f"{marker('review-summary', pr=pull.number)}\n{findings_to_markdown(findings)}\n\n"
        f"_Reviewed at {sha[:7]}; comment `/codebegen review` to run the reviewer again._\n"
    )
    mine = [c for c in gh.comments(repo, pull.number) if _marked(c.body, "review-summary")]
    if not mine:
        gh.create_comment(repo, pull.number, summary)
    elif mine[0].body != summary:
        gh.update_comment(repo, mine[0].id, summary)


_LEVELS = {Severity.ERROR: "failure", Severity.WARNING: "warning", Severity.INFO: "notice"}


def publish_check_run(
    gh: GitHubPort,
    repo: str,
    sha: str,
    report: ValidationReport,
    findings: list[Finding],
    details_url: str,
) -> None:
    """The validation check run on `sha`, with the findings as annotations."""
    output = CheckOutput(
        title=report.headline(),
        summary=check_summary(report),
        annotations=tuple(
            Annotation(f.path, f.line, f.end_line, _LEVELS[f.severity], f.message, f.rule)
            for f in findings
        ),
    )
    conclusion = "success" if report.passed else "failure"
    existing = gh.find_check_run(repo, sha, CHECK_NAME)
    if existing is None:
        gh.create_check_run(
            repo,
            name=CHECK_NAME,
            head_sha=sha,
            conclusion=conclusion,
            output=output,
            details_url=details_url,
        )
    else:
        gh.update_check_run(repo, existing.id, conclusion=conclusion, output=output)


def _reply(gh: GitHubPort, job: CommentJob, comment: Comment, text: str) -> None:
    body = f"{marker('reply', comment=comment.id)}\n@{comment.author} {text}\n"
    gh.create_comment(job.repo, job.issue_number, body)


def _marked(body: str, kind: str, **attrs: object) -> bool:
    """True when `body` carries a `marker(kind, ...)` with at least these attributes."""
    for m in re.finditer(rf"<!-- codebegen:{re.escape(kind)} ([^>]*?)\s*-->", body or ""):
        found = dict(a.split("=", 1) for a in m.group(1).split() if "=" in a)
        if all(found.get(k) == str(v) for k, v in attrs.items()):
            return True
    return False
