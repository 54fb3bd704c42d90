"""The "authorization" check: it passes on generated projects and fails on projects with a hole.

Each mutated project removes one protection from a freshly rendered one; the check must see it.
Generated code is untrusted: the apps run inside `pipeline.sandbox`, as in validation.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline import sandbox
from pipeline.parse import parse_spec
from pipeline.render import render_project
from pipeline.validate.authorization import check_project
from pipeline.validate.report import CheckStatus
from tests.render import specs

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
Mutation = Callable[[dict[str, str]], None]


def _probe(files: dict[str, str]) -> tuple[CheckStatus, str, str]:
    with sandbox.workspace("cbg-authz-") as ws:
        source = ws / "src"
        for rel, text in files.items():
            path = source / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        project = sandbox.copy_project(source, ws / "run")
        env = {
            "SECRET_KEY": secrets.token_hex(32),
            "FIRST_ADMIN_EMAIL": "admin@example.com",
            "FIRST_ADMIN_PASSWORD": secrets.token_urlsafe(12),
            "PASSWORD_HASH_TIME_COST": "1",
            "PASSWORD_HASH_MEMORY_KIB": "1024",
            "DATABASE_URL": "sqlite:///./app.db",
        }
        admin = (env["FIRST_ADMIN_EMAIL"], env["FIRST_ADMIN_PASSWORD"])
        with sandbox.serve_app(project, env=env, timeout_s=120) as app:
            return check_project(source, app, app.get("/openapi.json").json(), admin=admin)


def _cut(path: str, pattern: str, replacement: str = "") -> Mutation:
    def mutate(files: dict[str, str]) -> None:
        changed = re.sub(pattern, replacement, files[path], flags=re.M)
        assert changed != files[path], f"the mutation found nothing to cut in {path}"
        files[path] = changed

    return mutate


def test_the_blog_example_passes() -> None:
    files = render_project(parse_spec((EXAMPLES / "blog.md").read_text()))
    status, summary, details = _probe(files)
    assert status is CheckStatus.PASSED, details
    assert "2 entities probed" in summary


def test_a_project_without_auth_is_skipped() -> None:
    status, _, _ = _probe(render_project(specs.todo()))
    assert status is CheckStatus.SKIPPED


@pytest.mark.parametrize(
    ("spec", "mutation", "violation"),
    [
        (
            specs.blog,
            _cut("app/services/post.py", r"^\s*self\._check_can_change\(post, actor\)\n"),
            "Bob PATCHed the admin's Post",  # only editors create posts: the admin's is probed
        ),
        (
            lambda: parse_spec((EXAMPLES / "blog.md").read_text()),
            _cut("app/services/comment.py", r"^\s*self\._check_can_change\(comment, actor\)\n"),
            "Bob DELETEd Alice's Comment",
        ),
        (
            specs.notes_private,
            _cut("app/services/note.py", r"and not self\._sees_all\(viewer\)", "and False"),
            "Bob read Alice's Note",
        ),
        (
            specs.notes_private,
            _cut("app/services/note.py", r"if not self\._sees_all\(viewer\):", "if False:"),
            "Bob's GET /notes lists Alice's Note",
        ),
        (
            specs.private_orders_with_items,
            _cut(
                "app/routers/orders.py",
                r"service\.get_visible\(order_id, viewer=viewer\)\n(    query)",
                r"service.get(order_id)\n\1",
            ),
            "Bob read /orders/1/order-lines",
        ),
        (
            specs.iot_one_role,
            _cut("app/services/user.py", r"role=Role\.USER", "role=Role.OPERATOR"),
            "a sign-up gets the privileged role 'operator'",
        ),
        (
            specs.iot_one_role,
            _cut("app/routers/readings.py", r", dependencies=\[Depends\(get_current_user\)\]"),
            "anonymous GET /readings",
        ),
    ],
    ids=[
        "owner-check-removed",
        "blog-comment-owner-check-removed",
        "private-read",
        "private-list",
        "private-nested",
        "sign-up-is-admin",
        "anon-read",
    ],
)
def test_a_mutated_project_fails(
    spec: Callable[[], object], mutation: Mutation, violation: str
) -> None:
    files = render_project(spec())  # type: ignore[arg-type]
    mutation(files)
    status, summary, details = _probe(files)
    assert status is CheckStatus.FAILED, summary
    assert violation in details
