"""Markdown the jobs post: the progress comment, the PR body, the check run summary. No I/O.

Everything codebegen writes on GitHub carries a hidden HTML marker (`<!-- codebegen:... -->`) so a
re-run finds its own comment, PR or review instead of posting a second one. The progress comment's
marker also records its state, which decides whether editing the issue re-runs the generation.
"""

from __future__ import annotations

import re
from collections.abc import Sized
from dataclasses import dataclass
from enum import Enum

from pipeline.contract.selftest import SELFTEST_PATH
from pipeline.parse.account import SentenceAccount
from pipeline.spec import Field, FieldType, ProjectSpec, RelationKind
from pipeline.trace import TraceRow
from pipeline.validate import ValidationReport
from worker.sentences import not_built_list, questions_block, sentence_table, trace_table


class State(str, Enum):
    STARTED = "started"
    SPEC_ERROR = "spec_error"  # the spec was not understood: editing the issue re-runs
    GENERATING = "generating"
    FAILED = "failed"  # an unexpected error after retries: editing the issue re-runs
    QUESTIONS = "questions"  # the parser would be guessing: an edit, an answer or `go` re-runs
    DONE = "done"


RERUN_STATES = {State.SPEC_ERROR, State.FAILED, State.QUESTIONS}

_MARKER = re.compile(r"<!-- codebegen:([a-z-]+) ([^>]*?)\s*-->")


def marker(kind: str, **attrs: object) -> str:
    return f"<!-- codebegen:{kind} {' '.join(f'{k}={v}' for k, v in attrs.items())} -->"


def _markers(body: str, kind: str) -> list[dict[str, str]]:
    return [
        dict(a.split("=", 1) for a in m.group(2).split() if "=" in a)
        for m in _MARKER.finditer(body or "")
        if m.group(1) == kind
    ]


def read_marker(body: str, kind: str) -> dict[str, str] | None:
    """The attributes of the first `kind` marker in `body`, or None when it has none."""
    found = _markers(body, kind)
    return found[0] if found else None


def has_marker(body: str, kind: str, **attrs: object) -> bool:
    """True when `body` carries a `kind` marker with (at least) these attribute values."""
    return any(all(m.get(k) == str(v) for k, v in attrs.items()) for m in _markers(body, kind))


# --- the progress comment ----------------------------------------------------------------


class Step(str, Enum):
    PENDING = "pending"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


STEPS = ("Spec understood", "Project generated", "Validated", "Pull request opened")


@dataclass(frozen=True)
class Progress:
    issue_number: int
    state: State
    steps: tuple[Step, ...]  # one per STEPS
    notes: tuple[str, ...] = ("", "", "", "")
    spec: ProjectSpec | None = None
    error: str = ""  # what went wrong, for the person (no traceback)
    hint: str = ""  # how to fix it
    sentences: tuple[SentenceAccount, ...] = ()  # what each sentence became
    questions: tuple[str, ...] = ()  # asked instead of building on a guess (state QUESTIONS)


def _step_line(label: str, step: Step, note: str) -> str:
    box = "x" if step is Step.DONE else " "
    suffix = {Step.RUNNING: " ⏳", Step.FAILED: " ❌"}.get(step, "")
    return f"- [{box}] {label}{suffix}" + (f" — {note}" if note else "")


def progress_comment(p: Progress) -> str:
    title = {
        State.SPEC_ERROR: "### codebegen could not understand this spec",
        State.FAILED: "### codebegen ran into a problem",
        State.DONE: "### codebegen opened a pull request for this issue",
        State.QUESTIONS: "### codebegen has questions before it builds anything",
    }.get(p.state, "### codebegen is on it 👀")
    lines = [marker("progress", issue=p.issue_number, state=p.state.value), title, ""]
    if p.state is State.QUESTIONS and p.spec is not None:
        lines += [questions_block(list(p.questions), p.spec), ""]
    lines += [_step_line(*t) for t in zip(STEPS, p.steps, p.notes, strict=True)]
    if p.error:
        lines += ["", f"**What went wrong:** {p.error}"]
    if p.hint:
        lines += ["", f"**How to fix it:** {p.hint}"]
    if p.state in RERUN_STATES and p.state is not State.QUESTIONS:
        lines += ["", "Edit this issue and codebegen will try again."]
    if p.sentences:
        lines += ["", "<details><summary>What each sentence became</summary>", ""]
        lines += [sentence_table(list(p.sentences)), "", "</details>"]
    if p.spec is not None:
        lines += ["", "<details open><summary>The schema codebegen understood</summary>", ""]
        lines += [schema_table(p.spec), "", er_diagram(p.spec), "", "</details>"]
    return "\n".join(lines) + "\n"


def denied_reply(
    issue_number: int, login: str, *, on_pull: bool = False, least: str = "write"
) -> str:
    if on_pull:
        return (
            f"{marker('denied', issue=issue_number)}\n"
            f"Thanks, @{login}! codebegen only takes `/codebegen` commands on a pull request from "
            f"people with {least} access to this repository, so it won't act on this comment. A "
            "maintainer can post the command instead."
        )
    return (
        f"{marker('denied', issue=issue_number)}\n"
        f"Thanks for the idea, @{login}! codebegen only builds projects when someone with {least} "
        "access to this repository asks for it, so it won't act on this issue. A maintainer can "
        "add the `codebegen` label to start it."
    )


# --- the schema -----------------------------------------------------------------------------


def count(items: Sized, one: str, many: str = "") -> str:
    """count([1, 2], "entity", "entities") -> "2 entities"."""
    n = len(items)
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _constraints(f: Field) -> str:
    parts = ["required" if f.required else "optional"]
    if f.unique:
        parts.append("unique")
    if f.choices:
        parts.append("one of " + ", ".join(f"`{c}`" for c in f.choices))
    if f.max_length:
        parts.append(f"max {f.max_length}")
    if f.default is not None:
        parts.append(f"default `{f.default}`")
    return ", ".join(parts)


def schema_table(spec: ProjectSpec) -> str:
    """Entities and fields as a markdown table, then relations, auth and features in a list."""
    rows = ["| Entity | Field | Type | Constraints |", "|---|---|---|---|"]
    for entity in spec.entities:
        first = f"**{entity.name}** (`{entity.path}`)"
        if not entity.fields:
            rows.append(f"| {first} | — | — | — |")
        for i, f in enumerate(entity.fields):
            rows.append(
                f"| {first if i == 0 else ''} | `{f.name}` | {f.type.value} | "
                f"{_cell(_constraints(f))} |"
            )
    facts = [f"- **Database:** {spec.database.value}", f"- **Auth:** {spec.auth.value}"]
    for r in spec.relations:
        verb = "belongs to" if r.kind is RelationKind.MANY_TO_ONE else "has many"
        facts.append(f"- **{r.source}** {verb} **{r.target}** (`{r.name}`)")
    if spec.roles:
        facts.append("- **Roles:** " + ", ".join(f"`{r}`" for r in spec.roles))
    features = [
        n
        for n, on in (
            ("pagination", spec.features.pagination),
            ("filtering", spec.features.filtering),
        )
        if on
    ]
    features += [f"upload to {u.entity}.{u.field}" for u in spec.features.uploads]
    if features:
        facts.append("- **Features:** " + ", ".join(features))
    return "\n".join(rows + [""] + facts)


_MERMAID_TYPES = {
    FieldType.STRING: "string",
    FieldType.TEXT: "text",
    FieldType.INTEGER: "int",
    FieldType.FLOAT: "float",
    FieldType.DECIMAL: "decimal",
    FieldType.BOOLEAN: "bool",
    FieldType.DATE: "date",
    FieldType.DATETIME: "datetime",
    FieldType.EMAIL: "string",
    FieldType.PHONE: "string",
    FieldType.URL: "string",
    FieldType.UUID: "uuid",
    FieldType.ENUM: "enum",
    FieldType.FILE: "file",
}


def er_diagram(spec: ProjectSpec) -> str:
    """A mermaid erDiagram (GitHub renders ```mermaid blocks) of entities and relations."""
    lines = ["```mermaid", "erDiagram"]
    for r in spec.relations:
        if r.kind is RelationKind.MANY_TO_ONE:
            target_end = "||" if r.required else "o|"
            lines.append(f'    {r.source} }}o--{target_end} {r.target} : "{r.name}"')
        else:
            lines.append(f'    {r.source} }}o--o{{ {r.target} : "{r.name}"')
    for entity in spec.entities:
        lines.append(f"    {entity.name} {{")
        lines.append("        int id PK")
        for f in entity.fields:
            key = " UK" if f.unique else ""
            lines.append(f"        {_MERMAID_TYPES[f.type]} {f.name}{key}")
        for r in spec.relations_from(entity.name):
            if r.kind is RelationKind.MANY_TO_ONE:
                lines.append(f"        int {r.fk_column} FK")
        lines.append("    }")
    lines.append("```")
    return "\n".join(lines)


# --- the pull request -------------------------------------------------------------------------


def file_tree(paths: list[str], *, root: str = ".") -> str:
    """Paths as a `tree`-style listing (folders first, then files, each sorted)."""
    tree: dict[str, dict] = {}  # type: ignore[type-arg]
    for path in paths:
        node = tree
        for part in path.split("/"):
            node = node.setdefault(part, {})

    def walk(node: dict, prefix: str) -> list[str]:  # type: ignore[type-arg]
        names = sorted(node, key=lambda n: (not node[n], n))
        out = []
        for i, name in enumerate(names):
            last = i == len(names) - 1
            out.append(f"{prefix}{'└── ' if last else '├── '}{name}{'/' if node[name] else ''}")
            out += walk(node[name], prefix + ("    " if last else "│   "))
        return out

    return "\n".join([f"{root}/", *walk(tree, "")])


def pull_title(spec: ProjectSpec, issue_number: int) -> str:
    return f"codebegen: {spec.title} (#{issue_number})"


# Above the list of an OpenAPI document's operations that are served as 501 stubs.
NOT_IMPLEMENTED = (
    "These operations of your OpenAPI document are served at their path and method, but answer "
    "501 (Not Implemented): codebegen could not build them."
)


def pull_body(
    *,
    spec: ProjectSpec,
    issue_number: int,
    files: list[str],
    report: ValidationReport,
    branch: str,
    notes: list[str],
    models: str = "",
    trace: list[TraceRow] | None = None,
    not_built: list[str] | None = None,
    not_implemented: list[str] | None = None,
) -> str:
    warning = (
        []
        if report.passed
        else [
            "> [!WARNING]",
            "> This project **did not pass validation**. It is opened as a draft so you can see",
            "> what went wrong: see the failing checks below and the `codebegen / validation` check.",
            "",
        ]
    )
    summary = (
        f"A FastAPI project for **{spec.title}**: {count(spec.entities, 'entity', 'entities')}, "
        f"{count(spec.relations, 'relation')}, auth `{spec.auth.value}`, "
        f"database `{spec.database.value}`. Generated by codebegen from #{issue_number}."
    )
    return (
        "\n".join(
            [
                marker("pr", issue=issue_number),
                *warning,
                f"Closes #{issue_number}",
                "",
                "## Summary",
                summary,
                *(["", *(f"- {note}" for note in notes)] if notes else []),
                *(["", "## Model roles", models] if models else []),
                *(
                    ["", "## What you asked for, and what proves it", trace_table(trace)]
                    if trace
                    else []
                ),
                *(["", "## Not built", not_built_list(not_built)] if not_built else []),
                *(
                    ["", "## Not implemented", NOT_IMPLEMENTED, not_built_list(not_implemented)]
                    if not_implemented
                    else []
                ),
                "",
                "## Schema",
                schema_table(spec),
                "",
                er_diagram(spec),
                "",
                "## Validation",
                report.to_markdown(),
                "## How to run",
                "```sh",
                f"git fetch origin {branch} && git switch {branch}",
                'python -m venv .venv && . .venv/bin/activate && pip install -e ".[dev]"',
                "pytest                        # the project's own tests (SQLite)",
                *(
                    ["pytest contract               # the app against its input OpenAPI document"]
                    if SELFTEST_PATH in files
                    else []
                ),
                "uvicorn app.main:app --reload  # then open http://127.0.0.1:8000/docs",
                "docker compose up --build     # the API with PostgreSQL",
                "```",
                "",
                "## Files",
                f"<details><summary>{len(files)} files</summary>",
                "",
                "```text",
                file_tree(files),
                "```",
                "</details>",
                "",
                "Ask for changes with `/codebegen refine <what to change>` in a comment on this PR.",
            ]
        )
        + "\n"
    )


def check_summary(
    report: ValidationReport, *, models: str = "", not_implemented: list[str] | None = None
) -> str:
    """The check run's summary (GitHub caps it at 65535 characters)."""
    text = report.to_markdown() + (f"\n\n## Model roles\n\n{models}" if models else "")
    if not_implemented:
        listed = not_built_list(not_implemented)
        text += f"\n\n## Not implemented\n\n{NOT_IMPLEMENTED}\n{listed}"
    return text if len(text) <= 65000 else text[:65000] + "\n\n… (cut)\n"
