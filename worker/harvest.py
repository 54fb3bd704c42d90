"""Merged codebegen pull requests become training data. I/O: GitHub and git through the ports,
Redis (enqueues training's record job).

On `pull_request.closed` with `merged: true` for a `codebegen/...` branch, this job fetches the
project as it was merged (people's edits included) and the issue it answered, and queues
`training.harvest.record_merge` with them (by import path: the worker never imports training/).
That job scores the tree with the validator and appends one deduplicated row to the dataset.

The PR's refinement history comes along for stage-4 samples: every generated commit (one with
`pipeline.refine.GENERATED_TRAILER`) of the PR whose message starts with `codebegen refine: `
(written by `pipeline.refine.engine.refine_project`) becomes one `training.dataset.Refinement`-
shaped dict, diffed against its parent, the generated tree it started from. The commits are read
from `refs/pull/N/head`, so squash and rebase merges keep their history too.
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.refine import GENERATED_TRAILER
from worker import queues, runner
from worker.context import Context
from worker.payloads import BRANCH_PREFIX, PullJob
from worker.ports import Checkout, GitPort

_CLOSES = re.compile(r"\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\s+#(\d+)\b", re.IGNORECASE)
REFINE_PREFIX = "codebegen refine: "  # how pipeline.refine.engine starts a refinement's message
MAX_REFINEMENT_BYTES = 2_000_000  # a refinement whose before+after is larger is left out
MAX_REFINEMENTS = 50  # per PR; the oldest are kept


def harvest(**kwargs: Any) -> str:
    return runner.run("harvest", PullJob.model_validate(kwargs), _harvest)


def _harvest(ctx: Context, job: PullJob) -> str:
    gh = ctx.github.for_installation(job.installation_id, repo=job.repo)
    pull = gh.pull(job.repo, job.issue_number)
    if not pull.merged or not pull.merge_sha:
        return "skipped: not merged"
    if not pull.head_ref.startswith(BRANCH_PREFIX):
        return "skipped: not a codebegen pull request"
    repo = gh.repo(job.repo)
    with ctx.scratch_checkout(
        repo.clone_url,
        token=gh.token(),
        branch=pull.base_ref,  # the merge commit is on the base branch
        base_branch=pull.base_ref,
        prefix="harvest-",
    ) as checkout:
        files = ctx.git.files_at(checkout, pull.merge_sha)
        # The PR's own commits: a squash or rebase merge leaves them out of the base branch, but
        # GitHub keeps them at refs/pull/N/head, even after the branch is deleted.
        head = ctx.git.fetch(checkout, f"refs/pull/{pull.number}/head", token=gh.token())
        rounds = merged_refinements(ctx.git, checkout, pull.merge_sha, head=head)
    linked = _CLOSES.search(pull.body)
    issue = gh.issue(job.repo, int(linked.group(1))) if linked else None
    payload = {
        "repo": job.repo,
        "pr": pull.number,
        "merged_sha": pull.merge_sha,
        "issue_title": issue.title if issue else "",
        "issue_body": issue.body if issue else "",
        "files": files,
        "refinements": rounds,
    }
    record_id = queues.job_id("record", job.delivery_id)
    queues.enqueue_record(payload, job_id=record_id, connection=ctx.redis)
    return f"queued {record_id}"


def merged_refinements(
    git: GitPort, checkout: Checkout, merge_sha: str, *, head: str | None = None
) -> list[dict[str, Any]]:
    """The refinements the merge brought in, oldest first: the generated commits reachable from
    the PR's `head` (the merge commit itself when the head is unknown) but not from the merge's
    first parent, which is the base branch before it, so earlier PRs' commits are left out. The
    same for merge commits, squash merges and rebase merges."""
    rounds: list[dict[str, Any]] = []
    for commit in git.generated_commits(checkout, head or merge_sha, exclude=f"{merge_sha}^1"):
        instruction = instruction_of(commit.message)
        if instruction is None or commit.parent is None:
            continue  # the generate commit, or a regeneration
        before = git.files_at(checkout, commit.parent)
        after = git.files_at(checkout, commit.sha)
        refinement = diff_refinement(instruction, before, after)
        if refinement is not None:
            rounds.append(refinement)
        if len(rounds) == MAX_REFINEMENTS:
            break
    return rounds


def instruction_of(message: str) -> str | None:
    """The instruction of a refinement commit's message, None for any other message.

    The message is `codebegen refine: <instruction>`, a blank line, the applied changes as
    `- ` bullets, and the trailer; an instruction may span lines and paragraphs."""
    if not message.startswith(REFINE_PREFIX):
        return None
    paragraphs = message[len(REFINE_PREFIX) :].strip().split("\n\n")
    if paragraphs and paragraphs[-1].strip() == GENERATED_TRAILER:
        paragraphs.pop()
    if len(paragraphs) > 1 and all(
        line.startswith("- ") for line in paragraphs[-1].strip().splitlines()
    ):
        paragraphs.pop()  # the changes the engine applied, not what the person asked
    instruction = "\n\n".join(paragraphs).strip()
    return instruction or None


def diff_refinement(
    instruction: str, before: dict[str, str], after: dict[str, str]
) -> dict[str, Any] | None:
    """One `Refinement` (as JSON), shaped like `training.synth`'s: the modified files as they
    were, the modified and new files as they became, the deleted paths. None when nothing
    changed or it exceeds MAX_REFINEMENT_BYTES."""
    changed = {p: after[p] for p in after if before.get(p) != after[p]}
    old = {p: before[p] for p in changed if p in before}
    deleted = sorted(set(before) - set(after))
    if not changed and not deleted:
        return None
    size = sum(len(t.encode()) for t in (*old.values(), *changed.values()))
    if size > MAX_REFINEMENT_BYTES:
        return None
    return {"instruction": instruction, "before": old, "after": changed, "deleted": deleted}
