"""Which model serves which role, and how to reach it. No I/O.

Four roles (the seed's multi-model pipeline): the schema parser, the code generator, the reviewer
and the docs writer. Each role talks to an OpenAI-compatible endpoint (`vllm serve` in
production) with its own model, temperature, token limit and timeout. A LoRA adapter is just a
model name: `vllm serve Qwen/Qwen2.5-Coder-32B-Instruct --enable-lora --lora-modules
codebegen=/adapters/codebegen` serves the adapter as the model `codebegen`
(https://docs.vllm.ai/en/latest/models/lora.html, "Serving LoRA Adapters").

Two sources, read in one place each:
- the environment of the deployable (`llm_config_from_env(os.environ)`), where
  `CODEBEGEN_LLM_<KEY>` sets every role and `CODEBEGEN_LLM_<ROLE>_<KEY>` overrides one role;
  keys are BASE_URL, MODEL, API_KEY, TEMPERATURE, MAX_TOKENS, TIMEOUT, ENABLED;
- the `llm:` section of the target repository's `.github/codebegen.yml`
  (`config.with_repo_overrides(section)`), which may pick models, temperatures and limits, or
  turn a role off (never on, where the operator turned it off), but never the endpoint or its key:
  the endpoint is the operator's, and a repository that could point the worker at any URL would
  turn it into a proxy (SSRF).

A role with no base URL is off, and an off role means "use the template engine / the rules".
With nothing configured, codebegen behaves exactly as it does without models.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError

from pipeline.errors import UserError

ENV_PREFIX = "CODEBEGEN_LLM_"  # every model setting in the environment starts with this


class Role(str, Enum):
    SCHEMA_PARSER = "schema_parser"  # issue text -> spec JSON (Llama-3.1-8B or a small Qwen)
    GENERATOR = "generator"  # spec + skeleton -> business-rule files (Qwen2.5-Coder + LoRA)
    REVIEWER = "reviewer"  # files -> findings (StarCoder2-15B)
    DOCS = "docs"  # spec + README -> README sections (Mistral-7B-Instruct)


# Defaults per role: generation wants room and little randomness; the parser wants none.
_DEFAULTS: dict[Role, dict[str, Any]] = {
    Role.SCHEMA_PARSER: {"temperature": 0.0, "max_tokens": 2048, "timeout_s": 60.0},
    Role.GENERATOR: {"temperature": 0.2, "max_tokens": 8192, "timeout_s": 300.0},
    Role.REVIEWER: {"temperature": 0.0, "max_tokens": 2048, "timeout_s": 120.0},
    Role.DOCS: {"temperature": 0.3, "max_tokens": 2048, "timeout_s": 120.0},
}


class RoleConfig(BaseModel):
    """How one role reaches its model. `enabled` is true when a base URL and a model are set."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    base_url: str = ""  # OpenAI-style base, with /v1: "http://vllm:8000/v1"
    model: str = ""  # served model name or LoRA adapter name
    api_key: SecretStr | None = None  # `vllm serve --api-key`; sent as a bearer token
    temperature: float = Field(default=0.2, ge=0.0, le=2.0)
    max_tokens: int = Field(default=4096, ge=1, le=131072)
    timeout_s: float = Field(default=120.0, gt=0, le=3600)
    enabled: bool = True  # a role can be switched off while the endpoint stays configured

    @property
    def active(self) -> bool:
        return self.enabled and bool(self.base_url) and bool(self.model)


class LLMConfig(BaseModel):
    """The model configuration of one deployable (or one job, after repo overrides)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    roles: dict[Role, RoleConfig] = Field(default_factory=dict)

    def role(self, role: Role) -> RoleConfig:
        """The role's config; an unconfigured role is an inactive default."""
        return self.roles.get(role) or RoleConfig(enabled=False, **_DEFAULTS[role])

    def active(self, role: Role) -> bool:
        return self.role(role).active

    @property
    def any_active(self) -> bool:
        return any(self.active(r) for r in Role)

    def with_repo_overrides(self, section: RepoLLMSection | Mapping[str, Any] | None) -> LLMConfig:
        """Apply a repository's `llm:` section (see `RepoLLMSection`) on top of this config."""
        if not section:
            return self
        try:
            repo = (
                section
                if isinstance(section, RepoLLMSection)
                else RepoLLMSection.model_validate(dict(section))
            )
        except ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()
            )
            raise UserError(
                f"The `llm:` section of .github/codebegen.yml is not valid: {problems}",
                hint="It may set, for all roles or under a role name (schema_parser, generator, "
                "reviewer, docs): model, temperature, max_tokens, timeout_s, enabled. The model "
                "endpoint itself is set by whoever runs codebegen (CODEBEGEN_LLM_BASE_URL).",
            ) from None
        roles = {}
        for role in Role:
            current = self.role(role)
            if not current.active:
                # no endpoint, or the operator turned the role off: a repository cannot undo either
                roles[role] = current
                continue
            changes = {**repo.common.set_fields(), **repo.for_role(role).set_fields()}
            roles[role] = current.model_copy(update=changes)
        return LLMConfig(roles=roles)


class RepoRoleSection(BaseModel):
    """What a repository may choose for a role. No base_url or api_key, on purpose."""

    model_config = ConfigDict(extra="forbid")

    model: str | None = None
    temperature: float | None = Field(default=None, ge=0.0, le=2.0)
    max_tokens: int | None = Field(default=None, ge=1, le=131072)
    timeout_s: float | None = Field(default=None, gt=0, le=3600)
    enabled: bool | None = None

    def set_fields(self) -> dict[str, Any]:
        return {k: v for k, v in self.model_dump().items() if v is not None}


class RepoLLMSection(RepoRoleSection):
    """The `llm:` section of `.github/codebegen.yml`: common keys, then per-role sections."""

    schema_parser: RepoRoleSection = Field(default_factory=RepoRoleSection)
    generator: RepoRoleSection = Field(default_factory=RepoRoleSection)
    reviewer: RepoRoleSection = Field(default_factory=RepoRoleSection)
    docs: RepoRoleSection = Field(default_factory=RepoRoleSection)

    @property
    def common(self) -> RepoRoleSection:
        return RepoRoleSection.model_validate(
            {k: getattr(self, k) for k in RepoRoleSection.model_fields}
        )

    def for_role(self, role: Role) -> RepoRoleSection:
        section: RepoRoleSection = getattr(self, role.value)
        return section


# Environment keys and the RoleConfig field each sets.
_ENV_KEYS = {
    "BASE_URL": "base_url",
    "MODEL": "model",
    "API_KEY": "api_key",
    "TEMPERATURE": "temperature",
    "MAX_TOKENS": "max_tokens",
    "TIMEOUT": "timeout_s",
    "ENABLED": "enabled",
}


def llm_config_from_env(environ: Mapping[str, str]) -> LLMConfig:
    """Read every `CODEBEGEN_LLM_*` variable; the one place the environment is parsed.

    `CODEBEGEN_LLM_BASE_URL=http://vllm:8000/v1 CODEBEGEN_LLM_MODEL=Qwen/Qwen2.5-Coder-7B-Instruct
    CODEBEGEN_LLM_GENERATOR_MODEL=codebegen` puts all four roles on one vLLM server, with the
    generator on the `codebegen` LoRA adapter. A set base URL without any model is an error, not
    a silent fallback: the operator meant to use a model.
    """
    known = {f"{ENV_PREFIX}{key}" for key in _ENV_KEYS} | {
        f"{ENV_PREFIX}{role.name}_{key}" for role in Role for key in _ENV_KEYS
    }
    unknown = sorted(k for k in environ if k.startswith(ENV_PREFIX) and k not in known)
    if unknown:
        raise UserError(
            f"Unknown model settings in the environment: {', '.join(unknown)}",
            hint=f"Known keys are {ENV_PREFIX}<KEY> and {ENV_PREFIX}<ROLE>_<KEY> with KEY one of "
            f"{', '.join(_ENV_KEYS)} and ROLE one of {', '.join(r.name for r in Role)}.",
        )
    roles = {}
    for role in Role:
        values: dict[str, Any] = dict(_DEFAULTS[role])
        for prefix in (ENV_PREFIX, f"{ENV_PREFIX}{role.name}_"):
            for key, field in _ENV_KEYS.items():
                raw = environ.get(prefix + key, "").strip()
                if raw:
                    values[field] = raw
        if values.get("base_url") and not values.get("model"):
            raise UserError(
                f"{ENV_PREFIX}BASE_URL is set but the {role.value} role has no model.",
                hint=f"Set {ENV_PREFIX}MODEL (all roles) or {ENV_PREFIX}{role.name}_MODEL to a "
                "model the endpoint serves (a LoRA adapter name works), or set "
                f"{ENV_PREFIX}{role.name}_ENABLED=false.",
            )
        values["base_url"] = str(values.get("base_url", "")).rstrip("/")
        try:
            roles[role] = RoleConfig.model_validate(values)
        except ValidationError as exc:
            err = exc.errors()[0]
            raise UserError(
                f"Model setting for the {role.value} role is not valid: "
                f"{err['loc'][0]}={err.get('input')!r}: {err['msg']}"
            ) from None
    return LLMConfig(roles=roles)
