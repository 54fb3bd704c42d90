"""Ask a model, check its reply, and give it one chance to repair. No I/O of its own.

Every model-backed role follows the same loop: send the request; run the role's `check` on the
reply (guards, validation); when the check fails, send the model its own reply and the list of
problems once (`prompts.repair_message`), and check again. When that fails too, the caller falls
back to the rules/template path. Each attempt is recorded as an `Attempt`, so the PR can show
what the model produced and what the checks said.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from pipeline.llm.client import ChatMessage, ChatRequest, LLMClient, Reply
from pipeline.llm.guard import GuardError
from pipeline.llm.prompts import repair_message
from pipeline.llm.usage import Usage

REPAIR_ROUNDS = 1  # one repair round after the first attempt (the contract)
MAX_PROBLEMS_FED_BACK = 20  # more than this and the model drowns; the rest are counted
MAX_PROBLEM_CHARS = 2000  # one problem (a pytest failure) is cut to this in the repair prompt

T = TypeVar("T")


class Attempt(BaseModel):
    """One model reply and its fate."""

    model_config = ConfigDict(extra="forbid")

    number: int  # 1 = first try, 2 = repair
    accepted: bool
    files: list[str] = Field(default_factory=list)  # paths the reply wrote, when it parsed
    problems: list[str] = Field(default_factory=list)
    truncated: bool = False  # the reply hit max_tokens


class Checked(GuardError):
    """A check failure that also says which files the reply wrote (for the attempt record)."""

    def __init__(self, problems: list[str], *, files: list[str]) -> None:
        super().__init__(problems)
        self.files = files


class RepairResult(BaseModel, Generic[T]):
    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)

    value: T | None = None  # the checked value of the accepted reply, None when none passed
    attempts: list[Attempt] = Field(default_factory=list)
    usage: Usage = Field(default_factory=Usage)

    @property
    def accepted(self) -> bool:
        return any(a.accepted for a in self.attempts)


def ask_with_repair(
    client: LLMClient, request: ChatRequest, check: Callable[[str], T]
) -> RepairResult[T]:
    """Send `request`; `check(reply_text)` returns the value or raises `GuardError`."""
    result: RepairResult[T] = RepairResult()
    messages = list(request.messages)
    for number in range(1, REPAIR_ROUNDS + 2):
        reply = client.chat(request.model_copy(update={"messages": messages}))
        _record(result.usage, reply)
        try:
            if reply.unreadable:  # the same fate as any other refused reply
                raise GuardError([f"the reply could not be read: {reply.unreadable}"])
            value = check(reply.content)
        except GuardError as exc:
            problems = list(exc.problems)
            if reply.truncated:
                problems.append(
                    "the reply was cut off at the token limit; write less (only what is needed)"
                )
            files = exc.files if isinstance(exc, Checked) else []
            result.attempts.append(
                Attempt(
                    number=number,
                    accepted=False,
                    files=files,
                    problems=problems,
                    truncated=reply.truncated,
                )
            )
            messages = [
                *request.messages,
                ChatMessage(role="assistant", content=reply.content),
                repair_message(_fed_back(problems)),
            ]
            continue
        result.value = value
        result.attempts.append(Attempt(number=number, accepted=True, truncated=reply.truncated))
        return result
    return result


def _record(usage: Usage, reply: Reply) -> None:
    usage.record(
        reply.role,
        prompt_tokens=reply.prompt_tokens,
        completion_tokens=reply.completion_tokens,
        latency_s=reply.latency_s,
    )


def _fed_back(problems: list[str]) -> list[str]:
    kept = [
        p if len(p) <= MAX_PROBLEM_CHARS else p[:MAX_PROBLEM_CHARS] + " ..."
        for p in problems[:MAX_PROBLEMS_FED_BACK]
    ]
    if len(problems) > MAX_PROBLEMS_FED_BACK:
        kept.append(f"... and {len(problems) - MAX_PROBLEMS_FED_BACK} more problems")
    return kept
