"""The escaping layer (pipeline/codesafe.py): spec values that reach generated code cannot become
code. Hostile strings go into every free-text slot of a spec that uses every template; every
generated Python file must compile, call nothing the templates did not write, and hold each
string as the same string. Names and paths that could break code are refused by the spec, and the
CLI says so (exit 2) instead of crashing."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest

from bot.cli import EXIT_USAGE, main
from pipeline.contract.implement import CONTRACT_TEMPLATES
from pipeline.errors import SpecError
from pipeline.normalize import normalize
from pipeline.plan import plan_project
from pipeline.render.project import render_project
from pipeline.spec import ProjectSpec, spec_from_dict

PAYLOAD = '__import__("os").system("touch /tmp/pwned")'
HOSTILE = [
    f'x"""; {PAYLOAD} #',
    f"x'''; {PAYLOAD} #",
    'ends with a quote "',
    "ends with a backslash \\",
    "braces {project} {{ x }} {% if 1 %}",
    f'\\"""; {PAYLOAD}',
]
TITLE = f'Evil """ API\\ {PAYLOAD} "'


def _hostile_spec() -> ProjectSpec:
    return spec_from_dict(
        {
            "name": "evil-api",
            "title": TITLE,
            "description": "\n".join(HOSTILE) + '\n"""\n' + PAYLOAD,
            "auth": "jwt",
            "roles": ["admin", "member"],
            "entities": [
                {
                    "name": "Post",
                    "path": "/blog.v1/post-items~x",
                    "id_param": "postId",
                    "plural": "post_items",
                    "description": HOSTILE[0],
                    "fields": [
                        {"name": "title", "description": HOSTILE[0], "default": HOSTILE[0]},
                        {"name": "note", "type": "text", "required": False, "default": HOSTILE[1]},
                        {
                            "name": "status",
                            "type": "enum",
                            "choices": ['it\'s "new"', "back\\slash", 'tri"""ple'],
                            "default": 'tri"""ple',
                            "description": HOSTILE[2],
                        },
                        {"name": "cover", "type": "file", "required": False},
                    ],
                },
                {"name": "Tag", "fields": [{"name": "label", "unique": True}]},
            ],
            "relations": [
                {"kind": "many_to_one", "source": "Post", "target": "User", "name": "author"},
                {"kind": "many_to_many", "source": "Post", "target": "Tag"},
            ],
            "permissions": [{"entity": "Tag", "actions": ["delete"], "roles": ["admin"]}],
            "features": {"filtering": True, "uploads": [{"entity": "Post", "field": "cover"}]},
        }
    )


@pytest.fixture(scope="module")
def hostile_files() -> dict[str, str]:
    return render_project(_hostile_spec())


def test_every_template_is_rendered_by_the_hostile_spec_or_the_hostile_document(hostile_files):
    """The template's files come from the plan; a document project's `contract/` files are copied
    verbatim (they hold no variables: the document reaches the app as data, see
    tests/contract/test_hostile_document.py)."""
    templates = {p.template for p in plan_project(_hostile_spec())}
    templates |= {f"contract/{name}" for name in CONTRACT_TEMPLATES.values()}
    root = Path(__file__).parents[2] / "pipeline" / "templates"
    every = {p.relative_to(root).as_posix() for p in root.rglob("*.j2")}
    assert every <= templates


def test_every_generated_python_file_compiles(hostile_files):
    python = {p: t for p, t in hostile_files.items() if p.endswith(".py")}
    assert len(python) > 20
    for path, text in python.items():
        compile(text, path, "exec")


def test_no_hostile_string_becomes_a_call(hostile_files):
    for path, text in hostile_files.items():
        if not path.endswith(".py"):
            continue
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
                assert name not in {"__import__", "system"}, f"{path}:{node.lineno}"


def test_strings_arrive_as_the_same_strings(hostile_files):
    config = ast.parse(hostile_files["app/core/config.py"])
    constants = {n.value for n in ast.walk(config) if isinstance(n, ast.Constant)}
    assert TITLE in constants
    init = ast.get_docstring(ast.parse(hostile_files["app/__init__.py"]))
    assert init is not None and init.startswith(TITLE)
    schemas = ast.parse(hostile_files["app/schemas/post.py"])
    values = {n.value for n in ast.walk(schemas) if isinstance(n, ast.Constant)}
    assert HOSTILE[0] in values and HOSTILE[1] in values
    pyproject = tomllib.loads(hostile_files["pyproject.toml"])
    assert pyproject["project"]["description"] == f"{TITLE}: a FastAPI service."
    # codebegen.yaml holds the spec as rendered: normalised (owners and roles added)
    assert ProjectSpec.from_yaml(hostile_files["codebegen.yaml"]) == normalize(_hostile_spec())[0]


@pytest.mark.parametrize(
    ("entity", "problem"),
    [
        ({"name": "Self"}, "already uses"),  # the variable `self` beside the parameter `self`
        ({"name": "None"}, "already uses"),
        ({"name": "Data"}, "already uses"),
        ({"name": "Base"}, "clashes with the generated module"),  # app/repositories/base.py
        ({"name": "Post", "plural": "x y"}, "plural"),
        ({"name": "Post", "plural": "posts = __import__('os')"}, "plural"),
        ({"name": "Post", "plural": "migrations"}, "plural"),
        ({"name": "Post", "id_param": "a-b"}, "id_param"),
        ({"name": "Post", "id_param": "x) or __import__('os'"}, "id_param"),
        ({"name": "Post", "id_param": "service"}, "id_param"),
        ({"name": "Post", "path": '/x"; import os'}, "path"),
        ({"name": "Post", "path": "/{x}"}, "path"),
        ({"name": "Post", "path": "/posts/"}, "path"),
    ],
)
def test_names_and_paths_that_break_code_are_refused(entity, problem):
    with pytest.raises(SpecError, match=problem):
        spec_from_dict({"name": "x-api", "entities": [{"fields": [], **entity}]})


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("title", "two\nlines"),
        ("title", "nul\x00"),
        ("title", "x" * 201),
        ("name", "evil api"),
        ("name", 'x"; y'),
        ("roles", ["admin", "ev il"]),
    ],
)
def test_titles_names_and_roles_are_validated(key, value):
    data = {"name": "x-api", "auth": "jwt", "entities": [{"name": "Post"}], key: value}
    with pytest.raises(SpecError):
        spec_from_dict(data)


@pytest.mark.parametrize("key", ["plural", "id_param"])
def test_the_cli_answers_a_bad_name_with_a_clear_message(tmp_path, capsys, key):
    spec = tmp_path / "spec.md"
    spec.write_text(f"```yaml\nname: x-api\nentities:\n  - name: Post\n    {key}: 'a b)'\n```\n")
    code = main(["generate", "--spec", str(spec), "--out", str(tmp_path / "out"), "--no-validate"])
    captured = capsys.readouterr()
    assert code == EXIT_USAGE
    assert key in captured.err + captured.out
    assert "Traceback" not in captured.err + captured.out
    assert not (tmp_path / "out").exists()
