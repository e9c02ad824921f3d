# ISO-HCC: `make run` (embedded demo) and `make test` (everything, on real PostgreSQL and Kafka).

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# What running needs (`make run`): the shared libraries, every service folder that has its pyproject.toml (a folder
# being created does not break make) and the gateway.
RUNTIME := libs/contracts libs/kit $(patsubst %/pyproject.toml,%,$(wildcard services/*/pyproject.toml)) gateway
# What testing adds: the local PostgreSQL/Kafka launcher and the tools of requirements-dev.txt.
DEV := libs/localinfra
RUNTIME_STAMP := $(VENV)/.runtime
# The web UI's gettext catalogues (ADR 33): the .po are in git, the .mo are compiled from them here (and by the image
# build), never committed.
CATALOGUES := $(wildcard gateway/src/gateway/translations/*/LC_MESSAGES/*.po)
STAMP := $(VENV)/.installed
export PIP_CONSTRAINT := $(CURDIR)/constraints.txt
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: install install-runtime translations prepare run test test-fast test-e2e test-demo test-faults test-browser bench lint up down \
	clean k8s-check \
	image image-check

install: $(STAMP) $(CATALOGUES:.po=.mo)

install-runtime: $(RUNTIME_STAMP) $(CATALOGUES:.po=.mo)

$(RUNTIME_STAMP): constraints.txt $(foreach p,$(RUNTIME),$(p)/pyproject.toml)
	@echo "==> Python virtualenv and the pinned packages the platform runs on"
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q pip
	$(PY) -m pip install -q $(foreach p,$(RUNTIME),-e $(p))
	touch $(RUNTIME_STAMP)

%.mo: %.po $(RUNTIME_STAMP)
	$(VENV)/bin/pybabel -q compile -i $< -o $@

# After adding or changing a word of the pages: extract the msgids, merge them into each language's .po (then
# translate the new entries of vi/LC_MESSAGES/messages.po) and compile.
translations: install-runtime
	$(PY) -m tools.translations update
	$(PY) -m tools.translations compile

$(STAMP): $(RUNTIME_STAMP) requirements-dev.txt $(DEV)/pyproject.toml
	@echo "==> Development and test tools (pytest, Playwright, linters...)"
	$(PY) -m pip install -q -r requirements-dev.txt $(foreach p,$(DEV),-e $(p))
	touch $(STAMP)

prepare: install
	@echo "==> PostgreSQL server and Kafka jars (installed once)"
	$(PY) -m localinfra prepare

run: install-runtime
	DEV_LOGIN=1 $(PY) -m gateway embedded

# Two pytest-xdist workers, each with its own PostgreSQL, Kafka and S3 server, each taking whole test files
# (tests/support/scheduling.py). TEST_WORKERS=0 runs everything in one process.
TEST_WORKERS ?= 2

test: prepare lint k8s-check
	@echo "==> Tests: unit, contracts, integration and end to end on real PostgreSQL and Kafka"
	$(PY) -m pytest -n $(TEST_WORKERS) --durations=25

# The multi-process end-to-end tests alone (real PostgreSQL, Kafka, gunicorn, relays, consumers, gateway).
test-e2e: prepare
	$(PY) -m pytest tests/e2e

# The demo's figures with every demo province written (ten minutes); `make test` writes Thái Bình's and Hưng Yên's.
test-demo: prepare
	DEMO_FIGURES=all $(PY) -m pytest tests/e2e/test_demo_figures.py

# Every fault-injection scenario at full size (10,000 events); `make test` runs the three marked fault_smoke, small
# (FAULTS_SCALE=small runs every scenario small).
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

# The images without a Docker engine (buildah, base made from Debian: docs/operations/image.md); not part of
# `make test` (it takes minutes and downloads). Writes the digests into deploy/docker/Dockerfile (BASE_IMAGE) and
# deploy/k8s/overlays/prod. IMAGES=gateway registry builds only those.
IMAGES ?= gateway registry inspections training budget reporting notifications
image: install
	$(PY) -m tools.image build $(IMAGES)

# The manifest test run inside the built images (all seven), each container in its image's root filesystem.
image-check: image prepare
	$(PY) -m tools.image roots
	MANIFEST_IMAGE_ROOT=var/image/check $(PY) -m pytest tests/deploy/test_pods.py tests/deploy/test_manifests_run.py

up: prepare
	$(PY) -m localinfra.stack up

down:
	$(PY) -m localinfra.stack down

clean: down
	rm -rf var .pytest_cache
