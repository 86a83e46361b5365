# Two commands on a fresh machine: `make run` and `make test` (Python 3.11+ is all they need).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
LOCKS := requirements/base.txt requirements/dev.txt
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml $(LOCKS) | cksum | cut -d' ' -f1)
PIP_COMPILE := $(VENV)/bin/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe \
	--no-emit-index-url --no-emit-find-links

.PHONY: install lock audit run test lint format schema bench bench-scale bench-tiny clean

# Every package from the dev lock, each checked against its hash; then the project itself.
$(STAMP): pyproject.toml $(LOCKS)
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes -r requirements/dev.txt
	$(PY) -m pip install --quiet --no-deps -e .
	rm -f $(VENV)/.installed-* && touch $(STAMP)

install: $(STAMP)

## lock: the lock files again from pyproject.toml (runtime: requirements/base.txt; dev: dev.txt)
lock: install
	$(PIP_COMPILE) --output-file=requirements/base.txt pyproject.toml
	$(PIP_COMPILE) --extra=dev --output-file=requirements/dev.txt pyproject.toml

## audit: the runtime lock checked for known vulnerabilities with pip-audit, as CI does; when
## PyPI's vulnerability feed does not answer it warns loudly that nothing was audited, and passes
audit: install
	$(PY) scripts/audit_dependencies.py requirements/base.txt

## run: the whole service on embedded defaults (SQLite, embedded Redis, the Zoom stand-in)
run: install
	$(PY) manage.py migrate --no-input
	$(PY) manage.py demo_users
	$(PY) manage.py runstack

## test: the full suite (unit and integration; real worker processes and the stand-in)
test: install
	$(PY) -m pytest

## lint: ruff and the import-linter layer contracts, as CI runs them
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## schema: the OpenAPI description, validated (any warning fails), written to var/openapi.yml
schema: install
	$(PY) manage.py spectacular --validate --fail-on-warn --file var/openapi.yml

## bench: the benchmark suite (bench/README.md)
bench: install
	$(PY) bench/run.py

## bench-scale: costs at 10k, 100k and 1M appointments in PostgreSQL (bench/README.md); SIZES=10k,100k
SIZES ?= 10k,100k,1M
bench-scale: install
	$(PY) bench/scale.py --sizes $(SIZES)

## bench-tiny: every bench at a few bookings, figures printed, nothing judged (CI: benches that run)
bench-tiny: install
	$(PY) bench/run.py --tiny
	$(PY) bench/scale.py --sizes tiny --runs 1
	$(PY) bench/series.py --calls 1

clean:
	rm -rf $(VENV) var/*.sqlite3 var/redis var/beat*
