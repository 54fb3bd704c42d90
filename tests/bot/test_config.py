"""bot/config.py: names GitHub's docs use, required secrets, placeholders refused."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from bot.config import Settings, load_settings
from pipeline.errors import UserError

BASE = {"GITHUB_APP_ID": "42", "GITHUB_PRIVATE_KEY": "-----BEGIN\\nKEY\\n-----END"}


@pytest.fixture(autouse=True)
def clean_env(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # no stray .env
    for name in list(__import__("os").environ):
        if name.startswith(("CODEBEGEN_", "GITHUB_")) or name in ("REDIS_URL", "WEBHOOK_SECRET"):
            monkeypatch.delenv(name)


def test_settings_read_github_conventional_names(monkeypatch):
    for k, v in {
        **BASE,
        "GITHUB_WEBHOOK_SECRET": "a-real-secret",
        "REDIS_URL": "redis://r/2",
    }.items():
        monkeypatch.setenv(k, v)
    s = Settings()
    assert (s.app_id, s.redis_url, s.webhook_secret.get_secret_value()) == (
        42,
        "redis://r/2",
        "a-real-secret",
    )
    assert s.private_key_pem() == "-----BEGIN\nKEY\n-----END"


def test_codebegen_prefixed_names_work_too(monkeypatch):
    monkeypatch.setenv("CODEBEGEN_APP_ID", "7")
    monkeypatch.setenv("CODEBEGEN_PRIVATE_KEY", "k")
    monkeypatch.setenv("CODEBEGEN_WEBHOOK_SECRET", "another-secret")
    monkeypatch.setenv("CODEBEGEN_GITHUB_API_URL", "https://ghe.example/api/v3")
    s = Settings()
    assert (s.app_id, s.github_api_url) == (7, "https://ghe.example/api/v3")


def test_webhook_secret_is_required(monkeypatch):
    for k, v in BASE.items():
        monkeypatch.setenv(k, v)
    with pytest.raises(ValidationError, match="WEBHOOK_SECRET"):
        Settings()


def test_load_settings_names_the_problem_without_echoing_values(monkeypatch):
    for k, v in BASE.items():
        monkeypatch.setenv(k, v)
    with pytest.raises(UserError) as info:
        load_settings()
    assert "WEBHOOK_SECRET" in str(info.value)
    assert "BEGIN" not in str(info.value)


def test_placeholder_secret_is_refused_outside_development(monkeypatch):
    for k, v in {**BASE, "GITHUB_WEBHOOK_SECRET": "changethis"}.items():
        monkeypatch.setenv(k, v)
    with pytest.raises(ValidationError, match="placeholder"):
        Settings()
    monkeypatch.setenv("CODEBEGEN_ENV", "development")
    assert Settings().environment == "development"


def test_a_private_key_is_required(monkeypatch):
    monkeypatch.setenv("GITHUB_APP_ID", "1")
    monkeypatch.setenv("GITHUB_WEBHOOK_SECRET", "a-real-secret")
    with pytest.raises(ValidationError, match="PRIVATE_KEY"):
        Settings()


def test_private_key_can_come_from_a_file(monkeypatch, tmp_path):
    key = tmp_path / "app.pem"
    key.write_text("PEM")
    monkeypatch.setenv("GITHUB_APP_ID", "1")
    monkeypatch.setenv("GITHUB_WEBHOOK_SECRET", "a-real-secret")
    monkeypatch.setenv("GITHUB_PRIVATE_KEY_PATH", str(key))
    assert Settings().private_key_pem() == "PEM"


def test_commits_are_attributed_to_the_bot_user():
    s = Settings(app_id=1, private_key="k", webhook_secret="a-real-secret", bot_user_id=99)
    assert (s.bot_login, s.bot_email) == (
        "codebegen[bot]",
        "99+codebegen[bot]@users.noreply.github.com",
    )
