"""The `claimscope` command line."""

from __future__ import annotations

from claimscope.cli.app import app

# Command modules register their commands on `app` when imported.
from claimscope.cli import commands  # noqa: E402,F401


def main() -> None:
    """Entry point of the `claimscope` console script."""
    app()
