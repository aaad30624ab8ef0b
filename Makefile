# Two commands do all set-up: `make demo` and `make test`. Both create .venv when missing and install from a
# hash-locked lock file (requirements/lock.txt for the tool, requirements/lock-test.txt with the test extras),
# then the package itself without dependencies. `make lock` regenerates both locks from pyproject.toml.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
UV_VERSION := 0.13.9
COMPILE = $(VENV)/bin/uv pip compile pyproject.toml requirements/build.in --generate-hashes --python-version 3.11 --universal --quiet

.PHONY: demo test bench screenshots install install-test lock clean

$(PY):
	$(PYTHON) -m venv $(VENV)

# One stamp per lock: a changed lock reinstalls; the package goes in last, editable, with no dependencies.
$(VENV)/.installed-%: requirements/%.txt pyproject.toml | $(PY)
	$(PIP) install --quiet --require-hashes --no-deps -r $<
	$(PIP) install --quiet --no-deps --no-build-isolation -e .
	touch $@

install: $(VENV)/.installed-lock
install-test: $(VENV)/.installed-lock-test

demo: install
	$(VENV)/bin/claimscope demo

test: install-test
	$(PY) -m pytest -q

bench: install-test
	$(PY) -m bench all

# A PNG of every page of `claimscope serve` over the sample corpus, in docs/screenshots/ (headless Chromium).
screenshots: install-test
	$(PY) docs/screenshots.py

# Regenerate the locks after changing a dependency in pyproject.toml (the test lock first; the tool's lock is
# constrained to it, so both pin the same versions).
lock: | $(PY)
	$(PIP) install --quiet "uv==$(UV_VERSION)"
	$(COMPILE) --extra postgres --extra cluster --extra test --output-file requirements/lock-test.txt
	$(COMPILE) -c requirements/lock-test.txt --output-file requirements/lock.txt

clean:
	rm -rf $(VENV) build dist src/*.egg-info
