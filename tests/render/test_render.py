"""`render_project`: the file tree, determinism, formatting and errors. Pure: no code is run."""

from __future__ import annotations

import ast
import re

import pytest
import yaml

from pipeline.errors import RenderError
from pipeline.normalize import normalize
from pipeline.plan import PlannedFile
from pipeline.render import formatting, render_project
from pipeline.render import project as render_module
from pipeline.render.project import docstring
from pipeline.spec import ProjectSpec
from pipeline.stack import DEV, RUNTIME
from tests.render import specs

BLOG_TREE = {
    ".dockerignore", ".env.example", ".gitignore", "Dockerfile", "README.md", "alembic.ini", "requirements.lock",
    "alembic/env.py", "alembic/script.py.mako", "alembic/versions/0001_initial.py",
    "app/__init__.py", "app/main.py", "app/errors.py", "app/storage.py",
    "app/auth/__init__.py", "app/auth/dependencies.py", "app/auth/router.py",
    "app/auth/schemas.py", "app/auth/security.py",
    "app/core/__init__.py", "app/core/config.py",
    "app/db/__init__.py", "app/db/base.py", "app/db/init_db.py", "app/db/session.py",
    "app/models/__init__.py", "app/models/comment.py", "app/models/post.py",
    "app/models/tag.py", "app/models/user.py",
    "app/repositories/__init__.py", "app/repositories/base.py", "app/repositories/comment.py",
    "app/repositories/post.py", "app/repositories/tag.py", "app/repositories/user.py",
    "app/routers/__init__.py", "app/routers/comments.py", "app/routers/posts.py",
    "app/routers/tags.py", "app/routers/users.py",
    "app/schemas/__init__.py", "app/schemas/comment.py", "app/schemas/common.py",
    "app/schemas/post.py", "app/schemas/tag.py", "app/schemas/user.py",
    "app/services/__init__.py", "app/services/comment.py", "app/services/post.py",
    "app/services/tag.py", "app/services/user.py",
    "codebegen.yaml", "docker-compose.yml", "pyproject.toml",
    "tests/__init__.py", "tests/conftest.py", "tests/factories.py", "tests/test_auth.py",
    "tests/test_comments.py", "tests/test_health.py", "tests/test_migrations.py",
    "tests/test_posts.py", "tests/test_tags.py", "tests/test_users.py",
}  # fmt: skip
SPECS = {"blog": specs.blog, "shop": specs.shop, "todo": specs.todo, "petstore": specs.petstore}


@pytest.fixture(scope="module")
def rendered() -> dict[str, dict[str, str]]:
    """Each spec's files, rendered once for the module."""
    return {name: render_project(make()) for name, make in SPECS.items()}


@pytest.fixture(scope="module")
def blog_files(rendered: dict[str, dict[str, str]]) -> dict[str, str]:
    return rendered["blog"]


def test_blog_has_the_documented_layout(blog_files: dict[str, str]) -> None:
    assert set(blog_files) == BLOG_TREE


def test_no_auth_means_no_auth_package_and_no_upload_module(
    rendered: dict[str, dict[str, str]],
) -> None:
    files = rendered["shop"]
    assert not [p for p in files if p.startswith("app/auth/")]
    assert "app/storage.py" not in files and "tests/test_auth.py" not in files
    assert "SECRET_KEY" not in files["app/core/config.py"]


def test_openapi_yaml_is_left_to_the_docs_stage(blog_files: dict[str, str]) -> None:
    assert "openapi.yaml" not in blog_files


def test_rendering_is_deterministic(blog_files: dict[str, str]) -> None:
    formatting.clear_cache()
    assert render_project(specs.blog()) == blog_files


@pytest.mark.parametrize("name", sorted(SPECS))
def test_codebegen_yaml_is_the_spec(rendered: dict[str, dict[str, str]], name: str) -> None:
    """The spec as built: normalised (owners and safe roles filled in), so refinement sees them."""
    assert ProjectSpec.from_yaml(rendered[name]["codebegen.yaml"]) == normalize(SPECS[name]())[0]


@pytest.mark.parametrize("name", sorted(SPECS))
def test_python_files_parse(rendered: dict[str, dict[str, str]], name: str) -> None:
    for path, text in rendered[name].items():
        if path.endswith(".py"):
            ast.parse(text, filename=path)


@pytest.mark.parametrize("name", sorted(SPECS))
def test_no_placeholders_or_leftovers(rendered: dict[str, dict[str, str]], name: str) -> None:
    for path, text in rendered[name].items():
        assert not re.search(r"TODO|FIXME|XXX|\{\{|\{%|Undefined", text), path
        assert "\n\n\n\n" not in text, path


def test_pyproject_pins_the_stack_exactly(blog_files: dict[str, str]) -> None:
    pyproject = blog_files["pyproject.toml"]
    for name, version in {**RUNTIME, **DEV}.items():
        assert f'"{name}=={version}"' in pyproject


def test_compose_requires_secrets_and_waits_for_a_healthy_database(
    blog_files: dict[str, str],
) -> None:
    compose = blog_files["docker-compose.yml"]
    assert "${SECRET_KEY:?set it}" in compose
    assert "condition: service_healthy" in compose
    assert compose.count("healthcheck:") == 2


def test_a_sqlite_project_composes_without_postgresql(rendered: dict[str, dict[str, str]]) -> None:
    compose = yaml.safe_load(rendered["todo"]["docker-compose.yml"])
    assert set(compose["services"]) == {"app", "prestart"}
    assert compose["services"]["app"]["environment"]["DATABASE_URL"].startswith("sqlite:")
    assert "healthcheck" in compose["services"]["app"]


def test_compose_migrates_once_in_a_prestart_service(rendered: dict[str, dict[str, str]]) -> None:
    for files in rendered.values():
        services = yaml.safe_load(files["docker-compose.yml"])["services"]
        assert services["prestart"]["command"] == ["alembic", "upgrade", "head"]
        wait = services["app"]["depends_on"]["prestart"]["condition"]
        assert wait == "service_completed_successfully"
        assert "alembic" not in files["Dockerfile"].split("CMD", 1)[1]


def test_the_app_creates_tables_only_for_local_runs(blog_files: dict[str, str]) -> None:
    main = blog_files["app/main.py"]
    assert 'if settings.ENVIRONMENT == "local":\n        create_tables()' in main


def test_compose_files_are_valid_yaml(rendered: dict[str, dict[str, str]]) -> None:
    for files in rendered.values():
        services = yaml.safe_load(files["docker-compose.yml"])["services"]
        if "db" in services:
            assert services["app"]["depends_on"]["db"]["condition"] == "service_healthy"


def test_passwords_are_hashed_with_argon2id_through_pwdlib(blog_files: dict[str, str]) -> None:
    security = blog_files["app/auth/security.py"]
    assert "from pwdlib.hashers.argon2 import Argon2Hasher" in security
    assert "verify_and_update" in security and "def dummy_verify" in security
    assert not any("passlib" in text or "bcrypt" in text for text in blog_files.values())


def test_readme_lists_every_endpoint(blog_files: dict[str, str]) -> None:
    readme = blog_files["README.md"]
    for row in ("| POST | `/posts/{post_id}/image` |", "| DELETE | `/tags/{tag_id}` |"):
        assert row in readme
    assert "| POST | `/users` |" not in readme  # users come from /auth/register


def test_custom_paths_and_id_parameters_are_used(rendered: dict[str, dict[str, str]]) -> None:
    router = rendered["petstore"]["app/routers/pets.py"]
    assert 'APIRouter(prefix="/pet"' in router
    assert '@router.get("/{petId}"' in router and 'alias="petId"' in router
    assert "def list_pets" not in router  # not among the pet's operations


def test_a_template_error_is_a_render_error(monkeypatch: pytest.MonkeyPatch) -> None:
    broken = PlannedFile("app/x.py", "package.py.j2", {})  # the template needs `doc`
    with pytest.raises(RenderError, match="package.py.j2"):
        render_module.render_file(broken)


def test_invalid_python_from_a_template_is_a_render_error() -> None:
    with pytest.raises(RenderError, match="not valid Python"):
        render_module._tidy("app/x.py", '"""Doc."""\nimport os\ndef (')


def test_a_docstring_value_cannot_close_the_docstring() -> None:
    planned = PlannedFile("app/x.py", "package.py.j2", {"doc": '"""\ndef ('})
    assert '\\"\\"\\"' in render_module.render_file(planned)


def test_templates_run_sandboxed() -> None:
    env = render_module.environment()
    with pytest.raises(Exception, match="unsafe|not safely|access"):
        env.from_string("{{ ''.__class__.__mro__ }}").render()


def test_docstring_wraps_long_lines() -> None:
    assert docstring("Short.", 4) == '"""Short."""'
    long = docstring("word " * 40, 4)
    assert all(len(line) + 4 <= 100 for line in long.splitlines())
    assert long.endswith('\n    """')


def test_a_docstring_just_too_long_for_one_line_stays_within_the_length_after_black() -> None:
    """One wrapped line and its closing quotes are joined again by black, past the length: such
    a docstring is cut in two lines of text (a generated service failed ruff E501 on this)."""
    import black

    text = "The borrowing, if `viewer` may see it: its member or a volunteer (404 for anyone else)."
    source = f"def f():\n    def g():\n        {docstring(text, 8)}\n"
    formatted = black.format_str(source, mode=black.Mode(line_length=100))
    assert all(len(line) <= 100 for line in formatted.splitlines())


def test_a_failing_plan_is_a_render_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(_spec: ProjectSpec) -> None:
        raise KeyError("Nope")

    monkeypatch.setattr(render_module, "plan_project", broken)
    with pytest.raises(RenderError, match="file plan failed"):
        render_project(specs.todo())
