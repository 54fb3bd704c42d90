"""YAML as OpenAPI documents are written (YAML 1.2). No I/O.

PyYAML reads YAML 1.1, where `on`, `off`, `yes` and `no` are booleans: a schema property named
`on` would become `True` and then a field named `true`. OpenAPI 3 documents are YAML 1.2 (or
JSON), where only true and false are booleans; `load_yaml12` reads them that way.
"""

from __future__ import annotations

import re
from typing import Any

import yaml


class _Yaml12(yaml.SafeLoader):  # type: ignore[misc]
    """A SafeLoader whose only booleans are true and false."""


_BOOL = "tag:yaml.org,2002:bool"
_Yaml12.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != _BOOL]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Yaml12.add_implicit_resolver(
    _BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def load_yaml12(text: str) -> Any:
    """`text` read as YAML 1.2 (safe: plain data only). Raises yaml.YAMLError or RecursionError
    as `yaml.safe_load` does."""
    return yaml.load(text, Loader=_Yaml12)  # noqa: S506 - a SafeLoader
