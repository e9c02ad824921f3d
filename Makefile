# ISO-HCC: `make run` (embedded demo) and `make test` (everything, on real PostgreSQL and Kafka).

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# Every service folder that has its pyproject.toml (a folder being created does not break make).
PACKAGES := libs/contracts libs/kit libs/localinfra $(patsubst %/pyproject.toml,%,$(wildcard services/*/pyproject.toml)) gateway
STAMP := $(VENV)/.installed
export PIP_CONSTRAINT := $(CURDIR)/constraints.txt
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: install prepare run test test-fast test-e2e test-faults test-browser bench lint up down clean k8s-check

install: $(STAMP)

$(STAMP): constraints.txt requirements-dev.txt $(foreach p,$(PACKAGES),$(p)/pyproject.toml)
	@echo "==> Python virtualenv and pinned packages"
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q pip
	$(PY) -m pip install -q -r requirements-dev.txt $(foreach p,$(PACKAGES),-e $(p))
	touch $(STAMP)

prepare: install
	@echo "==> PostgreSQL server and Kafka jars (installed once)"
	$(PY) -m localinfra prepare

run: install
	DEV_LOGIN=1 $(PY) -m gateway embedded

test: prepare lint k8s-check
	@echo "==> Tests: unit, contracts, integration and end to end on real PostgreSQL and Kafka"
	$(PY) -m pytest

# The fault-injection suite at full size (10,000 events); `make test` runs it small.
test-faults: prepare
	FAULTS_SCALE=full $(PY) -m pytest tests/faults -s

# Browser journeys in headless Chromium; screenshots land in var/artefacts/screenshots.
test-browser: prepare
	$(PY) -m pytest tests/web

# Benchmarks: medians, min, max and ratios; not part of `make test` (a smoke run is).
bench: prepare
	$(PY) -m bench

test-fast: install
	$(PY) -m pytest tests/contracts tests/kit/unit

lint: install
	$(VENV)/bin/ruff check .
	$(PY) tools/check_tenancy.py
	$(VENV)/bin/lint-imports --no-logo --cache-dir var/cache/import-linter

k8s-check: install
	$(PY) tools/k8s_check.py

up: prepare
	$(PY) -m localinfra.stack up

down:
	$(PY) -m localinfra.stack down

clean: down
	rm -rf var .pytest_cache
