"""The schema-parser role: a model turns free text into a `ProjectSpec`. No I/O of its own.

The rules parser stays the default (no model configured) and the fallback (the model's spec is
not valid after one repair round). The model is asked for JSON matching
`ProjectSpec.model_json_schema()` (structured output), and its reply is validated with
`spec_from_dict`, the same validation a hand-written `codebegen.yaml` gets; the validation
messages are what the repair round feeds back. The spec's `description` is always the person's
own text, verbatim, whatever the model put there.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from pipeline.errors import SpecError
from pipeline.llm.client import ChatRequest, LLMClient
from pipeline.llm.config import Role
from pipeline.llm.guard import GuardError, load_json
from pipeline.llm.prompts import SCHEMA_PARSER_SYSTEM, schema_parser_user
from pipeline.llm.repair import Attempt, ask_with_repair
from pipeline.llm.usage import Usage
from pipeline.spec import ProjectSpec, StackDefaults, spec_from_dict


class ParseOutcome(BaseModel):
    model_config = ConfigDict(extra="forbid")

    spec: ProjectSpec
    source: Literal["model", "rules"]
    notes: list[str] = Field(default_factory=list)
    attempts: list[Attempt] = Field(default_factory=list)
    usage: Usage = Field(default_factory=Usage)


def parse_with_model(
    text: str,
    *,
    client: LLMClient | None,
    rules: Callable[[str], ProjectSpec],
    defaults: StackDefaults | None = None,
) -> ParseOutcome:
    """The model's spec when a schema-parser model is configured and its spec is valid; else
    `rules(text)` (whose `SpecError` propagates exactly as it does without a model)."""
    if client is None or not client.active(Role.SCHEMA_PARSER):
        return ParseOutcome(spec=rules(text), source="rules")

    def check(reply: str) -> ProjectSpec:
        data = load_json(reply)
        if not isinstance(data, dict):
            raise GuardError(["the reply must be one JSON object (the spec)"])
        try:
            return spec_from_dict({**data, "description": text.strip()})
        except SpecError as exc:
            lines = [ln.removeprefix("- ") for ln in exc.message.splitlines()[1:]]
            raise GuardError(lines or [exc.message]) from None

    request = ChatRequest.of(
        Role.SCHEMA_PARSER,
        system=SCHEMA_PARSER_SYSTEM,
        user=schema_parser_user(text, ProjectSpec.model_json_schema(), defaults),
        schema=ProjectSpec,
        schema_name="project_spec",
    )
    result = ask_with_repair(client, request, check)
    if result.value is not None:
        return ParseOutcome(
            spec=result.value,
            source="model",
            notes=["The schema-parser model read the description."],
            attempts=result.attempts,
            usage=result.usage,
        )
    return ParseOutcome(
        spec=rules(text),
        source="rules",
        notes=[
            f"The schema-parser model's spec was not valid ({len(result.attempts)} tries); "
            "the rules parser read the description instead."
        ],
        attempts=result.attempts,
        usage=result.usage,
    )
