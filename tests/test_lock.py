"""The locks pin, with hashes, every dependency that pyproject.toml names, at versions inside its ranges."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s;\\]+)")


def pins(lock: str) -> dict[str, str]:
    """Package name -> pinned version, for every pin of a lock file (each must carry a hash)."""
    text = (ROOT / "requirements" / lock).read_text()
    found: dict[str, str] = {}
    for block in re.split(r"\n(?=[A-Za-z0-9])", text):
        match = PIN.match(block)
        if match:
            assert "--hash=sha256:" in block, f"{lock}: {match.group(1)} is pinned without a hash"
            found[canonicalize_name(match.group(1))] = match.group(2)
    return found


def declared() -> tuple[list[Requirement], list[Requirement]]:
    """The project's dependencies, and those of all its extras."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    extras = [Requirement(r) for group in project["optional-dependencies"].values() for r in group]
    return [Requirement(r) for r in project["dependencies"]], extras


@pytest.mark.parametrize("lock", ["lock.txt", "lock-test.txt"])
def test_lock_pins_every_dependency_within_its_range(lock):
    runtime, extras = declared()
    locked = pins(lock)
    wanted = runtime + (extras if lock == "lock-test.txt" else [])
    for req in wanted:
        name = canonicalize_name(req.name)
        assert name in locked, f"requirements/{lock} does not pin {req.name}: run `make lock`"
        assert req.specifier.contains(locked[name], prereleases=True), (
            f"requirements/{lock} pins {req.name}=={locked[name]}, outside {req.specifier}: run `make lock`")


def test_both_locks_agree_on_shared_versions():
    tool, test = pins("lock.txt"), pins("lock-test.txt")
    assert {n: v for n, v in tool.items() if test.get(n) != v} == {}


def test_build_backend_is_locked():
    assert "setuptools" in pins("lock.txt")
