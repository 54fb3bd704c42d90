"""`codebegen serve` and `codebegen worker`: the two long-running processes. I/O: network, Redis.

    codebegen serve --host 0.0.0.0 --port 8000 --workers 2   # the webhook receiver
    codebegen worker                                         # runs jobs (any number of them)

Both read their settings from the environment (bot/config.py). The worker installs the real
GitHub and git adapters into `worker.context`, hands jobs of workers that died on this host back to
RQ (worker/recovery.py), and runs RQ's worker with the scheduler, which delayed retries need.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
from typing import Any

import uvicorn
from fastapi import FastAPI
from redis import Redis
from rq import SimpleWorker, Worker
from rq.serializers import JSONSerializer
from uvicorn.protocols.http.h11_impl import H11Protocol

from bot.app import create_app
from bot.config import Settings, load_settings
from bot.github import GitHubApp
from bot.gitops import GitOps
from pipeline.llm import llm_config_from_env
from pipeline.llm.config import Role
from pipeline.llm.http import HTTPClient
from pipeline.llm.retrieve import process_retriever
from worker import context, queues, recovery
from worker.ports import GitAuthor
from worker.redact import install_log_redaction

log = logging.getLogger("codebegen")
REQUEST_TIMEOUT_S = 10.0  # a whole request (headers and body) must arrive within this
KEEP_ALIVE_S = 5  # an idle keep-alive connection is closed after this
MAX_CONCURRENCY = 256  # connections and requests at once per process; beyond it uvicorn says 503


def app_from_env() -> FastAPI:
    """The webhook app with settings from the environment (uvicorn's factory for `serve`)."""
    return create_app(load_settings())


class DeadlineH11Protocol(H11Protocol):
    """uvicorn's HTTP/1.1 protocol with a deadline per request: the request line, headers and
    body must all arrive within `REQUEST_TIMEOUT_S` of the connection (or of the previous
    response), else the connection is closed. uvicorn has no such timeout of its own, so a client
    that sends headers and one byte would otherwise hold its connection for ever."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._deadline = self.loop.call_later(REQUEST_TIMEOUT_S, self._too_slow)

    def on_response_complete(self) -> None:
        self._deadline.cancel()
        super().on_response_complete()
        if not self.transport.is_closing():
            self._deadline = self.loop.call_later(REQUEST_TIMEOUT_S, self._too_slow)

    def connection_lost(self, exc: Exception | None) -> None:
        self._deadline.cancel()
        super().connection_lost(exc)

    def _too_slow(self) -> None:
        if self.cycle is None or not self.cycle.response_complete:
            log.info("closing a connection that did not send its request in time")
            self.transport.close()


SERVE_OPTIONS: dict[str, Any] = {
    "http": DeadlineH11Protocol,
    "timeout_keep_alive": KEEP_ALIVE_S,
    "limit_concurrency": MAX_CONCURRENCY,
    "access_log": False,
}


def server_config(app: Any, *, host: str, port: int, **options: Any) -> uvicorn.Config:
    """uvicorn's configuration for the webhook receiver: the request deadline above, a short
    keep-alive, and at most `MAX_CONCURRENCY` connections and tasks (beyond: 503)."""
    return uvicorn.Config(app, host=host, port=port, **SERVE_OPTIONS, **options)


def run_serve(args: argparse.Namespace) -> int:
    load_settings()  # fail here with a readable message, not in uvicorn's worker processes
    uvicorn.run(
        "bot.serve:app_from_env",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_level=args.log_level,
        **SERVE_OPTIONS,
    )
    return 0


def build_context(settings: Settings, connection: Redis) -> context.Context:
    llm = llm_config_from_env(os.environ)
    return context.Context(
        github=GitHubApp(
            app_id=settings.app_id,
            private_key=settings.private_key_pem(),
            base_url=settings.github_api_url,
        ),
        git=GitOps(),
        redis=connection,
        workdir=settings.workdir,
        author=GitAuthor(settings.bot_login, settings.bot_email),
        bot_login=settings.bot_login,
        llm=HTTPClient(llm) if llm.any_active else None,
        retriever=(process_retriever(settings.data_dir) if llm.active(Role.GENERATOR) else None),
    )


def run_worker(args: argparse.Namespace) -> int:
    logging.basicConfig(
        level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    install_log_redaction()
    settings = load_settings()
    connection = Redis.from_url(settings.redis_url)
    context.install(build_context(settings, connection))
    names = [q.value for q in queues.LISTEN_ORDER]
    for job_id in recovery.requeue_abandoned(connection, names):
        log.warning("re-running job %s, whose worker died", job_id)
    worker_class = SimpleWorker if args.simple else Worker
    worker = worker_class(
        [queues.queue(q, connection=connection) for q in queues.LISTEN_ORDER],
        connection=connection,
        serializer=JSONSerializer,
    )
    worker.work(burst=args.burst, with_scheduler=True, logging_level=args.log_level.upper())
    return 0
