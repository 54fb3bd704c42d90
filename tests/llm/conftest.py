"""Fixtures for the model roles: a small spec and project, and a real OpenAI-compatible server.

`tiny_server` runs `transformers serve` (transformers[serving]) on a free port of 127.0.0.1 with
no model preloaded: each request names a local model directory as its `model`, the way a vLLM
request names a LoRA adapter, and the server loads it. The models are built by
`tests.llm.tiny_models` in a temporary directory, offline.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from pipeline.llm.config import LLMConfig, Role, RoleConfig
from pipeline.spec import ProjectSpec

TICKET_DESCRIPTION = (
    "An events API. Events have a name and a capacity. A ticket belongs to an event and has a "
    "holder name. A ticket cannot be sold past the event's capacity."
)

# Replies the scripted server models give, whatever they are asked.
ESCAPE_REPLY = '{"files": {"../outside.py": "x = 1\\n"}}'
FAILING_TEST_REPLY = (
    '{"files": {"tests/test_capacity.py": "def test_capacity():\\n    assert 1 == 2\\n"}}'
)
SERVER_START_S = 120  # the server imports torch and transformers before it answers /health


@pytest.fixture
def ticket_spec() -> ProjectSpec:
    return ProjectSpec.model_validate(
        {
            "name": "ticket-api",
            "description": TICKET_DESCRIPTION,
            "domain": "events",
            "database": "sqlite",
            "entities": [
                {
                    "name": "Event",
                    "fields": [{"name": "name"}, {"name": "capacity", "type": "integer"}],
                },
                {"name": "Ticket", "fields": [{"name": "holder"}]},
            ],
            "relations": [{"kind": "many_to_one", "source": "Ticket", "target": "Event"}],
        }
    )


@pytest.fixture
def event_spec() -> ProjectSpec:
    """One entity and one rule: the smallest spec the real renderer and sandbox are run on."""
    return ProjectSpec.model_validate(
        {
            "name": "event-api",
            "description": "Events have a capacity. A ticket cannot be sold past the event's capacity.",
            "database": "sqlite",
            "entities": [{"name": "Event", "fields": [{"name": "capacity", "type": "integer"}]}],
        }
    )


@pytest.fixture
def template_files() -> dict[str, str]:
    """A small stand-in for the template engine's output: the files the model sees and may touch."""
    return {
        "pyproject.toml": '[project]\nname = "ticket-api"\n\n[tool.black]\nline-length = 100\n',
        "README.md": (
            "# Ticket API\n\nAn events API.\n\n## Run\n\n```bash\npip install -e '.[dev]'\n"
            "uvicorn app.main:app --reload\n```\n\n## Test\n\n```bash\npytest\n```\n"
        ),
        "app/__init__.py": "",
        "app/main.py": (
            "from fastapi import FastAPI\n\nfrom app.routers import events, tickets\n\n"
            "app = FastAPI()\napp.include_router(events.router)\napp.include_router(tickets.router)\n"
        ),
        "app/models/ticket.py": "class Ticket:\n    pass\n",
        "app/services/ticket.py": "def create_ticket(data: dict) -> dict:\n    return data\n",
        "app/routers/tickets.py": "from fastapi import APIRouter\n\nrouter = APIRouter()\n",
        "app/routers/events.py": "from fastapi import APIRouter\n\nrouter = APIRouter()\n",
        "tests/test_tickets.py": "def test_tickets() -> None:\n    assert True\n",
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def role_config(*roles: Role, base_url: str, model: str, **kwargs: object) -> LLMConfig:
    return LLMConfig(
        roles={r: RoleConfig(base_url=base_url, model=model, **kwargs) for r in roles}  # type: ignore[arg-type]
    )


@dataclass(frozen=True)
class TinyServer:
    base_url: str  # "http://127.0.0.1:PORT/v1"
    nonsense: str  # model names (local directories) the server loads on demand
    escape: str
    failing_test: str


@pytest.fixture(scope="session")
def tiny_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TinyServer]:
    pytest.importorskip("torch")
    from tests.llm.tiny_models import random_model, scripted_model

    serve = shutil.which("transformers", path=str(Path(sys.executable).parent))
    if serve is None:
        pytest.fail("`transformers serve` is missing: pip install 'transformers[serving]'")
    root = tmp_path_factory.mktemp("tiny-models")
    nonsense = random_model(root / "nonsense")
    escape = scripted_model(root / "escape", ESCAPE_REPLY)
    failing = scripted_model(root / "failing-test", FAILING_TEST_REPLY)
    port = free_port()
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    log = (root / "serve.log").open("wb")
    proc = subprocess.Popen(  # noqa: S603 - our own venv's console script
        [
            serve,
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--device",
            "cpu",
            "--default-seed",
            "0",
            "--log-level",
            "warning",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
    )
    try:
        _wait_healthy(f"http://127.0.0.1:{port}/health", proc, root / "serve.log")
        yield TinyServer(
            base_url=f"http://127.0.0.1:{port}/v1",
            nonsense=str(nonsense),
            escape=str(escape),
            failing_test=str(failing),
        )
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def _wait_healthy(url: str, proc: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"transformers serve exited:\n{log.read_text()[-3000:]}")
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    pytest.fail(
        f"transformers serve did not answer in {SERVER_START_S} s:\n{log.read_text()[-3000:]}"
    )
