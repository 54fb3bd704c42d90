"""The git operations refinement needs, on a local repository. I/O: runs `git` in that repository.

Trees are read and written with plumbing (`ls-tree`, `cat-file --batch`, a temporary index,
`write-tree`, `commit-tree`), so nothing touches the working tree until the final, checked
fast-forward. Files that are not UTF-8 text (images people added) are carried by blob id and
never merged; executable bits and symlinks keep their mode.

Where the last generated tree lives: every tree codebegen generates is committed on its own,
with the trailer `Codebegen-Generated: true`, as a child of the previous generated commit, and
joined to the branch by a merge commit (or directly, when nobody else committed). The first
generated commit of a branch is made by `codebegen generate` or the App's generate job, with the
same trailer; it may also hold files the repository already had (see `engine.generated_part`). The chain of
generated commits is therefore part of the branch's history: it is pushed and fetched with the
branch, survives clones, and needs no side ref or state file. The newest generated commit is
the first one in topological order (`git rev-list --topo-order`), because each one descends from
the one before.
"""

from __future__ import annotations

import os
import subprocess  # noqa: S404  (runs git with fixed arguments, no shell)
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import CodebegenError, UserError
from pipeline.gitenv import git_environment
from pipeline.merge import git_executable

GENERATED_TRAILER = "Codebegen-Generated: true"  # marks a commit whose tree is pure generation
GIT_TIMEOUT_S = 120  # one git command on a project-sized repository
# Who codebegen's commits are by, unless the environment says otherwise.
IDENTITY = {
    "GIT_AUTHOR_NAME": "codebegen",
    "GIT_AUTHOR_EMAIL": "codebegen@users.noreply.github.com",
    "GIT_COMMITTER_NAME": "codebegen",
    "GIT_COMMITTER_EMAIL": "codebegen@users.noreply.github.com",
}
TEXT_MODES = ("100644", "100755")


@dataclass
class Tree:
    """A commit's files: text by path, and what is carried as is (binary files, symlinks)."""

    text: dict[str, str] = field(default_factory=dict)
    modes: dict[str, str] = field(default_factory=dict)  # path -> mode, for every entry
    opaque: dict[str, str] = field(default_factory=dict)  # path -> blob id, not merged


Author = tuple[str, str]  # (name, email)


def identity_env(author: Author | None) -> dict[str, str]:
    """Who a commit is by: `author` when given, else codebegen unless the environment says."""
    if author is not None:
        name, email = author
        return {
            "GIT_AUTHOR_NAME": name,
            "GIT_AUTHOR_EMAIL": email,
            "GIT_COMMITTER_NAME": name,
            "GIT_COMMITTER_EMAIL": email,
        }
    return {k: v for k, v in IDENTITY.items() if k not in os.environ}


class Repo:
    def __init__(self, path: Path, *, author: Author | None = None) -> None:
        self.path = Path(path)
        self.author = author

    def git(self, *args: str, stdin: bytes | None = None, env: dict[str, str] | None = None) -> str:
        with git_environment(env) as full_env:  # built, never inherited: see pipeline/gitenv.py
            proc = subprocess.run(  # noqa: S603  (git with fixed arguments)
                [git_executable(), *args],
                cwd=self.path,
                input=stdin,
                capture_output=True,
                timeout=GIT_TIMEOUT_S,
                env=full_env,
                check=False,
            )
        if proc.returncode != 0:
            raise CodebegenError(
                f"git {args[0]} failed: {proc.stderr.decode(errors='replace').strip()}"
            )
        return proc.stdout.decode("utf-8", errors="replace")

    # --- state --------------------------------------------------------------------------

    def check_ready(self) -> str:
        """HEAD's commit id; UserError when this is no repository or it has local changes."""
        if not (self.path / ".git").exists():
            raise UserError(
                f"{self.path} is not a git repository.",
                hint="Refinement merges with what you changed since the last generation, so it "
                "needs the project's history: generate it with `codebegen generate`, which "
                "makes the repository, or see the README.",
            )
        status = self.git("status", "--porcelain", "--untracked-files=normal")
        if status.strip():
            raise UserError(
                f"{self.path} has changes that are not committed:\n{status.rstrip()}",
                hint="Commit or stash them first; refinement commits its result.",
            )
        return self.git("rev-parse", "HEAD").strip()

    def last_generated(self, rev: str = "HEAD") -> str | None:
        """The newest commit reachable from `rev` whose tree codebegen generated."""
        out = self.git(
            "rev-list", "--topo-order", "-n", "1", "--fixed-strings",
            f"--grep={GENERATED_TRAILER}", rev,
        )  # fmt: skip
        return out.strip() or None

    # --- trees --------------------------------------------------------------------------

    def read_tree(self, rev: str) -> Tree:
        tree = Tree()
        blobs: list[tuple[str, str]] = []
        for entry in self.git("ls-tree", "-r", "-z", rev).split("\0"):
            if not entry:
                continue
            meta, path = entry.split("\t", 1)
            mode, kind, sha = meta.split()
            if kind != "blob":
                continue  # submodules are not part of a generated project
            tree.modes[path] = mode
            if mode in TEXT_MODES:
                blobs.append((path, sha))
            else:
                tree.opaque[path] = sha
        for (path, sha), data in zip(blobs, self._blobs([s for _, s in blobs]), strict=True):
            try:
                tree.text[path] = data.decode("utf-8")
            except UnicodeDecodeError:
                tree.opaque[path] = sha
        return tree

    def _blobs(self, shas: list[str]) -> list[bytes]:
        if not shas:
            return []
        with git_environment() as env:
            proc = subprocess.run(  # noqa: S603  (git with fixed arguments)
                [git_executable(), "cat-file", "--batch"],
                cwd=self.path,
                input="".join(f"{s}\n" for s in shas).encode(),
                capture_output=True,
                timeout=GIT_TIMEOUT_S,
                env=env,
                check=True,
            )
        out, pos, blobs = proc.stdout, 0, []
        for _ in shas:
            header_end = out.index(b"\n", pos)
            size = int(out[pos:header_end].split()[2])
            blobs.append(out[header_end + 1 : header_end + 1 + size])
            pos = header_end + 1 + size + 1
        return blobs

    def write_tree(self, tree: Tree) -> str:
        """Store a tree (text files, opaque entries, modes) and return its id."""
        with tempfile.TemporaryDirectory(prefix="codebegen-index-") as tmp:
            paths = sorted(tree.text)
            staged = []
            for i, path in enumerate(paths):  # one `hash-object` for every file
                staged.append(Path(tmp) / f"blob-{i}")
                staged[-1].write_bytes(tree.text[path].encode("utf-8"))
            listing = "".join(f"{p}\n" for p in staged).encode()
            shas = self.git("hash-object", "-w", "--stdin-paths", stdin=listing).split()
            lines = []
            for path, sha in zip(paths, shas, strict=True):
                mode = tree.modes.get(path, "100644")
                lines.append(f"{mode if mode in TEXT_MODES else '100644'} {sha}\t{path}")
            for path, sha in sorted(tree.opaque.items()):
                lines.append(f"{tree.modes.get(path, '100644')} {sha}\t{path}")
            env = {"GIT_INDEX_FILE": str(Path(tmp) / "index")}
            info = "".join(f"{line}\n" for line in lines).encode()
            self.git("update-index", "--add", "--index-info", stdin=info, env=env)
            return self.git("write-tree", env=env).strip()

    def commit(self, tree: str, parents: list[str], message: str) -> str:
        args = ["commit-tree", tree]
        for parent in parents:
            args += ["-p", parent]
        env = identity_env(self.author)
        return self.git(*args, stdin=message.encode("utf-8"), env=env).strip()

    def fast_forward(self, commit: str) -> None:
        """Move the branch (and the working tree) to `commit`, a descendant of HEAD."""
        self.git("merge", "--ff-only", "--quiet", commit)


def init_generated(project_dir: Path, message: str) -> str:
    """Make `project_dir` (a freshly written project) a git repository whose first commit is
    the generated tree, marked as such. Returns the commit id."""
    repo = Repo(project_dir)
    repo.git("init", "--quiet")
    repo.git("add", "--all")
    repo.git("commit", "--quiet", "-m", f"{message}\n\n{GENERATED_TRAILER}", env=identity_env(None))
    return repo.git("rev-parse", "HEAD").strip()
