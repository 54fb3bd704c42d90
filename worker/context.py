"""The implementations the jobs run with, installed once per worker process. I/O: only
`scratch_checkout`, through the installed git adapter, in a scratch folder only this worker's uid
may use (`private_dir`, checked on every use; the sandbox never sees it).

`codebegen worker` installs the real adapters (bot/github.py, bot/gitops.py); test fixtures
install the same adapters pointed at the local GitHub stand-in. Jobs call `current()`.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from redis import Redis

from pipeline.errors import CodebegenError
from pipeline.llm import LLMClient
from pipeline.llm.retrieve import Retriever
from worker.ports import Checkout, GitAuthor, GitHubProvider, GitPort


@dataclass(frozen=True)
class Context:
    github: GitHubProvider
    git: GitPort
    redis: Redis  # locks and job metrics (RQ passes its own connection to the worker)
    workdir: Path  # scratch space for clones; each job uses a fresh folder under it
    author: GitAuthor  # commits are made as the App: "<slug>[bot] <id+slug[bot]@users.noreply...>"
    bot_login: str = ""  # "<slug>[bot]"; when set, only its comments count as ours
    llm: LLMClient | None = None  # the model roles (CODEBEGEN_LLM_*); None: templates and rules
    retriever: Retriever | None = None  # examples for the generator's prompt, built once

    @contextmanager
    def scratch_checkout(
        self, clone_url: str, *, token: str, branch: str, base_branch: str, prefix: str
    ) -> Iterator[Checkout]:
        """A fresh clone at `branch` in its own folder under `workdir`, removed afterwards.

        `workdir` is checked on every use (`private_dir`); the clone's folder is `mkdtemp`'s."""
        with tempfile.TemporaryDirectory(prefix=prefix, dir=private_dir(self.workdir)) as tmp:
            yield self.git.checkout(
                clone_url,
                token=token,
                branch=branch,
                base_branch=base_branch,
                workdir=Path(tmp),
                author=self.author,
            )


class UnsafeScratch(CodebegenError):
    """The scratch folder is not ours alone: someone else could swap a clone for a link."""


def private_dir(path: Path) -> Path:
    """`path` as a directory only we can use: created 0700 when missing; otherwise it must be a
    real directory (not a link), owned by our uid, that nobody else may write to (its mode is
    then tightened to 0700). Raises `UnsafeScratch` when it is not: the worker writes clones
    there as itself, so a folder another user controls could redirect those writes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(FileExistsError):
        path.mkdir(mode=0o700)
    st = os.lstat(path)
    if stat.S_ISLNK(st.st_mode) or not stat.S_ISDIR(st.st_mode):
        raise UnsafeScratch(f"the scratch folder {path} is not a plain directory; remove it")
    if st.st_uid != os.geteuid():
        raise UnsafeScratch(
            f"the scratch folder {path} belongs to uid {st.st_uid}, not to this worker "
            f"(uid {os.geteuid()}); remove it or set CODEBEGEN_WORKDIR to a folder of our own"
        )
    if st.st_mode & 0o022:
        raise UnsafeScratch(
            f"the scratch folder {path} is writable by others (mode {stat.S_IMODE(st.st_mode):o});"
            " remove it or set CODEBEGEN_WORKDIR to a folder of our own"
        )
    if stat.S_IMODE(st.st_mode) != 0o700:
        os.chmod(path, 0o700)
    return path


_installed: Context | None = None


def install(context: Context) -> None:
    global _installed
    _installed = context


def uninstall() -> None:
    global _installed
    _installed = None


def current() -> Context:
    if _installed is None:
        raise RuntimeError(
            "no worker context installed: start workers with `codebegen worker`, "
            "or call worker.context.install(...) first"
        )
    return _installed
