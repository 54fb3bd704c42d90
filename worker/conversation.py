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

from pathlib import Path
from typing import Any

from pipeline.errors import UserError
from pipeline.refine import OutcomeStatus, RefineOutcome, refine_project, regenerate_project
from pipeline.refine.repo import Repo as LocalRepo
from pipeline.review import Finding, review_project
from pipeline.spec import ProjectSpec
from worker import access, runner
from worker.commands import Command, CommandName, parse_command
from worker.context import Context
from worker.payloads import CommentJob
from worker.ports import Comment, GitHubPort, Pull
from worker.progress import has_marker, marker
from worker.publish import publish_check_run, publish_review

SPEC_FILE = "codebegen.yaml"


def conversation(**kwargs: Any) -> str:
    """Answer one `/codebegen` comment on a pull request."""
    return runner.run("conversation", CommentJob.model_validate(kwargs), _conversation)


def _conversation(ctx: Context, job: CommentJob) -> str:
    gh = ctx.github.for_installation(job.installation_id, repo=job.repo)
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
    if any(has_marker(c.body, "reply", comment=comment.id) for c in ours):
        return "skipped: already answered"
    admitted = access.admit(
        gh, job.repo, issue, actor=job.actor, ours=ours, on_pull=True, bot_login=ctx.bot_login
    )
    if isinstance(admitted, str):
        return admitted
    _, config_error = admitted
    gh.react_to_comment(job.repo, comment.id, "eyes")
    if config_error is not None:
        _reply(gh, job, comment, f"{config_error.message}\n\n{config_error.hint}")
        return "config_error"
    if not command.needs_work:
        _reply(gh, job, comment, command.reply)
        return f"answered {command.name.value}"
    pull = gh.pull(job.repo, job.issue_number)
    if pull.state != "open":
        _reply(gh, job, comment, "This pull request is closed; reopen it to change it.")
        return "skipped: closed"
    if not access.is_codebegen_pull(pull, job.repo):
        head = f"{pull.head_repo or 'a deleted fork'}:{pull.head_ref}"
        _reply(gh, job, comment, access.NOT_OURS_REPLY.format(head=head))
        return "refused: not a codebegen pull request"
    return _work(ctx, gh, job, comment, command, pull)


def _work(
    ctx: Context,
    gh: GitHubPort,
    job: CommentJob,
    comment: Comment,
    command: Command,
    pull: Pull,
) -> str:
    repo = gh.repo(job.repo)
    with ctx.scratch_checkout(
        repo.clone_url,
        token=gh.token(),
        branch=pull.head_ref,
        base_branch=pull.base_ref,
        prefix="pr-",
    ) as checkout:
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


def _reply(gh: GitHubPort, job: CommentJob, comment: Comment, text: str) -> None:
    body = f"{marker('reply', comment=comment.id)}\n@{comment.author} {text}\n"
    gh.create_comment(job.repo, job.issue_number, body)
