"""The whole generation: API description in, validated and documented project files out.

    parse -> render -> code model -> validate (sandbox) -> docs -> review

`generate_project` returns a `GenerationResult` (spec, files, report, findings, notes, timings,
and what each model role did and cost) and writes nothing; its I/O is the validator's sandbox and
the model client it is handed (`pipeline.llm`, built by the CLI or the worker). With no client,
or one with no role configured, every stage is the rules' and the template engine's, exactly.
`write_project` is the thin step that puts the files on disk, all at once or not at all.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field

from pipeline.docs import add_docs
from pipeline.errors import CodebegenError, UserError
from pipeline.llm import (
    LLMClient,
    ModelOutcome,
    ModelUnavailable,
    Role,
    Source,
    Status,
    Usage,
    generate_with_model,
    parse_with_model,
    review_with_model,
    verdict_of,
    write_docs_with_model,
)
from pipeline.llm.repair import Attempt
from pipeline.parse.account import SentenceAccount, Understanding
from pipeline.review.finding import Finding
from pipeline.spec import ProjectSpec, StackDefaults
from pipeline.trace import TraceRow, not_built, trace
from pipeline.validate import AUTO, ValidationReport

if TYPE_CHECKING:
    from pipeline.llm.retrieve import Retriever

NOT_BUILT = "Not built: "  # the note prefix of a rule the renderer does not build
STAGES = ("parse", "render", "model", "validate", "docs", "review")  # "model": code model only


class RoleStatus(str, Enum):
    MODEL = "model"  # the model's output was kept
    FALLBACK = "fallback"  # the model was asked; the rules'/templates' output was kept instead
    NOTHING_TO_ADD = "nothing-to-add"  # the code model found nothing beyond the templates
    SKIPPED = "skipped"  # configured but not asked (the rules read a spec document exactly)
    UNREACHABLE = "unreachable"  # the endpoint could not be reached: nothing of it was used


class RoleRun(BaseModel):
    """What one configured model role did in one generation, in words people read."""

    model_config = ConfigDict(extra="forbid")

    status: RoleStatus
    notes: list[str] = Field(default_factory=list)  # also in GenerationResult.notes
    rejected: list[str] = Field(default_factory=list)  # each rejected reply: its first problem


@dataclass
class GenerationResult:
    spec: ProjectSpec
    files: dict[str, str]
    report: ValidationReport | None = None  # None when validation was not asked for
    findings: list[Finding] = field(default_factory=list)  # the reviewer's, for the PR review
    notes: list[str] = field(default_factory=list)  # what a person should know, in words
    # Seconds per stage; review overlaps validate, so "total" (wall time) is less than the sum.
    timings: dict[str, float] = field(default_factory=dict)
    usage: Usage = field(default_factory=Usage)  # tokens in/out and seconds per model role
    model_roles: dict[Role, RoleRun] = field(default_factory=dict)  # configured roles only
    # The code model's outcome (its attempts, which files it wrote, `to_markdown()` for the PR);
    # None when no generator model is configured.
    model_outcome: ModelOutcome | None = None
    sentences: list[SentenceAccount] = field(default_factory=list)  # see ParsedDescription
    questions: list[str] = field(default_factory=list)
    # Operations of the input OpenAPI document served as 501 stubs ("GET /notes/search").
    not_implemented: list[str] = field(default_factory=list)

    def trace(self) -> list[TraceRow]:
        """Each sentence -> what the spec holds -> the generated tests that check it."""
        return trace(self.sentences, self.files)

    def not_built(self) -> list[str]:
        """What the request asked for that this project does not do, in words: sentences not
        supported or not understood, and rules the renderer does not build."""
        rules = [n.removeprefix(NOT_BUILT) for n in self.notes if n.startswith(NOT_BUILT)]
        return not_built(self.sentences, rules)

    @property
    def passed(self) -> bool:
        """True when validation passed (or was not run)."""
        return self.report is None or self.report.passed

    def models_markdown(self) -> str:
        """What each configured model role did, what validation made of the code model's files
        and what was kept, and the tokens spent: the PR's and the check run's "Model roles"
        section. Empty when no model is configured."""
        if not self.model_roles:
            return ""
        rows = ["| role | outcome | notes |", "|---|---|---|"]
        for role, run in self.model_roles.items():
            said = [*run.notes, *(f"rejected: {reason}" for reason in run.rejected)]
            text = "; ".join(said).replace("|", "\\|").replace("\n", " ") or "—"
            rows.append(f"| {role.value} | {run.status.value} | {text} |")
        parts = ["\n".join(rows)]
        if self.model_outcome is not None:
            parts.append(self.model_outcome.to_markdown())
        parts.append(self.usage.to_markdown())
        return "\n\n".join(part for part in parts if part)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready summary (file names, not contents)."""
        outcome = self.model_outcome
        return {
            "spec": self.spec.model_dump(mode="json"),
            "files": sorted(self.files),
            "report": self.report.to_dict() if self.report else None,
            "findings": [f.model_dump(mode="json") for f in self.findings],
            "notes": list(self.notes),
            "timings": dict(self.timings),
            "passed": self.passed,
            "usage": self.usage.model_dump(mode="json"),
            "model_roles": {
                r.value: run.model_dump(mode="json") for r, run in self.model_roles.items()
            },
            "sentences": [
                {
                    "text": row.sentence,
                    "status": row.status.value,
                    "became": row.holds,
                    "reason": row.reason,
                    "tests": row.tests,
                }
                for row in self.trace()
            ],
            "questions": list(self.questions),
            "not_built": self.not_built(),
            "not_implemented": list(self.not_implemented),
            "model_outcome": (
                {
                    **outcome.model_dump(mode="json", exclude={"files", "provenance"}),
                    "written": outcome.paths(Source.MODEL),
                    "changed": outcome.paths(Source.MODEL_EDITED),
                }
                if outcome
                else None
            ),
        }


@dataclass
class ParsedDescription:
    """A description read into a spec: by the schema-parser model, or by the rules."""

    spec: ProjectSpec
    notes: list[str] = field(default_factory=list)  # the parser model's, then the rules' guesses
    usage: Usage = field(default_factory=Usage)
    parser: RoleRun | None = None  # None when no schema-parser model is configured
    # What each sentence of the description became (the rules' reading; empty for documents),
    # and the questions to ask before building on a guess.
    sentences: list[SentenceAccount] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    document: dict[str, Any] | None = None  # the OpenAPI document the description holds


@contextlib.contextmanager
def _stage(timings: dict[str, float], name: str) -> Iterator[None]:
    start = time.perf_counter()
    try:
        yield
    finally:
        timings[name] = round(time.perf_counter() - start, 4)


def _active(llm: LLMClient | None, role: Role) -> bool:
    return llm is not None and llm.active(role)


def _rejected(attempts: list[Attempt]) -> list[str]:
    return [
        f"{'first' if a.number == 1 else 'repaired'} reply: {a.problems[0].strip().splitlines()[0]}"
        for a in attempts
        if not a.accepted and a.problems and a.problems[0].strip()
    ]


def _holds_document(text: str) -> bool:
    """True for a fenced codebegen yaml or an OpenAPI document, which the rules read exactly."""
    from pipeline.parse import embedded_document  # the parser's own test (pipeline.parse owns it)

    return embedded_document(text) is not None


def parse_description(
    text: str,
    *,
    llm: LLMClient | None = None,
    defaults: StackDefaults | None = None,
    require_model: bool = False,
) -> ParsedDescription:
    """`_parse_description`; when the model endpoint is unreachable, the rules' reading with a
    note saying so (or `ModelUnavailable` with `require_model`)."""
    from pipeline.contract import openapi_document

    try:
        parsed = _parse_description(text, llm=llm, defaults=defaults)
    except ModelUnavailable as exc:
        if require_model or llm is None:
            raise
        parsed = _parse_description(text, llm=None, defaults=defaults)
        note = unreachable_note(exc)
        parsed.notes.insert(0, note)
        parsed.parser = RoleRun(status=RoleStatus.UNREACHABLE, notes=[note])
    parsed.document = openapi_document(text)
    return parsed


def unreachable_note(exc: ModelUnavailable) -> str:
    return (
        f"The model was unreachable, so nothing of it was used: {exc.message} The template "
        "engine's output is delivered instead (--require-model, or `require_model: true` in "
        ".github/codebegen.yml, fails instead)."
    )


def _parse_description(
    text: str, *, llm: LLMClient | None = None, defaults: StackDefaults | None = None
) -> ParsedDescription:
    """The spec a description asks for; `SpecError` (a UserError) when it asks for nothing.

    The schema-parser model reads prose when one is configured; a spec document (a fenced
    codebegen yaml, an OpenAPI document) is always read by the rules, which read it exactly.
    The rules are the fallback when the model's spec is not valid after one repair round.
    `defaults` (a repository's stack) apply where prose is silent, never to a document."""
    from pipeline.parse import understand

    rule_notes: list[str] = []
    readings: list[Understanding] = []

    def rules(source: str) -> ProjectSpec:
        reading = understand(source, defaults)
        rule_notes.extend(reading.notes)
        readings.append(reading)
        return reading.spec

    if not _active(llm, Role.SCHEMA_PARSER):
        spec = rules(text)
        return ParsedDescription(
            spec, rule_notes, sentences=readings[0].sentences, questions=readings[0].questions
        )
    if _holds_document(text):
        note = "The description holds a spec document; the rules read it as written."
        spec = rules(text)
        return ParsedDescription(
            spec, [note, *rule_notes], parser=RoleRun(status=RoleStatus.SKIPPED, notes=[note])
        )
    outcome = parse_with_model(text, client=llm, rules=rules, defaults=defaults)
    status = RoleStatus.MODEL if outcome.source == "model" else RoleStatus.FALLBACK
    run = RoleRun(status=status, notes=outcome.notes, rejected=_rejected(outcome.attempts))
    parsed = ParsedDescription(outcome.spec, [*outcome.notes, *rule_notes], outcome.usage, run)
    if status is RoleStatus.FALLBACK and readings:  # the rules' spec: their account holds
        parsed.sentences, parsed.questions = readings[-1].sentences, readings[-1].questions
    return parsed


def parse_source(
    source: str | ProjectSpec, *, llm: LLMClient | None = None, notes: list[str] | None = None
) -> ProjectSpec:
    """A ProjectSpec from issue text (or the spec itself); SpecError when not understood.

    What the parser guessed or left out is appended to `notes`. `parse_description` also says
    what the parser model did and cost; hand its result to `generate_project` to keep that."""
    if isinstance(source, ProjectSpec):
        return source
    parsed = parse_description(source, llm=llm)
    if notes is not None:
        notes.extend(parsed.notes)
    return parsed.spec


def generate_project(
    source: str | ProjectSpec | ParsedDescription,
    *,
    validate: bool = True,
    llm: LLMClient | None = None,
    retriever: Retriever | None = None,
    postgres_url: str | None = AUTO,
    timeout_s: float = 120.0,
    require_model: bool = False,
) -> GenerationResult:
    """`_generate_project`; when a model endpoint is unreachable, the template engine's project
    with a note saying that nothing of the model was used (the seed's promise: a working project
    every time), or `ModelUnavailable` with `require_model`."""
    build = functools.partial(
        _generate_project,
        source,
        require_model=require_model,
        validate=validate,
        retriever=retriever,
        postgres_url=postgres_url,
        timeout_s=timeout_s,
    )
    try:
        return build(llm=llm)
    except ModelUnavailable as exc:
        if require_model or llm is None:
            raise
        result = build(llm=None)
        note = unreachable_note(exc)
        result.notes.insert(0, note)
        configured = [r for r in Role if llm.active(r)]
        result.model_roles = {
            r: RoleRun(status=RoleStatus.UNREACHABLE, notes=[note]) for r in configured
        }
        return result


def _generate_project(
    source: str | ProjectSpec | ParsedDescription,
    *,
    require_model: bool,
    validate: bool,
    llm: LLMClient | None,
    retriever: Retriever | None,
    postgres_url: str | None,
    timeout_s: float,
) -> GenerationResult:
    """Parse, render, extend with the code model, validate, document and review. Writes nothing.

    `llm` serves whichever model roles are configured; each falls back to the rules/templates
    and says so. Raises SpecError (a UserError) for a description it cannot understand, and
    ModelUnavailable (a UserError) when a configured endpoint is down. A project that fails
    validation is still returned, with the failing report; with a code model, the report is the
    one of the files kept (the model's files are validated with the templates' before being kept).
    """
    from pipeline.contract import render_contract_project, reword_left_out
    from pipeline.contract.handlers import implement_stubs
    from pipeline.normalize import normalize
    from pipeline.plan.rules import unbuilt_rules
    from pipeline.render import render_project
    from pipeline.validate import validate_files

    timings: dict[str, float] = {}
    started = time.perf_counter()
    with _stage(timings, "parse"):
        if isinstance(source, str):
            source = parse_description(source, llm=llm, require_model=require_model)
        parsed = source if isinstance(source, ParsedDescription) else ParsedDescription(source)
    spec, notes, usage = parsed.spec, list(parsed.notes), Usage()
    spec, safer = normalize(spec)  # owners and roles without escalation, whatever the input path
    notes += safer if parsed.document is None else []  # a document's API keeps its own rules
    notes += [f"{NOT_BUILT}{rule}" for rule in unbuilt_rules(spec)]
    usage.merge(parsed.usage)
    roles = {Role.SCHEMA_PARSER: parsed.parser} if parsed.parser else {}
    not_implemented: list[str] = []
    with _stage(timings, "render"):
        if parsed.document is None:
            files = render_project(spec)
        else:  # the document's API replaces the template's: implemented, or 501 stubs
            contract = render_contract_project(spec, parsed.document)
            files, not_implemented = contract.files, contract.not_implemented
            implemented = [op.key for op in contract.operations if op.key not in not_implemented]
            notes = reword_left_out(notes, not_implemented, implemented) + contract.notes

    def sandbox(tree: dict[str, str]) -> ValidationReport:
        return validate_files(tree, postgres_url=postgres_url, timeout_s=timeout_s)

    outcome = None
    document = parsed.document
    if _active(llm, Role.GENERATOR) and document is not None and not_implemented:
        with _stage(timings, "model"):  # the model writes what the patterns left as 501
            outcome, by_model = implement_stubs(
                document,
                not_implemented,
                files,
                lambda handlers: render_contract_project(spec, document, handlers).files,
                client=llm,
                validate=(lambda tree: verdict_of(sandbox(tree), tree)) if validate else None,
            )
        files = outcome.files
        not_implemented = [key for key in not_implemented if key not in by_model]
        notes += outcome.notes
        usage.merge(outcome.usage)
        roles[Role.GENERATOR] = _generator_run(outcome)
    elif _active(llm, Role.GENERATOR) and document is None:
        with _stage(timings, "model"):
            outcome = generate_with_model(
                spec,
                files,
                client=llm,
                retriever=retriever,
                validate=(lambda tree: verdict_of(sandbox(tree), tree)) if validate else None,
            )
        files = outcome.files
        notes += outcome.notes
        usage.merge(outcome.usage)
        roles[Role.GENERATOR] = _generator_run(outcome)
    # The review reads only the files kept, so it runs while the sandbox validates them.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="review") as pool:
        reviewing = pool.submit(_review, files, spec, llm=llm, timings=timings)
        report = None
        if validate:
            with _stage(timings, "validate"):
                validated = outcome.verdict.report if outcome and outcome.verdict else None
                report = validated if validated is not None else sandbox(files)
            notes += [f"Sandbox: {note}" for note in report.isolation_notes]
        else:
            notes.append("Validation was skipped: the project has not been run or tested.")
        with _stage(timings, "docs"):
            openapi = report.openapi if report else None
            files = add_docs(files, spec=spec, openapi=openapi, notes=notes)
            if _active(llm, Role.DOCS):
                files = _model_docs(files, spec, llm=llm, notes=notes, usage=usage, roles=roles)
        findings, review_run, review_usage = reviewing.result()
    if review_run is not None:
        notes += review_run.notes
        usage.merge(review_usage)
        roles[Role.REVIEWER] = review_run
    timings["total"] = round(time.perf_counter() - started, 4)
    order = {role: i for i, role in enumerate(Role)}
    return GenerationResult(
        spec,
        files,
        report,
        findings,
        notes,
        timings,
        usage=usage,
        model_roles=dict(sorted(roles.items(), key=lambda kv: order[kv[0]])),
        model_outcome=outcome,
        sentences=parsed.sentences,
        questions=parsed.questions,
        not_implemented=not_implemented,
    )


def _generator_run(outcome: ModelOutcome) -> RoleRun:
    status = {
        Status.MODEL: RoleStatus.MODEL,
        Status.NOTHING_TO_ADD: RoleStatus.NOTHING_TO_ADD,
    }.get(outcome.status, RoleStatus.FALLBACK)
    return RoleRun(status=status, notes=list(outcome.notes), rejected=_rejected(outcome.attempts))


def _model_docs(
    files: dict[str, str],
    spec: ProjectSpec,
    *,
    llm: LLMClient | None,
    notes: list[str],
    usage: Usage,
    roles: dict[Role, RoleRun],
) -> dict[str, str]:
    """The README with the docs model's sections that passed its checks."""
    docs = write_docs_with_model(spec, files, client=llm)
    usage.merge(docs.usage)
    notes += docs.notes
    if not docs.attempts:
        status = RoleStatus.SKIPPED  # no README to improve
    elif docs.model_sections:
        status = RoleStatus.MODEL
    else:  # a note says why each section (or the whole reply) was not used
        status = RoleStatus.FALLBACK if docs.notes else RoleStatus.NOTHING_TO_ADD
    roles[Role.DOCS] = RoleRun(status=status, notes=docs.notes, rejected=_rejected(docs.attempts))
    return {**files, "README.md": docs.readme} if docs.readme else files


def _review(
    files: dict[str, str], spec: ProjectSpec, *, llm: LLMClient | None, timings: dict[str, float]
) -> tuple[list[Finding], RoleRun | None, Usage]:
    """Rule findings, plus the reviewer model's when one is configured."""
    from pipeline.review import review_project

    with _stage(timings, "review"):
        findings = review_project(files, spec=spec)
        if not _active(llm, Role.REVIEWER):
            return findings, None, Usage()
        review = review_with_model(files, findings, client=llm)
    accepted = any(a.accepted for a in review.attempts)
    status = RoleStatus.MODEL if accepted else RoleStatus.FALLBACK
    notes = list(review.notes)
    if accepted:
        notes.insert(0, f"The reviewer model added {review.model_findings} finding(s).")
    run = RoleRun(status=status, notes=notes, rejected=_rejected(review.attempts))
    return review.findings, run, review.usage


# --- writing ------------------------------------------------------------------------------------


def check_out_dir(out_dir: Path, *, force: bool = False) -> None:
    """Raise UserError when `out_dir` may not be written: checked before any work is done."""
    out = Path(out_dir).absolute()
    if out.exists() and not out.is_dir():
        raise UserError(f"{out_dir} exists and is not a directory.", hint="Choose another --out.")
    if out.is_dir() and any(out.iterdir()) and not force:
        raise UserError(
            f"{out_dir} already exists and is not empty.",
            hint="Choose another --out, or pass --force to replace its contents.",
        )
    cwd = Path.cwd().resolve()
    resolved = out.resolve()
    protected = {Path("/"), Path.home().resolve()}
    if force and (resolved in protected or resolved == cwd or resolved in cwd.parents):
        raise UserError(
            f"Refusing to replace {out_dir}: it is the current directory, one of its parents, "
            "or your home directory.",
            hint="Pass a new directory as --out, e.g. --out blog-api.",
        )


def _safe_relative(rel: str) -> PurePosixPath:
    path = PurePosixPath(rel)
    if path.is_absolute() or ".." in path.parts or not path.parts or "\\" in rel:
        raise CodebegenError(f"refusing to write a file outside the project: {rel!r}")
    return path


def write_project(files: dict[str, str], out_dir: Path, *, force: bool = False) -> Path:
    """Write `files` as the directory `out_dir`, all or nothing.

    Files go to a temporary sibling first, which is then renamed into place; with `force` an
    existing directory is replaced only once the new one is complete. Returns `out_dir`."""
    out = Path(out_dir).absolute()
    check_out_dir(out, force=force)
    paths = {rel: _safe_relative(rel) for rel in files}
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    try:
        os.chmod(staging, 0o755)  # noqa: S103 - a project directory, as mkdir would make it
        for rel, text in files.items():
            target = staging.joinpath(*paths[rel].parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        if out.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
            os.replace(out, old / "tree")
            try:
                os.replace(staging, out)
            except OSError:
                os.replace(old / "tree", out)
                raise
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(staging, out)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return out
