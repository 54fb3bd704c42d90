"""The acceptance harness: a generated project's app, booted in the sandbox, against a test file.

    with served_project(files) as base_url: ...         # the app on http://127.0.0.1:PORT
    accept(files, test_file) -> AcceptanceResult         # boot, run the file, count

The project is booted the way validation boots it (`sandbox.serve_app_socket`, SQLite, the
app's own `.env.example` with fresh secrets) and reached through `bridge.tcp_bridge`. The test
file is trusted code (ours: tests/corpus/openapi/…): it runs on the host under pytest, in a
subprocess of this interpreter, with ACCEPTANCE_BASE_URL set; the generated app runs only in the
sandbox. I/O: a sandbox workspace, the sandboxed app, a loopback port, a pytest subprocess.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess  # noqa: S404 - runs pytest on our own acceptance files
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from pipeline import sandbox
from pipeline.validate.bridge import tcp_bridge
from pipeline.validate.checks import _app_env, write_files

BASE_URL_ENV = "ACCEPTANCE_BASE_URL"  # where the acceptance tests find the app
APP_TIMEOUT_S = 600.0  # the app is killed after this long, whatever the caller still does
_SUMMARY = re.compile(r"(\d+) (passed|failed|errors?)\b")


class AcceptanceResult(BaseModel):
    model_config = ConfigDict(extra="forbid")

    passed: int = 0
    failed: int = 0  # failed or errored tests
    failures: list[str] = Field(default_factory=list)  # "test_name - first line of why"
    boot_error: str = ""  # why the app did not boot ("" when it did)
    output: str = ""  # pytest's output, bounded

    @property
    def total(self) -> int:
        return self.passed + self.failed


@contextlib.contextmanager
def served_project(files: dict[str, str], *, timeout_s: float = APP_TIMEOUT_S) -> Iterator[str]:
    """Boot the project given as {path: content} in the sandbox; yield its base URL.

    Raises `sandbox.SandboxError` (`AppBootError` with the app's output) when it does not boot."""
    with sandbox.workspace("cbg-accept-") as ws:
        write_files(files, ws / "project")
        served = sandbox.copy_project(ws / "project", ws / "served")
        env = {**_app_env(served), "DATABASE_URL": "sqlite:///./app.db"}
        with sandbox.serve_app_socket(served, env=env, timeout_s=timeout_s) as (_, sock):
            with tcp_bridge(sock) as url:
                yield url


def run_tests(test_file: Path, base_url: str, *, timeout_s: float = 300.0) -> AcceptanceResult:
    """Run the pytest file `test_file` (ours) against `base_url`; count passed and failed."""
    with tempfile.TemporaryDirectory(prefix="cbg-accept-pytest-") as tmp:
        ini = Path(tmp) / "pytest.ini"
        ini.write_text("[pytest]\n", encoding="utf-8")  # none of the repository's settings
        cmd = [sys.executable, "-m", "pytest", "-c", str(ini), "--rootdir", tmp]
        cmd += ["-p", "no:cacheprovider", "--noconftest", "-q", "-rfE", "--color=no"]
        cmd += [str(Path(test_file).resolve())]
        env = {**os.environ, BASE_URL_ENV: base_url}
        try:
            done = subprocess.run(  # noqa: S603 - our interpreter, our test file
                cmd, cwd=tmp, env=env, capture_output=True, text=True, timeout=timeout_s
            )
            output = done.stdout + done.stderr
        except subprocess.TimeoutExpired as exc:
            partial = exc.stdout.decode() if isinstance(exc.stdout, bytes) else exc.stdout
            output = f"{partial or ''}\ntimed out after {timeout_s:g} s"
    return _counts(output)


def accept(files: dict[str, str], test_file: Path, *, timeout_s: float = 300.0) -> AcceptanceResult:
    """Boot the project and run `test_file` against it. When the app does not boot, every test
    runs against a closed port (and fails), so the total is still the file's."""
    try:
        with served_project(files, timeout_s=timeout_s + 60) as url:
            return run_tests(test_file, url, timeout_s=timeout_s)
    except sandbox.SandboxError as exc:
        result = run_tests(test_file, _closed_port(), timeout_s=timeout_s)
        result.boot_error = str(exc)
        return result


def _counts(output: str) -> AcceptanceResult:
    summary = next((ln for ln in reversed(output.splitlines()) if _SUMMARY.search(ln)), "")
    found = {kind.rstrip("s"): int(n) for n, kind in _SUMMARY.findall(summary)}
    failures = [
        ln.split("::", 1)[-1] for ln in output.splitlines() if ln.startswith(("FAILED ", "ERROR "))
    ]
    return AcceptanceResult(
        passed=found.get("passed", 0),
        failed=found.get("failed", 0) + found.get("error", 0),
        failures=failures,
        output=output[-20000:],
    )


def _closed_port() -> str:
    """A loopback URL nothing listens on: connections are refused at once."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"
