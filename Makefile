# maca: two commands matter. `make run` and `make test`. Both need only Python 3.11 and make.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SPARK_STAMP := $(VENV)/.spark-installed
PORT ?= 8000
export PYTHONDONTWRITEBYTECODE := 1

.DEFAULT_GOAL := help
.PHONY: help run test test-postgres test-spark test-browser lint security lock demo clean

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
	$(BIN)/maca manage load_demo_actions
	$(BIN)/maca manage load_demo_audit
	$(BIN)/maca serve --port $(PORT)

test: $(STAMP) ## Set up, then run the whole test suite
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-postgres: $(STAMP) ## The database tests on PostgreSQL (DATABASE_URL, default the local `test` database)
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} MACA_REQUIRE_POSTGRES=1 \
	  $(BIN)/python -m pytest -m "django or postgres" $(PYTEST_ARGS)

$(SPARK_STAMP): $(STAMP) requirements-spark.lock
	$(BIN)/python -m pip install --quiet -r requirements-spark.lock
	touch $(SPARK_STAMP)

test-spark: $(SPARK_STAMP) ## The Spark tests (cohort and profile) in local mode; needs Java 17
	@command -v java >/dev/null || { echo "make: Java 17 is needed for Spark (openjdk-17-jre-headless)"; exit 2; }
	MACA_SPARK_TESTS=1 MACA_REQUIRE_SPARK=1 $(BIN)/python -m pytest -m spark $(PYTEST_ARGS)

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

lock: ## Re-resolve requirements.lock (and requirements-spark.lock, the spark extra on top)
	$(BIN)/pip-compile --quiet --strip-extras --extra dev --output-file requirements.lock pyproject.toml
	$(BIN)/pip-compile --quiet --strip-extras --extra dev --extra spark --constraint requirements.lock \
	  --output-file requirements-spark.lock pyproject.toml

clean: ## Remove the virtual environment and local data
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
