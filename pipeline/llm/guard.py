"""Guards on everything a model writes. No I/O.

A model's reply is untrusted text. Before any of it reaches a project it must:
1. parse as JSON (a ```json fence around it is tolerated; nothing else is guessed);
2. match the expected pydantic model exactly (`FilesReply`: `{"files": {path: content}}`,
   extra keys forbidden);
3. name only safe paths: relative POSIX paths inside the project, no `..`, no backslashes, no
   `.git/`, no `.github/workflows/` unless the caller allows it, within size caps;
4. touch only what the policy allows: new files where new files may go, and of the existing
   files only those on the edit allow-list;
5. be Python that black can format (syntax errors are reported with their line) and compile.

Each failure is a plain sentence in `GuardError.problems`, written so that it can be fed back to
the model in the repair round and shown in the PR.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterable
from fnmatch import fnmatchcase
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from pipeline.errors import CodebegenError

MAX_FILES = 60  # files one reply may write
MAX_FILE_BYTES = 100_000  # one generated file; a business-rule module is a few KB
MAX_TOTAL_BYTES = 600_000  # the whole reply's file contents
MAX_REPLY_CHARS = 1_000_000  # a whole reply's text: the file caps below are smaller still
MAX_PATH_CHARS = 200  # a path longer than this is not one a person would write
DEFAULT_LINE_LENGTH = 88  # black's default, when the project's pyproject.toml sets none
_FENCE = re.compile(r"^\s*```[a-zA-Z0-9_-]*\s*\n(.*?)\n\s*```\s*$", re.DOTALL)
_SEGMENT = re.compile(r"^[A-Za-z0-9_.@+=-][A-Za-z0-9_.@+= -]*$")

# Names that Python or pytest load by name alone: only a literal pattern may let a model add one.
_MAGIC_NAMES = frozenset({"conftest.py", "__init__.py", "sitecustomize.py", "usercustomize.py"})

M = TypeVar("M", bound=BaseModel)


class GuardError(CodebegenError):
    """A model reply was refused. `problems` are sentences, one per problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


class FilesReply(BaseModel):
    """The seed's output contract: `{"files": {"path/to/file.py": "<full code>", ...}}`."""

    model_config = ConfigDict(extra="forbid")

    files: dict[str, str]


class FilePolicy(BaseModel):
    """Where a reply may write. Patterns are fnmatch globs matched one path segment at a time
    (`*` never crosses `/`; see `matches`)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    existing: frozenset[str] = frozenset()  # the project's current paths
    creatable: tuple[str, ...] = ("**",)  # where new files may be added
    editable: tuple[str, ...] = ("**",)  # which existing files may be replaced
    allow_workflows: bool = False  # .github/workflows/ can run code with the repo's token


def load_json(text: str) -> Any:
    """Parse a reply as JSON, tolerating one ```json fence around it."""
    stripped = text.strip()
    fenced = _FENCE.match(stripped)
    if fenced:
        stripped = fenced.group(1).strip()
    if not stripped:
        raise GuardError(["the reply is empty"])
    if len(stripped) > MAX_REPLY_CHARS:
        raise GuardError([f"the reply has {len(stripped)} characters; at most {MAX_REPLY_CHARS}"])
    try:
        return json.loads(stripped)
    except RecursionError:
        raise GuardError(["the reply is JSON nested too deep to read"]) from None
    except json.JSONDecodeError as exc:
        raise GuardError(
            [f"the reply is not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})"]
        ) from None


def parse_reply(text: str, model: type[M]) -> M:
    """Parse a reply as JSON and validate it as `model`; every mismatch becomes a problem."""
    data = load_json(text)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise GuardError([_pydantic_problem(e) for e in exc.errors()[:10]]) from None


def _pydantic_problem(err: Any) -> str:
    where = ".".join(str(p) for p in err["loc"]) or "the reply"
    return f"{where}: {err['msg']}"


def path_problem(path: str, *, allow_workflows: bool = False) -> str | None:
    """Why `path` may not be written inside a project, or None when it may."""
    if not path or len(path) > MAX_PATH_CHARS:
        return f"path {path[:60]!r} is empty or longer than {MAX_PATH_CHARS} characters"
    if "\\" in path or "\x00" in path:
        return f"path {path!r} contains a backslash or NUL; use relative POSIX paths"
    if path.startswith("/") or re.match(r"^[A-Za-z]:", path) or path.startswith("~"):
        return f"path {path!r} is absolute; paths are relative to the project root"
    parts = path.split("/")
    if any(p in ("", ".", "..") for p in parts):
        return f"path {path!r} has an empty, '.' or '..' segment and could leave the project"
    if any(not _SEGMENT.match(p) for p in parts):
        return f"path {path!r} has characters a project path does not need"
    if ".git" in parts:
        return f"path {path!r} is inside .git/"
    if path.startswith(".github/workflows/") and not allow_workflows:
        return f"path {path!r} is a GitHub Actions workflow, which generated output may not add"
    return None


def check_files(files: dict[str, str], policy: FilePolicy) -> list[str]:
    """Every path and size problem of a reply's files against `policy`."""
    problems: list[str] = []
    if len(files) > MAX_FILES:
        problems.append(f"the reply writes {len(files)} files; at most {MAX_FILES} are allowed")
    total = 0
    for path, content in files.items():
        size = len(content.encode("utf-8"))
        total += size
        problem = path_problem(path, allow_workflows=policy.allow_workflows)
        if problem is None and path in policy.existing:
            if not _matches(path, policy.editable):
                problem = f"{path} already exists and may not be changed by the model"
        elif problem is None and not _matches(path, policy.creatable):
            problem = f"{path} is not a place where new files may be added"
        if problem is None and size > MAX_FILE_BYTES:
            problem = f"{path} is {size} bytes; one file may have at most {MAX_FILE_BYTES}"
        if problem:
            problems.append(problem)
    if total > MAX_TOTAL_BYTES:
        problems.append(f"the reply writes {total} bytes; at most {MAX_TOTAL_BYTES} are allowed")
    return problems


def matches(path: str, pattern: str) -> bool:
    """`path` matches `pattern` segment by segment: each `/`-separated segment an fnmatch of its
    own (`*` never crosses `/`; a whole `**` segment stands for any number of segments). Files Python or pytest run by their name
    alone (`conftest.py`, `__init__.py`, `*.pth`, `sitecustomize.py`) match only a pattern that
    names them literally, never a wildcard."""
    parts, globs = path.split("/"), pattern.split("/")
    if _magic(parts[-1]) and parts[-1] != globs[-1]:
        return False
    return _segments_match(parts, globs)


def _segments_match(parts: list[str], globs: list[str]) -> bool:
    """A `**` segment stands for one or more whole segments; anything else for exactly one."""
    if not globs:
        return not parts
    if globs[0] == "**":
        return any(_segments_match(parts[i:], globs[1:]) for i in range(1, len(parts) + 1))
    return bool(parts) and fnmatchcase(parts[0], globs[0]) and _segments_match(parts[1:], globs[1:])


def _magic(name: str) -> bool:
    return name in _MAGIC_NAMES or name.endswith(".pth")


def _matches(path: str, patterns: Iterable[str]) -> bool:
    return any(matches(path, p) for p in patterns)


def black_line_length(project_files: dict[str, str]) -> int:
    """The line length the project's own `black --check` uses (its pyproject.toml)."""
    text = project_files.get("pyproject.toml", "")
    try:
        tool = tomllib.loads(text).get("tool", {}) if text else {}
    except tomllib.TOMLDecodeError:
        return DEFAULT_LINE_LENGTH
    length = tool.get("black", {}).get("line-length", DEFAULT_LINE_LENGTH)
    return length if isinstance(length, int) else DEFAULT_LINE_LENGTH


def format_python(files: dict[str, str], *, line_length: int) -> tuple[dict[str, str], list[str]]:
    """Black-format every `.py` file; a file black cannot parse, or that won't compile, is a problem."""
    import black  # a pinned dependency; imported here so the module stays cheap to import

    mode = black.Mode(line_length=line_length, target_versions={black.mode.TargetVersion.PY311})
    out: dict[str, str] = {}
    problems: list[str] = []
    for path, content in files.items():
        if not path.endswith(".py"):
            out[path] = content
            continue
        try:
            formatted = black.format_str(content, mode=mode)
            compile(formatted, path, "exec", dont_inherit=True)
        except black.parsing.InvalidInput as exc:
            problems.append(f"{path}: Python syntax error: {_first_line(str(exc))}")
            continue
        except SyntaxError as exc:
            problems.append(f"{path}: Python syntax error at line {exc.lineno}: {exc.msg}")
            continue
        except ValueError as exc:  # e.g. NUL bytes
            problems.append(f"{path}: not valid Python source: {_first_line(str(exc))}")
            continue
        out[path] = formatted
    return out, problems


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else "unknown error"


def guard_files(text: str, policy: FilePolicy, *, line_length: int) -> dict[str, str]:
    """Steps 1-5 for a `{"files": ...}` reply; the formatted files, or `GuardError`."""
    reply = parse_reply(text, FilesReply)
    problems = check_files(reply.files, policy)
    if problems:
        raise GuardError(problems)
    files, problems = format_python(reply.files, line_length=line_length)
    if problems:
        raise GuardError(problems)
    return files
