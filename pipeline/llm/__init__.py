"""Model roles on any OpenAI-compatible endpoint (vLLM in production). No I/O except `http`.

Roles: the schema parser (`parse_with_model`), the code generator (`generate_with_model`), the
reviewer (`review_with_model`) and the docs writer (`write_docs_with_model`). Each takes a
`client` (`LLMClient`, or None) and, with no client or no model configured for its role, does
exactly what codebegen does without models. With one, every reply is guarded and validated,
gets one repair round, and falls back to the template/rules output when it still fails; the
outcome says which files or findings came from where (`notes`, `provenance`) and what it cost
(`usage`).

Build a client where I/O is allowed (the CLI, the worker):

    from pipeline.llm import llm_config_from_env
    from pipeline.llm.http import HTTPClient
    config = llm_config_from_env(os.environ).with_repo_overrides(repo_yml.get("llm"))
    client = HTTPClient(config) if config.any_active else None
"""

from pipeline.llm.client import ChatRequest, LLMClient, ModelUnavailable, Reply, request_body
from pipeline.llm.config import LLMConfig, Role, RoleConfig, llm_config_from_env
from pipeline.llm.docs import DocsOutcome, write_docs_with_model
from pipeline.llm.hybrid import (
    ModelOutcome,
    Source,
    Status,
    Verdict,
    generate_with_model,
    sandbox_validate,
    verdict_of,
)
from pipeline.llm.reviewer import ReviewOutcome, review_with_model
from pipeline.llm.schema_parser import ParseOutcome, parse_with_model
from pipeline.llm.usage import Usage

__all__ = [
    "ChatRequest",
    "DocsOutcome",
    "LLMClient",
    "LLMConfig",
    "ModelOutcome",
    "ModelUnavailable",
    "ParseOutcome",
    "Reply",
    "ReviewOutcome",
    "Role",
    "RoleConfig",
    "Source",
    "Status",
    "Usage",
    "Verdict",
    "generate_with_model",
    "llm_config_from_env",
    "parse_with_model",
    "request_body",
    "review_with_model",
    "sandbox_validate",
    "verdict_of",
    "write_docs_with_model",
]
