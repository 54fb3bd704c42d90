"""Prometheus metrics of the webhook process. I/O: reads Redis at scrape time.

Deliveries are counted in this process. Queue depth and job durations belong to Redis (workers
record their jobs there, worker/metrics.py), so a collector reads them on each scrape.
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
