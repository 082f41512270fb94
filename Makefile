# maca: two commands matter. `make run` and `make test`. Both need only Python 3.11 and make.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8000
export PYTHONDONTWRITEBYTECODE := 1

.DEFAULT_GOAL := help
.PHONY: help run test test-postgres test-browser lint security lock demo clean

help: ## Show the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(STAMP): requirements.lock pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "make: $(PYTHON) is needed (set PYTHON=...)"; exit 2; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

run: $(STAMP) ## Set up, load the synthetic demo partnership and serve on http://127.0.0.1:8000
	$(BIN)/maca manage migrate --no-input
	$(BIN)/maca manage load_demo_partnership
	$(BIN)/maca manage load_demo_audit
	$(BIN)/maca serve --port $(PORT)

test: $(STAMP) ## Set up, then run the whole test suite
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-postgres: $(STAMP) ## The database tests on PostgreSQL (DATABASE_URL, default the local `test` database)
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} MACA_REQUIRE_POSTGRES=1 \
	  $(BIN)/python -m pytest -m "django or postgres" $(PYTEST_ARGS)

lint: $(STAMP) ## ruff and mypy
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy src

security: $(STAMP) ## bandit on src/, pip-audit on the lock, manage.py check --deploy (production)
	$(BIN)/bandit -c pyproject.toml -r src -q
	$(BIN)/python scripts/pip_audit_lock.py
	DJANGO_SETTINGS_MODULE=maca.web.settings.production MACA_SECRET_KEY=ci-check-deploy-$$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n') \
	  MACA_ALLOWED_HOSTS=maca.example.org MACA_FIELD_KEYS=kci:QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWY= \
	  DATABASE_URL=sqlite:///$$(mktemp -d)/check.sqlite3 $(BIN)/python -m django check --deploy --fail-level WARNING

lock: ## Re-resolve requirements.lock from pyproject.toml
	$(BIN)/pip-compile --quiet --strip-extras --extra dev --output-file requirements.lock pyproject.toml

clean: ## Remove the virtual environment and local data
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
