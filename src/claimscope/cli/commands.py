"""Command modules, imported so that they register on the app."""

from claimscope.cli import eval  # noqa: F401
