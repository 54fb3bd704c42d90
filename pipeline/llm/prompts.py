"""The text every model role is sent. No I/O.

`SYSTEM_PROMPT` and `USER_TEMPLATE` are the seed's generation prompts (SEED.md section 6),
verbatim: the LoRA adapter is trained on exactly this text (`training.samples` imports it from
here), so the server must be sent exactly this text. `USER_TEMPLATE` is a `str.format` template
(`{{`/`}}` are the literal braces of the seed's output example). Stage sections go between the
technical context and the output format, as `### Title:` blocks, the same way the training
samples put them (`user_message`).

The other roles (schema parser, reviewer, docs writer) have no seed text; their prompts are short,
state the reply's JSON shape, and are sent with that shape as a JSON schema as well.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from pipeline.llm.client import ChatMessage
from pipeline.spec import AuthKind, ProjectSpec, StackDefaults

SYSTEM_PROMPT = """\
You are Codebegen, an AI backend engineer that builds production-ready FastAPI backends from natural language requests.
You must:
- Follow PEP8 and use `black` formatting.
- Use the requested tech stack exactly.
- Generate ALL required files for a working project.
- Include Dockerfile and docker-compose.yml when requested.
- Ensure code runs without syntax errors.
- Never invent package names.
- Always separate concerns into models, schemas, routers, services, and repositories.
- Include basic tests and README.md.
Your output must be in JSON with keys: files (dict of file paths → contents)."""  # noqa: E501

USER_TEMPLATE = """\
### API Description:
{user_prompt}

### Technical Context:
Domain: {domain}
Tech Stack: {stack}
Constraints: {constraints}

### Output Format:
Return JSON with:
{{
  "files": {{ "path/to/file.py": "<full code>", ... }}
}}"""

CHARS_PER_TOKEN = 4  # estimate used for prompt budgets when no tokenizer is at hand

# Words that mark a sentence as a business rule CRUD templates do not implement.
_RULE_CUES = re.compile(
    r"\b(cannot|can't|can not|must|mustn't|should not|shouldn't|may not|never|at most|at least|"
    r"no more than|more than|less than|exceeds?|exceeding|past|sum|calculated|computed|derived|"
    r"automatically|unless|only (?:if|when|after|before)|until|whenever|each time|overdue|"
    r"expires?|expired)\b",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")


def tech_stack(spec: ProjectSpec) -> list[str]:
    """The seed's tech-stack list for a spec (the renderer's choices), e.g. fastapi, postgresql."""
    stack = ["fastapi", spec.database.value, "sqlalchemy", "alembic", "pydantic"]
    if spec.auth is AuthKind.JWT:
        stack.append("jwt")
    if spec.features.uploads:
        stack.append("file_upload")
    return stack


def user_message(
    *,
    user_prompt: str,
    domain: str,
    stack: list[str],
    constraints: list[str],
    sections: Sequence[tuple[str, str]] = (),
) -> str:
    """The seed's user template with `### Title:` sections before the output format."""
    text = USER_TEMPLATE.format(
        user_prompt=user_prompt,
        domain=domain,
        stack=", ".join(stack),
        constraints=", ".join(constraints),
    )
    head, sep, tail = text.partition("\n\n### Output Format:")
    extra = "".join(f"\n\n### {title}:\n{body}" for title, body in sections)
    return head + extra + sep + tail


def business_rules(description: str) -> list[str]:
    """Sentences of a description that read like rules beyond CRUD ("a ticket cannot be sold
    past the event's capacity", "an order total is the sum of its lines")."""
    sentences = (s.strip(" -*\t") for s in _SENTENCE.split(description))
    return [s for s in sentences if s and not s.startswith("#") and _RULE_CUES.search(s)]


def fenced(path: str, content: str, *, note: str = "") -> str:
    """A file shown to a model: its path (and a note) as a heading, its content in a fence."""
    lang = {"py": "python", "md": "markdown", "yml": "yaml", "yaml": "yaml", "toml": "toml"}
    fence = "````" if "```" in content else "```"
    heading = f"{path} ({note})" if note else path
    return f"#### {heading}\n{fence}{lang.get(path.rsplit('.', 1)[-1], '')}\n{content}\n{fence}"


def within_budget(parts: list[str], budget_tokens: int) -> list[str]:
    """The leading parts that fit `budget_tokens` (estimated at CHARS_PER_TOKEN)."""
    kept: list[str] = []
    used = 0
    for part in parts:
        cost = len(part) // CHARS_PER_TOKEN + 1
        if used + cost > budget_tokens:
            break
        kept.append(part)
        used += cost
    return kept


def generation_messages(
    spec: ProjectSpec, *, sections: Sequence[tuple[str, str]]
) -> list[ChatMessage]:
    """System prompt + the seed's user template for `spec`, with extra sections."""
    user = user_message(
        user_prompt=spec.description.strip() or f"Build the {spec.title} API.",
        domain=spec.domain,
        stack=tech_stack(spec),
        constraints=[c.value for c in spec.constraints],
        sections=sections,
    )
    return [
        ChatMessage(role="system", content=SYSTEM_PROMPT),
        ChatMessage(role="user", content=user),
    ]


def repair_message(problems: list[str]) -> ChatMessage:
    """The follow-up of the one repair round: what failed, and what to send back."""
    listed = "\n".join(f"- {p}" for p in problems)
    return ChatMessage(
        role="user",
        content=f"Your reply could not be used. These checks failed:\n{listed}\n\n"
        "Fix every problem and reply again with the complete JSON object, in the same format, "
        "and nothing else.",
    )


SCHEMA_PARSER_SYSTEM = """\
You turn a description of a backend API into codebegen's project spec.
Reply with one JSON object that matches the given JSON schema, and nothing else.
Conventions: entity names are PascalCase singular ("BlogPost"); field and relation names are
snake_case; never list id, created_at or updated_at (every entity has them); `name` is a short
kebab-case slug for the project; relations are many_to_one (the source holds the foreign key)
or many_to_many; roles need auth "jwt" and list the most privileged role first.
Only include what the description asks for."""


def schema_parser_user(
    text: str, schema: dict[str, Any], defaults: StackDefaults | None = None
) -> str:
    """The description, the repository's stack defaults (if any) and, as vLLM's docs advise,
    the schema the reply must match."""
    chosen = defaults.model_dump(mode="json", exclude_none=True) if defaults else {}
    stack = (
        "### Unless the description says otherwise, use:\n"
        + "\n".join(f"{key}: {value}" for key, value in chosen.items())
        + "\n\n"
        if chosen
        else ""
    )
    return f"### API Description:\n{text.strip()}\n\n{stack}### JSON Schema:\n" + json.dumps(
        schema, separators=(",", ":")
    )


REVIEWER_SYSTEM = """\
You review a generated FastAPI project for security problems, standards and FastAPI best
practices. Report only real problems a careful reviewer would raise, each on the exact line.
Do not repeat the findings already listed. Reply with JSON: {"findings": [{"path": ..., "line": ...,
"end_line": ..., "severity": "error" | "warning" | "info", "rule": short-kebab-id, "message": ...,
"replacement": replacement text for lines line..end_line, or null}]}; {"findings": []} when
there is nothing to add."""

DOCS_SYSTEM = """\
You write README sections for a generated FastAPI project: clear, short, accurate prose for
the people who will run and extend it. Use only commands that appear in the current README.
Reply with JSON: {"sections": {"<heading text without #>": "<markdown body>"}}; a heading that
exists replaces that section, a new heading adds one. Do not use # or ## headings in a body."""
