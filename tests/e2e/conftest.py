"""Fixtures of the end-to-end tests (the harness itself is tests/e2e/harness.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from redis import Redis

from tests.e2e.harness import Loop, running_loop
from tests.standin.fixtures import *  # noqa: F403
from tests.worker.fixtures import *  # noqa: F403


@pytest.fixture
def loop(github_standin, github_app_key, redis: Redis, tmp_path: Path) -> Iterator[Loop]:
    with running_loop(github_standin, github_app_key, redis, tmp_path) as running:
        yield running
