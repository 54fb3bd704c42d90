"""Hybrid generation: templates write the skeleton, the model writes the business rules. No I/O.

The template engine always produces a working project (CRUD, auth, config, migrations, tests).
What it cannot write are the rules people describe in their own words — "a ticket cannot be
sold past the event's capacity", "an order total is the sum of its lines". With a generator
model configured, `generate_with_model` asks it for exactly those, as services, routers, schemas
and tests inside the same architecture, and keeps them only when they pass every guard and the
sandbox validation (after at most one repair round). Otherwise the template output is kept and
the outcome says why. Which files came from where is always in `ModelOutcome.provenance`.

The model may only add files where rules belong (`CREATABLE`) and change a few existing files
(`EDITABLE`: the app's router list, and the entity services, routers and schemas it extends).
Template tests are never editable, so the template suite keeps guarding CRUD behaviour.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import Enum
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field

from pipeline.llm.client import ChatRequest, LLMClient
from pipeline.llm.config import Role
from pipeline.llm.feedback import repair_problems
from pipeline.llm.guard import FilePolicy, FilesReply, black_line_length, guard_files
from pipeline.llm.prompts import business_rules, fenced, generation_messages, within_budget
from pipeline.llm.repair import Attempt, Checked, ask_with_repair
from pipeline.llm.retrieve import Retriever, examples_section
from pipeline.llm.usage import Usage
from pipeline.naming import words
from pipeline.spec import ProjectSpec

if TYPE_CHECKING:
    from pipeline.validate import ValidationReport

CREATABLE = ("app/services/*.py", "app/routers/*.py", "app/schemas/*.py", "tests/test_*.py")
EDITABLE = ("app/main.py", "app/services/*.py", "app/routers/*.py", "app/schemas/*.py")
SKELETON_BUDGET_TOKENS = 12_000  # existing files shown to the model
EXAMPLES_BUDGET_TOKENS = 3_000  # retrieved examples shown to the model
RETRIEVED = 6  # examples asked of the retriever before the budget cuts


class Source(str, Enum):
    TEMPLATE = "template"  # written by the template engine, untouched
    MODEL = "model"  # a new file the model wrote
    MODEL_EDITED = "model-edited"  # a template file the model changed


class Status(str, Enum):
    TEMPLATE_ONLY = "template-only"  # no generator model configured
    MODEL = "model"  # the model's files were kept
    NOTHING_TO_ADD = "nothing-to-add"  # the model found nothing beyond what templates wrote
    FALLBACK = "fallback"  # the model's files failed the checks twice; templates kept


class Verdict(BaseModel):
    """What sandbox validation said of a file tree, as the repair loop needs it.

    `problems` are fed back to the model; `report` is the validator's own report, passed through
    untouched so the caller can reuse it instead of validating the same tree again.
    """

    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)

    passed: bool
    problems: list[str] = Field(default_factory=list)
    report: Any = Field(default=None, exclude=True)


Validate = Callable[[dict[str, str]], Verdict]


def verdict_of(report: ValidationReport, project_paths: Iterable[str] = ()) -> Verdict:
    """A validator report as the repair loop reads it: each failed check's name and the
    project's own file:line errors, nothing else of its output (`pipeline.llm.feedback`)."""
    return Verdict(
        passed=report.passed, problems=repair_problems(report, project_paths), report=report
    )


def sandbox_validate(files: dict[str, str]) -> Verdict:
    """The default `Validate`: the eval harness in the sandbox (`pipeline.validate`)."""
    from pipeline.validate import validate_files  # imported late: it pulls in the sandbox

    return verdict_of(validate_files(files), files)


class ModelOutcome(BaseModel):
    """The files to keep, where each came from, and what to tell people in the PR."""

    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)

    status: Status
    files: dict[str, str]
    provenance: dict[str, Source]
    notes: list[str] = Field(default_factory=list)
    attempts: list[Attempt] = Field(default_factory=list)
    usage: Usage = Field(default_factory=Usage)
    verdict: Verdict | None = None  # validation of `files`, when the loop validated them

    def paths(self, source: Source) -> list[str]:
        return sorted(p for p, s in self.provenance.items() if s is source)

    def to_markdown(self) -> str:
        """The PR section: what the model produced, what the checks said, what was kept.

        One line per problem (its first); the full validation output belongs in the check run."""
        if self.status is Status.TEMPLATE_ONLY:
            return ""
        lines = ["### Code model", ""]
        lines += [f"- {note}" for note in self.notes]
        for attempt in self.attempts:
            what = "first reply" if attempt.number == 1 else "repaired reply"
            count = f" ({len(attempt.files)} files)" if attempt.files else ""
            lines.append(f"- {what}{count}: {'kept' if attempt.accepted else 'rejected'}")
            lines += [
                f"  - {p.strip().splitlines()[0]}" for p in attempt.problems[:10] if p.strip()
            ]
        labels = {Source.MODEL: "written by the model", Source.MODEL_EDITED: "changed by the model"}
        for source, label in labels.items():
            if paths := self.paths(source):
                lines.append(f"- {label}: " + ", ".join(f"`{p}`" for p in paths))
        return "\n".join(lines)


def generate_with_model(
    spec: ProjectSpec,
    template_files: dict[str, str],
    *,
    client: LLMClient | None,
    retriever: Retriever | None = None,
    validate: Validate | None = sandbox_validate,
) -> ModelOutcome:
    """Template files plus the model's business-rule files, or the template files alone.

    With no client, or no generator role configured, this returns `template_files` unchanged:
    exactly the template engine's behaviour. `validate` runs on the merged tree (by default the
    sandbox); with `validate=None` only the static guards run, and the outcome says so. `ModelUnavailable` (a
    `UserError`) propagates when a configured endpoint is down.
    """
    provenance = {path: Source.TEMPLATE for path in template_files}
    if client is None or not client.active(Role.GENERATOR):
        return ModelOutcome(
            status=Status.TEMPLATE_ONLY, files=dict(template_files), provenance=provenance
        )

    client.ensure_reachable(Role.GENERATOR)  # before the prompt's retrieval, which takes time
    policy = FilePolicy(existing=frozenset(template_files), creatable=CREATABLE, editable=EDITABLE)
    line_length = black_line_length(template_files)
    verdicts: list[Verdict] = []

    def check(text: str) -> dict[str, str]:
        files = guard_files(text, policy, line_length=line_length)
        changed = {p: c for p, c in files.items() if template_files.get(p) != c}
        if changed and validate is not None:
            verdict = validate({**template_files, **changed})
            if not verdict.passed:
                raise Checked(verdict.problems or ["validation failed"], files=sorted(changed))
            verdicts.append(verdict)
        return changed

    request = ChatRequest(
        role=Role.GENERATOR,
        messages=generation_messages(spec, sections=_sections(spec, template_files, retriever)),
        schema_name="files",
        json_schema=FilesReply.model_json_schema(),
    )
    result = ask_with_repair(client, request, check)
    outcome = ModelOutcome(
        status=Status.FALLBACK,
        files=dict(template_files),
        provenance=provenance,
        attempts=result.attempts,
        usage=result.usage,
    )
    if result.value is None:
        outcome.notes.append(
            "The code model's files failed the checks twice; this project is the template "
            "engine's output, without the custom rules."
        )
        return outcome
    changed = result.value
    if not changed:
        outcome.status = Status.NOTHING_TO_ADD
        outcome.notes.append(
            "The code model found nothing to add beyond the template engine's files."
        )
        return outcome
    outcome.status = Status.MODEL
    outcome.files.update(changed)
    for path in changed:
        outcome.provenance[path] = Source.MODEL_EDITED if path in template_files else Source.MODEL
    outcome.attempts[-1].files = sorted(changed)
    if validate is None:
        outcome.notes.append(
            "The code model's files passed the guards (paths, black, compile); they were not "
            "validated in the sandbox here."
        )
    else:
        outcome.verdict = verdicts[-1]
        outcome.notes.append(
            "The code model's files passed validation together with the templates'."
        )
    return outcome


def _sections(
    spec: ProjectSpec, template_files: dict[str, str], retriever: Retriever | None
) -> list[tuple[str, str]]:
    rules = business_rules(spec.description)
    sections = [("Existing Project", _skeleton(spec, template_files, rules))]
    if retriever is not None:
        query = "\n".join(rules) or spec.description
        hits = retriever.search(query, k=RETRIEVED)
        if hits:
            sections.append(
                ("Reference Examples", examples_section(hits, budget_tokens=EXAMPLES_BUDGET_TOKENS))
            )
    listed = "\n".join(f"- {r}" for r in rules) or "- (none stated explicitly; look for any)"
    sections.append(
        (
            "Task",
            "The template engine already wrote the project above: CRUD for every entity, "
            "validation, auth and tests. Implement only what it cannot: the business rules "
            f"and custom endpoints of the API description. Rules found in it:\n{listed}\n\n"
            "Put each rule in the service layer, expose custom endpoints in routers, and add "
            "pytest tests for every rule. New files may go in: "
            + ", ".join(CREATABLE)
            + ". Existing files you may change (send them complete): "
            + ", ".join(EDITABLE)
            + ". Do not add packages. Return only the files you add or change; "
            'return {"files": {}} when there is nothing to add.',
        )
    )
    return sections


def _skeleton(spec: ProjectSpec, files: dict[str, str], rules: list[str]) -> str:
    """Every path, then the files the model most needs (main.py, the entities the rules name)."""
    mentioned = set(words(" ".join(rules)))
    entities = [
        e for e in spec.entities if {e.snake, e.plural} & mentioned or e.name.lower() in mentioned
    ]
    stems = [e.snake for e in entities or spec.entities] + [
        e.plural for e in entities or spec.entities
    ]
    shown = ["app/main.py"] + sorted(
        p
        for p in files
        if p.startswith("app/")
        and p.endswith(".py")
        and any(p.rsplit("/", 1)[-1] == f"{s}.py" for s in stems)
    )
    parts = [fenced(p, files[p]) for p in shown if p in files]
    listing = "\n".join(f"- {p}" for p in sorted(files))
    kept = within_budget(parts, SKELETON_BUDGET_TOKENS - len(listing) // 4)
    return f"Files:\n{listing}\n\n" + "\n\n".join(kept)
