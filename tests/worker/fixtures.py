"""Fixtures shared by the bot, worker and end-to-end tests: a real Redis on its own database.

Use from a conftest: ``from tests.worker.fixtures import *  # noqa: F403``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from redis import Redis

# Our own database number, flushed before and after each test (rq's "we like our hygiene").
REDIS_URL = os.environ.get("CODEBEGEN_TEST_REDIS_URL", "redis://127.0.0.1:6379/1")


@pytest.fixture
def redis() -> Iterator[Redis]:
    connection = Redis.from_url(REDIS_URL)
    connection.flushdb()  # fails loudly when Redis is not running: .ci/run starts it
    try:
        yield connection
    finally:
        connection.flushdb()
        connection.close()
