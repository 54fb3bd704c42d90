"""Every Redis key codebegen writes, from one place. No I/O.

All keys start with `codebegen:` so an operator can find (and delete) them with one pattern, and
so they never collide with RQ's own `rq:` keys in the same database.
"""

from __future__ import annotations

PREFIX = "codebegen"

# How long a claimed delivery id is remembered. GitHub lets people redeliver deliveries from the
# last 3 days (https://docs.github.com/en/webhooks/testing-and-troubleshooting-webhooks/redelivering-webhooks);
# a day more covers clock skew and slow redeliveries.
DELIVERY_TTL_S = 4 * 24 * 3600


def delivery(delivery_id: str) -> str:
    """Claim marker for one `X-GitHub-Delivery` (SET NX EX): present means "already handled"."""
    return f"{PREFIX}:delivery:{delivery_id}"


def issue_lock(repo: str, number: int) -> str:
    """Lock that lets one job at a time work on an issue or pull request (they share numbers)."""
    return f"{PREFIX}:lock:{repo.lower()}#{number}"


def job_duration(kind: str) -> str:
    """Hash of histogram buckets for one job kind, written by workers, read by `/metrics`."""
    return f"{PREFIX}:metrics:job_duration:{kind}"


def job_outcomes() -> str:
    """Hash `kind:outcome -> count` of finished jobs, written by workers, read by `/metrics`."""
    return f"{PREFIX}:metrics:job_outcomes"


def model_usage() -> str:
    """Hash `role:field -> total` of model calls (calls, failed_calls, prompt_tokens,
    completion_tokens, seconds), written by workers, read by `/metrics`."""
    return f"{PREFIX}:metrics:model_usage"
