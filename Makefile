# Hromada. `make run` serves the demo council; `make test` runs what CI runs.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HROMADA := $(BIN)/hromada
HOST ?= 127.0.0.1
PORT ?= 8000
# Development by default: a random key of this installation in var/, plain HTTP. Production sets
# SECRET_KEY and leaves DEBUG off (docs/deployment.md).
export DEBUG ?= 1

.DEFAULT_GOAL := help
.PHONY: help setup run serve test pytest lint format migrations-check seed messages openapi contract screenshots bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 20

setup: $(VENV)/.installed ## Create .venv and install Hromada with its pinned dependencies (idempotent)

$(VENV)/.installed: pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

# axe-core for the accessibility checks of the browser tests (pinned in package-lock.json; only
# tests use it). Without npm the browser tests say that they are skipped.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	  else echo "npm not found: browser accessibility tests will be skipped"; fi

run: setup ## Migrate, load reference and demo data, serve http://$(HOST):$(PORT) with the task worker (make run PORT=8080)
	$(HROMADA) migrate --no-input -v0
	$(HROMADA) load_reference
	$(HROMADA) seed_demo
	$(HROMADA) collectstatic --no-input -v0
	@echo "Hromada: http://$(HOST):$(PORT)/  API docs: http://$(HOST):$(PORT)/api/v1/docs  (Ctrl+C stops both)"
	@echo "Demo e-mails (sent by the worker): one file each in var/mail/"
	@trap 'kill 0' EXIT INT TERM; \
	  export HROMADA_PUBLIC_URL="$${HROMADA_PUBLIC_URL:-http://$(HOST):$(PORT)}"; \
	  export EMAIL_BACKEND="$${EMAIL_BACKEND:-django.core.mail.backends.filebased.EmailBackend}"; \
	  $(HROMADA) db_worker --no-reload & \
	  $(HROMADA) runserver $(HOST):$(PORT) --noreload

test: setup lint pytest ## Lint, then the whole test suite (DATABASE_URL chooses the database)

pytest: setup node_modules/.installed
	$(BIN)/pytest -q

lint: setup ## ruff, import layers, mypy (django-stubs), migrations in sync, OpenAPI file fresh
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy hromada conftest.py
	$(HROMADA) makemigrations --check --dry-run -v0

format: setup ## Reformat the code
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

migrations-check: setup
	$(HROMADA) makemigrations --check --dry-run

seed: setup ## Load reference data and the demo council
	$(HROMADA) migrate --no-input -v0
	$(HROMADA) load_reference
	$(HROMADA) seed_demo

messages: setup ## Update and compile the uk and en translations
	cd hromada && ../$(HROMADA) makemessages -l uk -l en --no-obsolete --no-location
	cd hromada && ../$(HROMADA) compilemessages

openapi: setup ## Write docs/openapi.json
	$(HROMADA) export_openapi_schema --api hromada.api.api --indent 2 --sorted --output docs/openapi.json

contract: setup ## schemathesis against a live server, with a staff token and without (.ci/contract; DATABASE_URL respected)
	.ci/contract

screenshots: ## Copy the browser tests' screenshots (var/screenshots) into docs/guide/screenshots
	@test -d var/screenshots || { echo "run make test first (browser tests make them)"; exit 1; }
	cp var/screenshots/*.png docs/guide/screenshots/

bench: setup ## Benchmarks on PostgreSQL (see docs/benchmarks.md)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	$(BIN)/python -m bench.run_all

clean:
	rm -rf $(VENV) var build *.egg-info
