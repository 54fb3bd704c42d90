"""POST /webhooks through the real HTTP route (TestClient), real Redis, real RQ queues."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import json
import socket
import threading
import uuid
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from redis import Redis
from rq.serializers import JSONSerializer

from bot.app import create_app
from bot.config import Settings
from tests.worker.fixtures import REDIS_URL
from worker import keys, queues
from worker.queues import QueueName

SECRET = "test-webhook-secret"
WEBHOOKS = Path(__file__).parents[1] / "fixtures" / "github" / "webhooks"


def settings(redis_url: str = REDIS_URL) -> Settings:
    return Settings(
        app_id=1,
        private_key="unused by the webhook app",
        webhook_secret=SECRET,
        environment="test",
        redis_url=redis_url,
    )


@pytest.fixture
def client(redis: Redis) -> TestClient:
    return TestClient(create_app(settings(), redis=redis))


def sign(body: bytes, secret: str = SECRET) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def post(
    client: TestClient,
    event: str,
    payload: dict[str, Any] | bytes,
    *,
    delivery: str | None = None,
    secret: str = SECRET,
    headers: dict[str, str] | None = None,
) -> Any:
    body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    hdrs = {
        "X-GitHub-Event": event,
        "X-GitHub-Delivery": delivery or str(uuid.uuid4()),
        "X-Hub-Signature-256": sign(body, secret),
        "Content-Type": "application/json",
        **(headers or {}),
    }
    return client.post("/webhooks", content=body, headers=hdrs)


def issue_opened(*, labels: tuple[str, ...] = ("codebegen",), title: str = "Blog API") -> dict:
    payload = json.loads((WEBHOOKS / "issues.opened.json").read_text())
    payload["issue"]["labels"] = [{"name": name} for name in labels]
    payload["issue"]["title"] = title
    payload["installation"] = {"id": 77}
    return payload


def queued(redis: Redis) -> dict[str, list[str]]:
    return {
        name.value: queues.queue(name, connection=redis).job_ids for name in queues.LISTEN_ORDER
    }


def test_signed_issue_opened_with_label_enqueues_ack_and_generate(client, redis):
    response = post(client, "issues", issue_opened(), delivery="d-1")

    assert response.status_code == 202
    assert queued(redis) == {
        QueueName.ACK.value: ["ack-d-1"],
        QueueName.GENERATE.value: ["generate-d-1"],
        QueueName.HARVEST.value: [],
    }


def test_job_data_is_json_ids_only(client, redis):
    post(client, "issues", issue_opened(), delivery="d-json")

    job = queues.queue(QueueName.GENERATE, connection=redis).fetch_job("generate-d-json")
    assert job.func_name == "worker.jobs.generate"
    assert set(job.kwargs) == {
        "repo",
        "installation_id",
        "issue_number",
        "delivery_id",
        "trigger",
        "actor",
        "text_sha256",  # the approved text's fingerprint, never the text
    }
    assert len(job.kwargs["text_sha256"]) == 64
    raw = zlib.decompress(redis.hget(job.key, "data"))
    assert JSONSerializer.loads(raw)[3]["repo"] == job.kwargs["repo"]  # JSON, never pickle


def test_forged_signature_is_rejected_and_nothing_queued(client, redis):
    response = post(client, "issues", issue_opened(), secret="not-the-secret")

    assert response.status_code == 401
    assert all(not ids for ids in queued(redis).values())
    assert not redis.keys(keys.delivery("*"))


def test_missing_signature_is_rejected(client):
    body = json.dumps(issue_opened()).encode()
    response = client.post(
        "/webhooks",
        content=body,
        headers={"X-GitHub-Event": "issues", "X-GitHub-Delivery": "d-nosig"},
    )
    assert response.status_code == 401


def test_sha1_signature_alone_is_not_accepted(client):
    body = json.dumps(issue_opened()).encode()
    sha1 = "sha1=" + hmac.new(SECRET.encode(), body, hashlib.sha1).hexdigest()
    response = client.post(
        "/webhooks",
        content=body,
        headers={"X-GitHub-Event": "issues", "X-GitHub-Delivery": "d", "X-Hub-Signature": sha1},
    )
    assert response.status_code == 401


def test_malformed_json_gives_400(client, redis):
    response = post(client, "issues", b'{"action": "opened", "issue": ')

    assert response.status_code == 400
    assert all(not ids for ids in queued(redis).values())


def test_json_that_is_not_an_object_gives_400(client):
    assert post(client, "issues", b"[1, 2, 3]").status_code == 400


def test_missing_delivery_header_gives_400(client):
    body = json.dumps(issue_opened()).encode()
    response = client.post(
        "/webhooks",
        content=body,
        headers={"X-GitHub-Event": "issues", "X-Hub-Signature-256": sign(body)},
    )
    assert response.status_code == 400


def test_body_over_25_mb_by_content_length_gives_413(client):
    response = client.post(
        "/webhooks",
        content=b"x" * 10,
        headers={"Content-Length": str(26 * 1024 * 1024), "X-GitHub-Event": "issues"},
    )
    assert response.status_code == 413


def test_streamed_body_over_25_mb_gives_413(client):
    chunk = b"x" * (1024 * 1024)

    def body():  # no Content-Length: chunked transfer
        for _ in range(26):
            yield chunk

    response = client.post("/webhooks", content=body(), headers={"X-GitHub-Event": "issues"})
    assert response.status_code == 413


def test_redelivery_is_acknowledged_and_not_queued_twice(client, redis):
    first = post(client, "issues", issue_opened(), delivery="same-guid")
    second = post(client, "issues", issue_opened(), delivery="same-guid")

    assert (first.status_code, second.status_code) == (202, 200)
    assert second.json()["outcome"] == "duplicate"
    assert queued(redis)[QueueName.GENERATE.value] == ["generate-same-guid"]


def test_a_failure_midway_writes_nothing_so_a_redelivery_is_taken(client, redis, monkeypatch):
    from redis.exceptions import ConnectionError as RedisConnectionError
    from rq import Queue

    real = Queue.enqueue
    calls = []

    def second_fails(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RedisConnectionError("lost")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Queue, "enqueue", second_fails)
    assert post(client, "issues", issue_opened(), delivery="d-retry").status_code == 503
    assert not redis.exists(keys.delivery("d-retry"))
    assert all(not ids for ids in queued(redis).values())

    monkeypatch.setattr(Queue, "enqueue", real)
    assert post(client, "issues", issue_opened(), delivery="d-retry").status_code == 202


def test_redis_down_gives_503():
    down = Redis.from_url("redis://127.0.0.1:1/0", socket_connect_timeout=0.2)
    client = TestClient(create_app(settings(), redis=down))

    assert post(client, "issues", issue_opened()).status_code == 503
    assert client.get("/healthz").status_code == 503


def test_healthz_checks_redis(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "redis": True}


def test_issue_without_label_or_command_queues_nothing(client, redis):
    response = post(client, "issues", issue_opened(labels=("bug",), title="Spelling"))

    assert response.status_code == 204
    assert all(not ids for ids in queued(redis).values())


def test_unhandled_event_gives_204(client):
    assert post(client, "star", {"action": "created"}).status_code == 204


def test_ping_gives_200(client):
    payload = json.loads((WEBHOOKS / "ping.json").read_text())
    assert post(client, "ping", payload).status_code == 200


def test_form_encoded_delivery_is_accepted(client, redis):
    from urllib.parse import urlencode

    body = urlencode({"payload": json.dumps(issue_opened())}).encode()
    response = post(
        client,
        "issues",
        body,
        delivery="d-form",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 202


PAYLOADS = [
    p
    for p in sorted(WEBHOOKS.glob("*.json")) + sorted(WEBHOOKS.glob("normalized/*.json"))
    if p.name != "MANIFEST.json"
]


@pytest.mark.parametrize("path", PAYLOADS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_recorded_payload_is_accepted_without_5xx(client, path):
    manifest = json.loads((WEBHOOKS / "MANIFEST.json").read_text())
    event = next(
        (f["x_github_event"] for f in manifest["files"] if f["file"] == path.name),
        path.name.split(".")[0],
    )
    response = post(client, event, path.read_bytes())
    assert response.status_code < 500
    assert response.status_code in (200, 202, 204)


def test_metrics_count_deliveries_and_show_queue_depth(client):
    post(client, "issues", issue_opened(), delivery="d-metrics")
    post(client, "issues", issue_opened(), secret="forged")

    text = client.get("/metrics").text
    assert 'codebegen_webhook_deliveries_total{event="issues",outcome="enqueued"} 1.0' in text
    assert (
        'codebegen_webhook_deliveries_total{event="unverified",outcome="bad_signature"} 1.0' in text
    )
    assert 'codebegen_queue_depth{queue="codebegen:generate"} 1.0' in text


def test_unsigned_requests_with_random_event_names_add_no_time_series(client):
    for i in range(50):
        post(client, f"evil-{i}-{uuid.uuid4().hex}", issue_opened(), secret="forged")
    text = client.get("/metrics").text
    assert "evil-" not in text
    assert (
        'codebegen_webhook_deliveries_total{event="unverified",outcome="bad_signature"} 50.0'
        in text
    )


def test_signed_unknown_event_is_counted_as_other(client):
    post(client, "made_up_event", {"action": "x"})
    text = client.get("/metrics").text
    assert "made_up_event" not in text
    assert 'codebegen_webhook_deliveries_total{event="other",outcome="ignored"} 1.0' in text


def test_signed_deeply_nested_json_gives_400(client, redis):
    body = b"[" * 100_000 + b"]" * 100_000
    response = post(client, "issues", body)
    assert response.status_code == 400
    assert redis.llen("rq:queue:codebegen:generate") == 0


def test_signed_deeply_nested_json_object_gives_400(client):
    body = b'{"a":' * 100_000 + b"1" + b"}" * 100_000
    assert post(client, "issues", body).status_code == 400


@contextlib.contextmanager
def _silent_redis() -> Iterator[int]:
    """A TCP server on loopback that accepts connections and never answers (a stalled Redis)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            with contextlib.suppress(OSError):
                held.append(server.accept()[0])

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield server.getsockname()[1]
    finally:
        stop.set()
        thread.join()
        for conn in held:
            conn.close()
        server.close()


def test_stalled_redis_gives_503_from_a_client_with_timeouts():
    with _silent_redis() as port:
        client = TestClient(create_app(settings(f"redis://127.0.0.1:{port}/0")))
        response = post(client, "issues", issue_opened())
    assert response.status_code == 503
    assert response.json()["outcome"] == "unavailable"


def test_stalled_redis_does_not_block_other_requests(monkeypatch):
    """The Redis call runs in a thread: a request that waits on it leaves the event loop free."""
    import bot.app

    monkeypatch.setattr(bot.app, "DISPATCH_TIMEOUT_S", 30.0)
    with _silent_redis() as port:
        app = create_app(settings(f"redis://127.0.0.1:{port}/0"))
        with TestClient(app) as client:
            results: list[int] = []
            waiting = threading.Thread(
                target=lambda: results.append(post(client, "issues", issue_opened()).status_code)
            )
            waiting.start()
            pinged = post(client, "ping", {"zen": "hi"})  # answered while the other one waits
            waiting.join()
    assert pinged.status_code == 200
    assert results == [503]


def test_client_disconnect_mid_body_is_answered_quietly(caplog):
    app = create_app(settings())
    body = json.dumps(issue_opened()).encode()
    messages = [
        {"type": "http.request", "body": body[:10], "more_body": True},
        {"type": "http.disconnect"},
    ]
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return messages.pop(0) if messages else {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/webhooks",
        "raw_path": b"/webhooks",
        "query_string": b"",
        "root_path": "",
        "headers": [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
            (b"x-github-event", b"issues"),
            (b"x-hub-signature-256", sign(body).encode()),
        ],
        "client": ("127.0.0.1", 1),
        "server": ("127.0.0.1", 80),
    }
    with caplog.at_level("INFO"):
        asyncio.run(app(scope, receive, send))
    assert sent[0]["status"] == 400
    assert "Traceback" not in caplog.text
    assert not any(r.exc_info for r in caplog.records)


@contextlib.contextmanager
def _served(monkeypatch) -> Iterator[int]:
    """The webhook app behind the real `codebegen serve` configuration, on a free port."""
    import uvicorn

    from bot import serve

    monkeypatch.setattr(serve, "REQUEST_TIMEOUT_S", 0.5)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = serve.server_config(create_app(settings()), host="127.0.0.1", port=port)
    config.log_level = "warning"
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        threading.Event().wait(0.05)
    try:
        yield port
    finally:
        server.should_exit = True
        thread.join()


def test_serve_drops_a_connection_whose_body_never_arrives(monkeypatch):
    with _served(monkeypatch) as port, socket.create_connection(("127.0.0.1", port)) as conn:
        conn.sendall(
            b"POST /webhooks HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"X-GitHub-Event: issues\r\nContent-Length: 1000\r\n\r\n{"
        )
        conn.settimeout(30)  # a bound for a broken server, not a timing goal
        answer = b""
        while chunk := conn.recv(4096):
            answer += chunk
    assert b"200" not in answer.split(b"\r\n", 1)[0]  # closed (EOF above) without being served


def test_serve_drops_a_connection_whose_headers_never_end(monkeypatch):
    with _served(monkeypatch) as port, socket.create_connection(("127.0.0.1", port)) as conn:
        conn.sendall(b"POST /webhooks HTTP/1.1\r\nHost: x\r\n")
        conn.settimeout(30)
        assert conn.recv(4096) == b""  # the server closed it


def test_serve_answers_a_whole_request_on_the_same_configuration(monkeypatch):
    with _served(monkeypatch) as port:
        response = httpx.get(f"http://127.0.0.1:{port}/metrics")
    assert response.status_code == 200


def test_every_event_the_app_subscribes_to_has_its_own_metrics_label():
    import yaml

    from bot.metrics import KNOWN_EVENTS

    manifest = yaml.safe_load((Path(__file__).parents[2] / "app.yml").read_text())
    assert set(manifest["default_events"]) <= KNOWN_EVENTS
