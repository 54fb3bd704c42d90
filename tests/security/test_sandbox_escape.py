"""Hostile code in the sandbox: each test runs code that tries to get out, and fails if it does.

The code runs as model-written code would in validation: `run_sandboxed` in a fresh workspace.
Markers are planted on the host world-readable (as other users' files in /tmp are), so only the
sandbox's own filesystem view can keep them out.
"""

from __future__ import annotations

import ast
import os
import secrets
import socket
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

import pipeline
from pipeline import sandbox, sandbox_bwrap
from pipeline.sandbox import run_sandboxed, workspace

REPO = Path(pipeline.__file__).resolve().parent.parent


@pytest.fixture
def ws() -> Iterator[Path]:
    with workspace("cbg-hostile-") as path:
        yield path


@pytest.fixture
def host_marker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """A world-readable file in the host's /tmp holding a secret."""
    secret = secrets.token_hex(8)
    path = Path("/tmp") / f"cbg-test-marker-{secrets.token_hex(4)}"  # noqa: S108
    path.write_text(secret)
    path.chmod(0o644)
    yield path, secret
    path.unlink(missing_ok=True)


@pytest.fixture
def source_marker() -> Iterator[tuple[Path, str]]:
    """A world-readable file in the bot's own source tree."""
    secret = secrets.token_hex(8)
    path = REPO / f".cbg-test-marker-{secrets.token_hex(4)}"
    path.write_text(secret)
    path.chmod(0o644)
    yield path, secret
    path.unlink(missing_ok=True)


def _run(ws: Path, code: str, *args: str) -> sandbox.SandboxResult:
    return run_sandboxed([sys.executable, "-c", code, *args], cwd=ws, timeout_s=30)


READ = """
import sys
try:
    print(open(sys.argv[1]).read())
except OSError as exc:
    print("blocked", type(exc).__name__)
"""

WRITE = """
import sys
try:
    open(sys.argv[1], "w").write("pwned")
except OSError as exc:
    print("blocked", type(exc).__name__)
"""


def test_hostile_code_cannot_read_a_marker_in_the_host_tmp(
    ws: Path, host_marker: tuple[Path, str]
) -> None:
    path, secret = host_marker
    result = _run(ws, READ, str(path))
    assert secret not in result.output
    assert "blocked FileNotFoundError" in result.stdout


def test_hostile_code_cannot_read_a_marker_in_the_source_tree(
    ws: Path, source_marker: tuple[Path, str]
) -> None:
    path, secret = source_marker
    result = _run(ws, READ, str(path))
    assert secret not in result.output
    assert "blocked FileNotFoundError" in result.stdout


def test_hostile_code_cannot_list_the_bot_source_or_other_homes(ws: Path) -> None:
    code = """
import os
for d in ("/work", "/home", "/root", "/srv", "/opt", "/run", "/var", "/mnt", sys_repo):
    try:
        print(d, sorted(os.listdir(d)))
    except OSError as exc:
        print(d, "blocked")
""".replace("sys_repo", repr(str(REPO)))
    result = _run(ws, code)
    assert result.ok, result.output
    listed = dict(line.split(" ", 1) for line in result.stdout.splitlines())
    for name in ("/home", "/srv", "/opt", "/run", "/var", "/mnt"):
        assert listed[name] == "blocked", (name, listed[name])
    needed = {  # only the folders down to the interpreter exist, if any (CI's venv is in the clone)
        part for p in sandbox_bwrap.python_paths() for part in Path(p).parts[1:]
    }
    for name in ("/work", "/root", str(REPO)):
        if listed[name] != "blocked":
            assert set(ast.literal_eval(listed[name])) <= needed, (name, listed[name])


def test_hostile_code_cannot_write_the_host_tmp(ws: Path) -> None:
    target = Path("/tmp") / f"pwned-by-sandbox-{secrets.token_hex(6)}"  # noqa: S108
    try:
        result = _run(ws, WRITE, str(target))
        assert result.ok, result.output
        assert not target.exists()  # it wrote into its private /tmp, gone with it
    finally:
        target.unlink(missing_ok=True)


def test_hostile_code_cannot_write_the_source_tree(ws: Path) -> None:
    target = REPO / "pipeline" / f"pwned_{secrets.token_hex(6)}.py"
    try:
        result = _run(ws, WRITE, str(target))
        assert "blocked" in result.stdout, result.output
        assert not target.exists()
    finally:
        target.unlink(missing_ok=True)


def test_hostile_code_cannot_write_the_interpreter(ws: Path) -> None:
    target = Path(sys.prefix) / f"pwned-{secrets.token_hex(6)}"
    try:
        result = _run(ws, WRITE, str(target))
        assert "blocked" in result.stdout, result.output
        assert not target.exists()
    finally:
        target.unlink(missing_ok=True)


def test_hostile_code_cannot_reach_a_host_unix_socket(tmp_path: Path) -> None:
    sockdir = Path("/tmp") / f"cbg-test-sock-{secrets.token_hex(4)}"  # noqa: S108
    sockdir.mkdir(mode=0o777)
    sockdir.chmod(0o777)
    path = sockdir / "s"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    path.chmod(0o777)
    server.listen(1)
    got: list[bytes] = []
    threading.Thread(target=lambda: got.append(server.accept()[0].recv(10)), daemon=True).start()
    code = """
import socket, sys
s = socket.socket(socket.AF_UNIX)
try:
    s.connect(sys.argv[1]); s.sendall(b"hi"); print("connected")
except OSError as exc:
    print("blocked", type(exc).__name__)
"""
    try:
        with workspace("cbg-hostile-") as ws:
            result = _run(ws, code, str(path))
        assert "blocked" in result.stdout, result.output
        assert not got
    finally:
        server.close()
        path.unlink(missing_ok=True)
        sockdir.rmdir()


def test_hostile_code_cannot_reach_a_host_abstract_socket(ws: Path) -> None:
    name = f"\0cbg-test-{secrets.token_hex(4)}"
    server = socket.socket(socket.AF_UNIX)
    server.bind(name)
    server.listen(1)
    code = """
import socket, sys
s = socket.socket(socket.AF_UNIX)
try:
    s.connect("\\0" + sys.argv[1]); print("connected")
except OSError as exc:
    print("blocked", type(exc).__name__)
"""
    try:
        result = _run(ws, code, name[1:])
        assert "blocked" in result.stdout, result.output
    finally:
        server.close()


def test_hostile_code_cannot_reach_a_host_tcp_port(ws: Path) -> None:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    port = server.getsockname()[1]
    code = """
import socket, sys
s = socket.socket(); s.settimeout(2)
try:
    s.connect(("127.0.0.1", int(sys.argv[1]))); print("connected")
except OSError as exc:
    print("blocked", type(exc).__name__)
"""
    try:
        result = _run(ws, code, str(port))
        assert "blocked" in result.stdout, result.output
    finally:
        server.close()


def test_hostile_code_does_not_see_other_processes_environment(ws: Path) -> None:
    code = """
import os
found = []
for pid in os.listdir("/proc"):
    if pid.isdigit():
        try:
            found.append(open(f"/proc/{pid}/environ", "rb").read())
        except OSError:
            pass
print(b"".join(found).decode(errors="replace"))
"""
    os.environ["CBG_TEST_HOST_SECRET"] = secret = secrets.token_hex(8)
    try:
        result = _run(ws, code)
    finally:
        del os.environ["CBG_TEST_HOST_SECRET"]
    assert secret not in result.output


def test_a_model_added_test_that_reads_outside_its_project_fails_validation(
    host_marker: tuple[Path, str], source_marker: tuple[Path, str]
) -> None:
    from pipeline.validate import validate_files
    from tests.validate.sample_project import good_project

    (tmp_marker, tmp_secret), (src_marker, src_secret) = host_marker, source_marker
    files = dict(good_project())
    files["tests/test_exfiltrate.py"] = (
        "from pathlib import Path\n\n\n"
        "def test_read_host_files() -> None:\n"
        f"    stolen = Path({str(tmp_marker)!r}).read_text()\n"
        f"    stolen += Path({str(src_marker)!r}).read_text()\n"
        "    assert stolen == '', stolen\n"
    )
    report = validate_files(files, postgres_url=None)
    pytest_check = report.check("pytest (sqlite)")
    assert pytest_check.failed
    assert "FileNotFoundError" in pytest_check.details
    assert tmp_secret not in report.to_markdown() and src_secret not in report.to_markdown()


def test_hostile_code_holds_no_capabilities_and_cannot_gain_any(ws: Path) -> None:
    code = (
        "import re\n"
        "status = open('/proc/self/status').read()\n"
        "print(dict(re.findall(r'(Cap\\w+|NoNewPrivs):\\s*(\\S+)', status)))\n"
    )
    result = _run(ws, code)
    assert result.ok, result.output
    fields = ast.literal_eval(result.stdout.strip())
    for name in ("CapInh", "CapPrm", "CapEff", "CapAmb"):
        assert int(fields[name], 16) == 0, (name, fields[name])
    if sandbox.isolation().uid is not None:  # root dropped to a uid of its own
        assert int(fields["CapBnd"], 16) == 0
    assert fields["NoNewPrivs"] == "1"  # setuid binaries and file capabilities grant nothing
