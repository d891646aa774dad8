# MarketBridge — every target installs what it needs first (uv, then the workspace into .venv).
SHELL := /bin/bash
PY := .venv/bin/python
UV := $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
PYTEST := .venv/bin/pytest

.PHONY: install run up down test test-unit test-e2e bench lint typecheck clean

.tools/bin/uv:
	python3 -m pip install --quiet --target .tools/uvpkg uv
	mkdir -p .tools/bin && ln -sf ../uvpkg/bin/uv .tools/bin/uv

.venv/.installed: pyproject.toml uv.lock $(wildcard */*/pyproject.toml) sandbox/pyproject.toml | $(UV)
	$(UV) sync --frozen
	touch $@

install: .venv/.installed

run: install  ## the whole product, embedded (SQLite, in-memory bus, sandbox) on http://127.0.0.1:8000
	$(PY) -m marketbridge.embedded

up: install  ## distributed mode: every service and connector worker as its own process (PostgreSQL + RabbitMQ)
	$(PY) -m marketbridge.embedded.distributed up

test: install  ## the whole suite on the real PostgreSQL and RabbitMQ
	$(PYTEST) -q -n 2 -m "not e2e" --dist loadgroup
	$(PYTEST) -q -m e2e

bench: install
	$(PY) -m bench

lint: install
	.venv/bin/ruff check .
	.venv/bin/mypy libs/*/src services/*/src sandbox/src

clean:
	rm -rf .venv .tools data
