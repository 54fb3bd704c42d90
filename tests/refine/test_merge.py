"""Three-way merge of trees with real `git merge-file`: people's edits survive, overlaps conflict."""

from __future__ import annotations

import pytest

from pipeline.merge import changed_paths, merge_trees

BASE = "".join(f"line {i}\n" for i in range(1, 21))


def edit(text: str, number: int, new: str) -> str:
    lines = text.splitlines(keepends=True)
    lines[number - 1] = new + "\n"
    return "".join(lines)


def test_non_overlapping_edits_are_both_kept() -> None:
    theirs = edit(BASE, 3, "generated 3")
    ours = edit(BASE, 17, "human 17")
    result = merge_trees({"a.py": BASE}, {"a.py": theirs}, {"a.py": ours})
    assert result.clean
    assert result.files["a.py"] == edit(edit(BASE, 3, "generated 3"), 17, "human 17")


def test_overlapping_edits_are_a_conflict_with_line_ranges() -> None:
    theirs = edit(BASE, 10, "generated 10")
    ours = edit(edit(BASE, 10, "human 10"), 11, "human 11")
    result = merge_trees({"a.py": BASE}, {"a.py": theirs}, {"a.py": ours})
    assert not result.clean
    (conflict,) = result.conflicts
    assert conflict.path == "a.py"
    assert (conflict.ours_start, conflict.ours_end) == (10, 11)
    assert (conflict.theirs_start, conflict.theirs_end) == (10, 11)
    assert conflict.ours_text == "human 10\nhuman 11\n"
    assert conflict.theirs_text == "generated 10\nline 11\n"
    assert "lines 10-11" in conflict.location()
    assert result.files["a.py"] == ours  # with a conflict, the branch's file is left as it was


def test_conflict_ranges_account_for_lines_added_above() -> None:
    theirs = edit(BASE, 15, "generated 15")
    ours = "header 1\nheader 2\n" + edit(BASE, 15, "human 15")
    (conflict,) = merge_trees({"a.py": BASE}, {"a.py": theirs}, {"a.py": ours}).conflicts
    assert (conflict.ours_start, conflict.ours_end) == (17, 17)
    assert (conflict.theirs_start, conflict.theirs_end) == (15, 15)


def test_deletion_against_edit_is_reported_before_the_right_line() -> None:
    lines = BASE.splitlines(keepends=True)
    ours = "".join(lines[:9] + lines[10:])  # people deleted line 10
    theirs = edit(BASE, 10, "generated 10")
    (conflict,) = merge_trees({"a.py": BASE}, {"a.py": theirs}, {"a.py": ours}).conflicts
    assert (conflict.ours_start, conflict.ours_end) == (10, 9)  # empty: before line 10
    assert "deletion before line 10" in conflict.description


def test_the_same_edit_on_both_sides_is_clean() -> None:
    both = edit(BASE, 5, "same")
    result = merge_trees({"a.py": BASE}, {"a.py": both}, {"a.py": both})
    assert result.clean and result.files["a.py"] == both


@pytest.mark.parametrize(
    ("base", "theirs", "ours", "expected", "conflicts"),
    [
        # file added by people: kept
        ({}, {}, {"x": "mine\n"}, {"x": "mine\n"}, 0),
        # file added by the new generation: added
        ({}, {"x": "gen\n"}, {}, {"x": "gen\n"}, 0),
        # removed by the new generation, untouched by people: removed
        ({"x": BASE}, {}, {"x": BASE}, {}, 0),
        # removed by people, unchanged by the generation: stays removed
        ({"x": BASE}, {"x": BASE}, {}, {}, 0),
        # removed by both: removed
        ({"x": BASE}, {}, {}, {}, 0),
        # removed by people, changed by the new generation: conflict
        ({"x": BASE}, {"x": edit(BASE, 2, "g")}, {}, {}, 1),
        # edited by people, removed by the new generation: conflict, the edit stays
        ({"x": BASE}, {}, {"x": edit(BASE, 2, "h")}, {"x": edit(BASE, 2, "h")}, 1),
        # added on both sides with the same text: clean
        ({}, {"x": "same\n"}, {"x": "same\n"}, {"x": "same\n"}, 0),
        # added on both sides with different text: conflict
        ({}, {"x": "gen\n"}, {"x": "mine\n"}, {"x": "mine\n"}, 1),
    ],
)
def test_whole_file_cases(
    base: dict[str, str],
    theirs: dict[str, str],
    ours: dict[str, str],
    expected: dict[str, str],
    conflicts: int,
) -> None:
    result = merge_trees(base, theirs, ours)
    assert result.files == expected
    assert len(result.conflicts) == conflicts


def test_delete_modify_conflict_names_the_file() -> None:
    result = merge_trees({"x.py": BASE}, {"x.py": edit(BASE, 2, "g")}, {})
    assert "deleted on the branch" in result.conflicts[0].description
    assert result.conflicts[0].theirs_end == 20


def test_changed_paths_lists_added_modified_removed() -> None:
    before = {"a": "1", "b": "2", "c": "3"}
    after = {"a": "1", "b": "two", "d": "4"}
    assert changed_paths(before, after) == {"added": ["d"], "modified": ["b"], "removed": ["c"]}
