"""Queue names, job kinds, job ids, retries and timeouts; enqueueing. I/O: Redis (enqueue only).

Jobs are named by import path ("worker.jobs.generate"), so the web process enqueues without
importing the pipeline. Job ids come from the `X-GitHub-Delivery` GUID, so a delivery that slipped
past the claim in the web process still cannot create a second job (`unique=True`).

Workers listen to the queues in `LISTEN_ORDER`, which is the priority: a waiting acknowledgement
(👀 + progress comment, well under a second) runs before a waiting generation (tens of seconds).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from enum import Enum
from typing import Any
from weakref import WeakKeyDictionary

from pydantic import BaseModel, ConfigDict
from redis import Redis
from redis.exceptions import WatchError
from rq import Queue, Retry
from rq.exceptions import DuplicateJobError
from rq.job import Job
from rq.serializers import JSONSerializer

from worker.payloads import JobPayload


class QueueName(str, Enum):
    ACK = "codebegen:ack"
    GENERATE = "codebegen:generate"
    HARVEST = "codebegen:harvest"


LISTEN_ORDER = [QueueName.ACK, QueueName.GENERATE, QueueName.HARVEST]

RESULT_TTL_S = 24 * 3600  # keep a finished job's result a day, for `rq info` and debugging
FAILURE_TTL_S = 7 * 24 * 3600  # keep failed jobs a week, so an operator can look and requeue


@dataclass(frozen=True)
class JobKind:
    name: str
    func: str  # import path; the web process never imports it
    queue: QueueName
    timeout_s: int  # RQ kills the job after this long
    retries: int  # attempts after the first, for errors that escape the job's own retries
    retry_intervals: tuple[int, ...]  # seconds before each of those attempts


# Failures that a job cannot ride out in-process (a long secondary rate limit, a worker killed
# mid-job, a lost Redis connection) are retried by RQ with these intervals.
KINDS: dict[str, JobKind] = {
    "ack": JobKind("ack", "worker.jobs.acknowledge", QueueName.ACK, 120, 5, (5, 30, 60, 300, 900)),
    "generate": JobKind(
        "generate", "worker.jobs.generate", QueueName.GENERATE, 900, 4, (10, 60, 300, 900)
    ),
    # `/codebegen refine|regenerate|review|help` on a PR: refinement regenerates and validates.
    "conversation": JobKind(
        "conversation",
        "worker.conversation.conversation",
        QueueName.GENERATE,
        900,
        4,
        (10, 60, 300, 900),
    ),
    # A merged codebegen PR: fetch the merged tree, hand it to training's record job.
    "harvest": JobKind(
        "harvest", "worker.harvest.harvest", QueueName.HARVEST, 600, 4, (60, 300, 900, 3600)
    ),
}

# training/harvest.py stores the dataset row (validating the merged tree); the worker enqueues it
# by import path and never imports training/.
RECORD_FUNC = "training.harvest.record_merge"
RECORD_TIMEOUT_S = 900


class JobRequest(BaseModel):
    """One job the webhook route should enqueue: what routing (pure) hands to the I/O edge."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: str
    payload: JobPayload

    @property
    def job_id(self) -> str:
        return job_id(self.kind, self.payload.delivery_id)


_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")


def job_id(kind: str, delivery_id: str) -> str:
    """ "generate", "72d3162e-cc78-11e3-81ab-4c9367dc0958" -> "generate-72d3162e-cc78-...".

    RQ accepts letters, digits, `_` and `-` in ids; anything else in a delivery id becomes `_`.
    """
    return f"{kind}-{_UNSAFE.sub('_', delivery_id)}"


_queues: WeakKeyDictionary[Redis, dict[QueueName, Queue]] = WeakKeyDictionary()


def queue(name: QueueName, *, connection: Redis) -> Queue:
    """An RQ queue with the JSON serializer (job data is readable and never pickled).

    Kept per connection: a Queue asks the server for its version (INFO) once, on first enqueue,
    which would otherwise cost a round trip on every delivery.
    """
    per_connection = _queues.setdefault(connection, {})
    if name not in per_connection:
        per_connection[name] = Queue(name.value, connection=connection, serializer=JSONSerializer)
    return per_connection[name]


def _options(kind: JobKind, payload: JobPayload) -> dict[str, Any]:
    """Keyword arguments for `Queue.enqueue` / `enqueue_in` (RQ's own names)."""
    return {
        "kwargs": payload.model_dump(mode="json"),
        "job_timeout": kind.timeout_s,
        "result_ttl": RESULT_TTL_S,
        "failure_ttl": FAILURE_TTL_S,
        "retry": Retry(max=kind.retries, interval=list(kind.retry_intervals)),
        "description": f"{kind.name} {payload.repo}#{payload.issue_number}",
    }


def enqueue(request: JobRequest, *, connection: Redis) -> Job | None:
    """Enqueue one job; None when a job with its id already exists (a duplicate delivery)."""
    kind = KINDS[request.kind]
    try:
        return queue(kind.queue, connection=connection).enqueue(
            kind.func, job_id=request.job_id, unique=True, **_options(kind, request.payload)
        )
    except DuplicateJobError:
        return None


def claim_and_enqueue(
    claim_key: str, claim_ttl_s: int, requests: Sequence[JobRequest], *, connection: Redis
) -> bool:
    """Set `claim_key` and enqueue `requests`, all or nothing, unless the claim or any of the
    job ids already exists (then False). One MULTI/EXEC under WATCH: three round trips."""
    job_keys = [Job.key_for(r.job_id) for r in requests]
    with connection.pipeline() as pipe:
        try:
            pipe.watch(claim_key, *job_keys)  # type: ignore[no-untyped-call]
            if pipe.exists(claim_key, *job_keys):
                return False
            pipe.multi()
            pipe.set(claim_key, "1", ex=claim_ttl_s)
            for r in requests:
                kind = KINDS[r.kind]
                queue(kind.queue, connection=connection).enqueue(
                    kind.func, job_id=r.job_id, pipeline=pipe, **_options(kind, r.payload)
                )
            pipe.execute()
        except WatchError:
            return False  # the same delivery, claimed at this very moment by another process
    return True


def defer(
    kind_name: str, payload: JobPayload, *, attempt: int, delay_s: float, connection: Redis
) -> Job | None:
    """Run the job again in `delay_s` seconds (a long `Retry-After`) as `<job id>-later<attempt>`.

    Needs a worker started with the scheduler (`codebegen worker` does that).
    """
    kind = KINDS[kind_name]
    later_id = f"{job_id(kind_name, payload.delivery_id)}-later{attempt}"
    try:
        return queue(kind.queue, connection=connection).enqueue_in(
            timedelta(seconds=delay_s),
            kind.func,
            job_id=later_id,
            meta={"attempt": attempt},
            unique=True,
            **_options(kind, payload),
        )
    except DuplicateJobError:
        return None


def enqueue_record(payload: dict[str, Any], *, job_id: str, connection: Redis) -> Job | None:
    """Queue training's record job for a merge; None when it was queued already."""
    try:
        return queue(QueueName.HARVEST, connection=connection).enqueue(
            RECORD_FUNC,
            args=[payload],
            job_id=job_id,
            job_timeout=RECORD_TIMEOUT_S,
            result_ttl=RESULT_TTL_S,
            failure_ttl=FAILURE_TTL_S,
            retry=Retry(max=3, interval=[60, 300, 900]),
            unique=True,
        )
    except DuplicateJobError:
        return None


def depth(*, connection: Redis) -> dict[str, int]:
    """Jobs waiting in each queue (for `/metrics`)."""
    return {name.value: queue(name, connection=connection).count for name in LISTEN_ORDER}
