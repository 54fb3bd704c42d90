"""Webhook acknowledgement under load: throughput and latency of `POST /webhooks` on loopback.

    .venv/bin/python bench/bench_webhooks.py                  # 1 server process
    .venv/bin/python bench/bench_webhooks.py --workers 2      # `codebegen serve --workers 2`

Starts `codebegen serve` against a local Redis database it flushes (default db 14), then sends
signed `issues.opened` deliveries that each pass the whole path: signature check, JSON parse,
routing, the delivery claim (SET NX) and two RQ enqueues. The client is plain asyncio on
keep-alive connections with the requests signed in advance, so it spends little CPU of its own.

1. closed loop: `--concurrency` connections send as fast as answers come back -> deliveries/s;
2. open loop at `--rate` deliveries/s (default 300): latency measured from each request's
   scheduled send time, so a server that falls behind shows it (no coordinated omission).

Goal (issue 3): >= 1,000 deliveries/s on 2 cores, p99 under 25 ms at 300/s. Prints; asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import hmac
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

from redis import Redis

ROOT = Path(__file__).resolve().parents[1]
SECRET = "bench-webhook-secret"
PAYLOAD = ROOT / "tests" / "fixtures" / "github" / "webhooks" / "issues.opened.json"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def requests(n: int, port: int) -> list[bytes]:
    payload = json.loads(PAYLOAD.read_text())
    payload["issue"]["labels"] = [{"name": "codebegen"}]
    payload["installation"] = {"id": 1}
    body = json.dumps(payload, separators=(",", ":")).encode()
    signature = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    head = (
        f"POST /webhooks HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUser-Agent: GitHub-Hookshot/bench\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
        f"X-GitHub-Event: issues\r\nX-Hub-Signature-256: {signature}\r\n"
    )
    return [(head + f"X-GitHub-Delivery: {uuid.uuid4()}\r\n\r\n").encode() + body for _ in range(n)]


async def read_response(reader: asyncio.StreamReader) -> int:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    length = 0
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name.lower() == "content-length":
            length = int(value)
    if length:
        await reader.readexactly(length)
    return int(lines[0].split()[1])


async def client(
    port: int, queue: asyncio.Queue, latencies: list[float], statuses: dict[int, int]
) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    while (item := await queue.get()) is not None:
        request, scheduled = item
        start = scheduled if scheduled is not None else time.perf_counter()
        writer.write(request)
        status = await read_response(reader)
        latencies.append(time.perf_counter() - start)
        statuses[status] = statuses.get(status, 0) + 1
    writer.close()


async def closed_loop(port: int, reqs: list[bytes], concurrency: int) -> tuple[float, list, dict]:
    queue: asyncio.Queue = asyncio.Queue()
    for r in reqs:
        queue.put_nowait((r, None))
    for _ in range(concurrency):
        queue.put_nowait(None)
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    start = time.perf_counter()
    await asyncio.gather(*(client(port, queue, latencies, statuses) for _ in range(concurrency)))
    return time.perf_counter() - start, latencies, statuses


async def open_loop(port: int, reqs: list[bytes], rate: float, connections: int) -> tuple:
    queue: asyncio.Queue = asyncio.Queue()
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    clients = [
        asyncio.create_task(client(port, queue, latencies, statuses)) for _ in range(connections)
    ]
    start = time.perf_counter()
    for i, r in enumerate(reqs):
        due = start + i / rate
        delay = due - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        queue.put_nowait((r, due))
    for _ in clients:
        queue.put_nowait(None)
    await asyncio.gather(*clients)
    return time.perf_counter() - start, latencies, statuses


def tree_cpu_seconds(pid: int) -> float:
    """User+system CPU of `pid` and its descendants (uvicorn's worker processes), from /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    stats = {}
    for path in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = path.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        stats[int(path.parent.name)] = (int(fields[1]), int(fields[11]) + int(fields[12]))
    total, todo = 0.0, [pid]
    while todo:
        current = todo.pop()
        total += stats.get(current, (0, 0))[1] / tick
        todo += [p for p, (ppid, _) in stats.items() if ppid == current]
    return total


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def report(name: str, seconds: float, latencies: list[float], statuses: dict[int, int]) -> None:
    n = len(latencies)
    print(
        f"{name}: {n} deliveries in {seconds:.2f} s = {n / seconds:,.0f}/s   "
        f"p50 {pct(latencies, 0.50):.1f} ms  p99 {pct(latencies, 0.99):.1f} ms  "
        f"max {max(latencies) * 1000:.1f} ms  mean {statistics.mean(latencies) * 1000:.1f} ms  "
        f"statuses {dict(sorted(statuses.items()))}"
    )


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--workers", type=int, default=1, help="server processes")
    p.add_argument("--requests", type=int, default=5000, help="deliveries in the closed loop")
    p.add_argument("--concurrency", type=int, default=32)
    p.add_argument("--rate", type=float, default=300.0, help="deliveries/s in the open loop")
    p.add_argument("--seconds", type=float, default=10.0, help="length of the open loop")
    p.add_argument("--redis-url", default="redis://127.0.0.1:6379/14")
    args = p.parse_args()

    redis = Redis.from_url(args.redis_url)
    redis.flushdb()
    port = free_port()
    env = {
        **os.environ,
        "GITHUB_APP_ID": "1",
        "GITHUB_PRIVATE_KEY": "not used by the webhook app",
        "GITHUB_WEBHOOK_SECRET": SECRET,
        "REDIS_URL": args.redis_url,
    }
    cmd = [sys.executable, "-m", "bot.cli", "serve", "--port", str(port),
           "--workers", str(args.workers), "--log-level", "warning"]  # fmt: skip
    server = subprocess.Popen(cmd, cwd=ROOT, env=env)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("the server did not start") from None
                time.sleep(0.1)
        print(
            f"codebegen serve --workers {args.workers} on 127.0.0.1:{port}, {os.cpu_count()} CPUs"
        )
        asyncio.run(closed_loop(port, requests(200, port), 8))  # warm up
        reqs = requests(args.requests, port)
        cpu = tree_cpu_seconds(server.pid)
        report(
            f"closed loop, {args.concurrency} connections",
            *asyncio.run(closed_loop(port, reqs, args.concurrency)),
        )
        per = (tree_cpu_seconds(server.pid) - cpu) / len(reqs)
        print(
            f"server CPU per delivery: {per * 1000:.2f} ms -> {1 / per:,.0f} deliveries/s per "
            f"fully available core (load average now {os.getloadavg()[0]:.1f})"
        )
        reqs = requests(int(args.rate * args.seconds), port)
        report(
            f"open loop at {args.rate:.0f}/s", *asyncio.run(open_loop(port, reqs, args.rate, 64))
        )
        jobs = sum(redis.llen(f"rq:queue:codebegen:{q}") for q in ("ack", "generate"))
        print(f"jobs queued: {jobs} (2 per delivery)")
    finally:
        server.terminate()
        server.wait(timeout=10)
        redis.flushdb()
    return 0


if __name__ == "__main__":
    sys.exit(main())
