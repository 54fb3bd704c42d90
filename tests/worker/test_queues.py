"""worker/queues.py: names, ids, uniqueness, deferral — against a real Redis."""

from __future__ import annotations

from rq.registry import ScheduledJobRegistry

from worker import queues
from worker.payloads import IssueJob, Trigger
from worker.queues import JobRequest, QueueName

JOB = IssueJob(
    repo="octo/blog",
    installation_id=3,
    issue_number=5,
    delivery_id="72d3162e-cc78-11e3-81ab-4c9367dc0958",
    trigger=Trigger.OPENED,
    actor="alice",
    text_sha256="0" * 64,
)


def test_acknowledgements_are_listened_to_before_generation_before_harvest():
    assert [q.value for q in queues.LISTEN_ORDER] == [
        "codebegen:ack",
        "codebegen:generate",
        "codebegen:harvest",
    ]


def test_job_ids_come_from_the_delivery_id():
    assert queues.job_id("generate", JOB.delivery_id) == f"generate-{JOB.delivery_id}"
    assert queues.job_id("ack", "a:b/c") == "ack-a_b_c"


def test_the_same_delivery_cannot_be_enqueued_twice(redis):
    request = JobRequest(kind="generate", payload=JOB)

    assert queues.enqueue(request, connection=redis) is not None
    assert queues.enqueue(request, connection=redis) is None
    assert queues.queue(QueueName.GENERATE, connection=redis).count == 1


def test_jobs_carry_retries_and_a_timeout(redis):
    job = queues.enqueue(JobRequest(kind="generate", payload=JOB), connection=redis)

    assert job.retries_left == queues.KINDS["generate"].retries
    assert job.timeout == queues.KINDS["generate"].timeout_s
    assert job.kwargs == JOB.model_dump(mode="json")


def test_defer_schedules_a_numbered_rerun(redis):
    job = queues.defer("generate", JOB, attempt=2, delay_s=120, connection=redis)

    assert job.id == f"generate-{JOB.delivery_id}-later2"
    registry = ScheduledJobRegistry(QueueName.GENERATE.value, connection=redis)
    assert job.id in registry.get_job_ids()
    assert queues.defer("generate", JOB, attempt=2, delay_s=120, connection=redis) is None


def test_unknown_payload_fields_are_refused():
    import pytest
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        IssueJob.model_validate({**JOB.model_dump(), "issue": {"title": "an object"}})


def test_claim_and_enqueue_is_all_or_nothing_and_once(redis):
    requests = [JobRequest(kind="ack", payload=JOB), JobRequest(kind="generate", payload=JOB)]

    assert queues.claim_and_enqueue("codebegen:delivery:x", 60, requests, connection=redis)
    assert not queues.claim_and_enqueue("codebegen:delivery:x", 60, requests, connection=redis)
    assert queues.depth(connection=redis) == {
        "codebegen:ack": 1,
        "codebegen:generate": 1,
        "codebegen:harvest": 0,
    }


def test_claim_and_enqueue_refuses_job_ids_that_exist_without_a_claim(redis):
    requests = [JobRequest(kind="generate", payload=JOB)]
    queues.enqueue(requests[0], connection=redis)

    assert not queues.claim_and_enqueue("codebegen:delivery:y", 60, requests, connection=redis)
    assert queues.queue(QueueName.GENERATE, connection=redis).count == 1
