"""Merged codebegen pull requests become training data. I/O: GitHub and git through the ports,
Redis (enqueues training's record job).

On `pull_request.closed` with `merged: true` for a `codebegen/...` branch, this job fetches the
project as it was merged (people's edits included) and the issue it answered, and queues
`training.harvest.record_merge` with them (by import path: the worker never imports training/).
That job scores the tree with the validator and appends one deduplicated row to the dataset.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

from worker import queues, runner
from worker.context import Context
from worker.payloads import BRANCH_PREFIX, PullJob

_CLOSES = re.compile(r"\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\s+#(\d+)\b", re.IGNORECASE)


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
    ctx.workdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="harvest-", dir=ctx.workdir) as tmp:
        checkout = ctx.git.checkout(
            repo.clone_url,
            token=gh.token(),
            branch=pull.base_ref,  # the merge commit is on the base branch
            base_branch=pull.base_ref,
            workdir=Path(tmp),
            author=ctx.author,
        )
        files = ctx.git.files_at(checkout, pull.merge_sha)
    linked = _CLOSES.search(pull.body)
    issue = gh.issue(job.repo, int(linked.group(1))) if linked else None
    payload = {
        "repo": job.repo,
        "pr": pull.number,
        "merged_sha": pull.merge_sha,
        "issue_title": issue.title if issue else "",
        "issue_body": issue.body if issue else "",
        "files": files,
    }
    record_id = queues.job_id("record", job.delivery_id)
    queues.enqueue_record(payload, job_id=record_id, connection=ctx.redis)
    return f"queued {record_id}"
