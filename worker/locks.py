"""A Redis lock with a TTL and an owner token: one job at a time per issue or PR. I/O: Redis.

The value is `<owner>:<random>`, where the owner is the job id. Release and extend check the whole
token (compare-and-delete in Lua), so a job whose lock expired can never release another's.
Acquire also succeeds when the holder has the same owner: RQ re-runs a job under the same id only
after its previous execution died (worker killed, see `worker/recovery.py`), and that dead
execution's lock must not block its own re-run until the TTL runs out.
"""

from __future__ import annotations

import secrets
import time
from types import TracebackType

from redis import Redis

# KEYS[1] lock key; ARGV[1] new token; ARGV[2] owner prefix ("<owner>:"); ARGV[3] ttl ms.
_ACQUIRE = """
local held = redis.call('GET', KEYS[1])
if (not held) or string.sub(held, 1, string.len(ARGV[2])) == ARGV[2] then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
  return 1
end
return 0
"""
_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""
_EXTEND = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
"""


class LockBusy(Exception):
    """Another job holds the lock; the caller waits or retries later."""


class RedisLock:
    def __init__(self, connection: Redis, key: str, *, owner: str, ttl_s: float) -> None:
        if ":" in owner:
            raise ValueError("a lock owner must not contain ':'")
        self.connection = connection
        self.key = key
        self.owner = owner
        self.ttl_ms = int(ttl_s * 1000)
        self.token = f"{owner}:{secrets.token_hex(8)}"

    def acquire(self, *, wait_s: float = 0.0, poll_s: float = 0.2) -> None:
        """Take the lock, waiting up to `wait_s`; raises LockBusy when it stays held."""
        deadline = time.monotonic() + wait_s
        while True:
            got = self.connection.eval(
                _ACQUIRE, 1, self.key, self.token, f"{self.owner}:", self.ttl_ms
            )
            if got:
                return
            if time.monotonic() >= deadline:
                raise LockBusy(self.key)
            time.sleep(poll_s)

    def extend(self) -> bool:
        """Reset the TTL; False when the lock is no longer ours."""
        return bool(self.connection.eval(_EXTEND, 1, self.key, self.token, self.ttl_ms))

    def release(self) -> bool:
        """Give the lock back; False when it had already expired or been taken over."""
        return bool(self.connection.eval(_RELEASE, 1, self.key, self.token))

    def __enter__(self) -> RedisLock:
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()
