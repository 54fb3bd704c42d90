"""The model client: exact request bodies (vLLM's documented API), retries, errors, accounting.

Contract: the bodies below are what vLLM's OpenAI-compatible server documents —
- structured output as `response_format: {"type": "json_schema", "json_schema": {"name",
  "schema"}}`: https://docs.vllm.ai/en/latest/features/structured_outputs/ ("Online Serving");
- a LoRA adapter served with `--enable-lora --lora-modules codebegen=PATH` is requested as
  `"model": "codebegen"`: https://docs.vllm.ai/en/latest/models/lora.html ("Serving LoRA
  Adapters");
- the reply is a chat completion with `choices[0].message.content` and `usage.prompt_tokens` /
  `usage.completion_tokens`: https://docs.vllm.ai/en/stable/serving/openai_compatible_server/ .
"""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from pipeline.llm.client import ChatMessage, ChatRequest, ModelUnavailable, request_body
from pipeline.llm.config import LLMConfig, Role, RoleConfig, llm_config_from_env
from pipeline.llm.guard import FilesReply
from pipeline.llm.http import HTTPClient
from pipeline.spec import ProjectSpec
from tests.llm.conftest import free_port

ENV = {
    "CODEBEGEN_LLM_BASE_URL": "http://vllm:8000/v1",
    "CODEBEGEN_LLM_MODEL": "Qwen/Qwen2.5-Coder-32B-Instruct",
    "CODEBEGEN_LLM_GENERATOR_MODEL": "codebegen",
    "CODEBEGEN_LLM_API_KEY": "token-abc123",
}
MESSAGES = [ChatMessage(role="system", content="sys"), ChatMessage(role="user", content="hi")]


def completion(
    content: str, *, prompt_tokens: int = 11, completion_tokens: int = 7
) -> dict[str, Any]:
    """A chat completion as vLLM returns it (fields we do not read included)."""
    return {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "created": 1,
        "model": "codebegen",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content, "tool_calls": []},
                "logprobs": None,
                "finish_reason": "stop",
            }
        ],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
    }


class Recorder:
    """An httpx transport that records requests and answers from a list of responses."""

    def __init__(self, *responses: httpx.Response | Exception) -> None:
        self.responses = list(responses)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        answer = self.responses.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    def body(self, i: int = 0) -> dict[str, Any]:
        return json.loads(self.requests[i].content)


def client(recorder: Recorder, config: LLMConfig | None = None, **kwargs: Any) -> HTTPClient:
    waits: list[float] = kwargs.pop("waits", [])
    return HTTPClient(
        config or llm_config_from_env(ENV),
        transport=httpx.MockTransport(recorder),
        sleep=waits.append,
        **kwargs,
    )


def test_generator_request_names_the_lora_adapter_and_asks_for_the_files_schema() -> None:
    recorder = Recorder(httpx.Response(200, json=completion('{"files": {}}')))
    request = ChatRequest(
        role=Role.GENERATOR,
        messages=MESSAGES,
        schema_name="files",
        json_schema=FilesReply.model_json_schema(),
    )
    client(recorder).chat(request)
    sent = recorder.requests[0]
    assert sent.method == "POST"
    assert str(sent.url) == "http://vllm:8000/v1/chat/completions"
    assert sent.headers["authorization"] == "Bearer token-abc123"
    assert recorder.body() == {
        "model": "codebegen",
        "messages": [{"role": "system", "content": "sys"}, {"role": "user", "content": "hi"}],
        "temperature": 0.2,
        "max_tokens": 8192,
        "stream": False,
        "response_format": {
            "type": "json_schema",
            "json_schema": {
                "name": "files",
                "schema": {
                    "additionalProperties": False,
                    "description": FilesReply.__doc__,
                    "properties": {
                        "files": {
                            "additionalProperties": {"type": "string"},
                            "title": "Files",
                            "type": "object",
                        }
                    },
                    "required": ["files"],
                    "title": "FilesReply",
                    "type": "object",
                },
            },
        },
    }


def test_parser_request_carries_the_spec_schema_and_the_base_model() -> None:
    config = llm_config_from_env(ENV).role(Role.SCHEMA_PARSER)
    body = request_body(
        config,
        ChatRequest(
            role=Role.SCHEMA_PARSER,
            messages=MESSAGES,
            schema_name="project_spec",
            json_schema=ProjectSpec.model_json_schema(),
        ),
    )
    assert body["model"] == "Qwen/Qwen2.5-Coder-32B-Instruct"
    assert body["temperature"] == 0.0
    assert body["response_format"]["json_schema"]["name"] == "project_spec"
    assert body["response_format"]["json_schema"]["schema"]["required"] == ["name", "entities"]


def test_request_without_schema_has_no_response_format() -> None:
    body = request_body(
        RoleConfig(base_url="u", model="m"), ChatRequest(role=Role.DOCS, messages=MESSAGES)
    )
    assert "response_format" not in body


def test_no_api_key_sends_no_authorization_header() -> None:
    recorder = Recorder(httpx.Response(200, json=completion("ok")))
    env = {k: v for k, v in ENV.items() if k != "CODEBEGEN_LLM_API_KEY"}
    client(recorder, llm_config_from_env(env)).chat(ChatRequest(role=Role.DOCS, messages=MESSAGES))
    assert "authorization" not in recorder.requests[0].headers


def test_reply_content_tokens_and_latency_are_read_and_added_up() -> None:
    recorder = Recorder(
        httpx.Response(200, json=completion("a", prompt_tokens=100, completion_tokens=20)),
        httpx.Response(200, json=completion("b", prompt_tokens=50, completion_tokens=5)),
    )
    ticks = iter([0.0, 1.5, 10.0, 10.25])
    c = client(recorder, clock=lambda: next(ticks))
    reply = c.chat(ChatRequest(role=Role.GENERATOR, messages=MESSAGES))
    c.chat(ChatRequest(role=Role.GENERATOR, messages=MESSAGES))
    assert (reply.content, reply.prompt_tokens, reply.completion_tokens) == ("a", 100, 20)
    assert reply.latency_s == 1.5 and reply.model == "codebegen"
    usage = c.usage.roles[Role.GENERATOR]
    assert (usage.calls, usage.prompt_tokens, usage.completion_tokens) == (2, 150, 25)
    assert usage.latency_s == pytest.approx(1.75)
    assert "| generator | 2 | 150 | 25 | 1.8 |" in c.usage.to_markdown()


def test_server_errors_and_dropped_connections_are_retried_with_backoff() -> None:
    recorder = Recorder(
        httpx.Response(503, text="loading model"),
        httpx.ConnectError("connection refused"),
        httpx.Response(500, text="oops"),
        httpx.Response(200, json=completion("done")),
    )
    waits: list[float] = []
    reply = client(recorder, waits=waits).chat(ChatRequest(role=Role.REVIEWER, messages=MESSAGES))
    assert reply.content == "done"
    assert waits == [0.5, 1.0, 2.0]
    assert len(recorder.requests) == 4


def test_endpoint_down_is_a_user_error_that_says_how_to_do_without() -> None:
    port = free_port()  # nothing listens here
    config = llm_config_from_env(
        {"CODEBEGEN_LLM_BASE_URL": f"http://127.0.0.1:{port}/v1", "CODEBEGEN_LLM_MODEL": "m"}
    )
    waits: list[float] = []
    with HTTPClient(config, sleep=waits.append) as c, pytest.raises(ModelUnavailable) as info:
        c.chat(ChatRequest(role=Role.GENERATOR, messages=MESSAGES))
    message = str(info.value)
    assert f"http://127.0.0.1:{port}/v1 is unreachable" in message
    assert "unset CODEBEGEN_LLM_BASE_URL to use the template engine" in message
    assert len(waits) == 3  # retried before giving up
    assert c.usage.roles[Role.GENERATOR].failed_calls == 1


def test_an_endpoint_down_for_one_role_is_not_retried_for_the_next_until_a_minute_passes() -> None:
    now = [100.0]
    recorder = Recorder(
        *[httpx.ConnectError("connection refused")] * 4, httpx.Response(200, json=completion("ok"))
    )
    c = client(recorder, clock=lambda: now[0])
    with pytest.raises(ModelUnavailable):
        c.chat(ChatRequest(role=Role.SCHEMA_PARSER, messages=MESSAGES))
    assert len(recorder.requests) == 4
    with pytest.raises(ModelUnavailable, match="unreachable for the generator role"):
        c.chat(ChatRequest(role=Role.GENERATOR, messages=MESSAGES))
    with pytest.raises(ModelUnavailable):
        c.with_config(c.config).ensure_reachable(Role.REVIEWER)
    assert len(recorder.requests) == 4  # neither asked the server again
    assert c.usage.roles[Role.GENERATOR].failed_calls == 1
    now[0] += 61
    assert c.chat(ChatRequest(role=Role.GENERATOR, messages=MESSAGES)).content == "ok"


def test_unknown_model_is_not_retried_and_names_the_adapter() -> None:
    recorder = Recorder(
        httpx.Response(
            404, json={"object": "error", "message": "The model `codebegen` does not exist."}
        )
    )
    with pytest.raises(ModelUnavailable) as info:
        client(recorder).chat(ChatRequest(role=Role.GENERATOR, messages=MESSAGES))
    assert len(recorder.requests) == 1
    assert "does not exist" in str(info.value)
    assert "--lora-modules codebegen=PATH" in str(info.value)


def test_timeout_is_retried_then_reported() -> None:
    recorder = Recorder(*[httpx.ReadTimeout("slow")] * 4)
    with pytest.raises(ModelUnavailable, match="no reply within 300 s"):
        client(recorder).chat(ChatRequest(role=Role.GENERATOR, messages=MESSAGES))
    assert len(recorder.requests) == 4


def test_reply_that_is_not_a_chat_completion_is_a_user_error() -> None:
    recorder = Recorder(httpx.Response(200, json={"hello": "world"}))
    with pytest.raises(ModelUnavailable, match="not an OpenAI chat completion"):
        client(recorder).chat(ChatRequest(role=Role.GENERATOR, messages=MESSAGES))


def test_inactive_role_cannot_be_asked() -> None:
    recorder = Recorder()
    c = client(recorder, LLMConfig(roles={Role.DOCS: RoleConfig(base_url="u", model="m")}))
    with pytest.raises(Exception, match="generator role has no model"):
        c.chat(ChatRequest(role=Role.GENERATOR, messages=MESSAGES))
    assert recorder.requests == []
