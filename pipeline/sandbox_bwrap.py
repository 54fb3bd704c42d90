"""The sandbox's isolation: a bubblewrap (`bwrap`) command line that gives untrusted code its own
view of the machine, and the probe that decides whether that works here.

I/O: none of its own, except `probe`, which runs bwrap once with a tiny Python script.

What a process started through `command` sees (https://github.com/containers/bubblewrap):
- its own mount namespace, built from nothing: /usr (and the /bin, /lib links into it) and a few
  files of /etc read-only; the interpreter and its libraries read-only (the venv and the Python
  it was made from, and nothing else of their parents: not the bot's source, not /root); a
  private /proc, a minimal /dev, an empty private /tmp; its own workspace, HOME and any socket
  directory the caller names. No /work, /home, /root, /srv, /opt, /run, /var: no host files and
  no host sockets;
- its own network namespace with only its own loopback (the host's 127.0.0.1 and the network
  are out of reach; abstract unix sockets are per network namespace too), its own PID, IPC and UTS namespaces; it dies with
  its parent and runs in a new session (no terminal injection);
- when we are root, a uid of its own (`setpriv` inside the namespace, after bwrap has set up the
  mounts as root); when we are not, bwrap runs unprivileged in a user namespace as our uid, so the
  files view above still holds but the uid is ours (the report says so).
When bwrap is missing or cannot create its namespaces (Docker's default seccomp profile blocks
them for a non-root user), `probe` says why and the sandbox refuses to run anything.
"""

from __future__ import annotations

import os
import shutil
import subprocess  # noqa: S404 - running bwrap is this module's job
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

BWRAP = "bwrap"  # the bubblewrap binary; tests point it elsewhere to simulate a missing one
# Files of /etc that programs need (user names, DNS-free hosts file, TLS roots, the loader cache);
# never all of /etc, which holds machine configuration and maybe secrets.
ETC_FILES = (
    "passwd",
    "group",
    "hosts",
    "nsswitch.conf",
    "localtime",
    "ld.so.cache",
    "ld.so.conf",
    "ld.so.conf.d",
    "ssl",
    "ca-certificates",
    "alternatives",
    "mime.types",
)
# Top-level names that are (on merged-/usr systems) links into /usr, or small system directories.
SYSTEM_LINKS = ("bin", "sbin", "lib", "lib32", "lib64", "libx32")
NAMESPACES = (
    "--unshare-net",
    "--unshare-pid",
    "--unshare-ipc",
    "--unshare-uts",
    "--unshare-cgroup-try",
)
# What `setpriv` needs to switch to the sandbox's uid and empty every capability set; the uid
# switch then clears the permitted and effective sets, and bwrap has set no_new_privs.
SETUID_CAPS = ("--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID", "--cap-add", "CAP_SETPCAP")


def python_paths() -> list[str]:
    """Directories the interpreter needs: the venv and the installation it was made from."""
    wanted = {
        os.path.realpath(p)
        for p in (sys.base_prefix, sys.prefix, os.path.dirname(os.path.realpath(sys.executable)))
    }
    wanted.add(os.path.abspath(sys.prefix))  # the venv as its own path names it (bin/python)
    out: list[str] = []
    for path in sorted(wanted, key=len):
        if os.path.isdir(path) and not any(Path(path).is_relative_to(done) for done in out):
            out.append(path)
    return out


def _system_mounts() -> list[str]:
    args = ["--ro-bind", "/usr", "/usr"]
    for name in SYSTEM_LINKS:
        path = f"/{name}"
        if os.path.islink(path):
            args += ["--symlink", os.readlink(path), path]
        elif os.path.isdir(path):
            args += ["--ro-bind", path, path]
    for name in ETC_FILES:
        path = f"/etc/{name}"
        if os.path.exists(path):
            args += ["--ro-bind", path, path]
    args += ["--proc", "/proc", "--dev", "/dev", "--tmpfs", "/dev/shm"]  # noqa: S108
    args += ["--perms", "1777", "--tmpfs", "/tmp"]  # noqa: S108
    return args


def _parents(paths: Iterable[str]) -> list[str]:
    """`--dir` for every ancestor of the bound paths (0755, so a dropped uid may pass through:
    bwrap would otherwise copy a 0700 /root)."""
    made: list[str] = []
    for path in paths:
        for anc in reversed(Path(path).parents):
            text = str(anc)
            skip = text in ("/", "/tmp", "/usr") or text.startswith("/usr/")  # noqa: S108
            if skip or text in made:
                continue
            made.append(text)
    return [arg for d in made for arg in ("--perms", "0755", "--dir", d)]


def command(
    cmd: Sequence[str],
    *,
    cwd: Path,
    writable: Sequence[Path],
    readable: Sequence[Path] = (),
    uid: int | None,
    as_root: bool,
) -> list[str]:
    """The bwrap command line that runs `cmd` in `cwd` with only the paths above visible.

    `writable`: bound read-write (the workspace, HOME, an app's socket directory).
    `readable`: bound read-only (a PostgreSQL socket directory). `uid`: who the code runs as when
    `as_root` (dropped inside, after the mounts); unused otherwise."""
    ro = python_paths() + [str(p) for p in readable]
    rw = [str(p) for p in writable]
    args = [BWRAP, *NAMESPACES, "--die-with-parent", "--new-session"]
    if not as_root:
        args.append("--unshare-user")
    args += _system_mounts() + _parents(ro + rw)
    for path in ro:
        args += ["--ro-bind", path, path]
    for path in rw:
        args += ["--bind", path, path]
    args += ["--chdir", str(cwd), "--setenv", "PWD", str(cwd)]
    if as_root and uid is not None:
        drop = ["setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups"]
        drop += ["--inh-caps=-all", "--bounding-set=-all", "--"]
        return [*args, *SETUID_CAPS, "--", *drop, *cmd]
    return [*args, "--", *cmd]


# Exits 0 only when the network is unreachable, the host's /tmp and the bot's files are out of
# sight, and the interpreter (ours, not a system one) and the generated stack's packages load.
PROBE = """
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
if os.path.exists(sys.argv[2]):
    raise SystemExit("host files visible")
if os.path.realpath(sys.base_prefix) != sys.argv[1]:
    raise SystemExit("interpreter not reachable")
for name in ("fastapi", "sqlalchemy", "uvicorn", "pytest"):
    open(importlib.util.find_spec(name).origin, "rb").close()
"""


def probe(
    *, workdir: Path, marker: Path, uid: int | None, as_root: bool, env: Mapping[str, str]
) -> str:
    """Run the probe in the sandbox; "" when it holds, else why not (in words for the report)."""
    if shutil.which(BWRAP) is None:
        return f"bubblewrap ({BWRAP}) is not installed"
    argv = command(
        [sys.executable, "-c", PROBE, os.path.realpath(sys.base_prefix), str(marker)],
        cwd=workdir,
        writable=[workdir],
        uid=uid,
        as_root=as_root,
    )
    try:
        done = subprocess.run(  # noqa: S603 - fixed argv
            argv, capture_output=True, timeout=30, env=dict(env), cwd="/", check=False
        )
    except (OSError, subprocess.SubprocessError) as exc:
        return f"bubblewrap could not run: {exc}"
    if done.returncode != 0:
        why = (done.stderr.decode(errors="replace").strip().splitlines() or ["no output"])[-1]
        return f"bubblewrap could not set up the sandbox: {why[:300]}"
    return ""
