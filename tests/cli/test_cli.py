"""`codebegen generate`, driven in-process through main() and once as the real console script."""

from __future__ import annotations

import functools
import io
import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import EXIT_FAILED, EXIT_OK, EXIT_USAGE, main
from pipeline.refine import GENERATED_TRAILER
from pipeline.validate import CheckResult, CheckStatus, ValidationReport

TODO = "Build a todo API with tasks (title, due date, done flag) and projects (name)."
NOT_A_SPEC = "hello, can you help me?"


def _tree(path: Path) -> list[str]:
    return sorted(
        p.relative_to(path).as_posix()
        for p in path.rglob("*")
        if p.is_file() and ".git" not in p.relative_to(path).parts
    )


def test_generate_from_text_prints_schema_report_and_where(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "todo-api"
    code = main(["generate", "--text", TODO, "--out", str(out)])
    stdout = capsys.readouterr().out
    assert code == EXIT_OK, stdout
    assert "Entities" in stdout and "Task" in stdout and "title" in stdout
    assert "pytest (sqlite)" in stdout and "Validation passed" in stdout
    assert f"Wrote {len(_tree(out))} files to {out}" in stdout
    assert {"app/main.py", "codebegen.yaml", "openapi.yaml"} <= set(_tree(out))
    assert "Model roles" not in stdout  # no CODEBEGEN_LLM_*: the template engine alone


def test_generated_project_is_a_repository_whose_first_commit_is_marked_generated(
    tmp_path: Path,
) -> None:
    out = tmp_path / "api"
    assert main(["generate", "--text", TODO, "--out", str(out), "--no-validate"]) == EXIT_OK
    message = subprocess.run(
        ["git", "log", "-1", "--format=%B"], cwd=out, capture_output=True, text=True, check=True
    ).stdout
    assert GENERATED_TRAILER in message.splitlines()
    status = subprocess.run(
        ["git", "status", "--porcelain"], cwd=out, capture_output=True, text=True, check=True
    ).stdout
    assert status == ""  # everything written is committed


def test_no_git_leaves_a_plain_folder(tmp_path: Path) -> None:
    out = tmp_path / "api"
    args = ["generate", "--text", TODO, "--out", str(out), "--no-validate", "--no-git"]
    assert main(args) == EXIT_OK
    assert not (out / ".git").exists()


def test_generate_from_stdin(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(TODO))
    out = tmp_path / "api"
    code = main(["generate", "--spec", "-", "--out", str(out), "--no-validate"])
    assert code == EXIT_OK, capsys.readouterr()
    assert "Task" in (out / "codebegen.yaml").read_text()


def test_generate_from_a_spec_file_as_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = tmp_path / "spec.md"
    spec.write_text(TODO)
    out = tmp_path / "api"
    code = main(["generate", "--spec", str(spec), "--out", str(out), "--no-validate", "--json"])
    captured = capsys.readouterr()
    assert code == EXIT_OK
    data = json.loads(captured.out)
    assert data["out"] == str(out.absolute())
    assert "app/main.py" in data["files"]
    assert {"Task", "Project"} <= {e["name"] for e in data["spec"]["entities"]}


def test_existing_out_is_refused_before_any_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "api"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    code = main(["generate", "--text", TODO, "--out", str(out)])
    err = capsys.readouterr().err
    assert code == EXIT_USAGE
    assert "not empty" in err and "--force" in err
    assert "Traceback" not in err
    assert _tree(out) == ["notes.txt"]


def test_force_replaces_existing_out(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "api"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    code = main(["generate", "--text", TODO, "--out", str(out), "--force", "--no-validate"])
    assert code == EXIT_OK, capsys.readouterr()
    assert "notes.txt" not in _tree(out)
    assert "app/main.py" in _tree(out)


def test_unparseable_spec_exits_2_with_a_hint_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "api"
    code = main(["generate", "--text", NOT_A_SPEC, "--out", str(out)])
    captured = capsys.readouterr()
    assert code == EXIT_USAGE
    assert captured.err.startswith("error: ")
    assert "for example" in captured.err.lower()
    assert "Traceback" not in captured.err
    assert not out.exists()
    assert os.listdir(tmp_path) == []


def test_a_bug_of_ours_is_one_clear_line_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import pipeline.generate

    def broken(*args: object, **kwargs: object) -> None:
        raise TypeError("expected string or bytes-like object, got 'bool'")

    monkeypatch.delenv("CODEBEGEN_DEBUG", raising=False)
    monkeypatch.setattr(pipeline.generate, "generate_project", broken)
    out = tmp_path / "api"
    code = main(["generate", "--text", TODO, "--out", str(out), "--no-validate"])
    err = capsys.readouterr().err
    assert code == EXIT_FAILED
    assert "a bug in codebegen" in err and "TypeError" in err
    assert "Traceback" not in err
    assert not out.exists()
    monkeypatch.setenv("CODEBEGEN_DEBUG", "1")
    with pytest.raises(TypeError):
        main(["generate", "--text", TODO, "--out", str(out), "--no-validate"])


def test_empty_spec_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["generate", "--text", "   ", "--out", str(tmp_path / "api")])
    assert code == EXIT_USAGE
    assert "empty" in capsys.readouterr().err


def test_missing_spec_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["generate", "--spec", str(tmp_path / "nope.md"), "--out", str(tmp_path / "a")])
    assert code == EXIT_USAGE
    assert "Cannot read the spec file" in capsys.readouterr().err


@pytest.fixture
def model_down(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every model role on an endpoint where nothing listens (no waits between retries)."""
    from pipeline.llm.http import HTTPClient

    monkeypatch.setattr(
        "pipeline.llm.http.HTTPClient", functools.partial(HTTPClient, sleep=lambda _s: None)
    )
    monkeypatch.setenv("CODEBEGEN_LLM_BASE_URL", f"http://127.0.0.1:{_closed_port()}/v1")
    monkeypatch.setenv("CODEBEGEN_LLM_MODEL", "codebegen")


def test_a_model_endpoint_that_is_down_gives_the_template_project_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], model_down: None
) -> None:
    out = tmp_path / "api"
    code = main(["generate", "--text", TODO, "--out", str(out), "--no-validate", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == EXIT_OK
    assert data["notes"][0].startswith("The model was unreachable, so nothing of it was used")
    assert {run["status"] for run in data["model_roles"].values()} == {"unreachable"}
    assert (out / "app" / "main.py").is_file()


def test_require_model_with_the_endpoint_down_exits_2_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], model_down: None
) -> None:
    out = tmp_path / "api"
    code = main(["generate", "--text", TODO, "--out", str(out), "--no-validate", "--require-model"])
    err = capsys.readouterr().err
    assert code == EXIT_USAGE
    assert err.startswith("error: The model endpoint http://127.0.0.1:")
    assert "unreachable for the schema_parser role" in err and "CODEBEGEN_LLM_BASE_URL" in err
    assert "Traceback" not in err and os.listdir(tmp_path) == []


def test_a_settings_file_gives_the_stack_defaults_and_the_model_choices(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # every role on an endpoint that is down, and the settings turn every role off
    monkeypatch.setenv("CODEBEGEN_LLM_BASE_URL", f"http://127.0.0.1:{_closed_port()}/v1")
    monkeypatch.setenv("CODEBEGEN_LLM_MODEL", "codebegen")
    settings = tmp_path / "codebegen.yml"
    settings.write_text("defaults:\n  database: sqlite\nllm:\n  enabled: false\n")
    out = tmp_path / "api"
    args = ["generate", "--text", TODO, "--out", str(out), "--no-validate", "--no-git"]
    code = main([*args, "--settings", str(settings)])
    assert code == EXIT_OK, capsys.readouterr().err
    assert "database: sqlite" in (out / "codebegen.yaml").read_text()


@pytest.mark.parametrize(
    ("settings", "said"),
    [
        ("defaults:\n  databse: sqlite\n", "`defaults.databse` is not a setting"),
        (None, "Cannot read"),
    ],
)
def test_a_bad_settings_file_exits_2_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], settings: str | None, said: str
) -> None:
    path = tmp_path / "codebegen.yml"
    if settings is not None:
        path.write_text(settings)
    out = tmp_path / "api"
    code = main(["generate", "--text", TODO, "--out", str(out), "--settings", str(path)])
    err = capsys.readouterr().err
    assert code == EXIT_USAGE and said in err and "Traceback" not in err
    assert not out.exists()


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])  # closed again when the block ends


def test_failed_validation_exits_1_and_still_writes_the_project(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    failing = ValidationReport(
        checks=[
            CheckResult(name="compile", status=CheckStatus.PASSED),
            CheckResult(name="pytest (sqlite)", status=CheckStatus.FAILED, summary="1 failed"),
        ]
    )
    monkeypatch.setattr("pipeline.validate.validate_files", lambda files, **kw: failing)
    out = tmp_path / "api"
    code = main(["generate", "--text", TODO, "--out", str(out)])
    stdout = capsys.readouterr().out
    assert code == EXIT_FAILED
    assert "FAILED validation (pytest (sqlite))" in stdout
    assert "app/main.py" in _tree(out)


def test_every_command_is_in_the_help(capsys: pytest.CaptureFixture[str]) -> None:
    from bot.cli import COMMANDS

    with pytest.raises(SystemExit):
        main(["--help"])
    help_text = capsys.readouterr().out
    for command in COMMANDS:
        assert command.name in help_text


def test_console_script_runs_as_a_real_process(tmp_path: Path) -> None:
    script = shutil.which("codebegen", path=os.path.dirname(sys.executable))
    assert script, "the codebegen console script is not installed (pip install -e .)"
    out = tmp_path / "api"
    done = subprocess.run(
        [script, "generate", "--spec", "-", "--out", str(out), "--no-validate"],
        input=TODO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == EXIT_OK, done.stdout + done.stderr
    assert "Understood:" in done.stdout
    assert (out / "app/main.py").is_file()
    bad = subprocess.run(
        [script, "generate", "--text", NOT_A_SPEC, "--out", str(tmp_path / "bad")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert bad.returncode == EXIT_USAGE
    assert "Traceback" not in bad.stderr and bad.stderr.startswith("error: ")
    assert not (tmp_path / "bad").exists()


# A photo store with a camera reading that nothing in the document builds (a 501 stub).
CAMERA_DOC = """\
openapi: 3.0.0
info: {title: Photo Drop, version: 0.1.0}
paths:
  /photos:
    get:
      responses:
        '200':
          description: All photos
          content:
            application/json:
              schema: {type: array, items: {$ref: '#/components/schemas/Photo'}}
    post:
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Photo'}
      responses:
        '201':
          description: Stored
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Photo'}
  /photos/{id}/camera:
    get:
      parameters:
        - {name: id, in: path, required: true, schema: {type: integer}}
      responses:
        '200':
          description: The camera the photo was taken with, read from the file
          content:
            application/json:
              schema: {type: object, properties: {model: {type: string}}}
components:
  schemas:
    Photo:
      type: object
      required: [title]
      properties:
        id: {type: integer, readOnly: true}
        title: {type: string}
"""


def _camera_doc(tmp_path: Path) -> str:
    path = tmp_path / "photos.yaml"
    path.write_text(CAMERA_DOC)
    return str(path)


def test_generate_from_an_openapi_document_lists_its_501_operations(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "api"
    doc = _camera_doc(tmp_path)
    code = main(["generate", "--spec", doc, "--out", str(out), "--no-validate", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == EXIT_OK
    assert data["not_implemented"] == ["GET /photos/{id}/camera"]
    assert (out / "app" / "routers" / "api.py").is_file()


def test_generate_prints_not_implemented_operations(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = _camera_doc(tmp_path)
    code = main(["generate", "--spec", doc, "--out", str(tmp_path / "api"), "--no-validate"])
    printed = capsys.readouterr()
    assert code == EXIT_OK
    text = printed.out + printed.err
    assert "not implemented (served, answering 501):\n  GET /photos/{id}/camera" in text


def test_a_loose_openapi_document_exits_2_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = tmp_path / "loose.yaml"
    spec.write_text("openapi: 3.0.0\ninfo: {title: T}\npaths:\n  /x:\n    get: string\n")
    code = main(["generate", "--spec", str(spec), "--out", str(tmp_path / "api")])
    err = capsys.readouterr().err
    assert code == EXIT_USAGE
    assert "Traceback" not in err and err.strip()
