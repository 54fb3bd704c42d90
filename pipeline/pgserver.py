"""codebegen's own PostgreSQL cluster, where the validator's PostgreSQL checks get their databases.

Sandboxed code reaches PostgreSQL over a unix socket (it has no network). The machine's own server
is no place for it: Debian's pg_hba.conf says `local all all trust`, so anything that reaches that
socket logs in as `postgres` and runs `COPY ... TO PROGRAM`, a command outside the sandbox. So the
validator starts a cluster of its own, on demand, and keeps it running between validations:

- no TCP at all (`listen_addresses = ''`): one unix socket, in a directory of its own;
- `scram-sha-256` for every connection, local ones too. The superuser's password is random, kept
  0600 in the cluster directory and never given to sandboxed code, which gets only a throwaway
  unprivileged role (`pipeline.sandbox_postgres.throwaway_database`);
- fsync, synchronous_commit and full_page_writes off: every database in it is thrown away;
- run by an unprivileged OS user, since initdb refuses root: `postgres` when we are root, else us.
  When we are not root, sandboxed code runs as our own uid too (in a user namespace), so it can
  read the password file like any of our files: only root gives the sandbox a uid of its own.

The cluster directory is $CODEBEGEN_PG_DIR, else /var/cache/codebegen/pg-<major> when we are root
(root's own cache, under 0700 /root, is out of the server user's and the sandbox's reach), else
$XDG_CACHE_HOME/codebegen/pg-<major> or ~/.cache/codebegen/pg-<major>. Inside it:

    .               0711  the server's user: others may pass through to the socket, not list
    password        0600  the superuser's password
    data/           0700  PGDATA, and server.log
    socket/         0711  .s.PGSQL.5432, 0777: scram, not file modes, decides who gets in
    lock            0600  held (flock) while the cluster is initialised or started

I/O: creates that directory, runs initdb and pg_ctl as the server's user, reads the password file
and connects over the socket to see whether the server answers.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import os
import pwd
import re
import secrets
import shlex
import shutil
import subprocess  # noqa: S404 - starting PostgreSQL is this module's job
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg

from pipeline.errors import CodebegenError

PG_DIR_ENV = "CODEBEGEN_PG_DIR"  # where the cluster lives, overriding the cache directory
SERVER_USER = "postgres"  # the OS user that runs the cluster when we are root
SUPERUSER = "postgres"  # the cluster's superuser role; only the host side logs in as it
PORT = 5432  # names the socket file (.s.PGSQL.5432); the server listens on no TCP port
START_TIMEOUT_S = 60  # how long pg_ctl waits for the server to accept connections
_SOCKET_PATH_MAX = 107  # sun_path is 108 bytes with its NUL
_OURS = {"lock", "password", "data", "socket"}  # what a cluster directory may hold
# Run-time settings, given on the command line so that they never go stale in a config file.
_SETTINGS = {
    "listen_addresses": "",
    "port": str(PORT),
    "unix_socket_permissions": "0777",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
}


class PgServerError(CodebegenError):
    """codebegen's PostgreSQL cluster cannot run here; the message says why, for the report."""


@dataclass(frozen=True)
class Cluster:
    """A running cluster and what the host needs to administer it."""

    directory: Path
    password: str = field(repr=False)  # the superuser's: never passed to sandboxed code

    @property
    def socket_dir(self) -> Path:
        return self.directory / "socket"

    @property
    def data_dir(self) -> Path:
        return self.directory / "data"

    def conninfo(self, dbname: str = "postgres") -> dict[str, Any]:
        """psycopg.connect() arguments for the superuser."""
        return {
            "host": str(self.socket_dir),
            "port": PORT,
            "user": SUPERUSER,
            "password": self.password,
            "dbname": dbname,
        }


@functools.cache
def bindir() -> Path | None:
    """The directory with initdb, pg_ctl and postgres: `pg_config --bindir`, else the newest
    /usr/lib/postgresql/*/bin (Debian's pg_config, from libpq-dev, may point at /usr/bin).
    Looked up once per process: it costs a subprocess, and every validation asks."""
    found: list[Path] = []
    if pg_config := shutil.which("pg_config"):
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            out = subprocess.run(  # noqa: S603 - pg_config from PATH, fixed arguments
                [pg_config, "--bindir"], capture_output=True, text=True, timeout=10, check=True
            )
            found.append(Path(out.stdout.strip()))
    versions = Path("/usr/lib/postgresql").glob("*/bin")
    found += sorted(versions, key=lambda p: _version_key(p.parent.name), reverse=True)
    for path in found:
        if all((path / tool).is_file() for tool in ("initdb", "pg_ctl", "postgres")):
            return path
    return None


def _version_key(name: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", name))


@functools.cache
def major_version(bins: Path) -> str:
    """The major version of the server in `bins`, e.g. "15"."""
    out = _run([str(bins / "postgres"), "--version"], owner=None, what="postgres --version")
    match = re.search(r"\) (\d+)", out)
    if not match:
        raise PgServerError(f"cannot tell the PostgreSQL version from {out.strip()!r}")
    return match.group(1)


def cluster_dir(major: str) -> Path:
    """Where the cluster for PostgreSQL `major` lives (see the module docstring)."""
    if override := os.environ.get(PG_DIR_ENV):
        return Path(override)
    if os.geteuid() == 0:
        return Path("/var/cache/codebegen") / f"pg-{major}"
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "codebegen" / f"pg-{major}"


def server_user() -> tuple[int, int]:
    """(uid, gid) the server runs as: the `postgres` OS user when we are root, else ourselves."""
    if os.geteuid() != 0:
        return os.getuid(), os.getgid()
    try:
        entry = pwd.getpwnam(SERVER_USER)
    except KeyError:
        raise PgServerError(
            f"running as root and there is no {SERVER_USER!r} OS user to run codebegen's "
            "PostgreSQL cluster (initdb refuses root): create one, e.g. "
            f"`useradd --system {SERVER_USER}`, or run codebegen as an unprivileged user"
        ) from None
    return entry.pw_uid, entry.pw_gid


def ensure_running() -> Cluster:
    """Codebegen's cluster, started (and first initialised) unless it already answers.

    Safe to call from several threads and processes at once: one of them initialises and starts
    the cluster under a file lock, the others wait and then find it running."""
    bins = bindir()
    if bins is None:
        raise PgServerError(
            "no PostgreSQL server binaries (initdb, pg_ctl) in `pg_config --bindir` or "
            "/usr/lib/postgresql/*/bin: install PostgreSQL to run these checks"
        )
    directory = cluster_dir(major_version(bins))
    if cluster := _answering(directory):
        return cluster
    owner = server_user()
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PgServerError(f"cannot create the cluster directory {directory}: {exc}") from exc
    with _locked(directory):
        if cluster := _answering(directory):
            return cluster
        password = _prepare(directory, owner)
        if not (directory / "data" / "PG_VERSION").is_file():
            _initdb(bins, directory, owner)
        _check_version(directory, major_version(bins))
        _start(bins, directory, owner)
        cluster = Cluster(directory, password)
        _harden(cluster)
        return cluster


def stop(directory: Path) -> None:
    """Stop the cluster in `directory` if it runs (tests use this; validations leave it up)."""
    bins = bindir()
    data = directory / "data"
    if bins is None or not (data / "postmaster.pid").exists():
        return
    cmd = [str(bins / "pg_ctl"), "stop", "-w", "-m", "fast", "-D", str(data)]
    _run(cmd, owner=server_user(), what="pg_ctl stop")


def _answering(directory: Path) -> Cluster | None:
    """The cluster in `directory` when its server is up and takes our password, else None."""
    try:
        password = (directory / "password").read_text(encoding="utf-8").strip()
    except OSError:
        return None
    if not (directory / "data" / "postmaster.pid").exists():
        return None
    cluster = Cluster(directory, password)
    try:
        psycopg.connect(**cluster.conninfo(), connect_timeout=3).close()
    except psycopg.Error:
        return None
    return cluster


@contextlib.contextmanager
def _locked(directory: Path) -> Iterator[None]:
    fd = os.open(directory / "lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # released when fd is closed
        yield
    finally:
        os.close(fd)


def _prepare(directory: Path, owner: tuple[int, int]) -> str:
    """Give `directory` to the server's user with the modes above; returns the password."""
    strange = sorted({p.name for p in directory.iterdir()} - _OURS)
    if strange:
        raise PgServerError(
            f"{directory} holds {', '.join(strange[:5])}: it is not a codebegen cluster; "
            f"point ${PG_DIR_ENV} at a new or empty directory"
        )
    socket_dir = directory / "socket"
    if len(str(socket_dir / f".s.PGSQL.{PORT}")) > _SOCKET_PATH_MAX:
        raise PgServerError(f"{directory} is too long a path for a unix socket inside it")
    _check_passable(directory)
    uid, gid = owner
    socket_dir.mkdir(exist_ok=True)
    for path, mode in ((directory, 0o711), (socket_dir, 0o711)):
        os.chown(path, uid, gid)
        os.chmod(path, mode)
    pw_file = directory / "password"
    if not pw_file.exists():
        fd = os.open(pw_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(secrets.token_urlsafe(32) + "\n")
    os.chown(pw_file, uid, gid)
    os.chmod(pw_file, 0o600)
    return pw_file.read_text(encoding="utf-8").strip()


def _check_passable(directory: Path) -> None:
    """As root, the server's user and the sandbox's uids must pass through every ancestor."""
    if os.geteuid() != 0:
        return  # the server and the sandbox run as us
    for parent in directory.resolve().parents:
        if not os.stat(parent).st_mode & 0o001:
            raise PgServerError(
                f"{directory} is inside {parent}, which other users cannot enter: the "
                f"{SERVER_USER} user and sandboxed code could not reach the cluster; "
                f"set ${PG_DIR_ENV} to a directory outside it"
            )


def _initdb(bins: Path, directory: Path, owner: tuple[int, int]) -> None:
    data = directory / "data"
    shutil.rmtree(data, ignore_errors=True)  # what a failed initdb left behind
    cmd = [str(bins / "initdb"), "-D", str(data), "-U", SUPERUSER]
    cmd += ["--pwfile", str(directory / "password")]
    cmd += ["--auth-local=scram-sha-256", "--auth-host=scram-sha-256"]
    cmd += ["--encoding=UTF8", "--locale=C", "--no-sync"]
    _run(cmd, owner=owner, what="initdb")


def _check_version(directory: Path, major: str) -> None:
    made_by = (directory / "data" / "PG_VERSION").read_text(encoding="utf-8").strip()
    if made_by != major:
        raise PgServerError(
            f"{directory} was initialised by PostgreSQL {made_by}, the server here is {major}: "
            "remove the directory (its data is throwaway) to start afresh"
        )


def _start(bins: Path, directory: Path, owner: tuple[int, int]) -> None:
    data = directory / "data"
    settings = {**_SETTINGS, "unix_socket_directories": str(directory / "socket")}
    options = shlex.join(part for k, v in settings.items() for part in ("-c", f"{k}={v}"))
    cmd = [str(bins / "pg_ctl"), "start", "-w", "-t", str(START_TIMEOUT_S), "-D", str(data)]
    cmd += ["-l", str(data / "server.log"), "-o", options]
    try:
        _run(cmd, owner=owner, what="pg_ctl start")
    except PgServerError as exc:
        log = data / "server.log"
        tail = log.read_text(errors="replace")[-1500:] if log.is_file() else ""
        raise PgServerError(f"{exc}\n{tail}".strip()) from exc


def _harden(cluster: Cluster) -> None:
    """Throwaway roles may connect to their own database only (CONNECT is PUBLIC's by default)."""
    with psycopg.connect(**cluster.conninfo(), autocommit=True, connect_timeout=5) as conn:
        for db in ("postgres", "template1"):
            conn.execute(f'REVOKE CONNECT, TEMPORARY ON DATABASE "{db}" FROM PUBLIC')


def _run(cmd: list[str], *, owner: tuple[int, int] | None, what: str) -> str:
    """Run a PostgreSQL tool, as `owner` when that is not us; raises PgServerError on failure."""
    as_other = owner is not None and owner != (os.getuid(), os.getgid())
    try:
        done = subprocess.run(  # noqa: S603 - PostgreSQL's own tools, arguments we built
            cmd,
            capture_output=True,
            text=True,
            timeout=START_TIMEOUT_S + 30,
            cwd="/",  # initdb and pg_ctl warn when they cannot enter our directory
            env={"PATH": "/usr/bin:/bin", "LANG": "C", "LC_ALL": "C"},  # none of our secrets
            user=owner[0] if as_other and owner else None,
            group=owner[1] if as_other and owner else None,
            extra_groups=[] if as_other else None,
            check=False,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise PgServerError(f"{what} could not run: {exc}") from exc
    if done.returncode != 0:
        out = (done.stdout + done.stderr).strip()[-1500:]
        raise PgServerError(f"{what} failed (exit status {done.returncode}): {out}")
    return done.stdout
