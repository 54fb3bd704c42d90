"""A generated project as dataset material: its files, its spec, its context, its quality.

I/O: `read_tree` reads a directory; `quality_of` runs the validator (`pipeline.validate`), which
runs the project in its sandbox. Everything else is pure.
"""

from __future__ import annotations

import os
from pathlib import Path

from pipeline.errors import SpecError
from pipeline.llm.prompts import tech_stack
from pipeline.spec import AuthKind, ProjectSpec, RelationKind
from training.dataset import Context

SPEC_FILE = "codebegen.yaml"  # every generated project carries its spec here
MAX_FILE_BYTES = 512 * 1024  # larger files are data or vendored code, not training material
SKIP_DIRS = {
    ".git",
    "__pycache__",
    ".venv",
    "venv",
    "node_modules",
    ".pytest_cache",
    ".ruff_cache",
    ".mypy_cache",
    "dist",
    "build",
    ".idea",
    ".vscode",
}


def read_tree(root: str | os.PathLike[str]) -> dict[str, str]:
    """Every text file under `root` (POSIX relative paths), skipping caches, VCS and binaries."""
    base = Path(root)
    files: dict[str, str] = {}
    for dirpath, dirnames, filenames in os.walk(base):
        dirnames[:] = sorted(
            d for d in dirnames if d not in SKIP_DIRS and not d.endswith(".egg-info")
        )
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if path.is_symlink() or path.stat().st_size > MAX_FILE_BYTES:
                continue
            data = path.read_bytes()
            if b"\0" in data:
                continue
            try:
                files[path.relative_to(base).as_posix()] = data.decode("utf-8")
            except UnicodeDecodeError:
                continue
    return files


def spec_of(files: dict[str, str]) -> ProjectSpec | None:
    """The project's `codebegen.yaml` as a spec, or None when absent or unreadable."""
    text = files.get(SPEC_FILE)
    if text is None:
        return None
    try:
        return ProjectSpec.from_yaml(text)
    except SpecError:
        return None


def complexity(spec: ProjectSpec) -> str:
    """simple | medium | complex, from how much the spec asks for."""
    points = len(spec.entities) + len(spec.relations) + len(spec.roles) + len(spec.features.uploads)
    points += 2 if spec.auth is AuthKind.JWT else 0
    points += sum(r.kind is RelationKind.MANY_TO_MANY for r in spec.relations)
    return "simple" if points <= 3 else "medium" if points <= 8 else "complex"


def context_of(spec: ProjectSpec | None) -> Context:
    """The seed's `context` block, derived from the spec (tech stack as the renderer builds it)."""
    if spec is None:
        return Context(tech_stack=["fastapi"])
    return Context(
        domain=spec.domain,
        complexity=complexity(spec),
        tech_stack=tech_stack(spec),
        constraints=[c.value for c in spec.constraints],
    )


def prompt_of(spec: ProjectSpec | None, *, fallback: str = "") -> str:
    """The description the person wrote (kept verbatim in the spec), else `fallback`."""
    if spec is not None and spec.description.strip():
        return spec.description.strip()
    if fallback.strip():
        return fallback.strip()
    return f"Build the {spec.title} API." if spec is not None else ""


def quality_of(files: dict[str, str]) -> float | None:
    """The validator's score (0..1) for a project given as files; runs it in the sandbox."""
    from pipeline.validate import validate_files  # the sandboxed harness, loaded when needed

    return max(0.0, min(1.0, float(validate_files(files).score)))
