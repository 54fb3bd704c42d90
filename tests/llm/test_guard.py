"""Guards on model output: JSON, the files contract, safe paths, the edit allow-list, Python."""

from __future__ import annotations

import json

import pytest

from pipeline.llm.guard import (
    MAX_FILE_BYTES,
    FilePolicy,
    FilesReply,
    GuardError,
    black_line_length,
    check_files,
    format_python,
    guard_files,
    load_json,
    matches,
    parse_reply,
    path_problem,
)


def reply(files: dict[str, str]) -> str:
    return json.dumps({"files": files})


@pytest.mark.parametrize(
    "text",
    [
        '{"files": {}}',
        '```json\n{"files": {}}\n```',
        '```\n{"files": {}}\n```',
        '  \n```json\n{"files": {}}\n```\n',
    ],
)
def test_json_is_read_with_or_without_a_fence(text: str) -> None:
    assert load_json(text) == {"files": {}}


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "empty"),
        ("Sure! Here are the files:", "not valid JSON"),
        ('{"files": {"a.py": "x"}', "not valid JSON"),
        (
            'Here:\n```json\n{"files": {}}\n```',
            "not valid JSON",
        ),  # prose around a fence is not guessed at
    ],
)
def test_text_that_is_not_json_is_refused(text: str, problem: str) -> None:
    with pytest.raises(GuardError, match=problem):
        load_json(text)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('{"file": {}}', "files: Field required"),
        ('{"files": {}, "notes": "hi"}', "notes: Extra inputs are not permitted"),
        ('{"files": {"a.py": 3}}', "files.a.py: Input should be a valid string"),
        ('{"files": []}', "files: Input should be a valid dictionary"),
        ("[1, 2]", "Input should be a valid dictionary or instance of FilesReply"),
    ],
)
def test_reply_must_match_the_files_contract_exactly(text: str, problem: str) -> None:
    with pytest.raises(GuardError) as info:
        parse_reply(text, FilesReply)
    assert any(problem in p for p in info.value.problems), info.value.problems


@pytest.mark.parametrize(
    ("path", "problem"),
    [
        ("/etc/passwd", "absolute"),
        ("C:/x.py", "absolute"),
        ("~/x.py", "absolute"),
        ("../outside.py", "'..'"),
        ("app/../../outside.py", "'..'"),
        ("app//main.py", "empty"),
        ("./app/main.py", "'.'"),
        ("app\\main.py", "backslash"),
        ("app/ma\x00in.py", "NUL"),
        (".git/config", ".git/"),
        ("app/.git/hooks/pre-commit", ".git/"),
        (".github/workflows/ci.yml", "workflow"),
        ("app/$(rm -rf).py", "characters"),
        ("a" * 201, "longer than"),
        ("", "empty"),
    ],
)
def test_paths_that_could_escape_or_harm_are_refused(path: str, problem: str) -> None:
    found = path_problem(path)
    assert found is not None and problem in found


@pytest.mark.parametrize(
    "path",
    [
        "app/services/capacity.py",
        "tests/test_capacity.py",
        "README.md",
        ".env.example",
        "app/v2/x-y.py",
    ],
)
def test_ordinary_project_paths_pass(path: str) -> None:
    assert path_problem(path) is None


def test_workflows_pass_only_when_allowed() -> None:
    assert path_problem(".github/workflows/ci.yml", allow_workflows=True) is None
    assert path_problem(".github/dependabot.yml") is None


def test_policy_allows_new_files_only_where_listed_and_edits_only_on_the_allow_list() -> None:
    policy = FilePolicy(
        existing=frozenset({"app/main.py", "app/core/config.py", "tests/test_tickets.py"}),
        creatable=("app/services/*.py", "tests/test_*.py"),
        editable=("app/main.py",),
    )
    problems = check_files(
        {
            "app/main.py": "ok",
            "app/services/capacity.py": "ok",
            "tests/test_capacity.py": "ok",
            "app/core/config.py": "changed",
            "tests/test_tickets.py": "weakened",
            "Dockerfile": "new",
        },
        policy,
    )
    assert problems == [
        "app/core/config.py already exists and may not be changed by the model",
        "tests/test_tickets.py already exists and may not be changed by the model",
        "Dockerfile is not a place where new files may be added",
    ]


def test_size_caps() -> None:
    policy = FilePolicy()
    problems = check_files({"big.py": "x" * (MAX_FILE_BYTES + 1)}, policy)
    assert problems == [
        f"big.py is {MAX_FILE_BYTES + 1} bytes; one file may have at most {MAX_FILE_BYTES}"
    ]
    many = {f"app/m{i}.py": "" for i in range(61)}
    assert "at most 60 are allowed" in check_files(many, policy)[0]


def test_python_is_black_formatted_at_the_projects_line_length() -> None:
    files, problems = format_python(
        {"app/x.py": "def f( a,b ):\n  return {'a':a,'b':b}\n", "README.md": "keep  as is"},
        line_length=100,
    )
    assert problems == []
    assert files == {
        "app/x.py": 'def f(a, b):\n    return {"a": a, "b": b}\n',
        "README.md": "keep  as is",
    }


def test_python_syntax_error_is_reported_with_its_line() -> None:
    _, problems = format_python({"app/x.py": "x = 1\ndef f(:\n    pass\n"}, line_length=100)
    assert len(problems) == 1
    assert problems[0].startswith("app/x.py: Python syntax error") and "2:" in problems[0]


def test_python_that_parses_but_does_not_compile_is_reported() -> None:
    _, problems = format_python({"app/x.py": "return 1\n"}, line_length=100)
    assert problems == ["app/x.py: Python syntax error at line 1: 'return' outside function"]


def test_line_length_comes_from_the_projects_pyproject() -> None:
    assert black_line_length({"pyproject.toml": "[tool.black]\nline-length = 100\n"}) == 100
    assert black_line_length({"pyproject.toml": "[project]\nname = 'x'\n"}) == 88
    assert black_line_length({"pyproject.toml": "not toml ["}) == 88
    assert black_line_length({}) == 88


def test_guard_files_runs_every_step() -> None:
    policy = FilePolicy(existing=frozenset({"app/main.py"}), creatable=("app/*",), editable=())
    assert guard_files(reply({"app/a.py": "x=1"}), policy, line_length=88) == {
        "app/a.py": "x = 1\n"
    }
    with pytest.raises(GuardError, match="may not be changed"):
        guard_files(reply({"app/main.py": "x = 1\n"}), policy, line_length=88)
    with pytest.raises(GuardError, match="syntax error"):
        guard_files(reply({"app/a.py": "def (:"}), policy, line_length=88)


MODEL_POLICY = FilePolicy(creatable=("app/services/*.py", "app/routers/*.py", "tests/test_*.py"))


@pytest.mark.parametrize(
    "path",
    [
        "tests/test_x/conftest.py",  # a pytest plugin under a folder named like a test file
        "tests/test_x/evil.py",
        "app/services/a/b/evil.py",  # `*` across `/`
        "app/services/a/evil.py",
        "app/services/__init__.py",  # run on import of the package
        "app/routers/conftest.py",
        "tests/test_a/b/c/d/e/f/g/test_deep.py",
        "tests/conftest.py",
        "app/services/x.pth",
    ],
)
def test_creatable_patterns_match_whole_segments_and_never_magic_names(path: str) -> None:
    assert check_files({path: "x = 1\n"}, MODEL_POLICY) == [
        f"{path} is not a place where new files may be added"
    ]


@pytest.mark.parametrize("path", ["app/services/capacity.py", "tests/test_capacity.py"])
def test_creatable_patterns_still_allow_their_own_files(path: str) -> None:
    assert check_files({path: "x = 1\n"}, MODEL_POLICY) == []


def test_a_literal_pattern_may_name_a_magic_file() -> None:
    policy = FilePolicy(creatable=("tests/conftest.py",))
    assert check_files({"tests/conftest.py": "x = 1\n"}, policy) == []


def test_double_star_stands_for_any_number_of_segments() -> None:
    assert matches("a/b/c.py", "**") and matches("a/b/c.py", "a/**")
    assert not matches("a/b/c.py", "a/*")
