"""The `claimscope` typer application; command modules register themselves on it."""

from __future__ import annotations

import typer
from rich.console import Console

app = typer.Typer(
    name="claimscope",
    help="Who claims what: extract, store and reconcile attributed claims from news reports and posts.",
    no_args_is_help=True,
    add_completion=False,
)

console = Console()
err_console = Console(stderr=True)
