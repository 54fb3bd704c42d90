"""A repository's own choices: `.github/codebegen.yml` on its default branch. I/O: one GitHub read.

Every key is optional, and a repository without the file gets exactly the defaults:

    permission: write         # the least permission that may start a generation or give a
                              # /codebegen command: write (default), maintain or admin
    defaults:                 # the stack when the issue does not say
      database: sqlite        # postgresql (default) or sqlite
      auth: jwt               # none (default) or jwt
    llm:                      # model choices (pipeline/llm/config.py); the endpoint and its key
      temperature: 0.1        # stay the operator's (CODEBEGEN_LLM_BASE_URL)
      generator: {model: codebegen}
      reviewer: {enabled: false}
    questions: ask            # unclear text: ask on the issue and wait (default), or go: build
                              # on codebegen's guesses and list them in the PR
    require_model: false      # true: fail when the model endpoint is down, instead of
                              # delivering the template engine's project with a note

Like Probot's `context.config`, the file is read from the default branch, so a pull request cannot
change who may command the bot. A file that is not valid YAML, or holds a key codebegen does not
know, is a `UserError` that names the key: the job says so on the issue or PR and does nothing
else, rather than run with settings somebody did not mean.
"""

from __future__ import annotations

from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from pipeline.errors import UserError
from pipeline.llm import LLMClient
from pipeline.llm.config import RepoLLMSection
from pipeline.spec import StackDefaults
from worker.ports import GitHubPort

CONFIG_PATH = ".github/codebegen.yml"
MAX_CONFIG_CHARS = 64 * 1024  # a settings file; anything bigger is a mistake

HINT = (
    f"Fix {CONFIG_PATH} on the default branch (or delete it to use the defaults), then edit the "
    "issue or repeat the command. It may set `permission` (write, maintain or admin), "
    "`defaults` (database: postgresql or sqlite; auth: none or jwt), `questions` (ask or go), `require_model` (true or false) "
    "and `llm` (model, "
    "temperature, max_tokens, timeout_s, enabled; for all roles or under schema_parser, "
    "generator, reviewer or docs)."
)


class RepoConfig(BaseModel):
    """The parsed file. Unknown keys are errors: a typo must not silently mean "default"."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    permission: Literal["write", "maintain", "admin"] = "write"
    defaults: StackDefaults = Field(default_factory=StackDefaults)
    llm: RepoLLMSection | None = None
    # When the description leaves questions open: ask them on the issue and wait (ask), or build
    # on codebegen's guesses and list them in the PR (go).
    questions: Literal["ask", "go"] = "ask"
    # With a model endpoint configured and down: deliver the template engine's project with a
    # note (false), or fail the job and say so (true).
    require_model: bool = False

    def model_client(self, client: LLMClient | None) -> LLMClient | None:
        """The worker's model client with this repository's model choices applied."""
        if client is None or self.llm is None:
            return client
        return client.with_config(client.config.with_repo_overrides(self.llm))


def parse_repo_config(text: str) -> RepoConfig:
    """The config in `text`; `UserError` naming the line or the key when it is not valid."""
    if len(text) > MAX_CONFIG_CHARS:
        raise UserError(f"{CONFIG_PATH} is over {MAX_CONFIG_CHARS // 1024} KB.", hint=HINT)
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "not valid YAML"
        raise UserError(f"{CONFIG_PATH} is not valid YAML{where}: {problem}.", hint=HINT) from None
    if data is None:
        return RepoConfig()  # an empty file, or only comments
    if not isinstance(data, dict):
        raise UserError(
            f"{CONFIG_PATH} must be a mapping of settings, not a {type(data).__name__}.", hint=HINT
        )
    try:
        return RepoConfig.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(_problem(e) for e in exc.errors())
        raise UserError(f"{CONFIG_PATH} is not valid: {problems}.", hint=HINT) from None


def _problem(error: Any) -> str:
    where = ".".join(str(p) for p in error["loc"])
    if error["type"] == "extra_forbidden":
        return f"`{where}` is not a setting codebegen knows"
    return f"`{where}`: {error['msg']}"


def load_repo_config(gh: GitHubPort, repo: str) -> tuple[RepoConfig, UserError | None]:
    """The repository's config from its default branch (the defaults when it has no file), or
    the defaults and the error to tell people when the file is not valid. Jobs check access at
    the default level before they answer with the error, then stop."""
    text = gh.file_text(repo, CONFIG_PATH)
    if text is None:
        return RepoConfig(), None
    try:
        return parse_repo_config(text), None
    except UserError as exc:
        return RepoConfig(), exc
