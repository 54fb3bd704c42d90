"""worker/locks.py against a real Redis."""

from __future__ import annotations

import time

import pytest

from worker.locks import LockBusy, RedisLock


def test_a_held_lock_keeps_others_out_until_released(redis):
    first = RedisLock(redis, "codebegen:lock:t", owner="job-a", ttl_s=10)
    second = RedisLock(redis, "codebegen:lock:t", owner="job-b", ttl_s=10)
    first.acquire()

    with pytest.raises(LockBusy):
        second.acquire(wait_s=0.3, poll_s=0.05)
    assert first.release()
    second.acquire()


def test_release_by_a_stale_holder_does_not_free_the_new_holder(redis):
    old = RedisLock(redis, "codebegen:lock:t", owner="job-a", ttl_s=0.1)
    old.acquire()
    time.sleep(0.2)  # expired
    new = RedisLock(redis, "codebegen:lock:t", owner="job-b", ttl_s=10)
    new.acquire()

    assert not old.release()
    assert redis.get("codebegen:lock:t").decode() == new.token


def test_the_same_job_takes_over_its_own_dead_executions_lock(redis):
    dead = RedisLock(redis, "codebegen:lock:t", owner="generate-d1", ttl_s=600)
    dead.acquire()  # never released: its worker was killed

    rerun = RedisLock(redis, "codebegen:lock:t", owner="generate-d1", ttl_s=600)
    rerun.acquire()
    assert redis.get("codebegen:lock:t").decode() == rerun.token
    with pytest.raises(LockBusy):
        RedisLock(redis, "codebegen:lock:t", owner="generate-d10", ttl_s=1).acquire()


def test_extend_keeps_a_lock_alive(redis):
    lock = RedisLock(redis, "codebegen:lock:t", owner="a", ttl_s=0.3)
    lock.acquire()
    time.sleep(0.2)
    assert lock.extend()
    time.sleep(0.2)
    assert redis.exists("codebegen:lock:t")


def test_owner_may_not_contain_the_separator(redis):
    with pytest.raises(ValueError):
        RedisLock(redis, "k", owner="a:b", ttl_s=1)
