"""The webhook receiver: FastAPI app with `POST /webhooks`, `GET /healthz`, `GET /metrics`.

I/O: HTTP in; Redis out (claim the delivery, enqueue). It never calls GitHub, a model or git, so it
answers in milliseconds; GitHub gives up on a delivery after 10 seconds.

Per delivery, in this order:
1. size: over GitHub's 25 MB cap -> 413 (Content-Length first, then the bytes actually read);
2. `X-Hub-Signature-256` over the raw body, constant-time -> 401, before anything is parsed;
3. parse (JSON, or the form encoding with a `payload` field) -> 400 when malformed;
4. route (bot/webhooks.py, pure) -> 204 when there is nothing to do;
5. claim `X-GitHub-Delivery` and enqueue its jobs in one transaction (the claim key lives 4 days,
   longer than GitHub lets anyone redeliver): a redelivery is acknowledged (200) and not run
   again; otherwise 202. Redis unreachable -> 503, so GitHub shows the failure and the delivery
   can be redelivered (a 2xx would lose it); nothing is half-written. Redis is called in a
   thread with socket timeouts, so a stalled Redis answers a prompt 503 and never blocks others.
Metrics labels come from fixed sets (bot/metrics.py): never a caller-chosen header value.
A body nested too deep for the JSON parser is malformed (400); a client that disconnects
mid-body is logged in one line.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Sequence
from typing import Any
from urllib.parse import parse_qs

from fastapi import FastAPI, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from redis import Redis
from redis.exceptions import RedisError
from starlette.requests import ClientDisconnect

from bot.config import Settings
from bot.metrics import Metrics, event_label, outcome_label
from bot.webhooks import MAX_BODY_BYTES, route, verify_signature
from worker import keys, queues
from worker.queues import JobRequest

log = logging.getLogger(__name__)
REDIS_TIMEOUT_S = 2.0  # socket and connect timeouts of the webhook process's Redis client
BODY_TIMEOUT_S = 10.0  # the most a delivery's body may take to arrive (GitHub sends it at once)
DISPATCH_TIMEOUT_S = 3.0  # the most a delivery waits for Redis before answering 503
# Outcomes decided before the signature was verified: their event label is never the header's.
_UNVERIFIED = frozenset({"too_large", "bad_signature", "disconnected", "timeout", ""})


class _TooLarge(Exception):
    pass


async def _read_body(request: Request) -> bytes:
    length = request.headers.get("content-length")
    if length is not None and (not length.isdigit() or int(length) > MAX_BODY_BYTES):
        raise _TooLarge
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY_BYTES:
            raise _TooLarge
    return bytes(body)


def _parse(body: bytes, content_type: str) -> dict[str, Any] | None:
    """The payload as a dict, or None when it is not one."""
    try:
        if content_type.startswith("application/x-www-form-urlencoded"):
            body = parse_qs(body.decode())["payload"][0].encode()
        payload = json.loads(body)
    except (ValueError, KeyError, IndexError, RecursionError):  # JSONDecodeError, Unicode too
        return None  # RecursionError: a signed body nested deeper than the parser goes
    return payload if isinstance(payload, dict) else None


def dispatch(connection: Redis, delivery_id: str, jobs: Sequence[JobRequest]) -> bool:
    """Claim the delivery and enqueue its jobs atomically; False when it was already claimed."""
    return queues.claim_and_enqueue(
        keys.delivery(delivery_id), keys.DELIVERY_TTL_S, jobs, connection=connection
    )


def create_app(settings: Settings, *, redis: Redis | None = None) -> FastAPI:
    connection = redis or Redis.from_url(
        settings.redis_url,
        socket_timeout=REDIS_TIMEOUT_S,
        socket_connect_timeout=REDIS_TIMEOUT_S,
        health_check_interval=30,
    )
    secret = settings.webhook_secret.get_secret_value().encode()
    metrics = Metrics(connection)
    app = FastAPI(title="codebegen", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.redis = connection

    @app.post("/webhooks")
    async def webhooks(request: Request) -> Response:
        started = time.perf_counter()
        event = request.headers.get("x-github-event", "")
        response = await _handle(request, event)
        outcome = response.headers.get("x-codebegen-outcome", "")
        verified = outcome not in _UNVERIFIED
        metrics.deliveries.labels(
            event=event_label(event, verified=verified), outcome=outcome_label(outcome)
        ).inc()
        metrics.ack_seconds.observe(time.perf_counter() - started)
        return response

    async def _handle(request: Request, event: str) -> Response:
        try:
            body = await asyncio.wait_for(_read_body(request), BODY_TIMEOUT_S)
        except TimeoutError:
            return _answer(408, "timeout", "the body did not arrive in time")
        except _TooLarge:
            return _answer(413, "too_large", "payload over 25 MB")
        except ClientDisconnect:  # the client went away mid-body: nobody to answer, no traceback
            log.info("client disconnected before sending the whole body")
            return _answer(400, "disconnected", "client disconnected")
        if not verify_signature(body, request.headers.get("x-hub-signature-256"), secret):
            return _answer(401, "bad_signature", "bad or missing X-Hub-Signature-256")
        delivery_id = request.headers.get("x-github-delivery", "")
        payload = _parse(body, request.headers.get("content-type", "application/json"))
        if payload is None or not event or not delivery_id:
            return _answer(400, "malformed", "malformed payload or missing GitHub headers")
        if event == "ping":
            return _answer(200, "ping", "pong")
        decision = route(event, delivery_id, payload)
        if not decision.jobs:
            return _answer(204, "ignored")
        try:
            # In a thread, never on the event loop: a Redis that accepts and never answers
            # must not hold up other deliveries; the wait is bounded twice (the client's socket
            # timeouts and DISPATCH_TIMEOUT_S), well inside GitHub's 10 s.
            fresh = await asyncio.wait_for(
                run_in_threadpool(dispatch, connection, delivery_id, decision.jobs),
                DISPATCH_TIMEOUT_S,
            )
        except (RedisError, TimeoutError, OSError) as exc:
            log.warning("Redis is unavailable (%s); delivery %s not queued", exc, delivery_id)
            return _answer(503, "unavailable", "queue unavailable, redeliver later")
        if not fresh:
            return _answer(200, "duplicate", "delivery already handled")
        log.info("delivery %s (%s): %s", delivery_id, event, decision.reason)
        return _answer(202, "enqueued", decision.reason)

    @app.get("/healthz")
    async def healthz() -> Response:
        try:
            await run_in_threadpool(connection.ping)
        except RedisError:
            return JSONResponse({"status": "unavailable", "redis": False}, status_code=503)
        return JSONResponse({"status": "ok", "redis": True})

    @app.get("/metrics")
    async def prometheus() -> Response:
        data = await run_in_threadpool(generate_latest, metrics.registry)
        return Response(data, media_type=CONTENT_TYPE_LATEST)

    return app


def _answer(status: int, outcome: str, detail: str = "") -> Response:
    headers = {"x-codebegen-outcome": outcome}
    if status == 204:
        return Response(status_code=204, headers=headers)
    return JSONResponse({"outcome": outcome, "detail": detail}, status_code=status, headers=headers)
