"""The model client: one base class, one abstract call. No I/O of its own.

Like gidgethub's `GitHubAPI._request`, every transport sits behind one seam:
`LLMClient._complete(config, body) -> dict` sends one OpenAI-style chat-completion body and
returns the decoded JSON reply. Everything else is written once, here: the exact request body
(`request_body`), retries with exponential backoff on transient failures (connection errors,
timeouts, 5xx, 429), the clear `ModelUnavailable` error when an endpoint stays down, parsing the
reply envelope, and token/latency accounting. `pipeline.llm.http.HTTPClient` is the real
transport (httpx); `pipeline.llm.scripted.ScriptedClient` replays canned replies for tests.

Structured output: a request with a JSON schema is sent with the OpenAI-standard
`response_format: {"type": "json_schema", "json_schema": {"name": ..., "schema": ...}}`, which
vLLM's OpenAI-compatible server enforces with its structured-outputs backends (xgrammar or
guidance): https://docs.vllm.ai/en/latest/features/structured_outputs/ . We chose it over
vLLM's own extra fields because those changed name (`guided_json`, removed in vLLM 0.12, then
`structured_outputs: {"json": ...}`), while `response_format` is accepted by every vLLM release
with structured outputs and by other OpenAI-compatible servers; a server that ignores it (like
`transformers serve`) still gets a valid request, and the guard checks every reply regardless.
"""

from __future__ import annotations

import copy
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from pipeline.errors import CodebegenError, UserError
from pipeline.llm.config import ENV_PREFIX, LLMConfig, Role, RoleConfig
from pipeline.llm.usage import Usage

MAX_REPLY_CHARS = 1_000_000  # a reply's text; the guard's caps on files are smaller still
DEFAULT_RETRIES = 3  # extra attempts after the first, on transient failures only
DEFAULT_BACKOFF_S = 0.5  # first wait; doubles each retry (0.5, 1, 2 s)
MAX_BACKOFF_S = 8.0  # no single wait is longer than this
DOWN_FOR_S = 60.0  # an endpoint that failed every retry is not asked again for this long


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    role: Literal["system", "user", "assistant"]
    content: str


class ChatRequest(BaseModel):
    """What a role asks: the conversation and, for structured output, the reply's JSON schema."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    role: Role
    messages: list[ChatMessage]
    schema_name: str = ""  # names the schema in response_format ("files", "project_spec")
    json_schema: dict[str, Any] | None = None

    @classmethod
    def of(
        cls, role: Role, *, system: str, user: str, schema: type[BaseModel], schema_name: str
    ) -> ChatRequest:
        """A system + user request whose reply must match `schema` (a pydantic model)."""
        return cls(
            role=role,
            messages=[
                ChatMessage(role="system", content=system),
                ChatMessage(role="user", content=user),
            ],
            schema_name=schema_name,
            json_schema=schema.model_json_schema(),
        )


class Reply(BaseModel):
    """One model reply, with what it cost."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    role: Role
    model: str
    content: str
    finish_reason: str = ""  # "stop", or "length" when max_tokens cut the reply
    prompt_tokens: int = 0
    completion_tokens: int = 0
    latency_s: float = 0.0
    unreadable: str = ""  # why the reply could not be read (too large, too deep, not JSON)

    @property
    def truncated(self) -> bool:
        return self.finish_reason == "length"


class EndpointError(CodebegenError):
    """Raised by `_complete` implementations; the base class decides what to do with it."""


class UnreadableReply(EndpointError):
    """The endpoint answered, but with a reply that cannot be read (over the size cap, nested too
    deep, not JSON). Not worth retrying as such: the repair round treats it as a rejected reply."""


class TransientEndpointError(EndpointError):
    """Worth retrying: the endpoint could not be reached, timed out, or answered 5xx/429."""


class RejectedRequest(EndpointError):
    """The endpoint answered 4xx: retrying the same request cannot help."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(f"HTTP {status}: {detail}")
        self.status = status
        self.detail = detail


class ModelUnavailable(UserError):
    """A configured model endpoint could not serve a role's request. The text is for people."""


def request_body(config: RoleConfig, request: ChatRequest) -> dict[str, Any]:
    """The exact chat-completion JSON sent for `request` (contract-tested against vLLM's docs)."""
    body: dict[str, Any] = {
        "model": config.model,  # a LoRA adapter is addressed by its --lora-modules name
        "messages": [m.model_dump() for m in request.messages],
        "temperature": config.temperature,
        "max_tokens": config.max_tokens,
        "stream": False,
    }
    if request.json_schema is not None:
        body["response_format"] = {
            "type": "json_schema",
            "json_schema": {"name": request.schema_name or "reply", "schema": request.json_schema},
        }
    return body


class _Message(BaseModel):
    model_config = ConfigDict(extra="ignore")
    content: str | None = None


class _Choice(BaseModel):
    model_config = ConfigDict(extra="ignore")
    message: _Message
    finish_reason: str | None = None


class _Usage(BaseModel):
    model_config = ConfigDict(extra="ignore")
    prompt_tokens: int = 0
    completion_tokens: int = 0


class _Completion(BaseModel):
    """The part of an OpenAI chat completion we read; servers add fields, which we ignore."""

    model_config = ConfigDict(extra="ignore")
    choices: list[_Choice] = Field(min_length=1)
    usage: _Usage | None = None


class LLMClient(ABC):
    """A model client for every role of one job. Subclasses implement `_complete` only.

    One client serves one job: `usage` adds up every call it made. Connections are passed in,
    never global (rq style): whoever builds the client owns its transport and closes it.
    """

    def __init__(
        self,
        config: LLMConfig,
        *,
        retries: int = DEFAULT_RETRIES,
        backoff_s: float = DEFAULT_BACKOFF_S,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.config = config
        self.retries = retries
        self.backoff_s = backoff_s
        self._sleep = sleep
        self._clock = clock
        self.usage = Usage()
        self._usage_lock = threading.Lock()  # roles may run in threads (review beside validate)
        # base URL -> (when, why) it last failed every retry; shared by `with_config` copies
        self._down: dict[str, tuple[float, str]] = {}

    @abstractmethod
    def _complete(self, config: RoleConfig, body: dict[str, Any]) -> dict[str, Any]:
        """Send one chat-completion body to `config.base_url`; return the decoded JSON reply.

        Raise `TransientEndpointError` for failures worth retrying and `RejectedRequest` for
        4xx answers. Nothing else: retries and error messages are the base class's job.
        """

    def with_config(self, config: LLMConfig) -> LLMClient:
        """This client with another configuration (a repository's model choices for one job).

        The copy shares the transport, the retry policy and the usage tally; the worker owns the
        transport and closes it once, so the copy needs no closing of its own."""
        if config == self.config:
            return self
        clone = copy.copy(self)
        clone.config = config
        return clone

    def close(self) -> None:  # noqa: B027 - an optional hook, not an abstract call
        """Release the transport (nothing by default)."""

    def __enter__(self) -> LLMClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def active(self, role: Role) -> bool:
        return self.config.active(role)

    def ensure_reachable(self, role: Role) -> None:
        """Raise `ModelUnavailable` at once when the role's endpoint failed every retry in the
        last `DOWN_FOR_S` seconds: a run whose parser found the server down does not wait
        through the retries again, nor build a prompt, for each later role."""
        config = self.config.role(role)
        down = self._down.get(config.base_url)
        if down is not None and self._clock() - down[0] < DOWN_FOR_S:
            with self._usage_lock:
                self.usage.record(role, latency_s=0.0, failed=True)
            raise _unavailable(role, config, TransientEndpointError(down[1]))

    def chat(self, request: ChatRequest) -> Reply:
        """Ask the role's model; retry transient failures; raise `ModelUnavailable` when it can't."""
        config = self.config.role(request.role)
        if not config.active:
            raise CodebegenError(f"the {request.role.value} role has no model configured")
        self.ensure_reachable(request.role)
        body = request_body(config, request)
        started = self._clock()
        try:
            raw = self._send_with_retries(config, body)
            completion = _Completion.model_validate(raw)
            content = completion.choices[0].message.content or ""
            if len(content) > MAX_REPLY_CHARS:
                raise UnreadableReply(
                    f"the reply has {len(content)} characters, over {MAX_REPLY_CHARS}"
                )
        except UnreadableReply as exc:
            with self._usage_lock:
                self.usage.record(request.role, latency_s=self._clock() - started, failed=True)
            return Reply(
                role=request.role,
                model=config.model,
                content="",
                unreadable=str(exc),
                latency_s=self._clock() - started,
            )
        except (EndpointError, ValidationError) as exc:
            with self._usage_lock:
                self.usage.record(request.role, latency_s=self._clock() - started, failed=True)
            if isinstance(exc, TransientEndpointError):
                self._down[config.base_url] = (self._clock(), str(exc))
            raise _unavailable(request.role, config, exc) from None
        choice = completion.choices[0]
        usage = completion.usage or _Usage()
        reply = Reply(
            role=request.role,
            model=config.model,
            content=choice.message.content or "",
            finish_reason=choice.finish_reason or "",
            prompt_tokens=usage.prompt_tokens,
            completion_tokens=usage.completion_tokens,
            latency_s=self._clock() - started,
        )
        with self._usage_lock:
            self.usage.record(
                request.role,
                prompt_tokens=reply.prompt_tokens,
                completion_tokens=reply.completion_tokens,
                latency_s=reply.latency_s,
            )
        return reply

    def _send_with_retries(self, config: RoleConfig, body: dict[str, Any]) -> dict[str, Any]:
        for attempt in range(self.retries + 1):
            try:
                return self._complete(config, body)
            except TransientEndpointError:
                if attempt == self.retries:
                    raise
                self._sleep(min(self.backoff_s * 2**attempt, MAX_BACKOFF_S))
        raise AssertionError("unreachable")  # pragma: no cover


def _unavailable(role: Role, config: RoleConfig, exc: Exception) -> ModelUnavailable:
    where = config.base_url
    if isinstance(exc, RejectedRequest):
        return ModelUnavailable(
            f"The model endpoint {where} refused the {role.value} request for model "
            f"{config.model!r}: {exc}",
            hint=f"Check that it serves {config.model!r} (a LoRA adapter needs `vllm serve ... "
            f"--enable-lora --lora-modules {config.model}=PATH`), or set "
            f"{ENV_PREFIX}{role.name}_MODEL to a model it serves.",
        )
    if isinstance(exc, ValidationError):
        return ModelUnavailable(
            f"The model endpoint {where} answered the {role.value} request with something that "
            "is not an OpenAI chat completion (no choices[0].message).",
            hint=f"Point {ENV_PREFIX}BASE_URL at an OpenAI-compatible server, with its /v1.",
        )
    return ModelUnavailable(
        f"The model endpoint {where} is unreachable for the {role.value} role: {exc}",
        hint=f"Start the model server, or unset {ENV_PREFIX}BASE_URL to use the template engine.",
    )
