"""worker/harvest.py: a merged PR's `/codebegen refine` rounds, read from a real git history."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from bot.gitops import GitOps
from pipeline.refine import GENERATED_TRAILER
from training.dataset import Refinement
from worker.harvest import (
    MAX_REFINEMENT_BYTES,
    diff_refinement,
    instruction_of,
    merged_refinements,
)
from worker.ports import Checkout

GENERATED = {"app/main.py": "app = 1\n", "app/models.py": "class Post: ...\n", "old.txt": "x\n"}


def git(repo: Path, *args: str) -> str:
    who = {"NAME": "t", "EMAIL": "t@example.invalid"}
    env = os.environ | {
        f"GIT_{role}_{k}": v for role in ("AUTHOR", "COMMITTER") for k, v in who.items()
    }
    out = subprocess.run(
        ["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True
    )
    return out.stdout.strip()


def commit(repo: Path, files: dict[str, str | None], message: str) -> str:
    for name, text in files.items():
        if text is None:
            (repo / name).unlink()
        else:
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            (repo / name).write_text(text)
    git(repo, "add", "--all")
    git(repo, "commit", "-qm", message)
    return git(repo, "rev-parse", "HEAD")


@pytest.fixture
def merged(tmp_path: Path) -> tuple[Checkout, str]:
    """main with an earlier generated commit, and a merged PR: generate, two refines, a person."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    commit(repo, {"README.md": "# blog\n"}, "init")
    commit(repo, {"earlier.py": "1\n"}, f"codebegen refine: an earlier PR\n\n{GENERATED_TRAILER}")
    git(repo, "checkout", "-qb", "codebegen/issue-1-blog-api")
    commit(repo, GENERATED, f"Generate Blog API from #1\n\nfrom issue #1\n\n{GENERATED_TRAILER}\n")
    commit(
        repo,
        {"app/models.py": "class Post:\n    title: str\n", "app/tags.py": "tags = []\n"},
        f"codebegen refine: add a title to Post\n\n- add field Post.title\n\n{GENERATED_TRAILER}\n",
    )
    commit(
        repo,
        {"old.txt": None, "app/main.py": "app = 2\n"},
        "codebegen refine: drop old.txt\nand bump the app\n\n- bump\n- drop\n\n"
        f"{GENERATED_TRAILER}\n",
    )
    commit(repo, {"app/main.py": "app = 3  # a person\n"}, "codebegen refine: not generated")
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-ff", "-m", "Merge pull request #2", "codebegen/issue-1-blog-api")
    checkout = Checkout(repo, "main", "main", branch_existed=True, base_created=False)
    return checkout, git(repo, "rev-parse", "HEAD")


def test_the_merged_prs_refinements_come_oldest_first_without_human_or_earlier_commits(merged):
    checkout, merge_sha = merged

    rounds = [
        Refinement.model_validate(r) for r in merged_refinements(GitOps(), checkout, merge_sha)
    ]

    assert [r.instruction for r in rounds] == [
        "add a title to Post",
        "drop old.txt\nand bump the app",
    ]
    first, second = rounds
    assert first.before == {"app/models.py": "class Post: ...\n"}
    assert first.after == {
        "app/models.py": "class Post:\n    title: str\n",
        "app/tags.py": "tags = []\n",
    }
    assert first.deleted == []
    assert second.before == {"app/main.py": "app = 1\n"}
    assert second.after == {"app/main.py": "app = 2\n"}
    assert second.deleted == ["old.txt"]


def test_a_squash_merge_finds_the_refinements_at_the_prs_head(merged):
    checkout, merge_sha = merged
    repo = checkout.path
    head = git(repo, "rev-parse", "codebegen/issue-1-blog-api")
    git(repo, "reset", "-q", "--hard", f"{merge_sha}^1")  # main before the merge, then squash:
    git(repo, "merge", "-q", "--squash", "codebegen/issue-1-blog-api")
    git(repo, "commit", "-qm", "Blog API (#2)")
    squash = git(repo, "rev-parse", "HEAD")
    git(repo, "branch", "-qD", "codebegen/issue-1-blog-api")  # the branch is deleted on merge

    assert merged_refinements(GitOps(), checkout, squash) == []  # not in main's history
    rounds = merged_refinements(GitOps(), checkout, squash, head=head)
    assert [r["instruction"] for r in rounds] == [
        "add a title to Post",
        "drop old.txt\nand bump the app",
    ]


@pytest.mark.parametrize(
    ("message", "instruction"),
    [
        (f"codebegen refine: add tags\n\n- add entity Tag\n\n{GENERATED_TRAILER}\n", "add tags"),
        (f"codebegen refine: one\n\ntwo\n\n- x\n\n{GENERATED_TRAILER}", "one\n\ntwo"),
        (f"codebegen refine: add tags\n\n{GENERATED_TRAILER}", "add tags"),
        (f"Generate Blog API from #1\n\n{GENERATED_TRAILER}", None),
        (f"Regenerate Blog API\n\n{GENERATED_TRAILER}", None),
    ],
)
def test_instruction_of_reads_the_instruction_from_a_refine_message(message, instruction):
    assert instruction_of(message) == instruction


def test_a_refinement_that_changed_nothing_or_is_too_big_is_left_out():
    assert diff_refinement("noop", {"a": "1"}, {"a": "1"}) is None
    big = "x" * MAX_REFINEMENT_BYTES
    assert diff_refinement("grow", {"a": "1"}, {"a": big}) is None
