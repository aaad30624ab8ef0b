"""The `claimscope` typer application; command modules register themselves on it."""

from __future__ import annotations

import sys

import typer
from rich.console import Console

app = typer.Typer(
    name="claimscope",
    help="Who claims what: extract, store and reconcile attributed claims from news reports and posts.",
    no_args_is_help=True,
    add_completion=False,
)

# Piped or redirected output is not cut to 80 columns: tables of claims need the room.
PIPED_WIDTH = 160
console = Console(width=None if sys.stdout.isatty() else PIPED_WIDTH)
err_console = Console(stderr=True)
