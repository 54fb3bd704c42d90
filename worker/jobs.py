"""The jobs: acknowledge an issue, and generate its project into a pull request.

I/O: GitHub through the installed port, git through the installed port, the pipeline (which runs
the generated project's checks in its sandbox), Redis through `worker.runner`.

Each job takes JSON ids (see `worker.payloads.IssueJob`), fetches the issue as it is now, and is
idempotent: every side effect is looked for before it is made (the progress comment by its
marker, the branch by name, the PR by head branch, the check run by name on the head commit, the
review by its marker), so a re-run after a crash or a retry ends in the same single set of things.
Commands on pull requests (refine, review, help) live in `worker/conversation.py`.
"""

from __future__ import annotations

import functools
import re
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from typing import Any

from pipeline.errors import SpecError, UserError
from pipeline.generate import (
    NOT_BUILT,
    GenerationResult,
    ParsedDescription,
    generate_project,
    parse_description,
)
from pipeline.llm import LLMClient
from pipeline.naming import kebab
from pipeline.refine import GENERATED_TRAILER
from pipeline.spec import ProjectSpec
from pipeline.validate import ValidationReport
from worker import access, metrics, runner
from worker.approval import spec_text, strip_hidden, text_sha256
from worker.context import Context
from worker.payloads import BRANCH_PREFIX, COMMAND, IssueJob, Trigger
from worker.ports import Comment, GitHubPort, Issue, Pull, Repo, TransientError
from worker.progress import (
    Progress,
    State,
    Step,
    count,
    progress_comment,
    pull_body,
    pull_title,
    read_marker,
)
from worker.publish import publish_check_run, publish_review
from worker.redact import redact
from worker.repoconfig import RepoConfig

RETRY_HINT = (
    "codebegen tries again by itself a few times; editing the issue starts it again as well."
)
CHANGED = "The issue was edited after codebegen was asked to build it, so that run built nothing."
CHANGED_HINT = (
    "codebegen builds only text approved by someone who may start it: an edit by such a person "
    "starts a new run by itself; otherwise someone with write access can edit the issue or add "
    "the `codebegen` label again to approve the text as it is now."
)
SPEC_HINT = (
    "Describe the API's resources and their fields, for example: \"Build a blog API with posts "
    '(title, body, published flag) and comments (body) that belong to a post. Use JWT auth." '
    "A fenced `yaml` block in codebegen's spec format or an OpenAPI document works too."
)


def acknowledge(**kwargs: Any) -> str:
    """👀 and the progress comment, quickly: runs on the priority queue before generation."""
    return runner.run("ack", IssueJob.model_validate(kwargs), _acknowledge)


def generate(**kwargs: Any) -> str:
    """Spec -> project -> validation -> branch -> PR -> check run -> review."""
    return runner.run("generate", IssueJob.model_validate(kwargs), _generate)


@dataclass
class _Run:
    """What one run of a job works with."""

    ctx: Context
    gh: GitHubPort
    job: IssueJob
    issue: Issue
    comment: Comment | None  # our progress comment, when there is one
    config: RepoConfig = field(default_factory=RepoConfig)  # .github/codebegen.yml
    progress: Progress | None = None  # what it shows now
    answers: list[str] = field(default_factory=list)  # the actor's replies to our questions

    @functools.cached_property
    def llm(self) -> LLMClient | None:
        """The worker's model client with the repository's model choices (one copy per run)."""
        return self.config.model_client(self.ctx.llm)

    def show(self, progress: Progress) -> None:
        """Create or edit the progress comment in place."""
        self.progress = progress
        body = progress_comment(progress)
        if self.comment is None:
            self.comment = self.gh.create_comment(self.job.repo, self.job.issue_number, body)
        elif self.comment.body != body:
            self.comment = self.gh.update_comment(self.job.repo, self.comment.id, body)


def _start(ctx: Context, job: IssueJob) -> _Run | str:
    """Decide whether to act; a string is the reason not to (and the job's outcome)."""
    gh = ctx.github.for_installation(job.installation_id, repo=job.repo)
    issue = gh.issue(job.repo, job.issue_number)
    if issue.is_pull_request or issue.state != "open":
        return "skipped: not an open issue"
    ours = [c for c in gh.comments(job.repo, job.issue_number) if access.is_ours(ctx, c)]
    comment = next((c for c in ours if read_marker(c.body, "progress") is not None), None)
    if comment is not None and _state(comment) is State.DONE:
        return "skipped: already done"
    if job.trigger is Trigger.ANSWERED and (
        comment is None or _state(comment) is not State.QUESTIONS
    ):
        return "skipped: no open questions"  # a plain comment on the issue: nothing to answer
    edited = job.text_sha256 if job.trigger is Trigger.EDITED else ""
    admitted = access.admit(
        gh, job.repo, issue, actor=job.actor, ours=ours, bot_login=ctx.bot_login, edit_sha256=edited
    )
    if isinstance(admitted, str):
        return admitted
    config, config_error = admitted
    gh.react(job.repo, job.issue_number, "eyes")
    run = _Run(ctx=ctx, gh=gh, job=job, issue=issue, comment=comment, config=config)
    run.answers = _answers(gh.comments(job.repo, job.issue_number), comment, job.actor)
    if config_error is not None:
        # Nothing runs with settings nobody meant; the job ends here (no retry): the fix is theirs.
        steps = (Step.FAILED, Step.PENDING, Step.PENDING, Step.PENDING)
        n = job.issue_number
        run.show(
            Progress(n, State.FAILED, steps, error=config_error.message, hint=config_error.hint)
        )
        return "config_error"
    return run


_STARTED = Progress(0, State.STARTED, (Step.RUNNING, Step.PENDING, Step.PENDING, Step.PENDING))


def _acknowledge(ctx: Context, job: IssueJob) -> str:
    run = _start(ctx, job)
    if isinstance(run, str):
        return run
    if run.comment is None or _state(run.comment) in (State.SPEC_ERROR, State.FAILED):
        run.show(replace(_STARTED, issue_number=job.issue_number))
    return "acknowledged"


def _answers(comments: list[Comment], ours: Comment | None, actor: str) -> list[str]:
    """What `actor` (admitted to trigger) wrote on the issue after our questions: read with the
    description. Only the actor's words count, so nobody else's text is built unapproved."""
    if ours is None or _state(ours) is not State.QUESTIONS:
        return []
    ids = [c.id for c in comments]
    after = comments[ids.index(ours.id) + 1 :] if ours.id in ids else []
    return [
        _strip_go(c.body)
        for c in after
        if c.author.lower() == actor.lower() and not c.author_is_bot and _strip_go(c.body)
    ]


def _strip_go(body: str) -> str:
    """A reply as text to read: hidden HTML comments and the `/codebegen go` line left out."""
    visible = strip_hidden(body)
    return re.sub(rf"^\s*{re.escape(COMMAND)}\s+go\b.*$", "", visible, flags=re.M | re.I).strip()


def _state(comment: Comment) -> State | None:
    value = (read_marker(comment.body, "progress") or {}).get("state")
    return State(value) if value in {s.value for s in State} else None


def _generate(ctx: Context, job: IssueJob) -> str:
    run = _start(ctx, job)
    if isinstance(run, str):
        return run
    if text_sha256(run.issue.title, run.issue.body) != job.text_sha256:
        return _changed_since_approval(run)
    try:
        return _generate_for(run)
    except TransientError:
        raise  # retried in a moment; the comment keeps saying what is running
    except Exception as exc:
        # The person sees what stopped it, in a line, never a traceback; RQ retries the job.
        reason = exc.message if isinstance(exc, UserError) else redact(str(exc).splitlines()[0])
        shown = run.progress or replace(_STARTED, issue_number=job.issue_number)
        steps = tuple(Step.FAILED if s is Step.RUNNING else s for s in shown.steps)
        run.show(replace(shown, state=State.FAILED, steps=steps, error=reason, hint=RETRY_HINT))
        raise


def _changed_since_approval(run: _Run) -> str:
    """Not the text that was approved: say so; a later edit is judged (and built) by its own
    delivery, with its own actor."""
    steps = (Step.FAILED, Step.PENDING, Step.PENDING, Step.PENDING)
    n = run.job.issue_number
    run.show(Progress(n, State.FAILED, steps, error=CHANGED, hint=CHANGED_HINT))
    return "skipped: the text changed after it was approved"


def _generate_for(run: _Run) -> str:
    job = run.job
    n = job.issue_number
    run.show(replace(_STARTED, issue_number=n))
    try:
        # The parser's notes (what it guessed or left out) travel with it into the PR body.
        text = "\n\n".join([spec_text(run.issue.title, run.issue.body), *run.answers])
        parsed = parse_description(
            text, llm=run.llm, defaults=run.config.defaults, require_model=run.config.require_model
        )
    except SpecError as exc:
        steps = (Step.FAILED, Step.PENDING, Step.PENDING, Step.PENDING)
        hint = exc.hint or SPEC_HINT
        run.show(Progress(n, State.SPEC_ERROR, steps, error=exc.message, hint=hint))
        return "spec_error"
    if run.config.llm is not None and run.ctx.llm is None:
        parsed.notes.append(
            "The `llm:` settings in .github/codebegen.yml were not used: this codebegen has no "
            "model endpoint (CODEBEGEN_LLM_BASE_URL), so the template engine did the work."
        )

    spec = parsed.spec
    sentences = tuple(parsed.sentences)
    if parsed.questions and job.trigger is not Trigger.GO and run.config.questions == "ask":
        # Ask instead of guessing: no pull request until the person answers, edits or says go.
        steps = (Step.RUNNING, Step.PENDING, Step.PENDING, Step.PENDING)
        notes = (f"{count(parsed.questions, 'question')} before building", "", "", "")
        questions = tuple(parsed.questions)
        run.show(
            Progress(
                n, State.QUESTIONS, steps, notes, spec, sentences=sentences, questions=questions
            )
        )
        return "questions"
    if parsed.questions:
        guessed = "; ".join(parsed.questions)
        parsed.notes.append(f"Built on codebegen's guesses for open questions: {guessed}")
    notes = (_spec_note(spec), "rendering, validating and reviewing", "", "")
    steps = (Step.DONE, Step.RUNNING, Step.PENDING, Step.PENDING)
    run.show(Progress(n, State.GENERATING, steps, notes, spec=spec, sentences=sentences))
    result = _generation(parsed, run)
    report = result.report
    assert report is not None  # validation was asked for
    notes = (notes[0], f"{len(result.files)} files", _validation_note(report), "")
    steps = (Step.DONE, Step.DONE, Step.DONE if report.passed else Step.FAILED, Step.RUNNING)
    run.show(Progress(n, State.GENERATING, steps, notes, spec=spec, sentences=sentences))

    branch = branch_name(n, spec.name)
    sha, base = _push(run, run.gh.repo(job.repo), spec, result.files, branch)
    pull = _pull_request(run, result, report, branch=branch, base=base)
    publish_check_run(
        run.gh,
        job.repo,
        sha,
        report,
        result.findings,
        pull.html_url,
        models=result.models_markdown(),
        not_implemented=result.not_implemented,
    )
    publish_review(run.gh, job.repo, pull, sha, result.files, result.findings)
    draft = "" if report.passed else " (draft: validation failed)"
    notes = (*notes[:3], f"#{pull.number}{draft}")
    done = (*steps[:3], Step.DONE)
    run.show(Progress(n, State.DONE, done, notes, spec=spec, sentences=sentences))
    return "opened" if report.passed else "opened_failing"


_recent: OrderedDict[str, GenerationResult] = OrderedDict()
RECENT_GENERATIONS = 4  # kept per process: a job re-run after a GitHub error does not regenerate


def _generation(parsed: ParsedDescription, run: _Run) -> GenerationResult:
    """`generate_project` with validation, remembered for the same spec and model choices (the
    template output is deterministic), so retrying a failed PR creation does not spend another
    validation run."""
    llm = run.llm
    key = "\n".join(
        [parsed.spec.to_yaml(), *parsed.notes, llm.config.model_dump_json() if llm else ""]
    )
    if key in _recent:
        _recent.move_to_end(key)
        return _recent[key]
    result = _recent[key] = generate_project(
        parsed,
        validate=True,
        llm=llm,
        retriever=run.ctx.retriever,
        require_model=run.config.require_model,
    )
    metrics.observe_model_usage(run.ctx.redis, result.usage)  # once per generation, not per retry
    while len(_recent) > RECENT_GENERATIONS:
        _recent.popitem(last=False)
    return result


def branch_name(issue_number: int, name: str) -> str:
    """`codebegen/issue-12-blog-api`; the slug is cut at a word boundary to keep refs short."""
    slug = kebab(name)[:40].rstrip("-")
    return f"{BRANCH_PREFIX}{issue_number}-{slug}" if slug else f"{BRANCH_PREFIX}{issue_number}"


def _spec_note(spec: ProjectSpec) -> str:
    return (
        f"{count(spec.entities, 'entity', 'entities')}, {count(spec.relations, 'relation')}, "
        f"auth {spec.auth.value}, {spec.database.value}"
    )


def _validation_note(report: ValidationReport) -> str:
    if report.passed:
        return f"score {report.score:.2f}"
    return "failed: " + ", ".join(c.name for c in report.failures)


def _push(
    run: _Run, repo: Repo, spec: ProjectSpec, files: dict[str, str], branch: str
) -> tuple[str, str]:
    """Commit the files to the branch and push; (head sha, the base branch the PR targets)."""
    ctx, job = run.ctx, run.job
    message = (
        f"Generate {spec.title} from #{job.issue_number}\n\n"
        f"codebegen generated this project from issue #{job.issue_number}: {run.issue.title}\n"
        # marks the tree as pure generation: the base of later three-way merges (refine)
        f"\n{GENERATED_TRAILER}\n"
    )
    with ctx.scratch_checkout(
        repo.clone_url,
        token=run.gh.token(),
        branch=branch,
        base_branch=repo.default_branch,
        prefix="clone-",
    ) as checkout:
        ctx.git.commit_tree(checkout, files, message=message, author=ctx.author)
        return ctx.git.push(checkout, token=run.gh.token()), checkout.base_branch


def _pull_request(
    run: _Run, result: GenerationResult, report: ValidationReport, *, branch: str, base: str
) -> Pull:
    job, gh = run.job, run.gh
    title = pull_title(result.spec, job.issue_number)
    body = pull_body(
        spec=result.spec,
        issue_number=job.issue_number,
        files=sorted(result.files),
        report=report,
        branch=branch,
        notes=[n for n in result.notes if not n.startswith(NOT_BUILT)],  # in "Not built"
        models=result.models_markdown(),
        trace=result.trace(),
        not_built=result.not_built(),
        not_implemented=result.not_implemented,
    )
    pull = gh.find_pull(job.repo, branch)
    if pull is None:
        return gh.create_pull(
            job.repo, title=title, head=branch, base=base, body=body, draft=not report.passed
        )
    return gh.update_pull(job.repo, pull.number, title=title, body=body)
