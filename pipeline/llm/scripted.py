"""A model client that replays scripted replies: for tests and dry runs. No I/O.

It shares everything with the real client (request bodies, retries, reply parsing, accounting)
because only `_complete` differs. Each script entry is the reply's message content (a str), an
exception to raise (`TransientEndpointError`, `RejectedRequest`), or a callable that gets the
request body and returns either. Every body sent is kept in `requests`, so tests can assert on
exactly what a role asked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeAlias

from pipeline.errors import CodebegenError
from pipeline.llm.client import EndpointError, LLMClient
from pipeline.llm.config import LLMConfig, Role, RoleConfig

Scripted: TypeAlias = "str | EndpointError | Callable[[dict[str, Any]], str | EndpointError]"


def scripted_config(*roles: Role, base_url: str = "scripted://model") -> LLMConfig:
    """A config with the given roles (all four when none given) active on a fake endpoint."""
    return LLMConfig(
        roles={
            role: RoleConfig(base_url=base_url, model=f"{role.value}-model")
            for role in (roles or tuple(Role))
        }
    )


class ScriptedClient(LLMClient):
    """Answers each request with the next scripted entry; running out is a test bug."""

    def __init__(
        self, script: Iterable[Scripted], config: LLMConfig | None = None, **kwargs: Any
    ) -> None:
        kwargs.setdefault("sleep", lambda _s: None)
        super().__init__(config or scripted_config(), **kwargs)
        self.script = list(script)
        self.requests: list[dict[str, Any]] = []

    def _complete(self, config: RoleConfig, body: dict[str, Any]) -> dict[str, Any]:
        self.requests.append(body)
        if not self.script:
            raise CodebegenError(
                f"ScriptedClient has no reply left for request {len(self.requests)}"
            )
        entry = self.script.pop(0)
        if callable(entry) and not isinstance(entry, EndpointError):
            entry = entry(body)
        if isinstance(entry, EndpointError):
            raise entry
        words = sum(len(m["content"].split()) for m in body["messages"])
        return {
            "object": "chat.completion",
            "model": body["model"],
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": entry},
                    "finish_reason": "stop",
                }
            ],
            "usage": {"prompt_tokens": words, "completion_tokens": len(entry.split())},
        }
