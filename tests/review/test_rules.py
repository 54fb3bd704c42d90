"""codebegen's FastAPI rules on small hand-made projects: each bad snippet gives its finding,
and the good version of the same code gives none."""

from __future__ import annotations

import pytest

from pipeline.review import Finding, review_project
from pipeline.spec import ProjectSpec
from tests.review.support import AUTH_DEPS, make_spec, tree

HEADER = """
from typing import Annotated

from fastapi import APIRouter, Depends, Query, UploadFile
from app.auth import CurrentUser, Role, get_current_user, require_roles

router = APIRouter(prefix="/posts")
"""


NO_ROLES = make_spec(roles=[], permissions=[])


def rules_for(files: dict[str, str], spec: ProjectSpec | None = None) -> list[Finding]:
    """Only codebegen's own rules (no scanners) on a project with the auth module added."""
    files = tree({"app/auth.py": AUTH_DEPS, **files})
    return review_project(files, spec=spec or make_spec(), scanners=False)


def codes(findings: list[Finding]) -> list[str]:
    return [f.rule for f in findings]


def router(body: str) -> dict[str, str]:
    return {"app/routers/posts.py": HEADER + body}


# --- CBG101: writes without authentication ------------------------------------------------

UNAUTHENTICATED = [
    '@router.post("", response_model=dict)\ndef create_post(data: dict) -> dict:\n    return data\n',
    '@router.put("/{post_id}")\ndef replace_post(post_id: int) -> dict:\n    return {}\n',
    '@router.patch("/{post_id}")\nasync def update_post(post_id: int) -> dict:\n    return {}\n',
    '@router.delete("/{post_id}", status_code=204)\ndef delete_post(post_id: int) -> None:\n    pass\n',
]


@pytest.mark.parametrize("body", UNAUTHENTICATED)
def test_write_without_auth_is_a_finding(body: str) -> None:
    findings = [f for f in rules_for(router(body)) if f.rule == "CBG101"]
    assert len(findings) == 1
    assert findings[0].path == "app/routers/posts.py" and findings[0].severity == "error"
    assert "no authentication" in findings[0].message


@pytest.mark.parametrize(
    "body",
    [
        # decorator dependency
        '@router.post("", dependencies=[Depends(get_current_user)])\n'
        "def create_post(data: dict) -> dict:\n    return data\n",
        # Annotated alias parameter
        '@router.post("")\ndef create_post(data: dict, user: CurrentUser) -> dict:\n    return data\n',
        # plain default
        '@router.post("")\ndef create_post(user: dict = Depends(get_current_user)) -> dict:\n'
        "    return user\n",
        # role factory
        '@router.post("", dependencies=[Depends(require_roles(Role.ADMIN))])\n'
        "def create_post() -> dict:\n    return {}\n",
        # public auth endpoints
        '@router.post("/login")\ndef login(form: dict) -> dict:\n    return {}\n',
        '@router.post("/register")\ndef register(form: dict) -> dict:\n    return {}\n',
    ],
)
def test_authenticated_or_public_write_is_clean(body: str) -> None:
    assert "CBG101" not in codes(rules_for(router(body)))


def test_router_level_dependency_authenticates_its_routes() -> None:
    files = {
        "app/routers/posts.py": HEADER.replace(
            'APIRouter(prefix="/posts")',
            'APIRouter(prefix="/posts", dependencies=[Depends(get_current_user)])',
        )
        + UNAUTHENTICATED[0]
    }
    assert "CBG101" not in codes(rules_for(files))


def test_include_router_dependency_authenticates_its_routes() -> None:
    files = {
        **router(UNAUTHENTICATED[0]),
        "app/main.py": """
            from fastapi import Depends, FastAPI
            from app.auth import get_current_user
            from app.routers import posts

            app = FastAPI()
            app.include_router(posts.router, prefix="/api", dependencies=[Depends(get_current_user)])
        """,
    }
    assert "CBG101" not in codes(rules_for(files))


def test_include_router_prefix_is_part_of_the_reported_path() -> None:
    files = {
        **router(UNAUTHENTICATED[0]),
        "app/main.py": """
            from fastapi import FastAPI
            from app.routers.posts import router as posts_router

            app = FastAPI()
            app.include_router(posts_router, prefix="/api/v1")
        """,
    }
    (finding,) = [f for f in rules_for(files) if f.rule == "CBG101"]
    assert "`POST /api/v1/posts`" in finding.message


def test_unauthenticated_writes_are_fine_without_auth_in_the_spec() -> None:
    spec = make_spec(auth="none", roles=[], permissions=[])
    assert "CBG101" not in codes(rules_for(router(UNAUTHENTICATED[0]), spec))


# --- CBG102: roles -------------------------------------------------------------------------

DELETE_UNCHECKED = (
    '@router.delete("/{post_id}", status_code=204, dependencies=[Depends(get_current_user)])\n'
    "def delete_post(post_id: int) -> None:\n    pass\n"
)


def test_permission_route_without_role_check_is_a_finding() -> None:
    findings = [f for f in rules_for(router(DELETE_UNCHECKED)) if f.rule == "CBG102"]
    route = [f for f in findings if f.path == "app/routers/posts.py"]
    assert len(route) == 1 and "only admin to delete Post" in route[0].message
    # and the role itself is checked nowhere: reported where it is declared
    declared = [f for f in findings if f.path == "app/auth.py"]
    assert len(declared) == 1 and "'admin'" in declared[0].message
    assert declared[0].line == 11  # ADMIN = "admin"


@pytest.mark.parametrize(
    "body",
    [
        '@router.delete("/{post_id}", status_code=204, '
        "dependencies=[Depends(require_roles(Role.ADMIN))])\n"
        "def delete_post(post_id: int) -> None:\n    pass\n",
        # a module-level dependency made by the factory
        "require_admin = require_roles(Role.ADMIN)\n\n\n"
        '@router.delete("/{post_id}", status_code=204, dependencies=[Depends(require_admin)])\n'
        "def delete_post(post_id: int) -> None:\n    pass\n",
        # a comparison inside the route
        '@router.delete("/{post_id}", status_code=204)\n'
        "def delete_post(post_id: int, user: CurrentUser) -> None:\n"
        '    if user["role"] != "admin":\n        raise ValueError\n',
    ],
)
def test_enforced_permission_is_clean(body: str) -> None:
    assert "CBG102" not in codes(rules_for(router(body)))


def test_roles_without_permissions_only_need_the_top_role_checked() -> None:
    spec = make_spec(permissions=[])
    body = (
        '@router.get("/admin-only", dependencies=[Depends(require_roles(Role.ADMIN))])\n'
        "def stats() -> dict:\n    return {}\n"
    )
    assert "CBG102" not in codes(rules_for(router(body), spec))
    assert "CBG102" in codes(rules_for(router(DELETE_UNCHECKED), spec))


# --- CBG103: list endpoints without a cap -------------------------------------------------


def test_unbounded_list_is_a_finding_with_pagination_on() -> None:
    body = '@router.get("", response_model=list[dict])\ndef list_posts() -> list[dict]:\n    return []\n'
    (finding,) = [f for f in rules_for(router(body)) if f.rule == "CBG103"]
    assert "returns every row" in finding.message


def test_unbounded_list_is_accepted_when_the_spec_turns_pagination_off() -> None:
    body = '@router.get("")\ndef list_posts() -> list[dict]:\n    return []\n'
    spec = make_spec(features={"pagination": False})
    assert "CBG103" not in codes(rules_for(router(body), spec))


@pytest.mark.parametrize(
    ("param", "suggested"),
    [
        ("limit: int = 100", "limit: int = Query(default=100, ge=1, le=100)"),
        ("limit: int = Query(20, ge=1)", "limit: int = Query(20, ge=1, le=100)"),
        ("page_size: int = Query(default=20)", "page_size: int = Query(default=20, le=100)"),
    ],
)
def test_uncapped_limit_gets_a_suggestion(param: str, suggested: str) -> None:
    body = f'@router.get("")\ndef list_posts(\n    {param},\n) -> list[dict]:\n    return []\n'
    (finding,) = [f for f in rules_for(router(body)) if f.rule == "CBG103"]
    assert finding.replacement == f"    {suggested},\n"
    assert finding.line == finding.end_line


@pytest.mark.parametrize(
    "param",
    [
        "limit: int = Query(20, ge=1, le=100)",
        "limit: Annotated[int, Query(ge=1, le=100)] = 20",
        "limit: Annotated[int, Query(lt=101)] = 20",
        "params: Annotated[PageParams, Query()]",
        "params: PageParams = Depends()",
        "params: Annotated[dict, Depends(page_params)]",
    ],
)
def test_capped_limit_is_clean(param: str) -> None:
    body = (
        "from pydantic import BaseModel, Field\n\n\n"
        "class PageParams(BaseModel):\n"
        "    limit: int = Field(default=20, ge=1, le=100)\n"
        "    offset: int = Field(default=0, ge=0)\n\n\n"
        "def page_params(limit: int = Query(20, le=50)) -> dict:\n    return {}\n\n\n"
        f'@router.get("")\ndef list_posts({param}) -> list[dict]:\n    return []\n'
    )
    assert "CBG103" not in codes(rules_for(router(body)))


def test_uncapped_field_of_a_query_model_is_reported_on_the_model() -> None:
    body = (
        "from pydantic import BaseModel\n\n\n"
        "class PageParams(BaseModel):\n    limit: int = 20\n\n\n"
        '@router.get("")\ndef list_posts(params: Annotated[PageParams, Query()]) -> list[dict]:\n'
        "    return []\n"
    )
    (finding,) = [f for f in rules_for(router(body)) if f.rule == "CBG103"]
    assert finding.line == HEADER.count("\n") + 4  # `limit: int = 20` in the class


# --- CBG104: response models ----------------------------------------------------------------


def test_route_without_response_model_is_a_finding() -> None:
    body = '@router.get("/{post_id}")\ndef read_post(post_id: int):\n    return {}\n'
    (finding,) = [f for f in rules_for(router(body)) if f.rule == "CBG104"]
    assert "`GET /posts/{post_id}`" in finding.message


@pytest.mark.parametrize(
    "body",
    [
        '@router.get("/{post_id}", response_model=dict)\ndef read_post(post_id: int):\n    return {}\n',
        '@router.get("/{post_id}")\ndef read_post(post_id: int) -> dict:\n    return {}\n',
        '@router.delete("/{post_id}", status_code=204, dependencies=[Depends(require_roles(Role.ADMIN))])\n'
        "def delete_post(post_id: int):\n    pass\n",
        "from fastapi import status\n\n\n"
        '@router.delete("/{post_id}", status_code=status.HTTP_204_NO_CONTENT, '
        "dependencies=[Depends(require_roles(Role.ADMIN))])\n"
        "def delete_post(post_id: int):\n    pass\n",
        "from fastapi.responses import FileResponse\n\n\n"
        '@router.get("/{post_id}/image", response_class=FileResponse)\n'
        "def image(post_id: int):\n    return FileResponse('x')\n",
        "from fastapi.responses import FileResponse\n\n\n"
        '@router.get("/{post_id}/image")\ndef image(post_id: int):\n    return FileResponse("x")\n',
    ],
)
def test_declared_or_bodiless_responses_are_clean(body: str) -> None:
    assert "CBG104" not in codes(rules_for(router(body)))


# --- CBG105: secrets ------------------------------------------------------------------------

SETTINGS = """
from pydantic import model_validator
from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    ENVIRONMENT: str = "local"
    SECRET_KEY: str = "changethis"
    ACCESS_TOKEN_EXPIRE_MINUTES: int = 60
    TOKEN_URL: str = "/auth/login"
"""
REFUSE = """
    @model_validator(mode="after")
    def _refuse_default(self):
        if self.SECRET_KEY == "changethis" and self.ENVIRONMENT != "local":
            raise ValueError("set SECRET_KEY")
        return self
"""


def test_default_secret_key_accepted_in_production_is_a_finding() -> None:
    findings = [f for f in rules_for({"app/core/config.py": SETTINGS}) if f.rule == "CBG105"]
    assert [f.line for f in findings] == [7]  # SECRET_KEY only, not the token lifetime or URL
    assert findings[0].replacement == "    SECRET_KEY: str  # required: no default\n"


def test_default_secret_key_refused_outside_local_is_clean() -> None:
    assert "CBG105" not in codes(rules_for({"app/core/config.py": SETTINGS + REFUSE}))


def test_placeholder_constant_used_only_as_a_refused_default_is_clean() -> None:
    text = (
        'PLACEHOLDER_SECRET = "changethis"\n'
        + SETTINGS.replace('"changethis"', "PLACEHOLDER_SECRET")
        + REFUSE.replace('"changethis"', "PLACEHOLDER_SECRET")
    )
    assert "CBG105" not in codes(rules_for({"app/core/config.py": text}))


@pytest.mark.parametrize(
    ("source", "replacement"),
    [
        ('SECRET_KEY = "s3cr3t-value"\n', None),
        (
            'import os\n\nKEY = os.getenv("SECRET_KEY", "dev-secret")\n',
            'KEY = os.environ["SECRET_KEY"]\n',
        ),
        ('import os\n\nKEY = os.environ.get("API_KEY", "abc")\n', 'KEY = os.environ["API_KEY"]\n'),
        (
            'import jwt\n\n\ndef sign(p):\n    return jwt.encode(p, "secret", algorithm="HS256")\n',
            None,
        ),
    ],
)
def test_hard_coded_secrets_are_findings(source: str, replacement: str | None) -> None:
    (finding,) = [f for f in rules_for({"app/security.py": source}) if f.rule == "CBG105"]
    assert finding.replacement == replacement


# --- CBG106: CORS -------------------------------------------------------------------------

CORS = """
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

app = FastAPI()
app.add_middleware(
    CORSMiddleware,
    allow_origins={origins},
    allow_credentials={credentials},
)
"""


def test_wildcard_cors_with_credentials_is_a_finding() -> None:
    files = {"app/main.py": CORS.format(origins='["*"]', credentials="True")}
    (finding,) = [f for f in rules_for(files) if f.rule == "CBG106"]
    assert finding.line == 8 and finding.replacement == "    allow_credentials=False,\n"


@pytest.mark.parametrize(
    ("origins", "credentials"),
    [('["*"]', "False"), ('["https://example.com"]', "True"), ("settings.CORS_ORIGINS", "True")],
)
def test_cors_without_the_combination_is_clean(origins: str, credentials: str) -> None:
    files = {"app/main.py": CORS.format(origins=origins, credentials=credentials)}
    assert "CBG106" not in codes(rules_for(files))


# --- CBG107: SQL from strings -------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "def find(session, title):\n"
        "    return session.execute(text(f\"SELECT * FROM posts WHERE title = '{title}'\"))\n",
        "def find(conn, title):\n"
        '    query = "SELECT * FROM posts WHERE title = \'" + title + "\'"\n'
        "    return conn.execute(query)\n",
        'def find(conn, title):\n    return conn.exec_driver_sql("DELETE FROM %s" % title)\n',
        'def find(conn, t):\n    return conn.execute(text("SELECT * FROM {}".format(t)))\n',
    ],
)
def test_sql_built_from_strings_is_a_finding(body: str) -> None:
    files = {"app/repositories/post.py": "from sqlalchemy import text\n\n\n" + body}
    assert codes(rules_for(files)).count("CBG107") == 1


@pytest.mark.parametrize(
    "body",
    [
        'def ping(session):\n    return session.execute(text("SELECT 1"))\n',
        "def find(session, title):\n"
        '    return session.execute(text("SELECT * FROM posts WHERE title = :t"), {"t": title})\n',
        "def find(session, stmt):\n    return session.execute(stmt)\n",
    ],
)
def test_constant_or_bound_sql_is_clean(body: str) -> None:
    files = {"app/repositories/post.py": "from sqlalchemy import text\n\n\n" + body}
    assert "CBG107" not in codes(rules_for(files))


# --- CBG108: passwords in clear -----------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "source", "line"),
    [
        (
            "app/models/user.py",
            "from sqlalchemy.orm import Mapped, mapped_column\n\n\nclass User(Base):\n"
            '    __tablename__ = "users"\n    email: Mapped[str]\n    password: Mapped[str]\n',
            7,
        ),
        (
            "app/models/user.py",
            "from sqlalchemy import Column, String\n\n\nclass User(Base):\n"
            "    password = Column(String(255))\n",
            5,
        ),
        (
            "app/schemas/user.py",
            "from pydantic import BaseModel\n\n\nclass UserRead(BaseModel):\n"
            "    email: str\n    hashed_password: str\n",
            6,
        ),
        (
            "app/auth/router.py",
            "import logging\n\nlogger = logging.getLogger(__name__)\n\n\ndef login(form):\n"
            '    logger.info("login %s with %s", form.username, form.password)\n',
            7,
        ),
        ("app/auth/router.py", 'def login(password):\n    print(f"got {password}")\n', 2),
    ],
)
def test_password_in_clear_is_a_finding(path: str, source: str, line: int) -> None:
    (finding,) = [f for f in rules_for({path: source}) if f.rule == "CBG108"]
    assert finding.line == line


@pytest.mark.parametrize(
    ("path", "source"),
    [
        (
            "app/models/user.py",
            "from sqlalchemy.orm import Mapped\n\n\nclass User(Base):\n"
            '    __tablename__ = "users"\n    hashed_password: Mapped[str]\n',
        ),
        (
            "app/schemas/user.py",
            "from pydantic import BaseModel\n\n\nclass UserCreate(BaseModel):\n    password: str\n",
        ),
        ("app/auth/router.py", 'import logging\n\nlogging.info("login by %s", "someone")\n'),
    ],
)
def test_hashed_or_incoming_password_is_clean(path: str, source: str) -> None:
    assert "CBG108" not in codes(rules_for({path: source}))


# --- CBG109: uploads ----------------------------------------------------------------------

UPLOAD_ROUTE = (
    '@router.post("/{{post_id}}/image", dependencies=[Depends(get_current_user)])\n'
    "def upload(post_id: int, file: UploadFile) -> dict:\n"
    "    return {{'name': store(file)}}\n\n\n"
    "def store(file: UploadFile) -> str:\n{body}"
)


@pytest.mark.parametrize(
    ("body", "missing"),
    [
        ("    return file.filename\n", "size or content type"),
        (
            "    if file.size > MAX_UPLOAD_BYTES:\n        raise ValueError\n    return 'x'\n",
            "content type",
        ),
        (
            "    if file.content_type not in ALLOWED:\n        raise ValueError\n    return 'x'\n",
            "size",
        ),
    ],
)
def test_upload_without_limits_is_a_finding(body: str, missing: str) -> None:
    files = router(UPLOAD_ROUTE.format(body=body))
    (finding,) = [f for f in rules_for(files) if f.rule == "CBG109"]
    assert f"checking its {missing}" in finding.message


def test_upload_checked_in_a_called_function_is_clean() -> None:
    body = (
        "    if file.content_type not in ALLOWED:\n        raise ValueError\n"
        "    data = file.file.read()\n    if len(data) > MAX_BYTES:\n        raise ValueError\n"
        "    return 'x'\n"
    )
    assert "CBG109" not in codes(rules_for(router(UPLOAD_ROUTE.format(body=body))))


# --- CBG110: workflows --------------------------------------------------------------------


def test_workflow_file_in_output_is_a_finding() -> None:
    files = {".github/workflows/ci.yml": "on: push\n", ".github/CODEOWNERS": "*\n"}
    findings = rules_for(files, NO_ROLES)
    assert [(f.rule, f.path) for f in findings] == [("CBG110", ".github/workflows/ci.yml")]


# --- shared behaviour ---------------------------------------------------------------------


def test_noqa_silences_a_rule_on_its_line() -> None:
    files = {"app/main.py": CORS.format(origins='["*"]', credentials="True  # noqa: CBG106")}
    assert "CBG106" not in codes(rules_for(files))


def test_tests_are_not_reviewed() -> None:
    files = {"tests/test_x.py": 'SECRET_KEY = "abc"\n', "app/test_y.py": 'SECRET_KEY = "abc"\n'}
    assert rules_for(files, NO_ROLES) == []


def test_a_file_that_does_not_parse_is_skipped() -> None:
    assert rules_for({"app/broken.py": "def (:\n"}, NO_ROLES) == []


def test_limit_inherited_from_a_base_model_counts() -> None:
    body = (
        "from pydantic import BaseModel, Field\n\n\n"
        "class PageParams(BaseModel):\n    limit: int = Field(default=20, ge=1, le=100)\n\n\n"
        "class PostQuery(PageParams):\n    title: str | None = None\n\n\n"
        '@router.get("")\ndef list_posts(params: Annotated[PostQuery, Query()]) -> list[dict]:\n'
        "    return []\n"
    )
    assert "CBG103" not in codes(rules_for(router(body)))
