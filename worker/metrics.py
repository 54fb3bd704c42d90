"""Job durations and outcomes, and the model roles' calls, tokens and seconds, kept in Redis so the
bot's `/metrics` can serve them. I/O: Redis.

Workers are separate processes (often on other machines), so an in-process Prometheus registry
there would never be scraped. Each finished job adds itself to a cumulative histogram in a Redis
hash; `bot/metrics.py` turns the hashes into Prometheus samples at scrape time.
"""

from __future__ import annotations

import logging

from redis import Redis
from redis.exceptions import RedisError

from pipeline.llm.usage import RoleUsage, Usage
from worker import keys

# Upper bounds (seconds) of the job-duration histogram: acknowledgements take well under a
# second, generations with validation tens of seconds, the job timeout is 15 minutes.
BUCKETS = (0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 300, 900)

log = logging.getLogger(__name__)


def bucket_label(bound: float) -> str:
    return "+Inf" if bound == float("inf") else repr(float(bound))


def observe(connection: Redis, kind: str, seconds: float, outcome: str) -> None:
    """Record one finished job; a metrics failure never fails the job."""
    try:
        with connection.pipeline(transaction=False) as pipe:
            key = keys.job_duration(kind)
            for bound in (*BUCKETS, float("inf")):
                if seconds <= bound:
                    pipe.hincrby(key, bucket_label(bound), 1)
            pipe.hincrbyfloat(key, "sum", seconds)
            pipe.hincrby(key, "count", 1)
            pipe.hincrby(keys.job_outcomes(), f"{kind}:{outcome}", 1)
            pipe.execute()
    except RedisError:
        log.warning("could not record metrics for a %s job", kind)


def observe_model_usage(connection: Redis, usage: Usage) -> None:
    """Add one job's model calls to the running totals per role; never fails the job."""
    if not usage.roles:
        return
    try:
        with connection.pipeline(transaction=False) as pipe:
            for role, u in usage.rows():
                for name in RoleUsage.model_fields:
                    value = getattr(u, name)
                    field = f"{role}:{'seconds' if name == 'latency_s' else name}"
                    if isinstance(value, int):
                        pipe.hincrby(keys.model_usage(), field, value)
                    else:
                        pipe.hincrbyfloat(keys.model_usage(), field, value)
            pipe.execute()
    except RedisError:
        log.warning("could not record model usage metrics")


def model_usage(connection: Redis) -> dict[tuple[str, str], float]:
    """(role, calls | failed_calls | prompt_tokens | completion_tokens | seconds) -> total."""
    result: dict[tuple[str, str], float] = {}
    for k, v in connection.hgetall(keys.model_usage()).items():
        role, _, name = _text(k).partition(":")
        result[(role, name)] = float(v)
    return result


def read(connection: Redis, kinds: list[str]) -> dict[str, dict[str, float]]:
    """kind -> {bucket label | "sum" | "count": value}, for every kind that has data."""
    out: dict[str, dict[str, float]] = {}
    for kind in kinds:
        raw = connection.hgetall(keys.job_duration(kind))
        if raw:
            out[kind] = {_text(k): float(v) for k, v in raw.items()}
    return out


def outcomes(connection: Redis) -> dict[tuple[str, str], float]:
    raw = connection.hgetall(keys.job_outcomes())
    result: dict[tuple[str, str], float] = {}
    for k, v in raw.items():
        kind, _, outcome = _text(k).partition(":")
        result[(kind, outcome)] = float(v)
    return result


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value
