"""Dataset rows → chat samples for the seed's five stages (SEED.md sections 3, 4, 6 and 7). No I/O.

Every sample is `{"messages": [system, user, assistant]}` with the seed's system prompt and user
template, imported from `pipeline.llm.prompts` (the text the model server is sent); the assistant
answers with the seed's `{"files": {...}}` JSON, Python black-normalised.

    intent_schema     description → codebegen.yaml (entities, relations, auth, roles)
    schema_structure  description + schema → every file path of the project
    structure_code    description + schema + file list → the files, complete
    code_iteration    changed files + a `/codebegen refine` instruction → the files after
    code_docs         description + schema + app code → README.md (+ openapi.yaml)

A sample that does not fit the context window (`max_tokens`, counted with a tokenizer when one is
given, else estimated as characters / 4) is split into parts by file groups (structure_code), its
input is narrowed (code_docs), or it is dropped — and each of those is counted in the `Report`.
No file is ever truncated: a file too large for any part is dropped from the samples and counted.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from pipeline.llm.prompts import SYSTEM_PROMPT
from pipeline.llm.prompts import user_message as seed_user_message
from training.dataset import Row, Source
from training.project import SPEC_FILE

DEFAULT_MAX_TOKENS = 16384  # the seed's cutoff (~16K tokens)
MESSAGE_OVERHEAD = 8  # chat-template tokens around each message (<|im_start|>role\n ... <|im_end|>)
DOC_FILES = ("README.md", "openapi.yaml", "openapi.json")  # what code_docs writes

TokenCounter = Callable[[str], int]


class Stage(str, Enum):
    INTENT_SCHEMA = "intent_schema"
    SCHEMA_STRUCTURE = "schema_structure"
    STRUCTURE_CODE = "structure_code"
    CODE_ITERATION = "code_iteration"
    CODE_DOCS = "code_docs"


class Message(BaseModel):
    model_config = ConfigDict(extra="forbid")
    role: Literal["system", "user", "assistant"]
    content: str


class Sample(BaseModel):
    model_config = ConfigDict(extra="forbid")
    messages: list[Message]
    stage: Stage
    row_id: str
    part: str = ""  # "2/3" when a row's files were split across samples


@dataclass
class StageCounts:
    kept: int = 0  # samples written whole
    split: int = 0  # rows whose files were split across several samples
    parts: int = 0  # samples written as parts of a split
    narrowed: int = 0  # samples whose input was cut to the files that matter (code_docs)
    dropped: int = 0  # samples that could not fit at all
    dropped_files: int = 0  # files too large for any sample
    skipped: int = 0  # rows without the material for this stage (no spec, no refinements...)


@dataclass
class Report:
    stages: dict[Stage, StageCounts] = field(
        default_factory=lambda: {s: StageCounts() for s in Stage}
    )
    rows: int = 0
    low_quality: int = 0  # rows under min_quality
    unformatted: int = 0  # Python files black could not parse (kept as written)

    @property
    def samples(self) -> int:
        return sum(c.kept + c.parts for c in self.stages.values())


def estimate_tokens(text: str) -> int:
    """Characters / 4, rounded up: the usual estimate for code with a BPE tokenizer."""
    return (len(text) + 3) // 4


def tokenizer_counter(tokenizer: object) -> TokenCounter:
    """Exact counts with a Hugging Face tokenizer."""

    def count(text: str) -> int:
        return len(tokenizer(text, add_special_tokens=False)["input_ids"])  # type: ignore[operator]

    return count


def black_line_length(files: dict[str, str]) -> int:
    """The project's own `[tool.black] line-length`, else black's default."""
    try:
        conf = tomllib.loads(files.get("pyproject.toml", ""))
        return int(conf.get("tool", {}).get("black", {}).get("line-length", 88))
    except (tomllib.TOMLDecodeError, TypeError, ValueError):
        return 88


def normalise(files: dict[str, str], report: Report | None = None) -> dict[str, str]:
    """Black-format every Python file; a file black cannot parse is kept as written (and counted)."""
    import black

    mode = black.Mode(line_length=black_line_length(files))
    out = {}
    for path, content in files.items():
        if path.endswith(".py") and content.strip():
            try:
                content = black.format_str(content, mode=mode)
            except Exception:  # black raises its own InvalidInput, and others on odd code
                if report is not None:
                    report.unformatted += 1
        out[path] = content
    return out


def answer(files: dict[str, str]) -> str:
    """The seed's output contract: JSON with a `files` dict."""
    return json.dumps({"files": files}, ensure_ascii=False)


def user_message(row: Row, *sections: tuple[str, str]) -> str:
    """The seed's user template (the model client's own), with stage sections before the output."""
    return seed_user_message(
        user_prompt=row.prompt,
        domain=row.context.domain,
        stack=row.context.tech_stack,
        constraints=row.context.constraints,
        sections=sections,
    )


def _sample(row: Row, stage: Stage, user: str, files: dict[str, str], part: str = "") -> Sample:
    msgs = [
        Message(role="system", content=SYSTEM_PROMPT),
        Message(role="user", content=user),
        Message(role="assistant", content=answer(files)),
    ]
    return Sample(messages=msgs, stage=stage, row_id=row.id, part=part)


class _Builder:
    def __init__(self, *, max_tokens: int, count: TokenCounter, report: Report) -> None:
        self.max_tokens = max_tokens
        self.count = count
        self.report = report
        self.system = count(SYSTEM_PROMPT) + 3 * MESSAGE_OVERHEAD

    def fits(self, user: str, files: dict[str, str]) -> bool:
        return self.system + self.count(user) + self.count(answer(files)) <= self.max_tokens

    def whole_or_drop(
        self, row: Row, stage: Stage, user: str, files: dict[str, str]
    ) -> list[Sample]:
        counts = self.report.stages[stage]
        if not self.fits(user, files):
            counts.dropped += 1
            return []
        counts.kept += 1
        return [_sample(row, stage, user, files)]

    def split(
        self,
        row: Row,
        stage: Stage,
        make_user: Callable[[list[str], str], str],
        files: dict[str, str],
    ) -> list[Sample]:
        """Whole when it fits; else parts of whole file groups; files too big alone are dropped."""
        counts = self.report.stages[stage]
        whole = make_user(list(files), "")
        if self.fits(whole, files):
            counts.kept += 1
            return [_sample(row, stage, whole, files)]
        # Budget for the answer of one part, with the longest part header the user text will carry;
        # sizes add up per file (1% margin for tokens that merge across a boundary).
        budget = int(
            0.99 * (self.max_tokens - self.system - self.count(make_user(list(files), "99/99")))
        )
        size = {p: self.count(answer({p: c})) for p, c in files.items()}
        parts: list[dict[str, str]] = []
        used = 0

        def add(chunk: dict[str, str]) -> None:
            nonlocal used
            cost = sum(size[p] for p in chunk)
            if parts and used + cost <= budget:
                parts[-1].update(chunk)
                used += cost
            else:
                parts.append(dict(chunk))
                used = cost

        for group in _groups(files):  # a folder stays together when it fits; a file never splits
            kept = {p: files[p] for p in group if size[p] <= budget}
            counts.dropped_files += len(group) - len(kept)
            if not kept:
                continue
            if sum(size[p] for p in kept) <= budget:
                add(kept)
            else:
                for path, content in kept.items():
                    add({path: content})
        if not parts:
            counts.dropped += 1
            return []
        counts.split += 1
        out = []
        for i, part in enumerate(parts, 1):
            label = f"{i}/{len(parts)}"
            user = make_user(list(part), label)
            if self.fits(user, part):
                out.append(_sample(row, stage, user, part, label))
            else:  # the per-file estimate was short: count it, never cut it
                counts.dropped += 1
        counts.parts += len(out)
        return out


def _group_of(path: str) -> str:
    """Files that belong together: the same folder (app/models, tests, the project root)."""
    return path.rsplit("/", 1)[0] if "/" in path else ""


def _groups(files: dict[str, str]) -> list[list[str]]:
    groups: dict[str, list[str]] = {}
    for path in files:
        groups.setdefault(_group_of(path), []).append(path)
    return list(groups.values())


def _file_list(paths: Iterable[str]) -> str:
    return "\n".join(f"- {p}" for p in paths)


def row_samples(row: Row, *, builder: _Builder, stages: set[Stage]) -> list[Sample]:
    """All the samples of one row, for the stages asked for."""
    report = builder.report
    trusted = row.provenance.source is Source.SYNTH  # the renderer already ran black on it

    def fmt(tree: dict[str, str]) -> dict[str, str]:
        return tree if trusted else normalise(tree, report)

    files = fmt(row.output.files)
    spec_yaml = files.get(SPEC_FILE)
    schema = (
        ("Schema (codebegen.yaml)", f"```yaml\n{spec_yaml.rstrip()}\n```") if spec_yaml else None
    )
    with_schema = [schema] if schema else []
    out: list[Sample] = []

    if Stage.INTENT_SCHEMA in stages:
        if spec_yaml is None:
            report.stages[Stage.INTENT_SCHEMA].skipped += 1
        else:
            task = (
                "Task",
                "Extract the schema: entities, fields, relations, auth, roles and "
                f"features, as {SPEC_FILE}.",
            )
            out += builder.whole_or_drop(
                row, Stage.INTENT_SCHEMA, user_message(row, task), {SPEC_FILE: spec_yaml}
            )

    if Stage.SCHEMA_STRUCTURE in stages:
        task = ("Task", "Plan the project: list every file path, with empty contents.")
        user = user_message(row, *with_schema, task)
        out += builder.whole_or_drop(row, Stage.SCHEMA_STRUCTURE, user, dict.fromkeys(files, ""))

    if Stage.STRUCTURE_CODE in stages:

        def code_user(paths: list[str], part: str) -> str:
            task = "Write every file listed, complete."
            if part:
                task = f"Write these files of the project (part {part}), complete:\n" + _file_list(
                    paths
                )
            return user_message(row, *with_schema, ("Files", _file_list(files)), ("Task", task))

        out += builder.split(row, Stage.STRUCTURE_CODE, code_user, files)

    if Stage.CODE_ITERATION in stages:
        counts = report.stages[Stage.CODE_ITERATION]
        usable = [r for r in row.refinements if r.after or r.deleted]
        counts.skipped += not usable
        for ref in usable:
            before, after = fmt(ref.before), fmt(ref.after)
            current = ("Current Files", answer(before)) if before else None
            change = f"{ref.instruction.strip()}\nReturn every file you change or add, complete."
            if ref.deleted:
                change += "\nDelete: " + ", ".join(ref.deleted)
            user = user_message(row, *([current] if current else []), ("Change Request", change))
            out += builder.whole_or_drop(row, Stage.CODE_ITERATION, user, after)

    if Stage.CODE_DOCS in stages:
        docs = {p: files[p] for p in DOC_FILES if p in files}
        code = {p: c for p, c in files.items() if p.startswith("app/") and p.endswith(".py")}
        if not docs or not code:
            report.stages[Stage.CODE_DOCS].skipped += 1
        else:
            task = ("Task", "Write the documentation: " + ", ".join(docs) + ".")
            user = user_message(row, *with_schema, ("Code", answer(code)), task)
            if not builder.fits(user, docs):  # the API surface is enough to document the API
                keep = ("app/main.py", "app/routers/", "app/schemas/", "app/auth/")
                code = {p: c for p, c in code.items() if p.startswith(keep)}
                user = user_message(row, *with_schema, ("Code", answer(code)), task)
                report.stages[Stage.CODE_DOCS].narrowed += builder.fits(user, docs)
            out += builder.whole_or_drop(row, Stage.CODE_DOCS, user, docs)
    return out


def iter_samples(
    rows: Iterable[Row],
    *,
    report: Report,
    max_tokens: int = DEFAULT_MAX_TOKENS,
    count: TokenCounter = estimate_tokens,
    stages: Iterable[Stage] = tuple(Stage),
    min_quality: float = 0.0,
) -> Iterator[Sample]:
    """Every row's samples, one row at a time; `report` counts what was kept, split and dropped."""
    builder = _Builder(max_tokens=max_tokens, count=count, report=report)
    wanted = set(stages)
    for row in rows:
        report.rows += 1
        if row.quality_score is not None and row.quality_score < min_quality:
            report.low_quality += 1
            continue
        yield from row_samples(row, builder=builder, stages=wanted)


def build_samples(rows: Iterable[Row], **options: Any) -> tuple[list[Sample], Report]:
    """`iter_samples` collected: the samples and the report."""
    report = Report()
    return list(iter_samples(rows, report=report, **options)), report
