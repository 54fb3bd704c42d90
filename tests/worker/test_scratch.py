"""The worker's scratch folder: created 0700 by the worker, checked on every use."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from worker.context import UnsafeScratch, private_dir


def test_a_missing_scratch_folder_is_created_private(tmp_path: Path) -> None:
    path = private_dir(tmp_path / "codebegen")
    st = os.lstat(path)
    assert stat.S_ISDIR(st.st_mode) and stat.S_IMODE(st.st_mode) == 0o700
    assert st.st_uid == os.geteuid()


def test_a_world_writable_scratch_folder_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "codebegen"
    path.mkdir()
    path.chmod(0o777)  # what a sandboxed process left behind before
    with pytest.raises(UnsafeScratch, match="writable by others"):
        private_dir(path)


def test_a_scratch_folder_owned_by_another_uid_is_refused(tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("only root can make a folder another uid owns")
    path = tmp_path / "codebegen"
    path.mkdir(mode=0o700)
    os.chown(path, 65534, 65534)
    with pytest.raises(UnsafeScratch, match="belongs to uid 65534"):
        private_dir(path)


def test_a_scratch_folder_that_is_a_symlink_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere"
    target.mkdir(mode=0o700)
    link = tmp_path / "codebegen"
    link.symlink_to(target)
    with pytest.raises(UnsafeScratch, match="not a plain directory"):
        private_dir(link)


def test_our_own_readable_scratch_folder_is_tightened_to_0700(tmp_path: Path) -> None:
    path = tmp_path / "codebegen"
    path.mkdir(mode=0o755)
    path.chmod(0o755)
    private_dir(path)
    assert stat.S_IMODE(os.lstat(path).st_mode) == 0o700
