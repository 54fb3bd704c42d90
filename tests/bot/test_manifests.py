"""app.yml (the GitHub App manifest) and docker-compose.yml: what they promise, checked."""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]

# The REST routes bot/github.py calls and the App permission each needs, from GitHub's
# "Permissions required for GitHub Apps" (docs.github.com/en/rest/authentication/
# permissions-required-for-github-apps); git push needs contents: write.
ROUTES = {
    "GET /repos/{owner}/{repo}": ("metadata", "read"),
    "GET /repos/{owner}/{repo}/issues/{issue_number}": ("issues", "read"),
    "GET /repos/{owner}/{repo}/issues/{issue_number}/comments": ("issues", "read"),
    "POST /repos/{owner}/{repo}/issues/{issue_number}/comments": ("issues", "write"),
    "PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}": ("issues", "write"),
    "POST /repos/{owner}/{repo}/issues/{issue_number}/reactions": ("issues", "write"),
    "GET /repos/{owner}/{repo}/collaborators/{username}/permission": ("metadata", "read"),
    "GET /repos/{owner}/{repo}/pulls": ("pull_requests", "read"),
    "POST /repos/{owner}/{repo}/pulls": ("pull_requests", "write"),
    "PATCH /repos/{owner}/{repo}/pulls/{pull_number}": ("pull_requests", "write"),
    "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews": ("pull_requests", "read"),
    "POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews": ("pull_requests", "write"),
    "GET /repos/{owner}/{repo}/commits/{ref}/check-runs": ("checks", "read"),
    "POST /repos/{owner}/{repo}/check-runs": ("checks", "write"),
    "PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}": ("checks", "write"),
    "git push (smart HTTP receive-pack)": ("contents", "write"),
}
LEVEL = {"read": 1, "write": 2}


def manifest() -> dict:
    return yaml.safe_load((ROOT / "app.yml").read_text())


def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_app_manifest_subscribes_to_exactly_the_events_codebegen_handles():
    assert sorted(manifest()["default_events"]) == ["issue_comment", "issues", "pull_request"]


def test_app_manifest_grants_exactly_the_permissions_the_routes_need():
    needed: dict[str, str] = {}
    for permission, level in ROUTES.values():
        if LEVEL[level] > LEVEL.get(needed.get(permission, ""), 0):
            needed[permission] = level
    assert manifest()["default_permissions"] == needed


def test_app_manifest_has_a_webhook_url_and_is_private_by_default():
    data = manifest()
    assert data["hook_attributes"]["url"].endswith("/webhooks")
    assert data["public"] is False


def test_compose_runs_redis_with_persistence_and_a_healthcheck():
    redis = compose()["services"]["redis"]
    assert "--appendonly" in redis["command"] and "yes" in redis["command"]
    assert redis["healthcheck"]["test"] == ["CMD", "redis-cli", "ping"]


def test_compose_starts_bot_and_worker_once_redis_is_healthy():
    services = compose()["services"]
    for name in ("bot", "worker"):
        assert services[name]["depends_on"] == {"redis": {"condition": "service_healthy"}}
        assert services[name]["build"] == "."
    assert services["bot"]["command"][:2] == ["codebegen", "serve"]
    assert services["worker"]["command"] == ["codebegen", "worker"]
    assert (ROOT / "Dockerfile").exists()


def test_compose_requires_the_app_secrets_instead_of_defaulting_them():
    env = compose()["services"]["bot"]["environment"]
    for name in ("GITHUB_APP_ID", "GITHUB_PRIVATE_KEY", "GITHUB_WEBHOOK_SECRET"):
        assert env[name] == f"${{{name}:?set it}}"


def test_compose_serves_the_code_model_with_its_lora_only_in_the_gpu_profile():
    vllm = compose()["services"]["vllm"]
    assert vllm["profiles"] == ["gpu"]
    argv = vllm["entrypoint"] + vllm["command"]
    assert " ".join(argv).startswith(
        "vllm serve Qwen/Qwen2.5-Coder-32B-Instruct --enable-lora "
        "--lora-modules codebegen=/adapters/codebegen"
    )
    assert all("profiles" not in s for n, s in compose()["services"].items() if n != "vllm")
