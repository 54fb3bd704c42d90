"""Secrets never reach the dataset: each rule, on text shaped like the real thing."""

from __future__ import annotations

import pytest

from training.scrub import findings, is_env_file, scrub_files, scrub_text

GH = "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8"
PAT = "github_pat_11ABCDEFG0" + "x" * 60
AWS_ID = "AKIA" + "IOSFODNN7EXAMPLE"
AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCY" + "EXAMPLEKEY"
KEY_BLOCK = (
    "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA7\nabc==\n-----END RSA PRIVATE KEY-----"
)

CASES = [
    (f'TOKEN = "{GH}"', 'TOKEN = "<github-token>"'),
    (f"token: {PAT}", "token: <github-token>"),
    (f"ghs_{'z' * 36} in a log line", "<github-token> in a log line"),
    (f"key id {AWS_ID}", "key id <aws-key-id>"),
    (f"aws_secret_access_key = {AWS_SECRET}", "aws_secret_access_key = <aws-secret>"),
    (
        f"key = '''{KEY_BLOCK}'''",
        "key = '''-----BEGIN RSA PRIVATE KEY-----\n<redacted>\n-----END RSA PRIVATE KEY-----'''",
    ),
    ('SECRET_KEY = "s3cr3t-value-from-prod"', 'SECRET_KEY = "changethis"'),
    ('    SECRET_KEY: str = "9f8e7d6c5b4a"', '    SECRET_KEY: str = "changethis"'),
    ("xoxb-123456789012-abcdefghijkl", "<slack-token>"),
    ("sk-proj-" + "a" * 40, "<api-key>"),
]

KEPT = [
    'SECRET_KEY: str = "changethis"',  # the generated projects' placeholder
    "SECRET_KEY = os.environ['SECRET_KEY']",
    'password = "correct horse"  # a test fixture, not a credential',
    "DATABASE_URL=postgresql+psycopg://postgres:postgres@db:5432/app",  # compose dev default
    "ghp_short",
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_scrub_text_replaces_secret_with_placeholder(text: str, expected: str) -> None:
    assert scrub_text(text) == expected
    assert findings(text)


@pytest.mark.parametrize("text", KEPT)
def test_scrub_text_keeps_placeholders_and_ordinary_code(text: str) -> None:
    assert scrub_text(text, path="app/core/config.py") == text


def test_env_file_loses_credential_values_but_keeps_other_settings() -> None:
    env = (
        "PROJECT_NAME=blog\n"
        "SECRET_KEY=a8f5f167f44f4964e6c998dee827110c\n"
        "POSTGRES_PASSWORD='hunter2hunter2'\n"
        "export API_KEY=abc123def456\n"
        "DATABASE_URL=postgresql://app:realpassword@db/app\n"
        "FIRST_ADMIN_PASSWORD=changethis\n"
    )
    assert scrub_text(env, path=".env") == (
        "PROJECT_NAME=blog\n"
        "SECRET_KEY=changethis\n"
        "POSTGRES_PASSWORD=changethis\n"
        "export API_KEY=changethis\n"
        "DATABASE_URL=changethis\n"
        "FIRST_ADMIN_PASSWORD=changethis\n"
    )


def test_env_example_is_a_template_not_a_secret_file() -> None:
    assert is_env_file(".env") and is_env_file("deploy/.env.prod") and is_env_file("prod.env")
    assert not is_env_file(".env.example") and not is_env_file("app/env.py")
    assert scrub_text("POSTGRES_PASSWORD=postgres\n", path=".env.example") == (
        "POSTGRES_PASSWORD=postgres\n"
    )


def test_scrub_files_scrubs_every_file_and_keeps_paths() -> None:
    files = {"app/gh.py": f"T = '{GH}'\n", ".env": "JWT_SECRET=abcdef123456\n"}
    assert scrub_files(files) == {
        "app/gh.py": "T = '<github-token>'\n",
        ".env": "JWT_SECRET=changethis\n",
    }
