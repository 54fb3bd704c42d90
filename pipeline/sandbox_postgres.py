"""PostgreSQL for sandboxed code: the server it may reach, and a throwaway database per check.

I/O: creates and drops a PostgreSQL role and database over the server's unix socket (codebegen's
own cluster, `pipeline.pgserver`, which `find_postgres` starts when it is not running). The
sandbox has no network, so the unix socket is the only way in; each validation gets a database
owned by a fresh unprivileged role with a random password, dropped afterwards. Those a killed
validation left behind are dropped by the next one (`sweep_leftovers`).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
import socket
import threading
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline import pgserver
from pipeline.sandbox import isolation, process_alive

# Where PostgreSQL servers put their unix sockets, for an explicit URL without a host.
_SOCKET_DIRS = ("/var/run/postgresql", "/run/postgresql", "/tmp")  # noqa: S108


@dataclass(frozen=True)
class PostgresServer:
    """A PostgreSQL server reachable over its unix socket (the only way in from the sandbox)."""

    socket_dir: str
    port: int
    admin_user: str
    password: str | None = field(default=None, repr=False)  # the admin's: never sandboxed code's


def find_postgres(url: str | None = None) -> tuple[PostgresServer | None, str]:
    """The PostgreSQL server for sandboxed code; returns (server, "") or (None, why not).

    By default that is codebegen's own cluster (`pipeline.pgserver`), started on demand: scram
    for every login, no TCP, a superuser password the sandbox never sees. No PostgreSQL here
    means (None, why), and the checks that need it are skipped.

    `url` (libpq form, e.g. postgresql://admin:secret@/postgres?host=/srv/pg/socket) names
    another server and its admin user instead. The caller then owns that server's auth: the
    sandbox reaches its socket too, so a server that trusts local logins (Debian's default
    pg_hba.conf) hands sandboxed code its superuser. A TCP address is mapped to the same
    server's unix socket, since the sandbox has no network."""
    if url is None:
        try:
            cluster = pgserver.ensure_running()
        except pgserver.PgServerError as exc:
            return None, str(exc)
        admin = cluster.conninfo()
        return PostgresServer(admin["host"], admin["port"], admin["user"], admin["password"]), ""
    return _explicit_postgres(url)


def _explicit_postgres(url: str) -> tuple[PostgresServer | None, str]:
    import psycopg
    from psycopg.conninfo import conninfo_to_dict

    params: dict[str, Any] = dict(conninfo_to_dict(url.replace("+psycopg", "")))
    port = int(params.get("port") or 5432)
    user = str(params.get("user") or "postgres")
    host = str(params.get("host") or "")
    dirs = [host] if host.startswith("/") else list(_SOCKET_DIRS)
    sockets = [d for d in dirs if os.path.exists(os.path.join(d, f".s.PGSQL.{port}"))]
    if not sockets:
        where = host or "localhost"
        return None, f"no PostgreSQL unix socket for {where}:{port} (the sandbox has no network)"
    hidden = [d for d in isolation().hidden if Path(sockets[0]).resolve().is_relative_to(d)]
    if hidden:
        return None, (
            f"the PostgreSQL socket in {sockets[0]} is hidden from sandboxed code ({hidden[0]} "
            "holds the machine's services); give that server a socket directory of its own"
        )
    password = params.get("password")
    server = PostgresServer(sockets[0], port, user, str(password) if password else None)
    try:
        with psycopg.connect(**_admin_params(server, params), connect_timeout=3) as conn:
            conn.execute("SELECT 1")
    except psycopg.Error as exc:
        return None, f"PostgreSQL at {server.socket_dir} refused us: {str(exc).strip()[:200]}"
    return server, ""


def _admin_params(server: PostgresServer, extra: Mapping[str, Any] | None = None) -> dict[str, Any]:
    params = {k: v for k, v in (extra or {}).items() if k == "dbname"}
    params.setdefault("dbname", "postgres")
    if server.password is not None:
        params["password"] = server.password
    return {**params, "host": server.socket_dir, "port": server.port, "user": server.admin_user}


@contextlib.contextmanager
def throwaway_database(server: PostgresServer) -> Iterator[str]:
    """A fresh database owned by a fresh unprivileged role; yields the SQLAlchemy URL sandboxed
    code uses (over the unix socket, with the role's own random password). Both are dropped
    afterwards, also when the block fails, after ending the role's sessions."""
    import psycopg
    from psycopg import sql

    name = f"cbg_{_HOST_TAG}_{os.getpid()}_{secrets.token_hex(6)}"
    password = secrets.token_hex(16)
    role = db = sql.Identifier(name)
    with psycopg.connect(**_admin_params(server), autocommit=True, connect_timeout=5) as conn:
        _sweep_once(conn, server)
        conn.execute(
            sql.SQL("CREATE ROLE {} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD {}").format(
                role, sql.Literal(password)
            )
        )
        try:
            conn.execute(sql.SQL("CREATE DATABASE {} OWNER {}").format(db, role))
            # Only its owner may connect: other validations' roles are kept out.
            conn.execute(sql.SQL("REVOKE CONNECT, TEMPORARY ON DATABASE {} FROM PUBLIC").format(db))
            yield (
                f"postgresql+psycopg://{name}:{password}@/{name}"
                f"?host={server.socket_dir}&port={server.port}"
            )
        finally:
            with contextlib.suppress(psycopg.Error):  # an admin that may not signal them
                conn.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s",
                    (name,),
                )
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(db))
            conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(role))


# Throwaway names carry this machine's tag and the pid of the process that made them, so one
# left behind by a killed validation is recognised (its pid is gone) and dropped at the next start.
_HOST_TAG = hashlib.sha256(socket.gethostname().encode()).hexdigest()[:6]
_LEFTOVER = re.compile(rf"^cbg_{_HOST_TAG}_(\d+)_[0-9a-f]+$")
_swept: set[tuple[str, int]] = set()
_sweep_lock = threading.Lock()


def _sweep_once(conn: Any, server: PostgresServer) -> None:
    with _sweep_lock:
        if (server.socket_dir, server.port) in _swept:
            return
        _swept.add((server.socket_dir, server.port))
        sweep_leftovers(conn)


def sweep_leftovers(conn: Any) -> list[str]:
    """Drop the databases and roles of this machine's killed validations (whose process is gone);
    returns their names. `conn` is an autocommit admin connection."""
    from psycopg import sql

    names = {
        str(row[0])
        for query in ("SELECT datname FROM pg_database", "SELECT rolname FROM pg_roles")
        for row in conn.execute(query).fetchall()
    }
    dead = sorted(n for n in names if (m := _LEFTOVER.match(n)) and not process_alive(int(m[1])))
    for name in dead:
        ident = sql.Identifier(name)
        with contextlib.suppress(Exception):
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(ident))
        with contextlib.suppress(Exception):
            conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(ident))
    return dead


def _database_of(url: str) -> str:
    return url.split("?", 1)[0].rsplit("/", 1)[1]


def database_activity(server: PostgresServer, url: str, *, wait_s: float = 2.0) -> int:
    """Transactions run so far in the throwaway database at `url` (0: nobody used it).

    Statistics reach pg_stat_database when a backend ends, a moment after its client went away,
    so a zero is re-read for up to `wait_s`."""
    import psycopg

    deadline = time.monotonic() + wait_s
    while True:
        with psycopg.connect(**_admin_params(server), autocommit=True) as conn:
            row = conn.execute(
                "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = %s",
                (_database_of(url),),
            ).fetchone()
        count = int(row[0]) if row and row[0] is not None else 0
        if count or time.monotonic() > deadline:
            return count
        time.sleep(0.1)


def table_names(server: PostgresServer, url: str) -> list[str]:
    """Tables in the public schema of the throwaway database at `url`."""
    import psycopg

    params = {**_admin_params(server), "dbname": _database_of(url)}
    with psycopg.connect(**params, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        ).fetchall()
    return [str(r[0]) for r in rows]
