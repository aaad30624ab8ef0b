"""Command modules, imported so that they register on the app."""
