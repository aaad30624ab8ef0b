"""JSON Lines: the claims JSON (../shared/spec/OUTPUT.md) of one document per line, with the claims exported."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from claimscope.export.reconciled import Reconciliation


def lines(documents: Iterator[dict[str, Any]], reconciliation: Reconciliation) -> Iterator[str]:
    """One compact JSON document per line (UTF-8 text, not escaped), each valid against `claims_schema()`."""
    del reconciliation  # the claims JSON carries no reconciliation
    for data in documents:
        yield json.dumps(data, ensure_ascii=False) + "\n"
