"""Merged pull request → one dataset row.

`row_from_merge` is pure: the merge as data in, a `Row` out. `record_merge` is the job the worker
runs on `pull_request.closed` with `merged: true`; the worker enqueues it by import path
(`"training.harvest.record_merge"`) with a JSON payload, so `worker/` never imports `training/`.
Its I/O: it may run the validator on the merged tree (`quality_score`), and it appends to the
store under `CODEBEGEN_DATA_DIR`. Harvesting the same merge twice stores one row: the row's
dedupe key is (repo, pr, merged_sha).
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from training.dataset import Output, Provenance, Refinement, Row, Source, Store
from training.dataset import expected_architecture as architecture_of
from training.project import context_of, prompt_of, quality_of, spec_of

# Lines of an issue body that are commands to the bot, not part of the description.
_COMMAND_LINE = re.compile(r"^\s*/codebegen\b.*$", re.MULTILINE)


class HarvestRequest(BaseModel):
    """What the worker knows about a merged codebegen PR (the job's JSON payload)."""

    model_config = ConfigDict(extra="forbid")

    repo: str  # owner/name
    pr: int
    merged_sha: str
    issue_title: str = ""
    issue_body: str = ""
    files: dict[str, str]  # the project as merged, human edits included
    refinements: list[Refinement] = Field(default_factory=list)
    quality_score: float | None = Field(default=None, ge=0.0, le=1.0)  # None: validate here
    validate_tree: bool = True  # run the validator when no quality_score is given
    data_dir: str | None = None  # default: CODEBEGEN_DATA_DIR


def row_id(repo: str, pr: int, merged_sha: str) -> str:
    """ "octo/blog-api", 12, "ab12cd3..." → "octo-blog-api_pr12_ab12cd3"."""
    slug = re.sub(r"[^a-z0-9]+", "-", repo.lower()).strip("-")
    return f"{slug}_pr{pr}_{merged_sha[:7]}"


def row_from_merge(req: HarvestRequest, *, quality_score: float | None) -> Row:
    """The dataset row for a merge: prompt from the issue, context from the merged spec."""
    spec = spec_of(req.files)
    body = _COMMAND_LINE.sub("", req.issue_body).strip()
    # The issue is what the person asked for; the spec's description is the fallback.
    if body:
        prompt = "\n\n".join(p for p in (req.issue_title.strip(), body) if p)
    else:
        prompt = prompt_of(spec, fallback=req.issue_title)
    return Row(
        id=row_id(req.repo, req.pr, req.merged_sha),
        prompt=prompt,
        context=context_of(spec),
        expected_architecture=architecture_of(req.files),
        output=Output(files=dict(sorted(req.files.items()))),
        quality_score=quality_score,
        refinements=req.refinements,
        provenance=Provenance(
            source=Source.HARVEST, repo=req.repo, pr=req.pr, merged_sha=req.merged_sha
        ),
    )


def record_merge(payload: dict[str, Any]) -> str:
    """The harvest job: validate the payload, score the tree, store the row; returns the row id.

    Idempotent: a redelivered merge event finds its key in the store and adds nothing.
    """
    req = HarvestRequest.model_validate(payload)
    store = Store(req.data_dir)
    rid = row_id(req.repo, req.pr, req.merged_sha)
    probe = row_from_merge(req, quality_score=req.quality_score)
    if probe.scrubbed().dedupe_key() in store.keys():
        return rid  # already harvested: skip the (slow) validation too
    score = req.quality_score
    if score is None and req.validate_tree:
        score = quality_of(req.files)
    store.append(probe.model_copy(update={"quality_score": score}))
    return rid
