"""Tokens and seconds per role, summed per job, rendered for the check run."""

from __future__ import annotations

from pipeline.llm.config import Role
from pipeline.llm.usage import Usage


def test_usage_adds_up_per_role_and_merges() -> None:
    job = Usage()
    job.record(Role.GENERATOR, prompt_tokens=1000, completion_tokens=200, latency_s=3.0)
    outcome = Usage()
    outcome.record(Role.REVIEWER, prompt_tokens=50, completion_tokens=5, latency_s=0.5)
    outcome.record(
        Role.GENERATOR, prompt_tokens=10, completion_tokens=2, latency_s=0.25, failed=True
    )
    job.merge(outcome)
    generator = job.roles[Role.GENERATOR]
    assert (generator.calls, generator.failed_calls, generator.prompt_tokens) == (2, 1, 1010)
    assert job.total_tokens == 1010 + 202 + 55
    assert [name for name, _ in job.rows()] == ["generator", "reviewer"]


def test_usage_table_for_the_check_run() -> None:
    usage = Usage()
    assert usage.to_markdown() == ""
    usage.record(Role.DOCS, prompt_tokens=7, completion_tokens=3, latency_s=1.26)
    usage.record(Role.DOCS, failed=True)
    assert usage.to_markdown() == (
        "| role | calls | tokens in | tokens out | seconds |\n"
        "|---|---:|---:|---:|---:|\n"
        "| docs | 2 (1 failed) | 7 | 3 | 1.3 |"
    )
