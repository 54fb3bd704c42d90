"""pytest fixtures for the stand-in.

Use from a conftest: ``from tests.standin.fixtures import *  # noqa: F403`` (or list
``"tests.standin.fixtures"`` in the root conftest's ``pytest_plugins``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.standin.keys import AppKey, generate_app_key
from bot.standin.server import StandIn

GITHUB_APP_ID = 424242
GITHUB_WEBHOOK_SECRET = "standin-webhook-secret"


@pytest.fixture(scope="session")
def github_app_key() -> AppKey:
    """One RSA key pair per test session (2048-bit generation takes ~50-200 ms)."""
    return generate_app_key()


def make_standin(key: AppKey, root: Path) -> StandIn:
    """A stand-in (not started) for the test App: its key, id and webhook secret, state under
    `root`."""
    return StandIn(
        app_id=GITHUB_APP_ID,
        public_key_pem=key.public_pem,
        private_key_pem=key.private_pem,
        webhook_secret=GITHUB_WEBHOOK_SECRET,
        root=root,
    )


@pytest.fixture
def github_standin(
    github_app_key: AppKey, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[StandIn]:
    """A fresh, started stand-in per test. ``webhook_url`` is unset: assign
    ``github_standin.webhook_url = ...`` once the bot is listening."""
    gh = make_standin(github_app_key, tmp_path_factory.mktemp("standin"))
    gh.start()
    try:
        yield gh
    finally:
        gh.stop()
