"""Runs untrusted code (a generated project's tests, its app, its migrations) in a sandbox.

I/O: spawns processes, and creates and removes temporary directories. The databases sandboxed code
may use come from `pipeline.sandbox_postgres`.

What the sandbox gives a process:
- its own network namespace with `lo` down: no network at all, not even 127.0.0.1 (Redis,
  PostgreSQL's TCP port and the internet are unreachable). Unix sockets still work, which is how
  the host talks to a served app (`serve_app`) and how the app reaches PostgreSQL;
- its own PID namespace when the kernel allows one: when the process ends or is killed, every
  process it left behind dies with it (daemons that called `setsid` included);
- when we are root, the unprivileged `nobody` user: it cannot read our environment through /proc,
  signal our processes or write outside its own workspace; and its own mounts, where /run is an
  empty tmpfs: no system PostgreSQL, D-Bus or Docker socket, no /run/secrets;
- rlimits (address space, CPU seconds, processes, file size, open files, no core dumps), a new
  session killed as a whole on timeout, and a minimal environment: never our own variables, so no
  GitHub or codebegen secrets.
When an isolation layer is unavailable the process still runs, and `Isolation.notes` says what is
missing; the validation report shows those notes, so this is never silent.
"""

from __future__ import annotations

import contextlib
import functools
import math
import os
import resource
import secrets
import shlex
import shutil
import signal
import subprocess  # noqa: S404 - running untrusted code under limits is this module's job
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from pipeline.errors import CodebegenError

SANDBOX_UID = 65534  # `nobody`: who untrusted code runs as when we are root
OUTPUT_LIMIT = 64 * 1024  # bytes of stdout/stderr kept: the first half and the last half
MAX_PROCESSES = 512  # RLIMIT_NPROC (threads count too); shared by all sandboxes of one user
MAX_FILE_MB = 256  # RLIMIT_FSIZE: the largest file a sandboxed process may write
MAX_OPEN_FILES = 1024  # RLIMIT_NOFILE
# Variable names never passed into a sandbox, whatever the caller asks.
_FORBIDDEN_ENV_PREFIXES = ("GITHUB_", "CODEBEGEN_", "GH_", "AWS_", "OPENAI_", "HF_")
NETWORK_UNAVAILABLE = "network isolation unavailable: sandboxed code can reach the network"


class SandboxError(CodebegenError):
    """The sandbox could not run something (not: the sandboxed code failed)."""


class AppBootError(SandboxError):
    """A served app did not answer in time or exited; `output` holds what it printed."""

    def __init__(self, message: str, *, output: str) -> None:
        super().__init__(message)
        self.output = output


@dataclass(frozen=True)
class Isolation:
    """Which isolation layers this machine gives sandboxed processes, and how to apply them."""

    prefix: tuple[str, ...]  # command line put before the sandboxed command; may hold {uid}
    network: bool  # own network namespace, no interfaces up
    pid_namespace: bool  # own PID namespace: leftovers die with the process
    mount_namespace: bool  # own mounts: a private /proc, only the interpreter visible in /root
    uid: int | None  # default uid the code runs as when we drop privileges, else None
    per_workspace_uid: bool = False  # each workspace() gets a uid of its own
    notes: tuple[str, ...] = ()  # what is missing, in words for the report
    hidden: tuple[str, ...] = ()  # host directories the code sees empty

    def argv(self, cmd: list[str], uid: int | None) -> list[str]:
        uid = self.uid if uid is None else uid
        return [part.replace("{uid}", str(uid)) for part in self.prefix] + cmd


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

# Exits 0 only when the network is unreachable, the interpreter is the one we run (not a system
# Python found because ours is unreadable) and the generated stack's packages are readable.
_PROBE = """
import importlib.util, os, socket, sys
for addr in (("127.0.0.1", 6379), ("1.1.1.1", 53)):
    s = socket.socket()
    s.settimeout(1)
    try:
        s.connect(addr)
    except OSError:
        pass
    else:
        raise SystemExit("network reachable")
if os.path.realpath(sys.base_prefix) != sys.argv[1] or not os.access(sys.executable, os.X_OK):
    raise SystemExit("interpreter not reachable")
for name in ("fastapi", "sqlalchemy", "uvicorn", "pytest"):
    open(importlib.util.find_spec(name).origin, "rb").close()
"""
_NS = ("unshare", "--net", "--pid", "--fork", "--kill-child")
_DROP = ("setpriv", "--reuid={uid}", "--regid={uid}", "--clear-groups")
_UID_RANGE = (2_000_000, 2_900_000)  # uids given to workspaces; no account owns them
# Covered by an empty tmpfs in the sandbox: the machine's service sockets (PostgreSQL's, which
# trusts local logins on Debian; D-Bus; Docker's) and secrets mounted under /run/secrets.
_HIDDEN_DIRS = ("/run", "/var/run")


def _hidden_prefixes() -> list[tuple[str, str]]:
    """(path the sandbox needs, the ancestor that hides it from other users): the interpreter
    often lives under /root (pyenv), which is 0700."""
    needed = {
        os.path.realpath(p)
        for p in (sys.base_prefix, sys.prefix, os.path.dirname(os.path.realpath(sys.executable)))
    }
    out: list[tuple[str, str]] = []
    for path in sorted(needed):
        if any(Path(path).is_relative_to(done) for done, _ in out):
            continue
        for anc in reversed(Path(path).parents):
            if str(anc) != "/" and not os.stat(anc).st_mode & 0o001:
                out.append((path, str(anc)))
                break
    return out


def _mount_script() -> str:
    """Shell run as root in the new mount namespace: a private, empty tmpfs over each ancestor
    that hides the interpreter, with just the interpreter bound back, and over /run; then drop
    to the uid."""
    lines = ["set -e", "stage=$(mktemp -d /tmp/cbg-mnt-XXXXXX)"]
    by_ancestor: dict[str, list[str]] = {}
    for path, anc in _hidden_prefixes():
        by_ancestor.setdefault(anc, []).append(path)
    n = 0
    for anc, paths in by_ancestor.items():
        for i, path in enumerate(paths, start=n):
            lines += [f'mkdir "$stage/{i}"', f'mount --bind {shlex.quote(path)} "$stage/{i}"']
        lines.append(f"mount -t tmpfs -o mode=755,size=1m codebegen {shlex.quote(anc)}")
        for i, path in enumerate(paths, start=n):
            q = shlex.quote(path)
            lines += [f"mkdir -p {q}", f'mount --bind "$stage/{i}" {q}', f'umount "$stage/{i}"']
        n += len(paths)
    for hidden in _HIDDEN_DIRS:  # /var/run is usually a link to /run, covered already
        q = shlex.quote(hidden)
        lines.append(
            f"if [ -d {q} ] && [ ! -L {q} ]; then mount -t tmpfs -o mode=755,size=1m codebegen {q}; fi"
        )
    lines += ['rm -rf "$stage"', 'exec "$@"']
    return "\n".join(lines)


def _candidates() -> list[Isolation]:
    if os.geteuid() == 0:
        mount = (*_NS, "--mount", "--mount-proc", "--", "/bin/sh", "-c", _mount_script(), "sh")
        as_root = "runs as root: no unprivileged user could run this Python environment"
        hidden = tuple(d for d in _HIDDEN_DIRS if os.path.isdir(d) and not os.path.islink(d))
        return [
            Isolation((*mount, *_DROP, "--"), True, True, True, SANDBOX_UID, True, hidden=hidden),
            Isolation((*mount, *_DROP, "--"), True, True, True, SANDBOX_UID, hidden=hidden),
            Isolation((*_NS, "--", *_DROP, "--"), True, True, False, SANDBOX_UID),
            Isolation(
                (*_NS, "--mount", "--mount-proc", "--"), True, True, True, None, notes=(as_root,)
            ),
            Isolation(
                ("unshare", "--net", "--"),
                True,
                False,
                False,
                None,
                notes=(as_root, "no PID namespace"),
            ),
        ]
    user_ns = ("unshare", "--user", "--map-root-user")
    return [
        Isolation((*user_ns, *_NS[1:], "--mount", "--mount-proc", "--"), True, True, True, None),
        Isolation((*user_ns, *_NS[1:], "--"), True, True, False, None),
        Isolation((*user_ns, "--net", "--"), True, False, False, None, notes=("no PID namespace",)),
    ]


def _probe(candidate: Isolation, uid: int | None) -> bool:
    if shutil.which(candidate.prefix[0]) is None:
        return False
    try:
        probe = subprocess.run(  # noqa: S603 - fixed argv
            candidate.argv([sys.executable, "-c", _PROBE, os.path.realpath(sys.base_prefix)], uid),
            capture_output=True,
            timeout=30,
            env=_base_env(Path("/")),
            cwd="/",
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return probe.returncode == 0


@functools.cache
def isolation() -> Isolation:
    """The strongest isolation that works here, found once per process by running a probe."""
    for candidate in _candidates():
        uid = _fresh_uid() if candidate.per_workspace_uid else None
        if _probe(candidate, uid):
            return candidate
    return Isolation((), False, False, False, None, notes=(NETWORK_UNAVAILABLE, "no PID namespace"))


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
    path = _mkdtemp(prefix)
    try:
        iso = isolation()
        _give_to_sandbox(path, _fresh_uid() if iso.per_workspace_uid else iso.uid)
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def _mkdtemp(prefix: str) -> Path:
    base = "/tmp" if os.path.isdir("/tmp") else None  # noqa: S108 - mkdtemp makes it private
    return Path(tempfile.mkdtemp(prefix=prefix, dir=base))


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
    ) -> None:
        self.cmd = list(cmd)
        self.isolation = isolation()
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
                self.isolation.argv(self.cmd, self.uid),
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
) -> SandboxResult:
    """Run `cmd` in the sandbox and wait for it; killed (with all it started) after `timeout_s`.

    `cwd` must be reachable by the sandbox user: use a directory from `workspace()`.
    `cpu_s` defaults to the timeout rounded up, plus one second."""
    return SandboxProcess(
        cmd, cwd=cwd, env=env, timeout_s=timeout_s, memory_mb=memory_mb, cpu_s=cpu_s
    ).wait()


@contextlib.contextmanager
def serve_app(
    project_dir: Path,
    *,
    env: dict[str, str] | None = None,
    timeout_s: float = 60.0,
    boot_timeout_s: float = 20.0,
    memory_mb: int = 2048,
    ready_paths: tuple[str, ...] = ("/health", "/docs"),
) -> Iterator[httpx.Client]:
    """Boot `uvicorn app.main:app` from `project_dir` in the sandbox, on a unix socket.

    Yields an httpx client talking to the app (base URL http://app). The app is killed, with its
    whole session, when the block exits or after `timeout_s`. Raises `AppBootError` (with the
    app's output) when no `ready_paths` answers 200 within `boot_timeout_s`."""
    with _socket_dir(Path(project_dir)) as sockdir:
        sock = sockdir / "app.sock"
        cmd = [sys.executable, "-m", "uvicorn", "app.main:app", "--uds", str(sock)]
        cmd += ["--log-level", "warning", "--no-access-log"]
        proc = SandboxProcess(
            cmd, cwd=project_dir, env=env, timeout_s=timeout_s, memory_mb=memory_mb, cpu_s=None
        )
        client = httpx.Client(
            transport=httpx.HTTPTransport(uds=str(sock)), base_url="http://app", timeout=10.0
        )
        try:
            _wait_ready(proc, client, sock, ready_paths, boot_timeout_s)
            yield client
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
