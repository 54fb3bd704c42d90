"""Runs untrusted code (a generated project's tests, its app, its migrations) in a sandbox.

I/O: spawns processes, and creates and removes temporary directories. The databases sandboxed code
may use come from `pipeline.sandbox_postgres`.

The isolation is bubblewrap's (`pipeline.sandbox_bwrap` builds its command line): its own
filesystem view (its workspace read-write, the interpreter read-only, a private /tmp, nothing else
of the host: no /work, /home, /root, /srv, /opt, /run, no host sockets), no network, its own PID
namespace (leftovers die with it), a uid of its own when we are root. On top of that: rlimits
(address space, CPU seconds, processes, file size, open files, no core dumps), a new session
killed as a whole on timeout, and a minimal environment: never our own variables, so no GitHub or
codebegen secrets. A socket directory (PostgreSQL's, an app's) is bound in only when named.

When the sandbox cannot be set up, nothing runs: `SandboxUnavailable` says why, and validation
reports every check that would execute generated code as refused.
"""

from __future__ import annotations

import contextlib
import functools
import math
import os
import re
import resource
import secrets
import shutil
import signal
import subprocess  # noqa: S404 - running untrusted code under limits is this module's job
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from pipeline import sandbox_bwrap
from pipeline.errors import CodebegenError

SANDBOX_UID = 65534  # `nobody`: who untrusted code runs as when we are root
OUTPUT_LIMIT = 64 * 1024  # bytes of stdout/stderr kept: the first half and the last half
MAX_PROCESSES = 512  # RLIMIT_NPROC (threads count too); shared by all sandboxes of one user
MAX_FILE_MB = 256  # RLIMIT_FSIZE: the largest file a sandboxed process may write
MAX_OPEN_FILES = 1024  # RLIMIT_NOFILE
# Variable names never passed into a sandbox, whatever the caller asks.
_FORBIDDEN_ENV_PREFIXES = ("GITHUB_", "CODEBEGEN_", "GH_", "AWS_", "OPENAI_", "HF_")
REFUSED = "generated code was not run: the sandbox cannot be set up here"
REQUIREMENT = (
    "Install bubblewrap (apt-get install bubblewrap) and let it create namespaces: run the worker "
    "as root in its container, or allow user namespaces (see README, 'Sandbox')"
)
# Host directories holding the machine's service sockets (PostgreSQL's, which trusts local logins
# on Debian; D-Bus; Docker's): a socket there is never exposed to sandboxed code.
_HIDDEN_DIRS = ("/run", "/var/run")
_UID_RANGE = (2_000_000, 2_900_000)  # uids given to workspaces; no account owns them


class SandboxError(CodebegenError):
    """The sandbox could not run something (not: the sandboxed code failed)."""


class SandboxUnavailable(SandboxError):
    """No sandbox here (bubblewrap missing or refused): generated code is not run at all."""


class AppBootError(SandboxError):
    """A served app did not answer in time or exited; `output` holds what it printed."""

    def __init__(self, message: str, *, output: str) -> None:
        super().__init__(message)
        self.output = output


@dataclass(frozen=True)
class Isolation:
    """What isolation this machine gives sandboxed processes (found once, by `isolation()`)."""

    available: bool  # bubblewrap works here; when False nothing is run, `refusal` says why
    network: bool  # own network namespace, no interfaces up
    pid_namespace: bool  # own PID namespace: leftovers die with the process
    mount_namespace: bool  # own filesystem view: workspace, interpreter, nothing else of the host
    uid: int | None  # default uid the code runs as when we drop privileges, else None
    per_workspace_uid: bool = False  # each workspace() gets a uid of its own
    notes: tuple[str, ...] = ()  # what is weaker than the full sandbox, in words for the report
    hidden: tuple[str, ...] = _HIDDEN_DIRS  # host directories whose sockets are never exposed
    refusal: str = ""  # why sandboxed code cannot run here (when not `available`)

    def argv(
        self,
        cmd: list[str],
        uid: int | None,
        *,
        cwd: Path,
        writable: Sequence[Path] = (),
        readable: Sequence[Path] = (),
    ) -> list[str]:
        if not self.available:
            raise SandboxUnavailable(self.refusal)
        return sandbox_bwrap.command(
            cmd,
            cwd=cwd,
            writable=[cwd, *writable],
            readable=readable,
            uid=self.uid if uid is None else uid,
            as_root=self.uid is not None,
        )


@dataclass
class SandboxResult:
    cmd: list[str]
    returncode: int
    stdout: str
    stderr: str
    duration_s: float
    timed_out: bool
    isolation: Isolation

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.timed_out

    @property
    def output(self) -> str:
        """stdout and stderr together, for a report."""
        return "\n".join(part for part in (self.stdout.rstrip(), self.stderr.rstrip()) if part)


# --- isolation detection -----------------------------------------------------------------------


@functools.cache
def isolation() -> Isolation:
    """The sandbox this machine gives, found once per process by running a probe in it.

    When bubblewrap is missing or cannot set up its namespaces, the result is not `available`
    and every sandboxed run raises `SandboxUnavailable`: generated code never runs bare."""
    as_root = os.geteuid() == 0
    uid = _fresh_uid() if as_root else None
    probe_dir = _mkdtemp("cbg-probe-")
    marker = Path(_mkdtemp("cbg-marker-"))
    try:
        if uid is not None:
            os.chown(probe_dir, uid, uid)
        why = sandbox_bwrap.probe(
            workdir=probe_dir, marker=marker, uid=uid, as_root=as_root, env=_base_env(probe_dir)
        )
    finally:
        shutil.rmtree(probe_dir, ignore_errors=True)
        shutil.rmtree(marker, ignore_errors=True)
    if why:
        refusal = f"{REFUSED}: {why}. {REQUIREMENT}"
        return Isolation(False, False, False, False, None, notes=(refusal,), refusal=refusal)
    if as_root:
        return Isolation(True, True, True, True, SANDBOX_UID, per_workspace_uid=True)
    note = "runs as the worker's own uid (not root, so no uid of its own); its file view holds"
    return Isolation(True, True, True, True, None, notes=(note,))


def _fresh_uid() -> int:
    return _UID_RANGE[0] + secrets.randbelow(_UID_RANGE[1] - _UID_RANGE[0])


def _is_sandbox_uid(uid: int) -> bool:
    return uid == SANDBOX_UID or _UID_RANGE[0] <= uid < _UID_RANGE[1]


def _uid_for(path: Path) -> int | None:
    """The uid sandboxed code in `path` runs as: the owner of its workspace."""
    iso = isolation()
    if iso.uid is None:
        return None
    for candidate in (path, *path.parents):
        if candidate.exists():
            owner = os.stat(candidate).st_uid
            return owner if _is_sandbox_uid(owner) else iso.uid
    return iso.uid


# --- workspaces --------------------------------------------------------------------------------


def _give_to_sandbox(path: Path, uid: int | None = None) -> None:
    """Make `path` (recursively) the sandbox user's, so untrusted code can write only there."""
    uid = _uid_for(path.parent) if uid is None else uid
    if uid is None:
        return
    os.chown(path, uid, uid, follow_symlinks=False)
    for dirpath, dirnames, filenames in os.walk(path):
        for name in dirnames + filenames:
            os.chown(os.path.join(dirpath, name), uid, uid, follow_symlinks=False)


def _check_reachable(path: Path, uid: int | None) -> None:
    if uid is None:
        return
    for parent in path.resolve().parents:
        st = os.stat(parent)
        if not st.st_mode & (0o100 if st.st_uid == uid else 0o001):
            raise SandboxError(
                f"{path} is inside {parent}, which the sandbox user cannot enter; "
                "run sandboxed code in a directory from pipeline.sandbox.workspace()"
            )


@contextlib.contextmanager
def workspace(prefix: str = "cbg-") -> Iterator[Path]:
    """A fresh temporary directory that sandboxed code may write to; removed afterwards.

    It lives directly under /tmp (short paths: unix socket paths are limited to 107 bytes).
    When we are root it belongs to a uid of its own, so code run in one workspace cannot touch
    another's files."""
    sweep_leftovers()
    path = _mkdtemp(prefix)
    try:
        iso = isolation()
        _give_to_sandbox(path, _fresh_uid() if iso.per_workspace_uid else iso.uid)
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


@functools.cache
def sweep_leftovers() -> list[Path]:
    """Remove /tmp/cbg-* folders left by a validation that was killed (once per process).

    Workspaces carry the pid of the process that made them (`cbg-validate-<pid>-...`); one whose
    process is gone is a leftover. Returns what was removed."""
    removed = []
    for path in Path(tempfile.gettempdir()).glob("cbg-*"):
        match = re.match(r"cbg-(?:[a-z]+-)*(\d+)-", path.name)
        if match is None or not path.is_dir() or path.is_symlink() or process_alive(int(match[1])):
            continue
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    return removed


def process_alive(pid: int) -> bool:
    """Whether a process with this pid exists (ours or another user's)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _mkdtemp(prefix: str) -> Path:
    base = "/tmp" if os.path.isdir("/tmp") else None  # noqa: S108 - mkdtemp makes it private
    return Path(tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-", dir=base))


def copy_project(src: Path, dst: Path, *, ignore: Iterable[str] = ("__pycache__",)) -> Path:
    """Copy a project tree into `dst` (inside a workspace) and hand it to the sandbox user.

    Symbolic links are left out: generated projects have none, and a link to a host file (say
    /proc/self/environ as `.env.example`) must never be read on the host side by a check."""
    patterns = shutil.ignore_patterns(*ignore)

    def skip(directory: str, names: list[str]) -> set[str]:
        links = {n for n in names if os.path.islink(os.path.join(directory, n))}
        return set(patterns(directory, names)) | links

    shutil.copytree(src, dst, symlinks=True, ignore=skip)
    _give_to_sandbox(dst)
    return dst


# --- running -----------------------------------------------------------------------------------


def _base_env(home: Path) -> dict[str, str]:
    bindir = os.path.dirname(sys.executable)
    return {
        "PATH": f"{bindir}:/usr/local/bin:/usr/bin:/bin",
        "HOME": str(home),
        "TMPDIR": str(home),
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONUNBUFFERED": "1",
        "PYTHONHASHSEED": "0",
        "MALLOC_ARENA_MAX": "2",  # glibc reserves 64 MB of address space per arena otherwise
        "NO_COLOR": "1",
    }


def sandbox_env(env: Mapping[str, str] | None, *, home: Path) -> dict[str, str]:
    """The environment a sandboxed process gets: the minimal base plus the caller's `env`,
    minus anything that looks like one of our own secrets."""
    out = _base_env(home)
    for key, value in (env or {}).items():
        if key.upper().startswith(_FORBIDDEN_ENV_PREFIXES) or key == "PYTHONPATH":
            continue
        out[key] = value
    return out


def _limits(memory_mb: int, cpu_s: int) -> Any:
    def apply() -> None:  # runs in the child between fork and exec: no locks, no imports
        mb = 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (memory_mb * mb, memory_mb * mb))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_s, cpu_s + 1))
        resource.setrlimit(resource.RLIMIT_FSIZE, (MAX_FILE_MB * mb, MAX_FILE_MB * mb))
        resource.setrlimit(resource.RLIMIT_NOFILE, (MAX_OPEN_FILES, MAX_OPEN_FILES))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        resource.setrlimit(resource.RLIMIT_NPROC, (MAX_PROCESSES, MAX_PROCESSES))

    return apply


def _read_bounded(fh: Any) -> str:
    fh.flush()
    size = os.fstat(fh.fileno()).st_size
    half = OUTPUT_LIMIT // 2
    fh.seek(0)
    if size <= OUTPUT_LIMIT:
        data = fh.read()
    else:
        head = fh.read(half)
        fh.seek(size - half)
        data = head + f"\n[... {size - OUTPUT_LIMIT} bytes cut ...]\n".encode() + fh.read()
    return bytes(data).decode("utf-8", errors="replace")


class SandboxProcess:
    """A running sandboxed process; `stop()` kills its whole session and returns the result."""

    def __init__(
        self,
        cmd: list[str],
        *,
        cwd: Path,
        env: Mapping[str, str] | None,
        timeout_s: float,
        memory_mb: int,
        cpu_s: int | None,
        expose: Sequence[Path] = (),
        writable: Sequence[Path] = (),
    ) -> None:
        self.cmd = list(cmd)
        self.isolation = isolation()
        if not self.isolation.available:
            raise SandboxUnavailable(self.isolation.refusal)
        self.uid = _uid_for(Path(cwd))
        _check_reachable(Path(cwd), self.uid)
        self.timeout_s = timeout_s
        self._home = _mkdtemp("cbg-home-")
        _give_to_sandbox(self._home, self.uid)
        self._out = tempfile.TemporaryFile()  # noqa: SIM115 - closed in stop()
        self._err = tempfile.TemporaryFile()  # noqa: SIM115
        self._start = time.monotonic()
        self.timed_out = False
        self._result: SandboxResult | None = None
        try:
            self.proc = subprocess.Popen(  # noqa: S603 - the point of this module
                self.isolation.argv(
                    self.cmd,
                    self.uid,
                    cwd=Path(cwd),
                    writable=[self._home, *writable],
                    readable=_exposable(expose),
                ),
                cwd=cwd,
                env=sandbox_env(env, home=self._home),
                stdin=subprocess.DEVNULL,
                stdout=self._out,
                stderr=self._err,
                start_new_session=True,
                preexec_fn=_limits(memory_mb, cpu_s or math.ceil(timeout_s) + 1),  # noqa: PLW1509
                close_fds=True,
            )
        except OSError as exc:
            self._cleanup()
            raise SandboxError(f"could not start {cmd[0]}: {exc}") from exc
        self._timer = threading.Timer(timeout_s, self._on_timeout)
        self._timer.daemon = True
        self._timer.start()

    def _on_timeout(self) -> None:
        self.timed_out = True
        self._kill()

    def _kill(self) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.proc.pid, signal.SIGKILL)

    def alive(self) -> bool:
        return self.proc.poll() is None

    def wait(self) -> SandboxResult:
        """Wait for the process (at most its timeout), then clean up and return the result."""
        # Wait without reaping, so its pid cannot be reused before stop() kills the session.
        with contextlib.suppress(ChildProcessError, InterruptedError):
            os.waitid(os.P_PID, self.proc.pid, os.WEXITED | os.WNOWAIT)
        return self.stop()

    def stop(self) -> SandboxResult:
        """Kill whatever is left of the process's session and collect its output (idempotent)."""
        if self._result is not None:
            return self._result
        self._timer.cancel()
        self._kill()  # also reaps what a finished process left behind in its session
        self.proc.wait()
        duration = time.monotonic() - self._start
        stdout, stderr = _read_bounded(self._out), _read_bounded(self._err)
        self._cleanup()
        if self.timed_out:
            stderr += f"\n[killed: still running after {self.timeout_s:g} s]"
        self._result = SandboxResult(
            cmd=self.cmd,
            returncode=self.proc.returncode,
            stdout=stdout,
            stderr=stderr,
            duration_s=duration,
            timed_out=self.timed_out,
            isolation=self.isolation,
        )
        return self._result

    def _cleanup(self) -> None:
        self._out.close()
        self._err.close()
        shutil.rmtree(self._home, ignore_errors=True)


def run_sandboxed(
    cmd: list[str],
    *,
    cwd: Path,
    env: dict[str, str] | None = None,
    timeout_s: float,
    memory_mb: int = 2048,
    cpu_s: int | None = None,
    expose: Sequence[Path] = (),
) -> SandboxResult:
    """Run `cmd` in the sandbox and wait for it; killed (with all it started) after `timeout_s`.

    `cwd` must be reachable by the sandbox user: use a directory from `workspace()`.
    `cpu_s` defaults to the timeout rounded up, plus one second. `expose`: socket directories
    (PostgreSQL's) the code may reach, bound read-only; nothing else of the host is visible."""
    return SandboxProcess(
        cmd, cwd=cwd, env=env, timeout_s=timeout_s, memory_mb=memory_mb, cpu_s=cpu_s, expose=expose
    ).wait()


def _exposable(paths: Sequence[Path]) -> list[Path]:
    """Socket directories to bind in; never one under /run (the machine's own services)."""
    out = []
    for path in paths:
        real = Path(os.path.realpath(path))
        if any(real.is_relative_to(hidden) for hidden in _HIDDEN_DIRS):
            raise SandboxError(
                f"refusing to expose {path} to sandboxed code: it holds host services"
            )
        out.append(real)
    return out


@contextlib.contextmanager
def serve_app(
    project_dir: Path,
    *,
    env: dict[str, str] | None = None,
    timeout_s: float = 60.0,
    boot_timeout_s: float = 20.0,
    memory_mb: int = 2048,
    ready_paths: tuple[str, ...] = ("/health", "/docs"),
    expose: Sequence[Path] = (),
) -> Iterator[httpx.Client]:
    """Boot `uvicorn app.main:app` from `project_dir` in the sandbox, on a unix socket.

    Yields an httpx client talking to the app (base URL http://app). The app is killed, with its
    whole session, when the block exits or after `timeout_s`. Raises `AppBootError` (with the
    app's output) when no `ready_paths` answers 200 within `boot_timeout_s`."""
    with serve_app_socket(
        project_dir,
        env=env,
        timeout_s=timeout_s,
        boot_timeout_s=boot_timeout_s,
        memory_mb=memory_mb,
        ready_paths=ready_paths,
        expose=expose,
    ) as (client, _):
        yield client


@contextlib.contextmanager
def serve_app_socket(
    project_dir: Path,
    *,
    env: dict[str, str] | None = None,
    timeout_s: float = 60.0,
    boot_timeout_s: float = 20.0,
    memory_mb: int = 2048,
    ready_paths: tuple[str, ...] = ("/health", "/docs"),
    expose: Sequence[Path] = (),
) -> Iterator[tuple[httpx.Client, Path]]:
    """`serve_app`, yielding the client and the app's unix socket (for `validate.bridge`)."""
    with _socket_dir(Path(project_dir)) as sockdir:
        sock = sockdir / "app.sock"
        cmd = [sys.executable, "-m", "uvicorn", "app.main:app", "--uds", str(sock)]
        cmd += ["--log-level", "warning", "--no-access-log"]
        proc = SandboxProcess(
            cmd,
            cwd=project_dir,
            env=env,
            timeout_s=timeout_s,
            memory_mb=memory_mb,
            cpu_s=None,
            expose=expose,
            writable=[sockdir],
        )
        client = httpx.Client(
            transport=httpx.HTTPTransport(uds=str(sock)), base_url="http://app", timeout=10.0
        )
        try:
            _wait_ready(proc, client, sock, ready_paths, boot_timeout_s)
            yield client, sock
        finally:
            client.close()
            proc.stop()


@contextlib.contextmanager
def _socket_dir(project_dir: Path) -> Iterator[Path]:
    """A short private directory for the app's socket, owned by whoever runs `project_dir`."""
    path = _mkdtemp("cbg-sock-")
    try:
        _give_to_sandbox(path, _uid_for(project_dir))
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def _wait_ready(
    proc: SandboxProcess,
    client: httpx.Client,
    sock: Path,
    paths: tuple[str, ...],
    boot_timeout_s: float,
) -> None:
    deadline = time.monotonic() + boot_timeout_s
    delay = 0.02
    while time.monotonic() < deadline:
        if not proc.alive():
            result = proc.stop()
            raise AppBootError(
                f"the app exited with status {result.returncode} before it answered",
                output=result.output,
            )
        if sock.exists():
            for path in paths:
                with contextlib.suppress(httpx.TransportError):
                    if client.get(path, timeout=2.0).status_code == 200:
                        return
        time.sleep(delay)
        delay = min(delay * 1.5, 0.25)
    result = proc.stop()
    raise AppBootError(
        f"the app did not answer {' or '.join(paths)} within {boot_timeout_s:g} s",
        output=result.output,
    )
