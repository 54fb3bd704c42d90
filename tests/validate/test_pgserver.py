"""codebegen's own PostgreSQL cluster: what sandboxed code can and cannot do with it.

The module runs a real cluster of its own (initdb'd into a fresh directory, stopped and removed
at the end), so it neither waits for nor disturbs the machine's shared one. The attacks are run
from inside the sandbox, where generated code runs.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from pipeline import pgserver, sandbox, sandbox_postgres
from pipeline.sandbox import run_sandboxed, workspace
from pipeline.sandbox_postgres import PostgresServer, throwaway_database
from pipeline.validate import CheckStatus, validate_files
from tests.validate.sample_project import good_project

REPO = Path(__file__).resolve().parents[2]
SYSTEM_SOCKET = Path("/var/run/postgresql/.s.PGSQL.5432")  # Debian's server, trusting local logins


@contextlib.contextmanager
def _cluster_home() -> Iterator[Path]:
    """A fresh cluster directory under /tmp, which the server's user and the sandbox can pass."""
    base = Path(tempfile.mkdtemp(prefix="cbg-pgtest-", dir="/tmp"))
    base.chmod(0o755)
    try:
        yield base / "pg"
    finally:
        pgserver.stop(base / "pg")
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="module")
def cluster_dir() -> Iterator[Path]:
    if pgserver.bindir() is None:
        pytest.skip("no PostgreSQL server binaries here")
    with _cluster_home() as directory, pytest.MonkeyPatch.context() as mp:
        mp.setenv(pgserver.PG_DIR_ENV, str(directory))
        yield directory


@pytest.fixture(scope="module")
def server(cluster_dir: Path) -> PostgresServer:
    found, why = sandbox_postgres.find_postgres()
    assert found is not None, why
    return found


@pytest.fixture
def ws() -> Iterator[Path]:
    with workspace() as path:
        yield path


def _admin(server: PostgresServer) -> psycopg.Connection[tuple[object, ...]]:
    return psycopg.connect(
        host=server.socket_dir,
        port=server.port,
        user=server.admin_user,
        password=server.password,
        dbname="postgres",
        autocommit=True,
    )


def _inside(ws: Path, code: str, *args: str) -> sandbox.SandboxResult:
    """Run `code` in the sandbox with the test cluster's socket directory bound in (the only
    way the sandbox reaches PostgreSQL, as in validation)."""
    sockets = [Path(p) for p in args if p.startswith("/") or "host=/" in p]
    dirs = [p if p.is_absolute() and p.is_dir() else _host_of(str(p)) for p in sockets]
    cmd = [sys.executable, "-c", code, *args]
    ours = [d for d in dirs if d and not os.path.realpath(d).startswith("/run/")]
    return run_sandboxed(cmd, cwd=ws, timeout_s=30, expose=ours)


def _host_of(url: str) -> Path | None:
    found = re.search(r"host=([^&]+)", url)
    return Path(found[1]) if found else None


COPY_TO_PROGRAM = """
import sys, psycopg
with psycopg.connect(sys.argv[1].replace("+psycopg", ""), autocommit=True) as conn:
    try:
        conn.execute("COPY (SELECT 1) TO PROGRAM 'touch " + sys.argv[2] + "'")
    except psycopg.Error as exc:
        print(exc.sqlstate, exc)
    else:
        print("ran")
"""


def test_throwaway_role_cannot_run_a_program_on_the_host(server: PostgresServer, ws: Path) -> None:
    marker = Path(f"/tmp/cbg-pwned-{secrets.token_hex(4)}")
    with throwaway_database(server) as url:
        result = _inside(ws, COPY_TO_PROGRAM, url, str(marker))
    assert result.ok, result.output
    assert result.stdout.startswith("42501 "), result.stdout  # insufficient_privilege
    assert not marker.exists()


SUPERUSER_LOGIN = """
import sys, psycopg
try:
    psycopg.connect(host=sys.argv[1], port=sys.argv[2], user=sys.argv[3], dbname="postgres").close()
except psycopg.OperationalError as exc:
    print("refused:", exc)
else:
    print("connected")
"""


def test_superuser_cannot_log_in_from_the_sandbox_without_the_password(
    server: PostgresServer, ws: Path
) -> None:
    result = _inside(ws, SUPERUSER_LOGIN, server.socket_dir, str(server.port), server.admin_user)
    assert result.stdout.startswith("refused:"), result.output
    assert "password" in result.stdout


def test_superuser_password_file_is_unreadable_from_the_sandbox(
    cluster_dir: Path, server: PostgresServer, ws: Path
) -> None:
    code = "import sys\ntry:\n    open(sys.argv[1]).read()\nexcept OSError as e:\n    print(e)\n"
    result = _inside(ws, code, str(cluster_dir / "password"))
    assert "No such file or directory" in result.stdout, result.output  # only the socket is bound


def test_throwaway_role_cannot_connect_to_other_databases(server: PostgresServer, ws: Path) -> None:
    code = """
import sys, psycopg
for db in sys.argv[2:]:
    url = sys.argv[1].replace("+psycopg", "").split("?")[0].rsplit("/", 1)[0] + "/" + db
    try:
        psycopg.connect(url + "?" + sys.argv[1].split("?")[1]).close()
    except psycopg.OperationalError as exc:
        print(db, "refused:", " ".join(str(exc).split()))
    else:
        print(db, "connected")
"""
    with throwaway_database(server) as mine, throwaway_database(server) as other:
        other_db = sandbox_postgres._database_of(other)
        result = _inside(ws, code, mine, other_db, "postgres", "template1")
    lines = result.stdout.splitlines()
    assert len(lines) == 3 and all("permission denied" in ln for ln in lines), result.output


def test_cluster_takes_only_scram_logins_and_no_tcp(server: PostgresServer) -> None:
    with _admin(server) as conn:
        listen = conn.execute("SHOW listen_addresses").fetchone()
        methods = conn.execute("SELECT DISTINCT auth_method FROM pg_hba_file_rules").fetchall()
    assert listen == ("",)
    assert methods == [("scram-sha-256",)]


def test_cluster_files_are_private_to_the_server_user(
    cluster_dir: Path, server: PostgresServer
) -> None:
    uid, _ = pgserver.server_user()
    modes = {
        name: stat.S_IMODE(os.stat(cluster_dir / name).st_mode)
        for name in (".", "data", "password", "socket")
    }
    assert modes == {".": 0o711, "data": 0o700, "password": 0o600, "socket": 0o711}
    assert {os.stat(cluster_dir / name).st_uid for name in modes} == {uid}


def test_throwaway_database_and_role_are_dropped_when_the_block_fails_mid_session(
    server: PostgresServer,
) -> None:
    with pytest.raises(RuntimeError, match="check crashed"):
        with throwaway_database(server) as url:
            name = sandbox_postgres._database_of(url)
            session = psycopg.connect(url.replace("+psycopg", ""))
            raise RuntimeError("check crashed")
    session.close()
    with _admin(server) as conn:
        dbs = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchall()
        roles = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)).fetchall()
    assert dbs == [] and roles == []


def test_two_concurrent_first_starts_share_one_server(monkeypatch: pytest.MonkeyPatch) -> None:
    if pgserver.bindir() is None:
        pytest.skip("no PostgreSQL server binaries here")
    with _cluster_home() as directory:
        monkeypatch.setenv(pgserver.PG_DIR_ENV, str(directory))
        start = "from pipeline import pgserver\nprint(pgserver.ensure_running().directory)"
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", start], cwd=REPO, text=True, stdout=subprocess.PIPE
            )
            for _ in range(2)
        ]
        outs = [p.communicate(timeout=120)[0].strip() for p in procs]
        assert [p.returncode for p in procs] == [0, 0]
        assert outs == [str(directory)] * 2
        cluster = pgserver.ensure_running()
        with psycopg.connect(**cluster.conninfo()) as conn:
            assert conn.execute("SELECT 1").fetchone() == (1,)


def test_validation_runs_the_projects_tests_on_the_private_cluster(
    server: PostgresServer,
) -> None:
    report = validate_files(good_project())
    for name in ("pytest (postgresql)", "alembic upgrade (postgresql)"):
        assert report.check(name).status is CheckStatus.PASSED, report.to_text()
    with _admin(server) as conn:
        left = conn.execute("SELECT rolname FROM pg_roles WHERE rolname LIKE 'cbg\\_%'").fetchall()
    assert left == []


def test_sandbox_cannot_reach_the_system_postgresql_socket(ws: Path) -> None:
    if not SYSTEM_SOCKET.exists() or not sandbox.isolation().hidden:
        pytest.skip("no system PostgreSQL socket here, or no mount namespace to hide it")
    result = _inside(ws, SUPERUSER_LOGIN, str(SYSTEM_SOCKET.parent), "5432", "postgres")
    assert result.stdout.startswith("refused:"), result.output
    assert "No such file or directory" in result.stdout


def test_explicit_url_to_a_hidden_system_socket_is_skipped_with_a_reason() -> None:
    if not SYSTEM_SOCKET.exists() or not sandbox.isolation().hidden:
        pytest.skip("no system PostgreSQL socket here, or no mount namespace to hide it")
    found, why = sandbox_postgres.find_postgres(
        f"postgresql://postgres@/postgres?host={SYSTEM_SOCKET.parent}"
    )
    assert found is None
    assert "hidden from sandboxed code" in why


def test_no_server_binaries_means_no_server_and_a_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pgserver, "bindir", lambda: None)
    found, why = sandbox_postgres.find_postgres()
    assert found is None
    assert "no PostgreSQL server binaries" in why


def test_root_without_a_postgres_user_is_told_what_to_do(monkeypatch: pytest.MonkeyPatch) -> None:
    if os.geteuid() != 0:
        pytest.skip("only root needs another OS user for the server")
    monkeypatch.setattr(pgserver, "SERVER_USER", "cbg-no-such-user")
    with pytest.raises(pgserver.PgServerError, match="no 'cbg-no-such-user' OS user"):
        pgserver.server_user()
