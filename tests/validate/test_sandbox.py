"""The sandbox: no network, limits, timeouts, a clean environment, and apps served over a socket."""

from __future__ import annotations

import os
import shutil
import socket
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline import sandbox, sandbox_bwrap, sandbox_postgres
from pipeline.sandbox import AppBootError, run_sandboxed, serve_app, workspace


@pytest.fixture
def ws() -> Iterator[Path]:
    with workspace() as path:
        yield path


def _write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    sandbox._give_to_sandbox(root)
    return root


def _redis_reachable() -> bool:
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex(("127.0.0.1", 6379)) == 0


NETWORK_TEST = """
    import socket

    import pytest


    @pytest.mark.parametrize("addr", [("127.0.0.1", 6379), ("1.1.1.1", 53)])
    def test_connects(addr):
        s = socket.create_connection(addr, timeout=2)
        s.close()
"""


def test_sandbox_has_network_isolation_here() -> None:
    iso = sandbox.isolation()
    assert iso.available and iso.network and iso.mount_namespace, iso.refusal


def test_generated_test_that_opens_a_connection_fails_inside(ws: Path) -> None:
    project = _write(ws / "proj", {"tests/test_net.py": NETWORK_TEST})
    result = run_sandboxed(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=project, timeout_s=60
    )
    assert result.returncode == 1, result.output
    assert "2 failed" in result.output
    assert "Network is unreachable" in result.output


@pytest.mark.skipif(not _redis_reachable(), reason="needs Redis on 127.0.0.1:6379 on the host")
def test_the_same_connection_works_outside_so_the_sandbox_is_what_blocks_it() -> None:
    socket.create_connection(("127.0.0.1", 6379), timeout=2).close()


def test_sleep_forever_is_killed_at_timeout(ws: Path) -> None:
    result = run_sandboxed(["sleep", "1000"], cwd=ws, timeout_s=1)
    assert result.timed_out
    assert not result.ok
    assert result.duration_s < 5
    assert "killed" in result.stderr


def test_processes_left_behind_die_with_the_sandbox(ws: Path) -> None:
    marker = "cbg-orphan-" + os.urandom(4).hex()
    script = (
        "import os, subprocess\n"
        f"subprocess.Popen(['sh', '-c', 'exec -a {marker} sleep 300'], start_new_session=True)\n"
    )
    result = run_sandboxed([sys.executable, "-c", script], cwd=ws, timeout_s=10)
    assert result.ok, result.output
    left = [p for p in os.listdir("/proc") if p.isdigit() and _cmdline(p).startswith(marker)]
    assert left == []


def _cmdline(pid: str) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def test_memory_hog_is_stopped(ws: Path) -> None:
    result = run_sandboxed(
        [sys.executable, "-c", "x = bytearray(3 * 1024 ** 3); print('allocated')"],
        cwd=ws,
        timeout_s=30,
        memory_mb=512,
    )
    assert not result.ok
    assert "allocated" not in result.stdout
    assert "MemoryError" in result.stderr


def test_cpu_hog_is_stopped_by_its_cpu_limit(ws: Path) -> None:
    result = run_sandboxed(
        [sys.executable, "-c", "while True: pass"], cwd=ws, timeout_s=30, cpu_s=1
    )
    assert not result.ok
    assert not result.timed_out
    assert result.duration_s < 10


def test_our_secrets_do_not_leak_into_the_sandbox(
    ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_TOKEN", "ghs_secret")
    monkeypatch.setenv("CODEBEGEN_WEBHOOK_SECRET", "hush")
    monkeypatch.setenv("SOME_PASSWORD", "hunter2")
    code = "import os; print(sorted(os.environ.items()))"
    result = run_sandboxed(
        [sys.executable, "-c", code],
        cwd=ws,
        env={"DATABASE_URL": "sqlite:///x.db", "GITHUB_TOKEN": "asked-for-anyway"},
        timeout_s=20,
    )
    assert result.ok, result.output
    for leaked in ("ghs_secret", "hush", "hunter2", "asked-for-anyway", "PYTHONPATH"):
        assert leaked not in result.stdout
    assert "DATABASE_URL" in result.stdout  # what the caller passes on purpose arrives


def test_sandboxed_code_cannot_read_our_environment_through_proc(ws: Path) -> None:
    if sandbox.isolation().uid is None:
        pytest.skip("runs as the same user: no privilege drop on this machine")
    code = f"print(open('/proc/{os.getpid()}/environ').read())"
    result = run_sandboxed([sys.executable, "-c", code], cwd=ws, timeout_s=20)
    assert not result.ok
    assert "PATH=" not in result.stdout
    assert "PermissionError" in result.stderr or "FileNotFoundError" in result.stderr


def test_sandboxed_code_sees_only_its_own_processes(ws: Path) -> None:
    if not sandbox.isolation().mount_namespace:
        pytest.skip("no mount namespace here: /proc is the host's")
    code = "import os; print(sorted(int(p) for p in os.listdir('/proc') if p.isdigit()))"
    result = run_sandboxed([sys.executable, "-c", code], cwd=ws, timeout_s=20)
    assert result.ok, result.output
    assert result.stdout.strip() == "[1, 2]"  # bubblewrap's init and the code itself


def test_workspaces_cannot_touch_each_other(ws: Path) -> None:
    if not sandbox.isolation().per_workspace_uid:
        pytest.skip("workspaces share one uid here")
    with workspace() as other:
        (other / "secret.txt").write_text("theirs")
        sandbox._give_to_sandbox(other / "secret.txt")
        code = f"print(open({str(other / 'secret.txt')!r}).read())"
        result = run_sandboxed([sys.executable, "-c", code], cwd=ws, timeout_s=20)
    assert "theirs" not in result.stdout
    assert "FileNotFoundError" in result.stderr  # another workspace is not even visible


def test_sandboxed_code_cannot_write_outside_its_workspace(ws: Path) -> None:
    if sandbox.isolation().uid is None:
        pytest.skip("runs as the same user: no privilege drop on this machine")
    target = Path(__file__).resolve().parent / "should-not-exist.txt"
    result = run_sandboxed(
        [sys.executable, "-c", f"open({str(target)!r}, 'w').write('x')"], cwd=ws, timeout_s=20
    )
    assert not result.ok
    assert not target.exists()


def test_a_directory_the_sandbox_cannot_enter_is_refused(tmp_path: Path) -> None:
    if sandbox.isolation().uid is None:
        pytest.skip("runs as the same user: no privilege drop on this machine")
    private = tmp_path / "private"
    private.mkdir(mode=0o700)
    (private / "proj").mkdir()
    with pytest.raises(sandbox.SandboxError, match="workspace"):
        run_sandboxed(["true"], cwd=private / "proj", timeout_s=5)


def test_output_is_bounded(ws: Path) -> None:
    code = "import sys; sys.stdout.write('x' * 5_000_000); sys.stdout.write('END')"
    result = run_sandboxed([sys.executable, "-c", code], cwd=ws, timeout_s=20)
    assert result.ok
    assert len(result.stdout) < sandbox.OUTPUT_LIMIT + 200
    assert result.stdout.endswith("END")
    assert "bytes cut" in result.stdout


APP = """
    import socket

    from fastapi import FastAPI

    app = FastAPI()


    @app.get("/health")
    def health():
        return {"status": "ok"}


    @app.get("/outbound")
    def outbound():
        try:
            socket.create_connection(("1.1.1.1", 53), timeout=2).close()
        except OSError as exc:
            return {"reached": False, "error": str(exc)}
        return {"reached": True}
"""


def test_serve_app_boots_and_answers_over_its_socket(ws: Path) -> None:
    project = _write(ws / "proj", {"app/__init__.py": "", "app/main.py": APP})
    with serve_app(project, timeout_s=30) as client:
        assert client.get("/health").json() == {"status": "ok"}
        assert client.get("/docs").status_code == 200
        assert client.get("/outbound").json()["reached"] is False


def test_serve_app_reports_an_app_that_does_not_boot(ws: Path) -> None:
    broken = textwrap.dedent(APP) + "\nraise RuntimeError('boom at import')\n"
    project = _write(ws / "proj", {"app/__init__.py": "", "app/main.py": broken})
    with pytest.raises(AppBootError) as info:
        with serve_app(project, timeout_s=30):
            pass
    assert "boom at import" in info.value.output


def test_serve_app_gives_up_on_an_app_that_never_answers(ws: Path) -> None:
    hang = "import time\ntime.sleep(1000)\n"
    project = _write(ws / "proj", {"app/__init__.py": "", "app/main.py": hang})
    with pytest.raises(AppBootError, match="did not answer"):
        with serve_app(project, timeout_s=30, boot_timeout_s=1.5):
            pass


def test_throwaway_database_is_reachable_from_inside_and_dropped_after(ws: Path) -> None:
    server, why = sandbox_postgres.find_postgres()
    if server is None:
        pytest.skip(why)
    import psycopg

    code = (
        "import sys, sqlalchemy as sa\n"
        "e = sa.create_engine(sys.argv[1])\n"
        "with e.begin() as c:\n"
        "    c.execute(sa.text('create table t (x int)'))\n"
        "    print(c.execute(sa.text('select current_user')).scalar())\n"
    )
    with sandbox_postgres.throwaway_database(server) as url:
        result = run_sandboxed(
            [sys.executable, "-c", code, url],
            cwd=ws,
            timeout_s=30,
            expose=[Path(server.socket_dir)],
        )
        assert result.ok, result.output
        name = result.stdout.strip()
        assert name.startswith("cbg_")
    admin = {"host": server.socket_dir, "port": server.port, "user": server.admin_user}
    with psycopg.connect(**admin, password=server.password, dbname="postgres") as conn:
        dbs = conn.execute("select 1 from pg_database where datname = %s", (name,)).fetchall()
        roles = conn.execute("select 1 from pg_roles where rolname = %s", (name,)).fetchall()
    assert dbs == [] and roles == []


def test_throwaway_database_role_is_not_a_superuser(ws: Path) -> None:
    server, why = sandbox_postgres.find_postgres()
    if server is None:
        pytest.skip(why)
    code = (
        "import sys, sqlalchemy as sa\n"
        "e = sa.create_engine(sys.argv[1])\n"
        "with e.connect() as c:\n"
        '    print(c.execute(sa.text("select rolsuper from pg_roles where rolname = current_user")).scalar())\n'
    )
    with sandbox_postgres.throwaway_database(server) as url:
        result = run_sandboxed(
            [sys.executable, "-c", code, url],
            cwd=ws,
            timeout_s=30,
            expose=[Path(server.socket_dir)],
        )
    assert result.stdout.strip() == "False", result.output


def test_find_postgres_explains_when_there_is_no_server() -> None:
    server, why = sandbox_postgres.find_postgres(
        "postgresql://postgres@/postgres?host=/nonexistent"
    )
    assert server is None
    assert "no PostgreSQL unix socket" in why


@pytest.fixture(params=["missing", "failing"])
def no_isolation(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A machine where bubblewrap is not installed, or cannot create its namespaces (a
    locked-down container: `false` stands in for a bwrap that exits non-zero)."""
    fake = "/nonexistent/bwrap" if request.param == "missing" else shutil.which("false")
    monkeypatch.setattr(sandbox_bwrap, "BWRAP", fake)
    sandbox.isolation.cache_clear()
    yield
    sandbox.isolation.cache_clear()


def test_without_a_sandbox_generated_code_is_not_run(no_isolation: None, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    with pytest.raises(sandbox.SandboxUnavailable, match="not run"):
        run_sandboxed(
            [sys.executable, "-c", f"open({str(marker)!r}, 'w')"], cwd=tmp_path, timeout_s=20
        )
    assert not marker.exists()


def test_without_a_sandbox_the_validation_report_refuses_and_says_why(no_isolation: None) -> None:
    from pipeline.validate import validate_files
    from tests.validate.sample_project import good_project

    report = validate_files(good_project(), postgres_url=None)
    assert report.refused and "bubblewrap" in report.refused
    assert not report.passed
    assert report.check("pytest (sqlite)").summary.startswith("refused:")
    assert report.check("boot").failed
    assert "Validation REFUSED" in report.to_markdown()
    assert "bubblewrap" in report.to_text()
