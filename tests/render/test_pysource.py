"""`tidy_imports`: unused names go, the rest is ordered as ruff's isort wants."""

from __future__ import annotations

from pipeline.render.pysource import tidy_imports


def test_unused_names_are_dropped_and_sections_ordered() -> None:
    source = (
        '"""Doc."""\n'
        "from app.models import Post, Tag\n"
        "from fastapi import Depends, APIRouter\n"
        "import os\n"
        "from typing import Any\n"
        "\n"
        "router = APIRouter(dependencies=[Depends(os.getcwd)])\n"
        "x: Post\n"
    )
    assert tidy_imports(source) == (
        '"""Doc."""\n\n'
        "import os\n\n"
        "from fastapi import APIRouter, Depends\n\n"
        "from app.models import Post\n\n"
        "router = APIRouter(dependencies=[Depends(os.getcwd)])\n"
        "x: Post\n"
    )


def test_names_in_string_annotations_and_all_count_as_used() -> None:
    source = (
        "from app.models.tag import Tag\n"
        "from app.models.user import User\n"
        "from app.db.base import Base\n"
        "\n"
        '__all__ = ["Base"]\n'
        'tags: "list[Tag]"\n'
        'message = f"User {1}"\n'
    )
    tidied = tidy_imports(source)
    assert "from app.models.tag import Tag" in tidied
    assert "from app.db.base import Base" in tidied
    assert "User" not in tidied.split("__all__")[0]


def test_constants_come_before_classes_and_functions() -> None:
    source = "from m import func, Klass, CONST\n\nprint(func, Klass, CONST)\n"
    assert tidy_imports(source).startswith("from m import CONST, Klass, func\n")


def test_a_module_without_imports_is_unchanged() -> None:
    assert tidy_imports('"""Doc."""\n\nX = 1\n') == '"""Doc."""\n\nX = 1\n'


def test_a_name_only_assigned_to_does_not_keep_its_import() -> None:
    source = "import datetime as dt\nfrom datetime import date\n\nclass A:\n    date: dt.date\n"
    assert tidy_imports(source).startswith(
        "import datetime as dt\n\n\nclass A:"
    )  # two before a class


def test_blank_lines_are_the_ones_black_writes() -> None:
    before_def = tidy_imports('"""Doc."""\nimport os\n@dec\ndef f():\n    os.sep\n')
    assert before_def == '"""Doc."""\n\nimport os\n\n\n@dec\ndef f():\n    os.sep\n'


def test_names_hidden_from_a_word_scan_still_count_as_used() -> None:
    """The walk skips statements without the imported name as a word; these hide it."""
    joined = 'from m import Tag\n\nx: "list[Ta" "g]"\n'
    escaped = 'from m import Tag\n\ny: "\\x54ag"\n'
    for source in (joined, escaped):
        assert tidy_imports(source).startswith("from m import Tag\n"), source
    assert tidy_imports('from m import Tag\n\nz: "Other"\n') == 'z: "Other"\n'
