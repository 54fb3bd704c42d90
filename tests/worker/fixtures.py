"""Fixtures shared by the bot, worker and end-to-end tests: a real Redis on its own database.

Use from a conftest: ``from tests.worker.fixtures import *  # noqa: F403``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from redis import Redis


def own_database(first: int) -> int:
    """A Redis database number of this test process's own: `first` in a plain run, and four
    apart per pytest-xdist worker (gw0, gw1, ...), so that parallel workers never flush each
    other's data."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    return first + 4 * int(worker.removeprefix("gw") or 0)


# Our own database number, flushed before and after each test (rq's "we like our hygiene").
REDIS_URL = os.environ.get("CODEBEGEN_TEST_REDIS_URL", f"redis://127.0.0.1:6379/{own_database(1)}")


@pytest.fixture
def redis() -> Iterator[Redis]:
    connection = Redis.from_url(REDIS_URL)
    connection.flushdb()  # fails loudly when Redis is not running: .ci/run starts it
    try:
        yield connection
    finally:
        connection.flushdb()
        connection.close()
