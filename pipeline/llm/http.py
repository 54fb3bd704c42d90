"""The HTTP transport of the model client: the one place in `pipeline/` that does network I/O.

DESIGN.md keeps `pipeline/` free of network I/O; this module is the documented exception, kept
behind the `LLMClient._complete` seam so that everything else in the pipeline sees only the
abstract client. It lives here rather than in `worker/` so that `codebegen generate` can use a
model server on the user's machine (a local `vllm serve`) with no worker at all. Nothing in
`pipeline/` imports it except through whoever builds the client (the CLI or the worker):

    with HTTPClient(llm_config_from_env(os.environ)) as client:
        outcome = generate_with_model(spec, files, client=client, ...)

I/O: HTTPS/HTTP POST to `<base_url>/chat/completions` of each active role's endpoint.
"""

from __future__ import annotations

import json
from typing import Any

import httpx

from pipeline.llm.client import (
    LLMClient,
    RejectedRequest,
    TransientEndpointError,
    UnreadableReply,
)
from pipeline.llm.config import LLMConfig, RoleConfig

# Statuses worth retrying: the server is overloaded or restarting (vLLM answers 503 while it loads).
_RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
_DETAIL_CHARS = 300  # how much of an error body goes into the message a person reads
MAX_RESPONSE_BYTES = 8 * 1024 * 1024  # a chat completion larger than this is not read


class HTTPClient(LLMClient):
    """`LLMClient` over httpx. `transport` lets tests record requests (httpx.MockTransport)."""

    def __init__(
        self,
        config: LLMConfig,
        *,
        transport: httpx.BaseTransport | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(config, **kwargs)
        self._http = httpx.Client(transport=transport, follow_redirects=False)

    def close(self) -> None:
        self._http.close()

    def _complete(self, config: RoleConfig, body: dict[str, Any]) -> dict[str, Any]:
        headers = {"Content-Type": "application/json"}
        if config.api_key is not None:
            headers["Authorization"] = f"Bearer {config.api_key.get_secret_value()}"
        url = f"{config.base_url}/chat/completions"
        try:
            with self._http.stream(
                "POST", url, json=body, headers=headers, timeout=config.timeout_s
            ) as response:
                raw = _read_capped(response)
        except httpx.TimeoutException:
            raise TransientEndpointError(f"no reply within {config.timeout_s:g} s") from None
        except httpx.TransportError as exc:
            raise TransientEndpointError(_describe(exc)) from None
        if response.status_code in _RETRY_STATUSES:
            raise TransientEndpointError(f"HTTP {response.status_code}: {_snippet(raw)}")
        if response.status_code >= 400:
            raise RejectedRequest(response.status_code, _snippet(raw))
        if raw is None:
            raise UnreadableReply(f"the reply is over {MAX_RESPONSE_BYTES} bytes")
        try:
            data = json.loads(raw)
        except RecursionError:
            raise UnreadableReply("the reply is JSON nested too deep to read") from None
        except ValueError:
            raise TransientEndpointError(f"reply is not JSON: {_snippet(raw)}") from None
        if not isinstance(data, dict):
            raise TransientEndpointError("reply is not a JSON object")
        return data


def _describe(exc: httpx.TransportError) -> str:
    text = str(exc) or type(exc).__name__
    return f"{type(exc).__name__}: {text}" if text != type(exc).__name__ else text


def _read_capped(response: httpx.Response) -> bytes | None:
    """The body, or None when it is over `MAX_RESPONSE_BYTES` (read no further than that)."""
    body = bytearray()
    for chunk in response.iter_bytes():
        body += chunk
        if len(body) > MAX_RESPONSE_BYTES:
            return None
    return bytes(body)


def _snippet(raw: bytes | None) -> str:
    text = " ".join((raw or b"").decode("utf-8", errors="replace")[: _DETAIL_CHARS * 4].split())
    return text[:_DETAIL_CHARS] + ("..." if len(text) > _DETAIL_CHARS else "")
