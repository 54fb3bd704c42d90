"""Cleanup that survives a kill: what a SIGKILLed validation left behind (its /tmp/cbg-* folders,
its PostgreSQL database and role) is found and removed by the next one."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from pipeline import sandbox, sandbox_postgres

HOLD_A_WORKSPACE = """
import sys, time
from pipeline import sandbox
with sandbox.workspace("cbg-validate-") as ws:
    print(ws, flush=True)
    time.sleep(600)
"""

HOLD_A_DATABASE = """
import sys, time
from pipeline import sandbox_postgres
server, why = sandbox_postgres.find_postgres()
with sandbox_postgres.throwaway_database(server) as url:
    print(sandbox_postgres._database_of(url), flush=True)
    time.sleep(600)
"""


def _killed_after_first_line(code: str) -> str:
    proc = subprocess.Popen(  # noqa: S603
        [sys.executable, "-c", code],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])},
    )
    assert proc.stdout is not None
    line = proc.stdout.readline().strip()
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    return line


def test_a_killed_validations_workspace_is_removed_at_the_next_start() -> None:
    left = Path(_killed_after_first_line(HOLD_A_WORKSPACE))
    assert left.is_dir()  # the kill left it
    removed = sandbox.sweep_leftovers.__wrapped__()
    assert left in removed
    assert not left.exists()


def test_a_running_validations_workspace_is_kept() -> None:
    with sandbox.workspace("cbg-validate-") as mine:
        sandbox.sweep_leftovers.__wrapped__()
        assert mine.is_dir()


def test_a_killed_validations_database_and_role_are_dropped_at_the_next_start() -> None:
    server, why = sandbox_postgres.find_postgres()
    if server is None:
        pytest.skip(f"no PostgreSQL here: {why}")
    name = _killed_after_first_line(HOLD_A_DATABASE)
    params = sandbox_postgres._admin_params(server)
    with psycopg.connect(**params, autocommit=True) as conn:
        exists = "SELECT count(*) FROM pg_database WHERE datname = %s"
        assert conn.execute(exists, (name,)).fetchone() == (1,)  # the kill left it
        dropped = sandbox_postgres.sweep_leftovers(conn)
        assert name in dropped
        assert conn.execute(exists, (name,)).fetchone() == (0,)
        role = "SELECT count(*) FROM pg_roles WHERE rolname = %s"
        assert conn.execute(role, (name,)).fetchone() == (0,)
