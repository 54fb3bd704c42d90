"""The dataset store: rows round-trip, appends are atomic and deduplicated, secrets never land."""

from __future__ import annotations

import json
import multiprocessing
from pathlib import Path

import pytest
from pydantic import ValidationError

from tests.training.conftest import make_row
from training.dataset import Provenance, Row, Source, Store, expected_architecture

GH = "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8"


def _row(i: int) -> Row:
    return make_row({"app/main.py": f"x = {i}\n"}, rid=f"r{i}", prompt=f"API {i}")


def test_row_matches_the_seed_record_and_forbids_unknown_keys() -> None:
    row = _row(1)
    data = json.loads(row.model_dump_json())
    assert {"id", "prompt", "context", "expected_architecture", "output", "quality_score"} <= set(
        data
    )
    assert set(data["context"]) == {"domain", "complexity", "tech_stack", "constraints"}
    with pytest.raises(ValidationError):
        Row.model_validate({**data, "surprise": 1})


def test_append_then_read_back(store: Store) -> None:
    assert store.append(_row(1)) is True
    assert [r.id for r in store] == ["r1"]
    assert len(store) == 1


def test_same_content_twice_is_one_row(store: Store) -> None:
    assert store.append(_row(1)) is True
    assert store.append(_row(1).model_copy(update={"id": "other-id"})) is False
    assert len(list(store)) == 1


def test_same_merge_twice_is_one_row_even_with_new_content(store: Store) -> None:
    prov = Provenance(source=Source.HARVEST, repo="Octo/Blog", pr=3, merged_sha="abc123")
    first = _row(1).model_copy(update={"provenance": prov})
    again = _row(2).model_copy(update={"provenance": prov.model_copy(update={"repo": "octo/blog"})})
    assert store.append(first) and not store.append(again)
    assert [r.id for r in store] == ["r1"]


def test_secrets_are_scrubbed_before_anything_is_written(store: Store) -> None:
    row = make_row(
        {"app/gh.py": f"TOKEN = '{GH}'\n", ".env": "SECRET_KEY=abcdef123456\n"},
        prompt=f"my token is {GH}",
    )
    store.append(row)
    raw = b"".join(p.read_bytes() for p in store.dir.iterdir() if p.is_file())
    assert GH.encode() not in raw and b"abcdef123456" not in raw
    stored = next(iter(store))
    assert stored.output.files[".env"] == "SECRET_KEY=changethis\n"
    assert "<github-token>" in stored.prompt


def _writer(root: str, worker: int, n: int) -> None:
    store = Store(root, shard_bytes=2048)  # small shards: writers also race on roll-over
    for i in range(n):
        store.append(_row(worker * 1000 + i))  # own rows
        store.append(_row(i))  # rows every worker also writes: stored once


def test_concurrent_writers_lose_nothing_and_duplicate_nothing(tmp_path: Path) -> None:
    root = str(tmp_path / "data")
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_writer, args=(root, w, 15)) for w in range(1, 5)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    store = Store(root)
    assert len(store.shards()) > 1
    ids = [r.id for r in store]
    expected = {f"r{w * 1000 + i}" for w in range(1, 5) for i in range(15)}
    shared = {r.id for r in store if int(r.id[1:]) < 15}
    assert len(ids) == len(set(ids)) == 4 * 15 + 15
    assert expected <= set(ids) and len(shared) == 15
    for shard in store.shards():  # every line is a whole row
        for line in shard.read_bytes().splitlines():
            Row.model_validate_json(line)


def test_shards_roll_over_at_the_size_limit(tmp_path: Path) -> None:
    store = Store(tmp_path / "d", shard_bytes=600)
    assert store.append_many(_row(i) for i in range(10)) == 10
    assert len(store.shards()) > 1
    assert sorted(r.id for r in store) == sorted(f"r{i}" for i in range(10))


def test_torn_last_line_from_a_killed_writer_is_cut_and_never_read(store: Store) -> None:
    store.append(_row(1))
    shard = store.shards()[0]
    with shard.open("ab") as f:
        f.write(b'{"id": "half-a-ro')  # the writer died here: never acknowledged
    assert [r.id for r in store] == ["r1"]
    store.append(_row(2))
    assert [r.id for r in store] == ["r1", "r2"]
    assert shard.read_bytes().count(b"\n") == 2


def test_row_written_but_not_indexed_is_found_and_not_duplicated(store: Store) -> None:
    store.append(_row(1))
    store.append(_row(2))
    lines = store.index_path.read_text().splitlines()
    store.index_path.write_text(lines[0] + "\n")  # killed between the row write and the index
    assert store.append(_row(2)) is False
    assert [r.id for r in store] == ["r1", "r2"]


def test_index_is_rebuilt_when_lost(store: Store) -> None:
    store.append_many([_row(1), _row(2)])
    store.index_path.unlink()
    assert store.append(_row(1)) is False and len(store) == 2


def test_expected_architecture_groups_paths_like_the_seed() -> None:
    arch = expected_architecture(
        [
            "app/main.py",
            "app/models/post.py",
            "tests/test_posts.py",
            "Dockerfile",
            "docker-compose.yml",
            ".env.example",
            "README.md",
            "openapi.yaml",
            "alembic/env.py",
        ]
    )
    assert arch == {
        "app": ["main.py", "models/"],
        "infra": [".env.example", "Dockerfile", "alembic/", "docker-compose.yml"],
        "docs": ["README.md", "openapi.yaml"],
        "tests": ["tests/"],
    }
