"""write_project: all or nothing, never over a non-empty directory unless forced."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipeline.errors import CodebegenError, UserError
from pipeline.generate import check_out_dir, write_project

FILES = {"app/main.py": "app = None\n", "README.md": "# x\n"}


def test_writes_every_file(tmp_path: Path) -> None:
    out = write_project(FILES, tmp_path / "api")
    assert (out / "app/main.py").read_text() == "app = None\n"
    assert sorted(p.name for p in out.iterdir()) == ["README.md", "app"]


def test_creates_missing_parents(tmp_path: Path) -> None:
    out = write_project(FILES, tmp_path / "a" / "b" / "api")
    assert (out / "README.md").is_file()


def test_an_empty_existing_directory_is_fine(tmp_path: Path) -> None:
    (tmp_path / "api").mkdir()
    write_project(FILES, tmp_path / "api")
    assert (tmp_path / "api/README.md").is_file()


def test_refuses_a_non_empty_directory_without_force(tmp_path: Path) -> None:
    (tmp_path / "api").mkdir()
    (tmp_path / "api/keep.txt").write_text("mine")
    with pytest.raises(UserError, match="not empty") as info:
        write_project(FILES, tmp_path / "api")
    assert "--force" in info.value.hint
    assert sorted(os.listdir(tmp_path / "api")) == ["keep.txt"]


def test_force_replaces_the_directory_contents(tmp_path: Path) -> None:
    (tmp_path / "api").mkdir()
    (tmp_path / "api/stale.py").write_text("old")
    write_project(FILES, tmp_path / "api", force=True)
    assert sorted(os.listdir(tmp_path / "api")) == ["README.md", "app"]
    assert sorted(os.listdir(tmp_path)) == ["api"]  # no staging or backup left behind


def test_refuses_a_file_in_the_way(tmp_path: Path) -> None:
    (tmp_path / "api").write_text("")
    with pytest.raises(UserError, match="not a directory"):
        write_project(FILES, tmp_path / "api", force=True)


def test_nothing_is_half_written_when_a_file_cannot_be_written(tmp_path: Path) -> None:
    files = {**FILES, "a/b": "x", "a/b/c": "clash: a/b is a file"}
    with pytest.raises(OSError):
        write_project(files, tmp_path / "api")
    assert os.listdir(tmp_path) == []


def test_force_keeps_the_old_tree_when_writing_fails(tmp_path: Path) -> None:
    (tmp_path / "api").mkdir()
    (tmp_path / "api/keep.txt").write_text("mine")
    with pytest.raises(OSError):
        write_project({"a/b": "x", "a/b/c": "y"}, tmp_path / "api", force=True)
    assert (tmp_path / "api/keep.txt").read_text() == "mine"
    assert sorted(os.listdir(tmp_path)) == ["api"]


@pytest.mark.parametrize("rel", ["../evil.py", "/etc/evil", "a/../../evil"])
def test_refuses_paths_outside_the_project(tmp_path: Path, rel: str) -> None:
    with pytest.raises(CodebegenError, match="outside the project"):
        write_project({rel: "x"}, tmp_path / "api")
    assert not (tmp_path / "api").exists()


def test_force_never_replaces_the_current_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "here").mkdir()
    (tmp_path / "here/file").write_text("x")
    monkeypatch.chdir(tmp_path / "here")
    with pytest.raises(UserError, match="Refusing to replace"):
        check_out_dir(Path("."), force=True)
    with pytest.raises(UserError, match="Refusing to replace"):
        check_out_dir(Path(".."), force=True)
