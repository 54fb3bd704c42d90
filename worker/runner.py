"""How every job runs: the issue lock, retries, deferral, metrics and redacted failures.

I/O: Redis (lock, metrics, deferred re-enqueue) and sleeping between attempts.

A job body must be idempotent: it looks for its comment, branch, PR and check run before making
one, so running it again from the start is always safe. That is what makes the retry policy simple:
- a `TransientError` (GitHub 5xx, secondary rate limit, connection error, busy lock) re-runs the
  body in-process after the wait GitHub asked for (`Retry-After`) or a short backoff, a few times;
- a wait longer than `INLINE_MAX_WAIT_S` re-enqueues the job to run after that wait (RQ scheduler)
  and ends this run, so a worker is not held hostage by a rate limit;
- anything else (and transient errors that outlast the in-process attempts) fails the run, and
  RQ's `Retry` on the job runs it again later; a worker killed mid-job is handled the same way
  (`worker/recovery.py`).
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from typing import TypeVar

from rq import get_current_job

from worker import context, keys, metrics, queues
from worker.locks import LockBusy, RedisLock
from worker.payloads import JobPayload
from worker.ports import TransientError
from worker.redact import JobFailed, redact

INLINE_ATTEMPTS = 4  # in-process runs of a body before the failure goes to RQ's Retry
INLINE_MAX_WAIT_S = 30.0  # longer waits are deferred to the scheduler instead of slept
BACKOFF_S = (1.0, 3.0, 8.0)  # waits between in-process runs when GitHub gave no Retry-After
MAX_DEFERRALS = 5  # a job deferred this many times fails instead (an operator should look)
LOCK_TTL_S = 16 * 60  # longer than the longest job timeout: only a dead job's lock expires
LOCK_WAIT_S = 15.0  # how long a job waits for the issue's lock before backing off

log = logging.getLogger(__name__)

P = TypeVar("P", bound=JobPayload)


def run(kind: str, payload: P, body: Callable[[context.Context, P], str]) -> str:
    """Run `body` for `payload` under the issue lock with the retry policy; returns its outcome."""
    ctx = context.current()
    started = time.monotonic()
    outcome = "error"
    try:
        outcome = _attempts(kind, payload, body, ctx)
        return outcome
    except Exception as exc:
        # RQ stores the traceback of a failed job in Redis: keep secrets out of it.
        raise JobFailed(redact(f"{type(exc).__name__}: {exc}")) from None
    finally:
        # the first word only ("skipped: already done" -> "skipped"): labels must stay few
        label = outcome.replace(":", " ").split()[0] if outcome.strip() else "error"
        metrics.observe(ctx.redis, kind, time.monotonic() - started, label)


def _attempts(
    kind: str, payload: P, body: Callable[[context.Context, P], str], ctx: context.Context
) -> str:
    for attempt in range(INLINE_ATTEMPTS):
        try:
            return _locked(payload, body, ctx)
        except TransientError as exc:
            wait = exc.retry_after if exc.retry_after is not None else _backoff(attempt)
            last = attempt == INLINE_ATTEMPTS - 1
            log.warning(
                "%s %s#%s: %s (attempt %d), retrying in %.0fs",
                kind,
                payload.repo,
                payload.issue_number,
                redact(str(exc)),
                attempt + 1,
                wait,
            )
            if wait > INLINE_MAX_WAIT_S and _defer(kind, payload, wait, ctx):
                return "deferred"
            if last:
                raise
            time.sleep(min(wait, INLINE_MAX_WAIT_S))
    raise AssertionError("unreachable")


def _backoff(attempt: int) -> float:
    return BACKOFF_S[min(attempt, len(BACKOFF_S) - 1)]


def _locked(payload: P, body: Callable[[context.Context, P], str], ctx: context.Context) -> str:
    job = get_current_job()
    owner = job.id if job is not None else f"direct-{uuid.uuid4().hex}"
    lock = RedisLock(
        ctx.redis,
        keys.issue_lock(payload.repo, payload.issue_number),
        owner=owner,
        ttl_s=LOCK_TTL_S,
    )
    try:
        lock.acquire(wait_s=LOCK_WAIT_S)
    except LockBusy:
        raise TransientError("another job is working on this issue", retry_after=5.0) from None
    try:
        return body(ctx, payload)
    finally:
        lock.release()


def _defer(kind: str, payload: JobPayload, wait: float, ctx: context.Context) -> bool:
    """Re-enqueue to run after `wait`; False when not running under RQ or deferred too often."""
    job = get_current_job()
    if job is None:
        return False
    attempt = int(job.meta.get("attempt", 0)) + 1
    if attempt > MAX_DEFERRALS:
        return False
    queues.defer(kind, payload, attempt=attempt, delay_s=wait, connection=job.connection)
    log.info("%s %s#%s deferred %.0fs", kind, payload.repo, payload.issue_number, wait)
    return True
