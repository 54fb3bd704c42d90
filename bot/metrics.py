"""Prometheus metrics of the webhook process. I/O: reads Redis at scrape time.

Deliveries are counted in this process. Queue depth, job durations and the model roles' calls,
tokens and seconds belong to Redis (workers record their jobs there, worker/metrics.py), so a
collector reads them on each scrape.
"""

from __future__ import annotations

from collections.abc import Iterator

from prometheus_client import CollectorRegistry, Counter, Histogram
from prometheus_client.core import (
    CounterMetricFamily,
    GaugeMetricFamily,
    HistogramMetricFamily,
)
from prometheus_client.registry import Collector
from redis import Redis
from redis.exceptions import RedisError

from worker import metrics as job_metrics
from worker import queues


class RedisCollector(Collector):
    def __init__(self, connection: Redis) -> None:
        self.connection = connection

    def collect(self) -> Iterator[GaugeMetricFamily | HistogramMetricFamily | CounterMetricFamily]:
        try:
            depth = queues.depth(connection=self.connection)
            durations = job_metrics.read(self.connection, list(queues.KINDS))
            outcomes = job_metrics.outcomes(self.connection)
            usage = job_metrics.model_usage(self.connection)
        except RedisError:
            return  # /metrics still answers with the in-process metrics; /healthz says why
        gauge = GaugeMetricFamily(
            "codebegen_queue_depth", "Jobs waiting in each queue.", labels=["queue"]
        )
        for name, count in depth.items():
            gauge.add_metric([name], count)
        yield gauge
        hist = HistogramMetricFamily(
            "codebegen_job_duration_seconds", "Wall time of finished jobs.", labels=["kind"]
        )
        for kind, data in durations.items():
            bounds: list[float] = [*job_metrics.BUCKETS, float("inf")]
            buckets = [
                (job_metrics.bucket_label(b), data.get(job_metrics.bucket_label(b), 0.0))
                for b in bounds
            ]
            hist.add_metric([kind], buckets, data.get("sum", 0.0))
        yield hist
        jobs = CounterMetricFamily(
            "codebegen_jobs", "Finished jobs by kind and outcome.", labels=["kind", "outcome"]
        )
        for (kind, outcome), total in outcomes.items():
            jobs.add_metric([kind, outcome], total)
        yield jobs
        yield from _model_families(usage)


def _model_families(usage: dict[tuple[str, str], float]) -> Iterator[CounterMetricFamily]:
    """The model roles' cost and speed (pipeline/llm/usage.py), summed over every job."""
    calls = CounterMetricFamily(
        "codebegen_model_calls", "Model calls by role and result.", labels=["role", "result"]
    )
    tokens = CounterMetricFamily(
        "codebegen_model_tokens",
        "Model tokens by role, in (prompt) and out.",
        labels=["role", "direction"],
    )
    seconds = CounterMetricFamily(
        "codebegen_model_seconds", "Wall time of model calls, retries included.", labels=["role"]
    )
    roles = sorted({role for role, _ in usage})
    for role in roles:
        failed = usage.get((role, "failed_calls"), 0.0)
        calls.add_metric([role, "ok"], usage.get((role, "calls"), 0.0) - failed)
        calls.add_metric([role, "failed"], failed)
        tokens.add_metric([role, "in"], usage.get((role, "prompt_tokens"), 0.0))
        tokens.add_metric([role, "out"], usage.get((role, "completion_tokens"), 0.0))
        seconds.add_metric([role], usage.get((role, "seconds"), 0.0))
    if roles:
        yield from (calls, tokens, seconds)


# The event label's values: the events codebegen subscribes to (app.yml) and `ping`. Anything
# else a signed delivery names is "other"; a delivery whose signature failed (or that was refused
# before it could be checked) is "unverified": a caller never chooses a label value, so an
# anonymous client cannot make new time series.
KNOWN_EVENTS = frozenset(
    {
        "ping",
        "issues",
        "issue_comment",
        "pull_request",
        "pull_request_review",
        "pull_request_review_comment",
        "installation",
        "installation_repositories",
        "check_run",
        "check_suite",
        "push",
    }
)
# The outcome label's values (bot/app.py `_answer`).
OUTCOMES = frozenset(
    {
        "too_large",
        "bad_signature",
        "malformed",
        "ping",
        "ignored",
        "unavailable",
        "duplicate",
        "enqueued",
        "disconnected",
        "timeout",
    }
)


def event_label(event: str, *, verified: bool) -> str:
    """The `event` label for a delivery: from the fixed set above, never the raw header."""
    if not verified:
        return "unverified"
    return event if event in KNOWN_EVENTS else "other"


def outcome_label(outcome: str) -> str:
    return outcome if outcome in OUTCOMES else "other"


class Metrics:
    """The registry of one app instance (tests build many apps in one process)."""

    def __init__(self, connection: Redis) -> None:
        self.registry = CollectorRegistry()
        self.deliveries = Counter(
            "codebegen_webhook_deliveries",
            "Webhook deliveries by event and outcome.",
            ["event", "outcome"],
            registry=self.registry,
        )
        self.ack_seconds = Histogram(
            "codebegen_webhook_seconds",
            "Time to answer a webhook delivery.",
            buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 2.5),
            registry=self.registry,
        )
        self.registry.register(RedisCollector(connection))
