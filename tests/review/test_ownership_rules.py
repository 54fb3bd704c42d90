"""CBG111-CBG114 on freshly rendered projects: silent on each, and biting on a mutated copy."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline.parse import parse_spec
from pipeline.render import render_project
from pipeline.review import Finding, review_project
from pipeline.spec import ProjectSpec
from tests.render import specs

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
OWN_RULES = {"CBG111", "CBG112", "CBG113", "CBG114"}


def blog_example() -> ProjectSpec:
    return parse_spec((EXAMPLES / "blog.md").read_text())


def _findings(
    spec: ProjectSpec, change: Callable[[dict[str, str]], None] | None = None
) -> list[Finding]:
    files = render_project(spec)
    if change is not None:
        change(files)
    return [f for f in review_project(files, spec=spec, scanners=False) if f.rule in OWN_RULES]


def _sub(path: str, pattern: str, new: str) -> Callable[[dict[str, str]], None]:
    def change(files: dict[str, str]) -> None:
        changed = re.sub(pattern, new, files[path], flags=re.M)
        assert changed != files[path], f"nothing to change in {path}"
        files[path] = changed

    return change


HTML_ROUTE = """

@router.get("/{post_id}/page")
def post_page(post_id: PostId, service: Service) -> HTMLResponse:
    post = service.get(post_id)
    return HTMLResponse(f"<h1>{post.title}</h1>")
"""


def _add_html(files: dict[str, str]) -> None:
    text = files["app/routers/posts.py"]
    files["app/routers/posts.py"] = (
        "from fastapi.responses import HTMLResponse\n" + text + HTML_ROUTE
    )


@pytest.mark.parametrize(
    "spec", [blog_example, specs.blog, specs.notes_private, specs.iot_one_role, specs.shop_rules]
)
def test_fresh_projects_have_no_ownership_findings(spec: Callable[[], ProjectSpec]) -> None:
    assert _findings(spec()) == []


def test_an_owner_check_removed_is_found() -> None:
    change = _sub("app/services/comment.py", r"^\s*self\._check_can_change\(comment, actor\)\n", "")
    found = _findings(blog_example(), change)
    assert {(f.rule, f.path) for f in found} == {("CBG111", "app/routers/comments.py")}
    assert len(found) == 3  # PATCH, PUT and DELETE


def test_a_privileged_sign_up_is_found() -> None:
    change = _sub("app/services/user.py", r"role=Role\.USER", "role=Role.OPERATOR")
    found = _findings(specs.iot_one_role(), change)
    assert [(f.rule, f.path) for f in found] == [("CBG112", "app/services/user.py")]


def test_a_privileged_default_role_on_the_model_is_found() -> None:
    change = _sub("app/models/user.py", r"default=Role\.USER", "default=Role.OPERATOR")
    found = _findings(specs.iot_one_role(), change)
    assert [(f.rule, f.path) for f in found] == [("CBG112", "app/models/user.py")]


def test_unescaped_html_is_found() -> None:
    found = _findings(blog_example(), _add_html)
    assert [(f.rule, f.path) for f in found] == [("CBG113", "app/routers/posts.py")]


def test_escaped_html_is_not_found() -> None:
    def escaped(files: dict[str, str]) -> None:
        _add_html(files)
        files["app/routers/posts.py"] = files["app/routers/posts.py"].replace(
            "{post.title}", "{html.escape(post.title)}"
        )

    assert _findings(blog_example(), escaped) == []


def test_private_data_served_anonymously_is_found() -> None:
    change = _sub("app/routers/readings.py", r", dependencies=\[Depends\(get_current_user\)\]", "")
    found = _findings(specs.iot_one_role(), change)
    assert {f.rule for f in found} == {"CBG114"}
    assert len(found) == 2  # the list and the item
