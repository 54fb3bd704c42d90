"""Regular expressions built from the words of a text ("\\bbooking(?:e?s)?\\b"), compiled once.

`re`'s own cache holds 512 patterns; the parser builds more than that from entity and field
names over a few texts, so each text recompiled them (and pushed the static ones out too).
No I/O.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Patterns kept: the words of many texts (entity, field and role names) fit in this many.
_KEPT = 8192


@lru_cache(maxsize=_KEPT)
def compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`pattern` compiled, from the cache when it was compiled before."""
    return re.compile(pattern, flags)
