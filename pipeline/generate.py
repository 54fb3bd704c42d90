"""The whole generation: API description in, validated and documented project files out.

    parse -> render -> validate (sandbox) -> docs -> review

`generate_project` returns a `GenerationResult` (spec, files, report, findings, notes, timings)
and writes nothing; its only I/O is the validator's sandbox. `write_project` is the thin step
that puts the files on disk, all at once or not at all.
"""

from __future__ import annotations

import contextlib
import inspect
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, cast

from pipeline.docs import add_docs
from pipeline.errors import CodebegenError, UserError
from pipeline.review.finding import Finding
from pipeline.spec import ProjectSpec
from pipeline.validate import AUTO, ValidationReport

STAGES = ("parse", "render", "validate", "docs", "review")


@dataclass
class GenerationResult:
    spec: ProjectSpec
    files: dict[str, str]
    report: ValidationReport | None = None  # None when validation was not asked for
    findings: list[Finding] = field(default_factory=list)  # the reviewer's, for the PR review
    notes: list[str] = field(default_factory=list)  # what a person should know, in words
    # Seconds per stage; review overlaps validate, so "total" (wall time) is less than the sum.
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        """True when validation passed (or was not run)."""
        return self.report is None or self.report.passed

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready summary (file names, not contents)."""
        return {
            "spec": self.spec.model_dump(mode="json"),
            "files": sorted(self.files),
            "report": self.report.to_dict() if self.report else None,
            "findings": [f.model_dump(mode="json") for f in self.findings],
            "notes": list(self.notes),
            "timings": dict(self.timings),
            "passed": self.passed,
        }


@contextlib.contextmanager
def _stage(timings: dict[str, float], name: str) -> Iterator[None]:
    start = time.perf_counter()
    try:
        yield
    finally:
        timings[name] = round(time.perf_counter() - start, 4)


def _with_llm(fn: Callable[..., Any], *args: Any, llm: Any, **kwargs: Any) -> Any:
    """Call a stage, handing it the model client only when it takes one."""
    if llm is not None and "llm" in inspect.signature(fn).parameters:
        kwargs["llm"] = llm
    return fn(*args, **kwargs)


def parse_source(
    source: str | ProjectSpec, *, llm: Any = None, notes: list[str] | None = None
) -> ProjectSpec:
    """A ProjectSpec from issue text (or the spec itself); SpecError when not understood.

    What the parser guessed or left out is appended to `notes`."""
    if isinstance(source, ProjectSpec):
        return source
    from pipeline.parse import parse_spec_with_notes

    spec, parse_notes = _with_llm(parse_spec_with_notes, source, llm=llm)
    if notes is not None:
        notes.extend(parse_notes)
    return cast(ProjectSpec, spec)


def generate_project(
    source: str | ProjectSpec,
    *,
    validate: bool = True,
    llm: Any = None,
    postgres_url: str | None = AUTO,
    timeout_s: float = 120.0,
) -> GenerationResult:
    """Parse, render, validate, document and review a project. Writes nothing.

    Raises SpecError (a UserError) for a description it cannot understand. A project that fails
    validation is still returned, with the failing report."""
    from pipeline.render import render_project
    from pipeline.validate import validate_files

    timings: dict[str, float] = {}
    notes: list[str] = []
    started = time.perf_counter()
    with _stage(timings, "parse"):
        spec = parse_source(source, llm=llm, notes=notes)
    with _stage(timings, "render"):
        files = render_project(spec)
    # The review reads only the rendered files, so it runs while the sandbox works.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="review") as pool:
        reviewing = pool.submit(_review, files, spec, llm=llm, timings=timings)
        report = None
        if validate:
            with _stage(timings, "validate"):
                report = validate_files(files, postgres_url=postgres_url, timeout_s=timeout_s)
            notes += [f"Sandbox: {note}" for note in report.isolation_notes]
        else:
            notes.append("Validation was skipped: the project has not been run or tested.")
        with _stage(timings, "docs"):
            openapi = report.openapi if report else None
            files = add_docs(files, spec=spec, openapi=openapi, llm=llm, notes=notes)
        findings = reviewing.result()
    timings["total"] = round(time.perf_counter() - started, 4)
    return GenerationResult(spec, files, report, findings, notes, timings)


def _review(
    files: dict[str, str], spec: ProjectSpec, *, llm: Any, timings: dict[str, float]
) -> list[Finding]:
    from pipeline.review import review_project

    with _stage(timings, "review"):
        findings: list[Finding] = _with_llm(review_project, files, spec=spec, llm=llm)
    return findings


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
