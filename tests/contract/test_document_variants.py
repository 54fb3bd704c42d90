"""Documents that mean the same are served the same: the operations planned from an OpenAPI
document do not change when its `$ref`s are written inline, its response codes are unquoted
(YAML reads `201:` as a number), its media types carry parameters ("application/json;
charset=utf-8"), or its operationIds and tags are left out. Checked on every dev document of the
corpus (planning only, no app is booted)."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from pipeline.contract.document import PROSE, openapi_document
from pipeline.contract.patterns import plan_operations

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "openapi"
DOCUMENTS = sorted(
    p for p in CORPUS.iterdir() if p.suffix in (".md", ".yaml", ".json") and p.name != "README.md"
)


def _walk_operations(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        op
        for item in (doc.get("paths") or {}).values()
        if isinstance(item, dict)
        for op in item.values()
        if isinstance(op, dict)
    ]


def _inline(doc: dict[str, Any]) -> dict[str, Any]:
    schemas = (doc.get("components") or {}).get("schemas") or {}

    def walk(node: Any, depth: int = 0) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/components/schemas/") and depth < 8:
                name = ref.rsplit("/", 1)[-1]
                if name in schemas:
                    return walk(copy.deepcopy(schemas[name]), depth + 1)
            return {k: walk(v, depth) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v, depth) for v in node]
        return node

    return {**doc, "paths": walk(doc.get("paths") or {})}


def _bare(doc: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(doc)
    for op in _walk_operations(out):
        op.pop("operationId", None)
        op.pop("tags", None)
    return out


def _charset(doc: dict[str, Any]) -> dict[str, Any]:
    text = json.dumps(doc).replace('"application/json"', '"application/json; charset=utf-8"')
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def _as_read(doc: dict[str, Any], prose: str) -> dict[str, Any]:
    """The variant written out as YAML (codes unquoted, as people write them) and read back the
    way the bot reads an issue."""
    text = yaml.safe_dump({k: v for k, v in doc.items() if k != PROSE}, sort_keys=False)
    text = re.sub(r"(?m)^(\s+)'(\d{3})':", r"\1\2:", text)  # `201:`, not `'201':`
    found = openapi_document(f"{prose}\n\n```yaml\n{text}```\n" if prose else text)
    assert found is not None
    return found


def _plan(doc: dict[str, Any]) -> str:
    return json.dumps(plan_operations(doc), sort_keys=True, default=str)


@pytest.mark.parametrize("path", DOCUMENTS, ids=[p.stem for p in DOCUMENTS])
def test_a_document_written_another_way_plans_the_same(path: Path) -> None:
    doc = openapi_document(path.read_text(encoding="utf-8"))
    assert doc is not None
    prose = str(doc.get(PROSE, ""))
    want = _plan(_as_read(doc, prose))
    assert want == _plan(doc)  # unquoted response codes
    for variant in (_inline, _bare, _charset):
        assert _plan(_as_read(variant(doc), prose)) == want, variant.__name__
