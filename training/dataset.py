"""The dataset: the seed's JSONL row as a pydantic model, and the store that keeps rows on disk.

I/O: `Store` reads and appends files under `CODEBEGEN_DATA_DIR` (default `./.data`):

    rows/rows-00000.jsonl   one `Row` per line, shards rolled at `shard_bytes`
    rows/index.tsv          `<dedupe key>\\t<shard>\\t<shard size after the row>` per row
    rows/.lock              fcntl.flock target: one writer at a time, across processes

An append takes the lock, catches the index up with the shards (a writer killed between writing a
row and indexing it leaves a row the index lacks; a writer killed mid-row leaves a torn last line,
which is cut off: it was never acknowledged), skips rows whose key is already there, then writes
each new row as ONE `os.write` of a full line on an `O_APPEND` descriptor, fsyncs, and only then
indexes it. So a row is never lost once `append` returns, and never stored twice. Rows are scrubbed
of secrets (`training.scrub`) before anything is written.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from enum import Enum
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from training.scrub import scrub_files, scrub_text

DATA_DIR_ENV = "CODEBEGEN_DATA_DIR"  # where the store lives
DEFAULT_DATA_DIR = ".data"  # relative to the working directory; gitignored
SHARD_BYTES = 64 * 1024 * 1024  # a shard is closed once it passes this size


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Source(str, Enum):
    HARVEST = "harvest"  # a merged codebegen pull request
    IMPORT = "import"  # `codebegen dataset import DIR`
    SYNTH = "synth"  # the template engine on a generated spec


class Context(_Strict):
    domain: str = "general"
    complexity: str = "medium"  # simple | medium | complex
    tech_stack: list[str] = Field(default_factory=list)
    constraints: list[str] = Field(default_factory=list)


class Output(_Strict):
    files: dict[str, str]


class Refinement(_Strict):
    """One `/codebegen refine` round: the instruction and the files it changed, before and after."""

    instruction: str
    before: dict[str, str] = Field(default_factory=dict)  # changed files as they were
    after: dict[str, str] = Field(default_factory=dict)  # changed and new files as they became
    deleted: list[str] = Field(default_factory=list)
    diff: str = ""  # a unified diff, when that is all the source had


class Provenance(_Strict):
    source: Source
    repo: str = ""  # owner/name (harvest)
    pr: int | None = None
    merged_sha: str = ""
    path: str = ""  # the directory an import came from
    seed: int | None = None  # synth: the seed that generated the spec
    created_at: str = Field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))


class Row(_Strict):
    """The seed's JSONL record (SEED.md section 2) plus refinements and provenance."""

    id: str
    prompt: str
    context: Context = Field(default_factory=Context)
    expected_architecture: dict[str, list[str]] = Field(default_factory=dict)
    output: Output
    quality_score: float | None = Field(default=None, ge=0.0, le=1.0)  # None: not validated
    refinements: list[Refinement] = Field(default_factory=list)
    provenance: Provenance

    def dedupe_key(self) -> str:
        """Same merge → same key; otherwise the same prompt and files → same key."""
        p = self.provenance
        if p.source is Source.HARVEST and p.repo and p.pr is not None and p.merged_sha:
            basis = f"harvest\0{p.repo.lower()}\0{p.pr}\0{p.merged_sha}"
        else:
            basis = json.dumps([self.prompt, self.output.files], sort_keys=True)
        return hashlib.sha256(basis.encode()).hexdigest()

    def scrubbed(self) -> Row:
        """A copy with every secret replaced by a placeholder (prompt, files, refinements)."""
        refinements = [
            r.model_copy(
                update={
                    "instruction": scrub_text(r.instruction),
                    "before": scrub_files(r.before),
                    "after": scrub_files(r.after),
                    "diff": scrub_text(r.diff),
                }
            )
            for r in self.refinements
        ]
        return self.model_copy(
            update={
                "prompt": scrub_text(self.prompt),
                "output": Output(files=scrub_files(self.output.files)),
                "refinements": refinements,
            }
        )


def expected_architecture(paths: Iterable[str]) -> dict[str, list[str]]:
    """The seed's `expected_architecture` from a file list: app modules/folders, infra, docs, tests."""
    arch: dict[str, set[str]] = {"app": set(), "infra": set(), "docs": set(), "tests": set()}
    for path in paths:
        parts = path.split("/")
        if parts[0] == "app":
            arch["app"].add(parts[1] + ("/" if len(parts) > 2 else ""))
        elif parts[0] == "tests":
            arch["tests"].add("tests/")
        elif path.endswith((".md", "openapi.yaml", "openapi.json")):
            arch["docs"].add(path)
        elif parts[0] in ("Dockerfile", "docker-compose.yml", ".env.example", "alembic.ini"):
            arch["infra"].add(parts[0])
        elif parts[0] == "alembic":
            arch["infra"].add("alembic/")
    return {k: sorted(v) for k, v in arch.items() if v}


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    return Path(explicit or os.environ.get(DATA_DIR_ENV) or DEFAULT_DATA_DIR)


class Store:
    """JSONL shards with atomic, deduplicated appends. Safe across processes (fcntl.flock)."""

    def __init__(
        self, root: str | os.PathLike[str] | None = None, *, shard_bytes: int = SHARD_BYTES
    ):
        self.root = data_dir(root)
        self.dir = self.root / "rows"
        self.shard_bytes = shard_bytes
        self.index_path = self.dir / "index.tsv"

    # --- reading -------------------------------------------------------------------------

    def shards(self) -> list[Path]:
        return sorted(self.dir.glob("rows-*.jsonl")) if self.dir.exists() else []

    def __iter__(self) -> Iterator[Row]:
        for shard in self.shards():
            with shard.open("rb") as f:
                for line in f:
                    if line.endswith(b"\n"):  # a torn last line was never acknowledged
                        yield Row.model_validate_json(line)

    def __len__(self) -> int:
        return len(self.keys())

    def keys(self) -> set[str]:
        with self._locked():
            return set(self._catch_up())

    # --- writing -------------------------------------------------------------------------

    def append(self, row: Row) -> bool:
        """Scrub and store `row`; False when a row with its dedupe key is already stored."""
        return self.append_many([row]) == 1

    def append_many(self, rows: Iterable[Row]) -> int:
        """Scrub and store each new row under one lock; returns how many were added."""
        added = 0
        with self._locked():
            known = self._catch_up()
            shard = self._open_shard()
            for row in rows:
                clean = row.scrubbed()
                key = clean.dedupe_key()  # of the row as stored, so the index can be rebuilt
                if key in known:
                    continue
                line = clean.model_dump_json().encode() + b"\n"
                shard = self._write_row(shard, line, key)
                known[key] = shard.name
                added += 1
        return added

    @contextmanager
    def _locked(self) -> Iterator[None]:
        self.dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.dir / ".lock", os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    def _read_index(self) -> tuple[dict[str, str], dict[str, int]]:
        """key → shard, and per shard the size the index has covered."""
        keys: dict[str, str] = {}
        covered: dict[str, int] = {}
        if not self.index_path.exists():
            return keys, covered
        for line in self.index_path.read_text().splitlines():
            parts = line.split("\t")
            if len(parts) == 3 and parts[2].isdigit():  # a torn line is skipped, then re-indexed
                keys[parts[0]] = parts[1]
                covered[parts[1]] = max(covered.get(parts[1], 0), int(parts[2]))
        return keys, covered

    def _catch_up(self) -> dict[str, str]:
        """Under the lock: cut torn lines, index rows the index lacks; returns key → shard."""
        if self.index_path.exists():
            data = self.index_path.read_bytes()
            if data and not data.endswith(b"\n"):  # a writer died mid-line: end that line
                with self.index_path.open("ab") as f:
                    f.write(b"\n")
        keys, covered = self._read_index()
        for shard in self.shards():
            size = shard.stat().st_size
            done = covered.get(shard.name, 0)
            if size == done:
                continue
            with shard.open("rb+") as f:
                f.seek(done)
                tail = f.read()
                cut = tail.rfind(b"\n") + 1
                if cut < len(tail):  # a writer died mid-row: that row was never acknowledged
                    f.truncate(done + cut)
                    os.fsync(f.fileno())
            offset = done
            for line in tail[:cut].splitlines(keepends=True):
                offset += len(line)
                key = Row.model_validate_json(line).dedupe_key()
                self._index(key, shard.name, offset)
                keys[key] = shard.name
        return keys

    def _open_shard(self) -> Path:
        shards = self.shards()
        if shards and shards[-1].stat().st_size < self.shard_bytes:
            return shards[-1]
        return self.dir / f"rows-{len(shards):05d}.jsonl"

    def _write_row(self, shard: Path, line: bytes, key: str) -> Path:
        if shard.exists() and shard.stat().st_size >= self.shard_bytes:
            shard = self.dir / f"rows-{len(self.shards()):05d}.jsonl"
        fd = os.open(shard, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            written = os.write(fd, line)  # one write of the full line
            if written != len(line):
                raise OSError(f"short write to {shard}: {written} of {len(line)} bytes")
            os.fsync(fd)
            size = os.fstat(fd).st_size
        finally:
            os.close(fd)
        self._index(key, shard.name, size)
        return shard

    def _index(self, key: str, shard: str, size: int) -> None:
        fd = os.open(self.index_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, f"{key}\t{shard}\t{size}\n".encode())
            os.fsync(fd)
        finally:
            os.close(fd)
