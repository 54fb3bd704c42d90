"""Real bare git repositories for the stand-in, and git's own smart-HTTP (``git http-backend``).

Everything here shells out to the ``git`` binary: the stand-in never fakes git state.
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

_GIT_ENV_DROP = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_CONFIG_COUNT")


def _base_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_CONFIG_")}
    for key in _GIT_ENV_DROP:
        env.pop(key, None)
    # never read the developer's ~/.gitconfig or /etc/gitconfig: hooks, signing, templates...
    env["GIT_CONFIG_NOSYSTEM"] = "1"
    env["GIT_CONFIG_GLOBAL"] = os.devnull
    env["GIT_TERMINAL_PROMPT"] = "0"
    return env


class GitError(RuntimeError):
    pass


def git(
    repo: Path | str,
    *args: str,
    input: bytes | None = None,
    env: dict[str, str] | None = None,
    check: bool = True,
) -> subprocess.CompletedProcess[bytes]:
    full_env = _base_env()
    if env:
        full_env.update(env)
    proc = subprocess.run(
        ["git", "-C", str(repo), *args],
        input=input,
        capture_output=True,
        env=full_env,
        check=False,
    )
    if check and proc.returncode != 0:
        raise GitError(
            f"git {' '.join(args)} failed ({proc.returncode}): "
            f"{proc.stderr.decode(errors='replace').strip()}"
        )
    return proc


def git_out(repo: Path | str, *args: str, **kw: object) -> str:
    return git(repo, *args, **kw).stdout.decode().strip()  # type: ignore[arg-type]


def init_bare(path: Path, default_branch: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["git", "init", "--quiet", "--bare", f"--initial-branch={default_branch}", str(path)],
        check=True,
        env=_base_env(),
        capture_output=True,
    )
    # allow pushes through http-backend (auth is done by the stand-in before the CGI runs)
    git(path, "config", "http.receivepack", "true")
    git(path, "config", "http.uploadpack", "true")
    git(path, "config", "uploadpack.allowAnySHA1InWant", "true")
    hook = path / "hooks" / "pre-receive"
    hook.parent.mkdir(exist_ok=True)
    hook.write_text(PRE_RECEIVE)
    hook.chmod(0o755)


# GitHub refuses pushes that touch workflows unless the app has `workflows: write`.
# http-backend passes STANDIN_WORKFLOWS (the token's level) through to the hook.
PRE_RECEIVE = r"""#!/bin/sh
[ "$STANDIN_WORKFLOWS" = "write" ] && exit 0
z=0000000000000000000000000000000000000000
while read old new ref; do
  [ "$new" = "$z" ] && continue
  if [ "$old" = "$z" ]; then commits=$(git rev-list "$new" --not --all); else commits=$(git rev-list "$old..$new"); fi
  for c in $commits; do
    f=$(git diff-tree --no-commit-id --name-only -r --root "$c" | grep '^\.github/workflows/' | head -n 1)
    if [ -n "$f" ]; then
      echo "refusing to allow a GitHub App to create or update workflow \`$f\` without \`workflows\` permission" >&2
      exit 1
    fi
  done
done
exit 0
"""


def rev_parse(repo: Path, rev: str) -> str | None:
    proc = git(repo, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}", check=False)
    if proc.returncode != 0:
        return None
    return proc.stdout.decode().strip()


def object_exists(repo: Path, sha: str) -> bool:
    return git(repo, "cat-file", "-e", f"{sha}^{{commit}}", check=False).returncode == 0


def branches(repo: Path) -> dict[str, str]:
    out = git_out(repo, "for-each-ref", "refs/heads", "--format=%(refname:lstrip=2) %(objectname)")
    result: dict[str, str] = {}
    for line in out.splitlines():
        if line.strip():
            name, sha = line.rsplit(" ", 1)
            result[name] = sha
    return result


def refs(repo: Path) -> dict[str, str]:
    out = git_out(repo, "for-each-ref", "--format=%(refname) %(objectname) %(objecttype)")
    result: dict[str, str] = {}
    for line in out.splitlines():
        if line.strip():
            name, sha, _type = line.rsplit(" ", 2)
            result[name] = sha
    return result


def is_empty(repo: Path) -> bool:
    return not refs(repo)


def list_tree(repo: Path, rev: str) -> list[str]:
    out = git_out(repo, "ls-tree", "-r", "--name-only", "-z", rev)
    return [p for p in out.split("\0") if p]


def read_blob(repo: Path, rev: str, path: str) -> bytes | None:
    proc = git(repo, "cat-file", "blob", f"{rev}:{path}", check=False)
    if proc.returncode != 0:
        return None
    return proc.stdout


@dataclass
class TreeEntry:
    path: str
    type: str  # blob | tree | commit (a submodule)
    sha: str
    size: int  # 0 for trees and submodules


def tree_entries(repo: Path, rev: str, path: str) -> tuple[bool, list[TreeEntry]] | None:
    """(is a directory, its entries) or (False, [the one entry]); None when nothing is there.

    `path` "" is the root directory. Like `git ls-tree -l`: one level, with the sizes of blobs.
    """
    target = f"{rev}:{path}" if path else f"{rev}^{{tree}}"
    kind = git(repo, "cat-file", "-t", target, check=False)
    if kind.returncode != 0:
        return None
    is_dir = kind.stdout.decode().strip() == "tree"
    listing = (
        ("ls-tree", "-l", "-z", target) if is_dir else ("ls-tree", "-l", "-z", rev, "--", path)
    )
    entries = []
    for item in filter(None, git_out(repo, *listing).split("\0")):
        meta, name = item.split("\t", 1)
        _mode, type_, sha, size = meta.split()
        full = f"{path}/{name}" if is_dir and path else name
        entries.append(TreeEntry(full, type_, sha, int(size) if size.isdigit() else 0))
    return is_dir, entries


def blob_sha(repo: Path, rev: str, path: str) -> str | None:
    proc = git(repo, "rev-parse", "--verify", "--quiet", f"{rev}:{path}", check=False)
    if proc.returncode != 0:
        return None
    return proc.stdout.decode().strip()


@dataclass
class CommitInfo:
    sha: str
    tree: str
    parents: list[str]
    author_name: str
    author_email: str
    author_date: str
    committer_name: str
    committer_email: str
    committer_date: str
    message: str


def commit_info(repo: Path, rev: str) -> CommitInfo:
    fmt = "%H%x00%T%x00%P%x00%an%x00%ae%x00%aI%x00%cn%x00%ce%x00%cI%x00%B"
    out = git(repo, "log", "-1", f"--format={fmt}", rev).stdout.decode()
    parts = out.split("\0")
    return CommitInfo(
        sha=parts[0],
        tree=parts[1],
        parents=parts[2].split() if parts[2] else [],
        author_name=parts[3],
        author_email=parts[4],
        author_date=parts[5],
        committer_name=parts[6],
        committer_email=parts[7],
        committer_date=parts[8],
        message=parts[9].rstrip("\n"),
    )


def log(repo: Path, rev: str, max_count: int = 100) -> list[CommitInfo]:
    out = git_out(repo, "rev-list", f"--max-count={max_count}", rev)
    return [commit_info(repo, sha) for sha in out.split()]


def commit_files(
    repo: Path,
    branch: str,
    files: dict[str, bytes | str | None],
    message: str,
    *,
    author: tuple[str, str] = ("Stand-in", "standin@example.invalid"),
    parent: str | None | bool = True,
) -> str:
    """Commit ``files`` (path -> content; None deletes) onto ``branch`` with plumbing only.

    ``parent=True`` uses the branch tip (none for a new branch), a sha uses that commit,
    ``None``/``False`` makes a root commit. Returns the new commit sha.
    """
    if parent is True:
        parent_sha = rev_parse(repo, f"refs/heads/{branch}")
    elif parent:
        parent_sha = str(parent)
    else:
        parent_sha = None
    with tempfile.TemporaryDirectory(prefix="standin-idx-") as tmp:
        env = {"GIT_INDEX_FILE": str(Path(tmp) / "index")}
        if parent_sha:
            git(repo, "read-tree", parent_sha, env=env)
        else:
            git(repo, "read-tree", "--empty", env=env)
        for path, content in files.items():
            if content is None:
                git(repo, "update-index", "--force-remove", "--", path, env=env)
                continue
            data = content.encode() if isinstance(content, str) else content
            sha = git_out(repo, "hash-object", "-w", "--stdin", input=data)
            git(repo, "update-index", "--add", "--cacheinfo", f"100644,{sha},{path}", env=env)
        tree = git_out(repo, "write-tree", env=env)
    name, email = author
    cenv = {
        "GIT_AUTHOR_NAME": name,
        "GIT_AUTHOR_EMAIL": email,
        "GIT_COMMITTER_NAME": name,
        "GIT_COMMITTER_EMAIL": email,
    }
    args = ["commit-tree", tree, "-m", message]
    if parent_sha:
        args += ["-p", parent_sha]
    commit = git_out(repo, *args, env=cenv)
    old = parent_sha if parent is True and parent_sha else ""
    git(repo, "update-ref", f"refs/heads/{branch}", commit, *([old] if old else []))
    return commit


def merge_base(repo: Path, a: str, b: str) -> str | None:
    proc = git(repo, "merge-base", a, b, check=False)
    if proc.returncode != 0:
        return None
    return proc.stdout.decode().strip()


def count_commits(repo: Path, base: str, head: str) -> int:
    return int(git_out(repo, "rev-list", "--count", f"{base}..{head}"))


def merge(
    repo: Path,
    base_branch: str,
    head_sha: str,
    message: str,
    author: tuple[str, str],
) -> str:
    """A real merge commit of ``head_sha`` into ``base_branch`` (like GitHub's merge button)."""
    base_sha = rev_parse(repo, f"refs/heads/{base_branch}")
    if base_sha is None:
        raise GitError(f"base branch {base_branch} does not exist")
    proc = git(repo, "merge-tree", "--write-tree", base_sha, head_sha, check=False)
    if proc.returncode != 0:
        raise GitError(f"merge conflict: {proc.stdout.decode(errors='replace')}")
    tree = proc.stdout.decode().split()[0]
    name, email = author
    env = {
        "GIT_AUTHOR_NAME": name,
        "GIT_AUTHOR_EMAIL": email,
        "GIT_COMMITTER_NAME": "GitHub",
        "GIT_COMMITTER_EMAIL": "noreply@github.com",
    }
    commit = git_out(
        repo, "commit-tree", tree, "-p", base_sha, "-p", head_sha, "-m", message, env=env
    )
    git(repo, "update-ref", f"refs/heads/{base_branch}", commit, base_sha)
    return commit


@dataclass
class FileDiff:
    filename: str
    status: str  # added | removed | modified | renamed
    additions: int
    deletions: int
    patch: str
    sha: str | None  # blob sha on the head side (None when removed)
    previous_filename: str | None = None

    def right_lines(self) -> set[int]:
        return _hunk_lines(self.patch, "+")

    def left_lines(self) -> set[int]:
        return _hunk_lines(self.patch, "-")


_HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")


def _hunk_lines(patch: str, side: str) -> set[int]:
    lines: set[int] = set()
    for line in patch.splitlines():
        m = _HUNK.match(line)
        if not m:
            continue
        if side == "+":
            start, count = int(m.group(3)), int(m.group(4) if m.group(4) is not None else 1)
        else:
            start, count = int(m.group(1)), int(m.group(2) if m.group(2) is not None else 1)
        lines.update(range(start, start + count))
    return lines


def diff_files(repo: Path, base: str, head: str) -> list[FileDiff]:
    """Files changed between the merge base of ``base`` and ``head`` (GitHub's three-dot diff)."""
    mb = merge_base(repo, base, head) or base
    raw = git(
        repo, "diff", "--no-color", "--no-renames", "--no-ext-diff", "-U3", f"{mb}", head
    ).stdout.decode(errors="replace")
    numstat = git_out(repo, "diff", "--numstat", "--no-renames", "-z", mb, head)
    counts: dict[str, tuple[int, int]] = {}
    for entry in numstat.split("\0"):
        if not entry.strip():
            continue
        parts = entry.split("\t")
        if len(parts) >= 3:
            add = int(parts[0]) if parts[0].isdigit() else 0
            dele = int(parts[1]) if parts[1].isdigit() else 0
            counts[parts[2]] = (add, dele)
    result: list[FileDiff] = []
    for chunk in re.split(r"^diff --git ", raw, flags=re.M):
        if not chunk.strip():
            continue
        header, _, body = chunk.partition("\n@@")
        patch = ("@@" + body) if body else ""
        status = "modified"
        if "\nnew file mode" in header:
            status = "added"
        elif "\ndeleted file mode" in header:
            status = "removed"
        name = None
        for hline in header.splitlines():
            if hline.startswith("+++ b/"):
                name = hline[6:]
            elif hline.startswith("--- a/") and name is None and status == "removed":
                name = hline[4 + 2 :]
        if name is None:
            first = header.splitlines()[0]
            name = first.split(" b/", 1)[-1]
        add, dele = counts.get(name, (0, 0))
        sha = None if status == "removed" else blob_sha(repo, head, name)
        result.append(
            FileDiff(
                filename=name,
                status=status,
                additions=add,
                deletions=dele,
                patch=patch.rstrip("\n"),
                sha=sha,
            )
        )
    return result


def diff_hunk_for_line(patch: str, line: int, side: str = "RIGHT") -> str:
    """The part of ``patch`` GitHub shows above a review comment: hunk header .. the line."""
    out: list[str] = []
    cur_old = cur_new = 0
    for pline in patch.splitlines():
        m = _HUNK.match(pline)
        if m:
            out = [pline]
            cur_old, cur_new = int(m.group(1)), int(m.group(3))
            continue
        out.append(pline)
        if pline.startswith("+"):
            if side == "RIGHT" and cur_new == line:
                return "\n".join(out)
            cur_new += 1
        elif pline.startswith("-"):
            if side == "LEFT" and cur_old == line:
                return "\n".join(out)
            cur_old += 1
        else:
            if (side == "RIGHT" and cur_new == line) or (side == "LEFT" and cur_old == line):
                return "\n".join(out)
            cur_old += 1
            cur_new += 1
    return "\n".join(out)


def position_in_patch(patch: str, line: int, side: str = "RIGHT") -> int | None:
    """The legacy ``position`` (1-based line index in the patch below the first hunk header)."""
    pos = 0
    cur_old = cur_new = 0
    first = True
    for pline in patch.splitlines():
        m = _HUNK.match(pline)
        if m:
            if not first:
                pos += 1
            first = False
            cur_old, cur_new = int(m.group(1)), int(m.group(3))
            continue
        pos += 1
        if pline.startswith("+"):
            if side == "RIGHT" and cur_new == line:
                return pos
            cur_new += 1
        elif pline.startswith("-"):
            if side == "LEFT" and cur_old == line:
                return pos
            cur_old += 1
        else:
            if (side == "RIGHT" and cur_new == line) or (side == "LEFT" and cur_old == line):
                return pos
            cur_old += 1
            cur_new += 1
    return None


# --------------------------------------------------------------------------- smart HTTP (CGI)


@dataclass
class CgiResponse:
    status: int
    headers: list[tuple[str, str]]
    body: bytes


def http_backend(
    project_root: Path,
    *,
    method: str,
    path_info: str,
    query_string: str,
    content_type: str | None,
    body: bytes,
    content_encoding: str | None = None,
    remote_user: str | None = None,
    git_protocol: str | None = None,
    extra_env: dict[str, str] | None = None,
) -> CgiResponse:
    """Run ``git http-backend`` once (CGI/1.1) and parse its answer."""
    env = _base_env()
    env.update(
        {
            "GIT_PROJECT_ROOT": str(project_root),
            "GIT_HTTP_EXPORT_ALL": "1",
            "GATEWAY_INTERFACE": "CGI/1.1",
            "REQUEST_METHOD": method,
            "PATH_INFO": path_info,
            "QUERY_STRING": query_string,
            "CONTENT_LENGTH": str(len(body)),
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "127.0.0.1",
        }
    )
    if content_type:
        env["CONTENT_TYPE"] = content_type
    if content_encoding:
        env["HTTP_CONTENT_ENCODING"] = content_encoding
    if remote_user:
        env["REMOTE_USER"] = remote_user
    if git_protocol:
        env["GIT_PROTOCOL"] = git_protocol
    if extra_env:
        env.update(extra_env)
    proc = subprocess.run(
        ["git", "http-backend"], input=body, capture_output=True, env=env, check=False
    )
    out = proc.stdout
    sep = out.find(b"\r\n\r\n")
    sep_len = 4
    alt = out.find(b"\n\n")
    if sep < 0 or (0 <= alt < sep):
        sep, sep_len = alt, 2
    if sep < 0:
        return CgiResponse(
            500, [("Content-Type", "text/plain")], proc.stderr or b"http-backend failed"
        )
    head, content = out[:sep].decode("latin-1"), out[sep + sep_len :]
    status = 200
    headers: list[tuple[str, str]] = []
    for line in head.splitlines():
        if not line.strip() or ":" not in line:
            continue
        key, value = line.split(":", 1)
        value = value.strip()
        if key.lower() == "status":
            status = int(value.split()[0])
        else:
            headers.append((key, value))
    return CgiResponse(status, headers, content)
