"""The environment of every git process codebegen starts. I/O: a private temporary folder per
git command (an empty HOME and an empty config file), removed when the command ends.

git reads more than its arguments: `~/.gitconfig`, `$XDG_CONFIG_HOME/git/config`, the system
config, `GIT_*` variables, hooks. Generated (model-written) code runs in the validation sandbox,
and a checkout can hold anything, so none of that may come from a place such code could write:

- HOME is a fresh empty folder; `GIT_CONFIG_GLOBAL` and `GIT_CONFIG_SYSTEM` name an empty file
  (and `GIT_CONFIG_NOSYSTEM` is set), so no global or system config applies;
- hooks are off (`core.hooksPath=/dev/null`), as is fsmonitor (which runs a configured command),
  credential helpers and the `ext::` transport;
- the environment is built, not inherited: PATH, the proxy and CA settings git needs to reach
  GitHub, the commit identity when the caller set one, LANG/LC_ALL=C, and what the caller adds
  (the token's header config). The worker's secrets (GITHUB_PRIVATE_KEY, the webhook secret, the
  model's API key) and git's trace variables (GIT_TRACE*, GIT_CURL_VERBOSE) never reach git.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

# Variables passed on from the process's environment when set: how to find git and reach the
# server, and who commits when a person running the CLI said so. Nothing else is inherited.
PASS_THROUGH = (
    "PATH",
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "NO_PROXY",
    "http_proxy",
    "https_proxy",
    "no_proxy",
    "SSL_CERT_FILE",
    "SSL_CERT_DIR",
    "GIT_SSL_CAINFO",
    "GIT_AUTHOR_NAME",
    "GIT_AUTHOR_EMAIL",
    "GIT_COMMITTER_NAME",
    "GIT_COMMITTER_EMAIL",
    "TMPDIR",
)
# Config every git command runs with (given as GIT_CONFIG_COUNT/KEY/VALUE, which outranks every
# config file): no hooks, no fsmonitor command, no stored credentials, no `ext::` transport.
SAFE_CONFIG: tuple[tuple[str, str], ...] = (
    ("core.hooksPath", "/dev/null"),
    ("core.fsmonitor", "false"),
    ("credential.helper", ""),
    ("protocol.ext.allow", "never"),
)


def config_env(pairs: Sequence[tuple[str, str]] = ()) -> dict[str, str]:
    """`GIT_CONFIG_COUNT/KEY_n/VALUE_n` for SAFE_CONFIG followed by `pairs`."""
    everything = [*SAFE_CONFIG, *pairs]
    env = {"GIT_CONFIG_COUNT": str(len(everything))}
    for i, (key, value) in enumerate(everything):
        env[f"GIT_CONFIG_KEY_{i}"] = key
        env[f"GIT_CONFIG_VALUE_{i}"] = value
    return env


@contextmanager
def git_environment(extra: Mapping[str, str] | None = None) -> Iterator[dict[str, str]]:
    """The environment for one git command: built from PASS_THROUGH, a fresh HOME, empty global
    and system config, SAFE_CONFIG, then `extra` (whose GIT_CONFIG_* must come from
    `config_env`, so the safe config stays in)."""
    with tempfile.TemporaryDirectory(prefix="codebegen-git-") as tmp:
        home = Path(tmp) / "home"
        home.mkdir(mode=0o700)
        empty = Path(tmp) / "empty.gitconfig"
        empty.touch(mode=0o400)
        env = {k: os.environ[k] for k in PASS_THROUGH if k in os.environ}
        env.setdefault("PATH", os.defpath)
        env.update(
            HOME=str(home),
            XDG_CONFIG_HOME=str(home / ".config"),
            GIT_CONFIG_GLOBAL=str(empty),
            GIT_CONFIG_SYSTEM=str(empty),
            GIT_CONFIG_NOSYSTEM="1",
            GIT_TERMINAL_PROMPT="0",
            LANG="C",
            LC_ALL="C",  # error classification reads English messages
        )
        env.update(config_env())
        env.update(extra or {})
        yield env
