"""Printing for the commands: JSON to stdout, one-line errors to stderr, untrusted text kept inert for rich."""

from __future__ import annotations

import json
import re
import sys
from typing import Any, NoReturn

import typer
from rich.text import Text

from claimscope.cli.app import err_console

# C0 and C1 control characters but tab and newline: a document could carry terminal escape sequences.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def plain(value: object, style: str = "") -> Text:
    """Untrusted text as a rich Text: never read as markup or emoji codes, control characters shown as \\uFFFD."""
    return Text(_CONTROL.sub("\ufffd", "" if value is None else str(value)), style=style)


def error(message: str) -> None:
    """One error line on stderr: `error: <message>` (never wrapped, whatever the terminal's width)."""
    err_console.print(plain(f"error: {' '.join(message.split())}", style="red"), highlight=False, soft_wrap=True)


def fail(message: str, code: int = 1) -> NoReturn:
    """An error line, then exit with `code`."""
    error(message)
    raise typer.Exit(code)


def print_json(data: Any, lines: bool = False) -> None:
    """JSON on stdout: indented, or compact on one line (JSON Lines)."""
    text = json.dumps(data, ensure_ascii=False, indent=None if lines else 2)
    sys.stdout.write(text + "\n")
    sys.stdout.flush()
