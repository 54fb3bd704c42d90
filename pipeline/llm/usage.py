"""Cost and speed accounting for model calls: tokens in and out, and latency, per role. No I/O.

Every reply a client returns is recorded in a `Usage`; a job keeps one (the client's) and each
outcome carries its own. The worker renders `to_markdown()` into the check run and exports
`rows()` as metrics (counters per role: calls, prompt tokens, completion tokens, seconds).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from pipeline.llm.config import Role


class RoleUsage(BaseModel):
    model_config = ConfigDict(extra="forbid")

    calls: int = 0
    failed_calls: int = 0  # calls that got no usable reply (endpoint errors after retries)
    prompt_tokens: int = 0
    completion_tokens: int = 0
    latency_s: float = 0.0  # wall time of all calls, retries and backoff included


class Usage(BaseModel):
    """Totals per role for one job (or one outcome)."""

    model_config = ConfigDict(extra="forbid")

    roles: dict[Role, RoleUsage] = Field(default_factory=dict)

    def record(
        self,
        role: Role,
        *,
        prompt_tokens: int = 0,
        completion_tokens: int = 0,
        latency_s: float = 0.0,
        failed: bool = False,
    ) -> None:
        entry = self.roles.setdefault(role, RoleUsage())
        entry.calls += 1
        entry.failed_calls += int(failed)
        entry.prompt_tokens += prompt_tokens
        entry.completion_tokens += completion_tokens
        entry.latency_s += latency_s

    def merge(self, other: Usage) -> None:
        """Add another Usage into this one (outcomes of one job into the job's total)."""
        for role, u in other.roles.items():
            entry = self.roles.setdefault(role, RoleUsage())
            for name in RoleUsage.model_fields:
                setattr(entry, name, getattr(entry, name) + getattr(u, name))

    @property
    def total_tokens(self) -> int:
        return sum(u.prompt_tokens + u.completion_tokens for u in self.roles.values())

    def rows(self) -> list[tuple[str, RoleUsage]]:
        """(role name, usage) in the pipeline's order, for metrics."""
        return [(role.value, self.roles[role]) for role in Role if role in self.roles]

    def to_markdown(self) -> str:
        """A table for the check run; empty when no model was called."""
        if not self.roles:
            return ""
        lines = [
            "| role | calls | tokens in | tokens out | seconds |",
            "|---|---:|---:|---:|---:|",
        ]
        for name, u in self.rows():
            failed = f" ({u.failed_calls} failed)" if u.failed_calls else ""
            lines.append(
                f"| {name} | {u.calls}{failed} | {u.prompt_tokens} | {u.completion_tokens} "
                f"| {u.latency_s:.1f} |"
            )
        return "\n".join(lines)
