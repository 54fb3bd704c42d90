"""Fixtures for the training tests: a data directory, a rendered project, a tiny model on disk."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.spec import AuthKind, Entity, Field, FieldType, ProjectSpec, Relation, RelationKind
from tests.training.tiny import make_model_dir
from training.dataset import Output, Provenance, Row, Source, Store


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "data")


@pytest.fixture(scope="session")
def blog_spec() -> ProjectSpec:
    return ProjectSpec(
        name="blog-api",
        description="A blog with posts and comments. Users log in with JWT.",
        domain="content_management",
        entities=[
            Entity(
                name="Post", fields=[Field(name="title"), Field(name="body", type=FieldType.TEXT)]
            ),
            Entity(name="Comment", fields=[Field(name="body", type=FieldType.TEXT)]),
        ],
        relations=[Relation(kind=RelationKind.MANY_TO_ONE, source="Comment", target="Post")],
        auth=AuthKind.JWT,
    )


@pytest.fixture(scope="session")
def blog_files(blog_spec: ProjectSpec) -> dict[str, str]:
    """The template engine's project for the blog spec."""
    from training.synth import render

    return render(blog_spec)


def make_row(files: dict[str, str], *, rid: str = "r1", prompt: str = "Build a blog API.") -> Row:
    return Row(
        id=rid,
        prompt=prompt,
        output=Output(files=files),
        provenance=Provenance(source=Source.IMPORT),
    )


def chat(i: int, *, answer: str | None = None) -> dict[str, object]:
    """A small chat sample in the samples-file format."""
    files = {"app/main.py": f"from fastapi import FastAPI\n\napp = FastAPI(title='api {i}')\n"}
    return {
        "messages": [
            {"role": "system", "content": "You are Codebegen."},
            {"role": "user", "content": f"### API Description:\nBuild API number {i}."},
            {"role": "assistant", "content": answer or json.dumps({"files": files})},
        ],
        "stage": "structure_code",
        "row_id": f"row{i % 4}",
        "part": "",
    }


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A random tiny Qwen2 and its tokenizer, saved like a hub model."""
    texts = [json.dumps(chat(i)) for i in range(16)] * 4
    return make_model_dir(tmp_path_factory.mktemp("tiny") / "model", texts)


@pytest.fixture
def samples_file(tmp_path: Path) -> Path:
    path = tmp_path / "samples.jsonl"
    path.write_text("".join(json.dumps(chat(i)) + "\n" for i in range(8)))
    return path
