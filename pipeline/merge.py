"""Three-way merge of file trees, the way refinement keeps people's edits.

`merge_trees(base, theirs, ours)`: base is the tree codebegen last generated, theirs is the new
generation, ours is the branch as people left it. Files are merged one by one with real
`git merge-file` (in a temporary directory; no repository needed), so the result is exactly what
git would make of it. A file's whole-file cases:

| base | theirs (new generation) | ours (people)  | result                        |
|------|-------------------------|----------------|-------------------------------|
| any  | X                       | X              | X                             |
| B    | T                       | B (untouched)  | T (removed if T is absent)    |
| B    | B (unchanged)           | O              | O (kept, removed, or edited)  |
| B    | T                       | O              | line merge; overlaps conflict |
| B    | absent                  | O (edited)     | conflict: kept by people      |
| B    | T                       | absent         | conflict: people deleted it   |
| -    | T                       | O              | line merge on an empty base   |

I/O: runs `git merge-file` in a temporary directory. Pure otherwise.
"""

from __future__ import annotations

import shutil
import subprocess  # noqa: S404  (runs git with fixed arguments, no shell)
import tempfile
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from pipeline.errors import CodebegenError
from pipeline.gitenv import git_environment

GIT_TIMEOUT_S = 60  # one file's merge; git merge-file takes milliseconds
_OURS, _BASE, _THEIRS, _END = "<<<<<<< ", "||||||| ", "=======", ">>>>>>> "


class Conflict(BaseModel):
    """An overlap between people's edits and the new generation in one file.

    Line numbers are 1-based and inclusive; `*_end == *_start - 1` means an empty range (one
    side deleted those lines), which sits just before line `*_start`.
    """

    model_config = ConfigDict(extra="forbid")

    path: str
    description: str
    ours_start: int = 0  # in the branch's version of the file (0: the file was deleted)
    ours_end: int = 0
    theirs_start: int = 0  # in the new generation (0: the file is gone from it)
    theirs_end: int = 0
    ours_text: str = ""
    theirs_text: str = ""

    def location(self) -> str:
        """`app/models/post.py` lines 12-15 (yours) / 12-20 (generated)."""
        return f"`{self.path}` {self.description}"


class MergeResult(BaseModel):
    model_config = ConfigDict(extra="forbid")

    files: dict[str, str]  # the merged tree; with conflicts, ours where they are
    conflicts: list[Conflict]

    @property
    def clean(self) -> bool:
        return not self.conflicts


def changed_paths(before: dict[str, str], after: dict[str, str]) -> dict[str, list[str]]:
    """{"added": [...], "modified": [...], "removed": [...]} between two trees, sorted."""
    return {
        "added": sorted(set(after) - set(before)),
        "modified": sorted(p for p in set(after) & set(before) if after[p] != before[p]),
        "removed": sorted(set(before) - set(after)),
    }


def merge_trees(base: dict[str, str], theirs: dict[str, str], ours: dict[str, str]) -> MergeResult:
    """Merge the new generation (theirs) into the branch (ours) over the last generation (base)."""
    files: dict[str, str] = {}
    conflicts: list[Conflict] = []
    with tempfile.TemporaryDirectory(prefix="codebegen-merge-") as tmp:
        for path in sorted(set(base) | set(theirs) | set(ours)):
            merged, found = _merge_file(
                path, base.get(path), theirs.get(path), ours.get(path), Path(tmp)
            )
            if merged is not None:
                files[path] = merged
            conflicts += found
    return MergeResult(files=files, conflicts=conflicts)


def _merge_file(
    path: str, b: str | None, t: str | None, o: str | None, tmp: Path
) -> tuple[str | None, list[Conflict]]:
    if t == o or b == t:
        return o, []
    if b == o:
        return t, []
    if t is None and o is not None:
        return o, [
            Conflict(
                path=path,
                description="was edited on the branch but the new generation removes it",
                ours_start=1,
                ours_end=_line_count(o),
                ours_text=o,
            )
        ]
    if o is None and t is not None:
        return None, [
            Conflict(
                path=path,
                description="was deleted on the branch but the new generation changes it",
                theirs_start=1,
                theirs_end=_line_count(t),
                theirs_text=t,
            )
        ]
    assert o is not None and t is not None  # both None would have returned above (t == o)
    merged, clean = git_merge_file(ours=o, base=b or "", theirs=t, tmp=tmp)
    if clean:
        return merged, []
    return o, _conflicts_in(path, merged, ours=o, theirs=t)


def git_merge_file(*, ours: str, base: str, theirs: str, tmp: Path) -> tuple[str, bool]:
    """`git merge-file -p --diff3` on three texts: (merged text with markers, clean?)."""
    names = {"ours": ours, "base": base, "theirs": theirs}
    for name, text in names.items():
        (tmp / name).write_text(text, encoding="utf-8")
    with git_environment() as env:
        proc = subprocess.run(  # noqa: S603  (fixed argv, no shell)
            [
                git_executable(),
                "merge-file",
                "-p",
                "--diff3",
                "-L",
                "ours",
                "-L",
                "base",
                "-L",
                "theirs",
                str(tmp / "ours"),
                str(tmp / "base"),
                str(tmp / "theirs"),
            ],
            capture_output=True,
            timeout=GIT_TIMEOUT_S,
            check=False,
            env=env,
        )
    # The exit status is the number of conflicts (capped at 127); negative or >127 is an error.
    if proc.returncode < 0 or proc.returncode > 127:
        raise CodebegenError(f"git merge-file failed: {proc.stderr.decode(errors='replace')}")
    return proc.stdout.decode("utf-8"), proc.returncode == 0


def git_executable() -> str:
    """Absolute path of git (a bare "git" would be looked up on PATH at each call)."""
    found = shutil.which("git")
    if found is None:
        raise CodebegenError("git is not installed; refinement needs it to merge")
    return found


def _conflicts_in(path: str, merged: str, *, ours: str, theirs: str) -> list[Conflict]:
    """Turn diff3 conflict blocks into line ranges of the branch's file and of the new one."""
    ours_lines, theirs_lines = ours.splitlines(), theirs.splitlines()
    ours_at = theirs_at = 0  # where the next search starts (0-based)
    conflicts: list[Conflict] = []
    section: str | None = None
    parts: dict[str, list[str]] = {}
    context: list[str] = []  # merged lines before the current block
    for line in merged.splitlines():
        if section is None and line.startswith(_OURS):
            section, parts = "ours", {"ours": [], "base": [], "theirs": []}
        elif section == "ours" and line.startswith(_BASE):
            section = "base"
        elif section in ("ours", "base") and line == _THEIRS:
            section = "theirs"
        elif section == "theirs" and line.startswith(_END):
            o_start, ours_at = _find(ours_lines, parts["ours"], ours_at, context)
            t_start, theirs_at = _find(theirs_lines, parts["theirs"], theirs_at, context)
            o_end, t_end = o_start + len(parts["ours"]) - 1, t_start + len(parts["theirs"]) - 1
            conflicts.append(
                Conflict(
                    path=path,
                    description=f"{_span(o_start, o_end)} on the branch overlap "
                    f"{_span(t_start, t_end)} of the new generation",
                    ours_start=o_start,
                    ours_end=o_end,
                    theirs_start=t_start,
                    theirs_end=t_end,
                    ours_text="".join(f"{x}\n" for x in parts["ours"]),
                    theirs_text="".join(f"{x}\n" for x in parts["theirs"]),
                )
            )
            section, context = None, []
        elif section is None:
            context.append(line)
        else:
            parts[section].append(line)
    return conflicts


def _find(lines: list[str], block: list[str], start: int, context: list[str]) -> tuple[int, int]:
    """1-based start line of `block` in `lines`, searching from `start`; and the next start.

    An empty block is placed after the last context line that can be found.
    """
    n = len(block)
    if n:
        for i in range(start, len(lines) - n + 1):
            if lines[i : i + n] == block:
                return i + 1, i + n
    anchor = start
    if context:
        anchor = next((i + 1 for i in range(start, len(lines)) if lines[i] == context[-1]), start)
    return anchor + 1, anchor + n


def _span(start: int, end: int) -> str:
    if end < start:
        return f"a deletion before line {start}"
    return f"line {start}" if start == end else f"lines {start}-{end}"


def _line_count(text: str) -> int:
    return max(1, len(text.splitlines()))
