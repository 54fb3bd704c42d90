"""The implementations the jobs run with, installed once per worker process. I/O: only
`scratch_checkout`, through the installed git adapter.

`codebegen worker` installs the real adapters (bot/github.py, bot/gitops.py); test fixtures
install the same adapters pointed at the local GitHub stand-in. Jobs call `current()`.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from redis import Redis

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
        """A fresh clone at `branch` in its own folder under `workdir`, removed afterwards."""
        self.workdir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix=prefix, dir=self.workdir) as tmp:
            yield self.git.checkout(
                clone_url,
                token=token,
                branch=branch,
                base_branch=base_branch,
                workdir=Path(tmp),
                author=self.author,
            )


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
