"""The docs role: a model writes README sections; every command in them must be one we run.

The template README is correct by construction: its commands are the ones the validator runs
(install, test, serve). A model may write better prose, but a README that tells people to run a
command nobody has tried is worse than a plain one. So each section the model writes is checked:
every line of its fenced shell blocks must be a command the template README already has, and the
section may not open `#`/`##` headings of its own. A section that fails keeps the template's
text; a reply that is not the expected JSON gets one repair round, then the template README is
kept whole. No I/O.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field

from pipeline.llm.client import ChatRequest, LLMClient
from pipeline.llm.config import Role
from pipeline.llm.guard import parse_reply
from pipeline.llm.prompts import DOCS_SYSTEM, fenced, within_budget
from pipeline.llm.repair import Attempt, ask_with_repair
from pipeline.llm.usage import Usage
from pipeline.spec import ProjectSpec

MAX_SECTIONS = 8  # sections one reply may write
MAX_SECTION_CHARS = 6000  # one section's body
CODE_BUDGET_TOKENS = 6000  # app code shown to the docs model
_SHELL_LANGS = {"", "bash", "sh", "shell", "console", "zsh"}
_FENCE = re.compile(r"^(`{3,}|~{3,})\s*([\w+-]*)[^\n]*\n(.*?)^\1\s*$", re.DOTALL | re.MULTILINE)
_H12 = re.compile(r"^#{1,2}\s", re.MULTILINE)


class SectionsReply(BaseModel):
    model_config = ConfigDict(extra="forbid")

    sections: dict[str, str]


class DocsOutcome(BaseModel):
    model_config = ConfigDict(extra="forbid")

    readme: str
    model_sections: list[str] = Field(default_factory=list)  # headings the model's text filled
    notes: list[str] = Field(default_factory=list)
    attempts: list[Attempt] = Field(default_factory=list)
    usage: Usage = Field(default_factory=Usage)


def shell_commands(markdown: str) -> list[str]:
    """Every command line of the fenced shell blocks (`$ ` prompts, comments and blanks dropped)."""
    commands = []
    for match in _FENCE.finditer(markdown):
        if match.group(2).lower() not in _SHELL_LANGS:
            continue
        for line in match.group(3).splitlines():
            line = line.strip().removeprefix("$ ").strip()
            if line and not line.startswith("#"):
                commands.append(" ".join(line.split()))
    return commands


def split_sections(readme: str) -> tuple[str, list[tuple[str, str]]]:
    """(text before the first `## `, [(heading, body), ...])."""
    parts = re.split(r"^## +(.+?)\s*$", readme, flags=re.MULTILINE)
    head, rest = parts[0], parts[1:]
    return head, [(rest[i].strip(), rest[i + 1].strip("\n")) for i in range(0, len(rest), 2)]


def join_sections(head: str, sections: list[tuple[str, str]]) -> str:
    body = "\n".join(f"## {h}\n\n{b.strip()}\n" for h, b in sections)
    return head.rstrip("\n") + "\n\n" + body if head.strip() else body


def section_problem(body: str, known_commands: set[str]) -> str | None:
    """Why a model-written section may not replace the template's, or None."""
    if len(body) > MAX_SECTION_CHARS:
        return f"it is {len(body)} characters long (at most {MAX_SECTION_CHARS})"
    outside = _FENCE.sub("", body)
    if _H12.search(outside):
        return "it opens a # or ## heading of its own"
    unknown = [c for c in shell_commands(body) if c not in known_commands]
    if unknown:
        return "it has commands the project's README does not: " + "; ".join(unknown[:3])
    return None


def write_docs_with_model(
    spec: ProjectSpec, files: dict[str, str], *, client: LLMClient | None
) -> DocsOutcome:
    """The README with the sections the docs model wrote well; the template README otherwise."""
    readme = files.get("README.md", "")
    if client is None or not client.active(Role.DOCS) or not readme:
        return DocsOutcome(readme=readme)
    code = within_budget(
        [fenced(p, c) for p, c in sorted(files.items()) if p.startswith("app/routers/")],
        CODE_BUDGET_TOKENS,
    )
    user = (
        f"### API Description:\n{spec.description.strip() or spec.title}\n\n"
        f"### Current README.md:\n{readme}\n\n### Routers:\n" + "\n\n".join(code)
    )
    request = ChatRequest.of(
        Role.DOCS,
        system=DOCS_SYSTEM,
        user=user,
        schema=SectionsReply,
        schema_name="readme_sections",
    )
    result = ask_with_repair(client, request, lambda text: parse_reply(text, SectionsReply))
    outcome = DocsOutcome(readme=readme, attempts=result.attempts, usage=result.usage)
    if result.value is None:
        outcome.notes.append(
            "The docs model's reply was not usable twice; the README is the template's."
        )
        return outcome
    known = set(shell_commands(readme))
    head, sections = split_sections(readme)
    index = {h.lower(): i for i, (h, _) in enumerate(sections)}
    for heading, body in list(result.value.sections.items())[:MAX_SECTIONS]:
        heading = " ".join(heading.strip().lstrip("#").split())
        problem = section_problem(body, known) if heading else "it has no heading"
        if problem:
            outcome.notes.append(
                f"README section {heading!r}: the docs model's text was not used because {problem}."
            )
            continue
        if heading.lower() in index:
            sections[index[heading.lower()]] = (sections[index[heading.lower()]][0], body)
        else:
            index[heading.lower()] = len(sections)
            sections.append((heading, body))
        outcome.model_sections.append(heading)
    if outcome.model_sections:
        outcome.readme = join_sections(head, sections)
        outcome.notes.append(
            "README sections written by the docs model: " + ", ".join(outcome.model_sections)
        )
    return outcome
