"""Settings of the bot and its workers, from the environment. I/O: reads env and the key file.

Each setting takes the `CODEBEGEN_` name or the name GitHub's own docs and tools use
(`GITHUB_APP_ID`, `GITHUB_PRIVATE_KEY`, `GITHUB_WEBHOOK_SECRET`, `GITHUB_API_URL`, `REDIS_URL`).
Secrets are required and have no default; a placeholder webhook secret is refused outside
development (as full-stack-fastapi-template's `core/config.py` refuses `changethis`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr, ValidationError, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from pipeline.errors import UserError

PLACEHOLDERS = {"", "changethis", "changeme", "secret", "development", "test"}


def _env(*names: str) -> AliasChoices:
    return AliasChoices(*names)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        case_sensitive=False,
        populate_by_name=True,
    )

    environment: Literal["development", "test", "production"] = Field(
        "production", validation_alias=_env("CODEBEGEN_ENV", "ENVIRONMENT")
    )
    app_id: int = Field(validation_alias=_env("CODEBEGEN_APP_ID", "GITHUB_APP_ID", "APP_ID"))
    private_key: SecretStr | None = Field(
        None, validation_alias=_env("CODEBEGEN_PRIVATE_KEY", "GITHUB_PRIVATE_KEY", "PRIVATE_KEY")
    )
    private_key_path: Path | None = Field(
        None,
        validation_alias=_env(
            "CODEBEGEN_PRIVATE_KEY_PATH", "GITHUB_PRIVATE_KEY_PATH", "PRIVATE_KEY_PATH"
        ),
    )
    webhook_secret: SecretStr = Field(
        validation_alias=_env("CODEBEGEN_WEBHOOK_SECRET", "GITHUB_WEBHOOK_SECRET", "WEBHOOK_SECRET")
    )
    # REST base URL: https://api.github.com, https://HOST/api/v3 for GitHub Enterprise Server,
    # or the local stand-in.
    github_api_url: str = Field(
        "https://api.github.com",
        validation_alias=_env("CODEBEGEN_GITHUB_API_URL", "GITHUB_API_URL"),
    )
    redis_url: str = Field(
        "redis://127.0.0.1:6379/0", validation_alias=_env("CODEBEGEN_REDIS_URL", "REDIS_URL")
    )
    app_slug: str = Field(
        "codebegen", validation_alias=_env("CODEBEGEN_APP_SLUG", "GITHUB_APP_SLUG")
    )
    # The App's bot user id (GET /users/<slug>[bot]); it makes the commit e-mail one GitHub links
    # to the App. Without it commits still carry the bot's name.
    bot_user_id: int | None = Field(None, validation_alias=_env("CODEBEGEN_BOT_USER_ID"))
    workdir: Path = Field(
        Path("/tmp/codebegen"),  # noqa: S108 - scratch clones; each job uses a fresh subfolder
        validation_alias=_env("CODEBEGEN_WORKDIR"),
    )
    # The dataset store (training/dataset.py): harvested rows land here, and the generator's
    # retrieval reads them as examples.
    data_dir: Path = Field(Path(".data"), validation_alias=_env("CODEBEGEN_DATA_DIR"))

    @model_validator(mode="after")
    def _check_secrets(self) -> Settings:
        secret = self.webhook_secret.get_secret_value()
        if self.environment != "development" and secret.strip().lower() in PLACEHOLDERS:
            raise ValueError(
                "the webhook secret is a placeholder: set GITHUB_WEBHOOK_SECRET to the secret "
                "configured on the GitHub App (placeholders are allowed only with CODEBEGEN_ENV="
                "development)"
            )
        if self.private_key is None and self.private_key_path is None:
            raise ValueError("set GITHUB_PRIVATE_KEY (PEM text) or GITHUB_PRIVATE_KEY_PATH")
        return self

    def private_key_pem(self) -> str:
        """The App's private key; `\\n` escapes (common in .env files) become newlines."""
        if self.private_key is not None:
            return self.private_key.get_secret_value().replace("\\n", "\n")
        assert self.private_key_path is not None
        return self.private_key_path.read_text()

    @property
    def bot_login(self) -> str:
        return f"{self.app_slug}[bot]"

    @property
    def bot_email(self) -> str:
        """GitHub's noreply address for the bot user, which links commits to the App."""
        user = f"{self.app_slug}[bot]@users.noreply.github.com"
        return f"{self.bot_user_id}+{user}" if self.bot_user_id else user


def load_settings() -> Settings:
    """Settings from the environment; a problem is a UserError that never echoes a value (pydantic's
    own message would show the start of the private key)."""
    try:
        return Settings()  # type: ignore[call-arg]  # pydantic-settings reads the environment
    except ValidationError as exc:
        problems = [
            f"- {'.'.join(str(p) for p in e['loc']) or 'settings'}: {e['msg']}"
            for e in exc.errors(include_input=False, include_url=False)
        ]
        raise UserError(
            "The configuration is incomplete or wrong:\n" + "\n".join(problems),
            hint="Set these in the environment or in .env (README: Install on GitHub).",
        ) from None
