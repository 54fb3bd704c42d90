"""`codebegen serve` and `codebegen worker`: the two long-running processes. I/O: network, Redis.

    codebegen serve --host 0.0.0.0 --port 8000 --workers 2   # the webhook receiver
    codebegen worker                                         # runs jobs (any number of them)

Both read their settings from the environment (bot/config.py). The worker installs the real
GitHub and git adapters into `worker.context`, hands jobs of workers that died on this host back to
RQ (worker/recovery.py), and runs RQ's worker with the scheduler, which delayed retries need.
"""

from __future__ import annotations

import argparse
import logging
import os

from fastapi import FastAPI
from redis import Redis
from rq import SimpleWorker, Worker
from rq.serializers import JSONSerializer

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


def app_from_env() -> FastAPI:
    """The webhook app with settings from the environment (uvicorn's factory for `serve`)."""
    return create_app(load_settings())


def run_serve(args: argparse.Namespace) -> int:
    import uvicorn

    load_settings()  # fail here with a readable message, not in uvicorn's worker processes
    uvicorn.run(
        "bot.serve:app_from_env",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_level=args.log_level,
        access_log=False,
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
