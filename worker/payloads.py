"""What crosses the process boundary between the webhook route and the jobs. No I/O.

A job's arguments are JSON ids, never objects: the job fetches what it needs from GitHub when it
runs, so a job enqueued an hour ago acts on the issue as it is now. `extra="forbid"` makes a job
enqueued by a different version of the bot fail loudly instead of half-working.
"""

from __future__ import annotations

from enum import Enum

from pydantic import BaseModel, ConfigDict, Field

COMMAND = "/codebegen"  # an issue whose title or body starts with this asks for a generation
TRIGGER_LABEL = "codebegen"  # so does an issue with this label
BRANCH_PREFIX = "codebegen/issue-"  # codebegen's branches: codebegen/issue-<n>-<slug>


class Trigger(str, Enum):
    """Why a job was enqueued; the job decides from it whether a previous run counts."""

    OPENED = "opened"  # issue opened with the label or a /codebegen title/body
    LABELED = "labeled"  # the codebegen label was added later
    EDITED = "edited"  # issue edited: re-run unless the previous run already opened the PR
    GO = "go"  # `/codebegen go` on the issue: build on the parser's guesses
    ANSWERED = "answered"  # a comment on an issue with open questions: read it as an answer


class IssueJob(BaseModel):
    """Arguments of the acknowledge and generate jobs."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    repo: str = Field(pattern=r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")  # "owner/name"
    installation_id: int | None  # None when the delivery had none (looked up from the repo)
    issue_number: int = Field(gt=0)
    delivery_id: str = Field(min_length=1, max_length=100)
    trigger: Trigger
    actor: str  # login of the person whose action triggered the job (the delivery's sender)
    # worker.approval.text_sha256 of the issue's title and body in the delivery: the text the
    # actor approved by the trigger; the job builds the issue only while it still has this hash
    text_sha256: str = Field(pattern=r"^[0-9a-f]{64}$")

    @property
    def owner(self) -> str:
        return self.repo.split("/", 1)[0]

    @property
    def name(self) -> str:
        return self.repo.split("/", 1)[1]


class CommentJob(BaseModel):
    """Arguments of the PR conversation job (worker/conversation.py): one `/codebegen` comment."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    repo: str = Field(pattern=r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")
    installation_id: int | None
    issue_number: int = Field(gt=0)  # the pull request's number
    comment_id: int = Field(gt=0)
    delivery_id: str = Field(min_length=1, max_length=100)
    actor: str  # who wrote the comment


class PullJob(BaseModel):
    """Arguments of the harvest job (worker/harvest.py): a closed pull request."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    repo: str = Field(pattern=r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")
    installation_id: int | None
    issue_number: int = Field(gt=0)  # the pull request's number
    delivery_id: str = Field(min_length=1, max_length=100)


JobPayload = IssueJob | CommentJob | PullJob  # what `worker.runner.run` and the queues accept
