"""The `claimscope` command line."""

from __future__ import annotations

import sys

from claimscope.cli.app import app

# Command modules register their commands on `app` when imported.
from claimscope.cli import commands  # noqa: E402,F401


def main() -> None:
    """Entry point of the `claimscope` console script; a bad setting is one error line, not a traceback."""
    from claimscope.cli.output import error
    from claimscope.config import SettingError

    try:
        app()
    except SettingError as exc:
        error(str(exc))
        sys.exit(1)
