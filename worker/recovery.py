"""Give a killed worker's jobs back to RQ when a worker starts. I/O: Redis, the local process table.

When a worker dies without cleaning up (SIGKILL, OOM killer, a lost machine), its job stays in the
queue's StartedJobRegistry until the execution's heartbeat expires (a minute or more), and only
then does RQ's registry cleanup treat it as abandoned: retried when it has retries left, failed
otherwise. A worker that starts on the same host can tell sooner: the dead worker's pid is gone
(or is the new worker itself, after a container restart). Such executions are marked expired and
handed to that same cleanup, so the job goes through RQ's own retry path, only earlier. The jobs
are idempotent, so the re-run ends in the same state the first run would have reached.
"""

from __future__ import annotations

import logging
import os
import socket

from redis import Redis
from rq import Queue, Worker
from rq.executions import Execution
from rq.job import JobStatus
from rq.registry import ScheduledJobRegistry, StartedJobRegistry
from rq.serializers import JSONSerializer

log = logging.getLogger(__name__)


def _alive(connection: Redis, worker_name: str, *, me: str) -> bool:
    if not worker_name:
        return True  # no owner recorded: leave it to RQ's heartbeat expiry
    worker = Worker.find_by_key(
        Worker.redis_worker_namespace_prefix + worker_name, connection=connection
    )
    if worker is None:
        return False  # its registration expired: it stopped heartbeating long ago
    if worker.hostname != socket.gethostname() or worker.pid is None:
        return True  # another machine: only RQ's heartbeat expiry can tell
    if worker.pid == os.getpid():
        return worker_name == me  # our pid, another name: we replaced it (container restart)
    try:
        os.kill(worker.pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _run_retries_now(connection: Redis, queue_name: str, job_ids: list[str]) -> None:
    """RQ schedules a retry after the job's retry interval, which is meant for failing remote
    services; a dead worker is no reason to wait, so the retry is queued at once."""
    queue = Queue(queue_name, connection=connection, serializer=JSONSerializer)
    scheduled = ScheduledJobRegistry(queue=queue)  # type: ignore[no-untyped-call]
    for job_id in job_ids:
        job = queue.fetch_job(job_id)
        if job is not None and job.get_status() == JobStatus.SCHEDULED:
            scheduled.remove(job)
            queue.enqueue_job(job)


def requeue_abandoned(connection: Redis, queue_names: list[str], *, me: str = "") -> list[str]:
    """Hand the jobs of dead workers on this host to RQ's cleanup; returns their job ids."""
    found: list[str] = []
    for name in queue_names:
        registry = StartedJobRegistry(name, connection=connection, serializer=JSONSerializer)
        dead = []
        for job_id, execution_id in registry.get_job_and_execution_ids(cleanup=False):
            try:
                execution = Execution.fetch(execution_id, job_id, connection=connection)
            except ValueError:
                continue  # the execution hash expired: RQ's cleanup handles the entry
            if not _alive(connection, execution.worker_name, me=me):
                dead.append(execution.composite_key)
        if dead:
            connection.zadd(registry.key, dict.fromkeys(dead, 1), xx=True)
            registry.cleanup()
            ids = [key.split(":", 1)[0] for key in dead]
            _run_retries_now(connection, name, ids)
            found += ids
    for job_id in found:
        log.warning("job %s was running on a worker that died; handed back to RQ", job_id)
    return found
