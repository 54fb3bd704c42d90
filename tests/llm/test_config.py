"""Per-role model settings from the environment and from .github/codebegen.yml."""

from __future__ import annotations

import pytest

from pipeline.errors import UserError
from pipeline.llm.config import LLMConfig, Role, llm_config_from_env

VLLM = "http://vllm:8000/v1"


def test_no_environment_means_no_role_is_active() -> None:
    config = llm_config_from_env({"PATH": "/usr/bin"})
    assert not config.any_active
    assert all(not config.active(role) for role in Role)


def test_one_base_url_and_model_configure_every_role() -> None:
    config = llm_config_from_env(
        {
            "CODEBEGEN_LLM_BASE_URL": VLLM + "/",
            "CODEBEGEN_LLM_MODEL": "Qwen/Qwen2.5-Coder-7B-Instruct",
        }
    )
    for role in Role:
        assert config.role(role).base_url == VLLM  # trailing slash dropped
        assert config.role(role).model == "Qwen/Qwen2.5-Coder-7B-Instruct"
        assert config.active(role)


def test_role_variables_override_the_common_ones() -> None:
    config = llm_config_from_env(
        {
            "CODEBEGEN_LLM_BASE_URL": VLLM,
            "CODEBEGEN_LLM_MODEL": "base",
            "CODEBEGEN_LLM_TEMPERATURE": "0.5",
            "CODEBEGEN_LLM_GENERATOR_MODEL": "codebegen",  # the LoRA adapter's --lora-modules name
            "CODEBEGEN_LLM_GENERATOR_MAX_TOKENS": "16000",
            "CODEBEGEN_LLM_REVIEWER_BASE_URL": "http://reviewer:8000/v1",
            "CODEBEGEN_LLM_DOCS_ENABLED": "false",
        }
    )
    generator = config.role(Role.GENERATOR)
    assert (generator.model, generator.max_tokens, generator.temperature) == (
        "codebegen",
        16000,
        0.5,
    )
    assert config.role(Role.REVIEWER).base_url == "http://reviewer:8000/v1"
    assert config.role(Role.SCHEMA_PARSER).model == "base"
    assert not config.active(Role.DOCS)


def test_role_defaults_differ_by_role() -> None:
    config = llm_config_from_env({"CODEBEGEN_LLM_BASE_URL": VLLM, "CODEBEGEN_LLM_MODEL": "m"})
    assert config.role(Role.SCHEMA_PARSER).temperature == 0.0
    assert config.role(Role.GENERATOR).max_tokens > config.role(Role.DOCS).max_tokens


def test_api_key_is_secret() -> None:
    config = llm_config_from_env(
        {
            "CODEBEGEN_LLM_BASE_URL": VLLM,
            "CODEBEGEN_LLM_MODEL": "m",
            "CODEBEGEN_LLM_API_KEY": "sk-1",
        }
    )
    role = config.role(Role.GENERATOR)
    assert role.api_key is not None and role.api_key.get_secret_value() == "sk-1"
    assert "sk-1" not in repr(config) and "sk-1" not in config.model_dump_json()


def test_base_url_without_a_model_is_refused() -> None:
    with pytest.raises(UserError, match="no model") as info:
        llm_config_from_env({"CODEBEGEN_LLM_BASE_URL": VLLM})
    assert "CODEBEGEN_LLM_MODEL" in str(info.value)


def test_unknown_variable_is_refused_with_the_known_ones() -> None:
    with pytest.raises(UserError, match="CODEBEGEN_LLM_GENERATR_MODEL") as info:
        llm_config_from_env({"CODEBEGEN_LLM_GENERATR_MODEL": "x"})
    assert "GENERATOR" in str(info.value)


def test_bad_number_is_a_user_error() -> None:
    with pytest.raises(UserError, match="temperature"):
        llm_config_from_env(
            {
                "CODEBEGEN_LLM_BASE_URL": VLLM,
                "CODEBEGEN_LLM_MODEL": "m",
                "CODEBEGEN_LLM_TEMPERATURE": "hot",
            }
        )


def test_repo_section_picks_models_and_limits() -> None:
    config = llm_config_from_env({"CODEBEGEN_LLM_BASE_URL": VLLM, "CODEBEGEN_LLM_MODEL": "m"})
    repo = config.with_repo_overrides(
        {
            "temperature": 0.1,
            "generator": {"model": "codebegen-shop", "max_tokens": 4000},
            "docs": {"enabled": False},
        }
    )
    assert repo.role(Role.GENERATOR).model == "codebegen-shop"
    assert repo.role(Role.GENERATOR).max_tokens == 4000
    assert repo.role(Role.REVIEWER).temperature == 0.1
    assert not repo.active(Role.DOCS)
    assert repo.role(Role.GENERATOR).base_url == VLLM


def test_repo_section_cannot_set_the_endpoint() -> None:
    config = llm_config_from_env({"CODEBEGEN_LLM_BASE_URL": VLLM, "CODEBEGEN_LLM_MODEL": "m"})
    with pytest.raises(UserError, match="llm") as info:
        config.with_repo_overrides({"generator": {"base_url": "http://attacker.example/v1"}})
    assert "CODEBEGEN_LLM_BASE_URL" in info.value.hint


def test_repo_section_cannot_turn_on_a_role_without_an_endpoint() -> None:
    repo = LLMConfig().with_repo_overrides({"model": "codebegen", "enabled": True})
    assert not repo.any_active


def test_repo_section_cannot_turn_on_a_role_the_operator_turned_off() -> None:
    config = llm_config_from_env(
        {
            "CODEBEGEN_LLM_BASE_URL": VLLM,
            "CODEBEGEN_LLM_MODEL": "m",
            "CODEBEGEN_LLM_REVIEWER_ENABLED": "false",
        }
    )
    repo = config.with_repo_overrides({"enabled": True, "reviewer": {"model": "starcoder2"}})
    assert not repo.active(Role.REVIEWER) and repo.active(Role.GENERATOR)


def test_empty_repo_section_changes_nothing() -> None:
    config = llm_config_from_env({"CODEBEGEN_LLM_BASE_URL": VLLM, "CODEBEGEN_LLM_MODEL": "m"})
    assert config.with_repo_overrides(None) == config
    assert config.with_repo_overrides({}) == config
