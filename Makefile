# IMAG Portal: `make run` to try it, `make test` to test it. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_PASSWORD ?= imag-demo-2026
# Development defaults for a first run on one machine; production sets its own environment.
RUN_ENV := DEBUG=true
TEST_ENV := SECRET_KEY=tests-only-secret-key
# PDFs (agenda, minutes, periodic report) need Pango and fonts that shape Arabic and Kurdish;
# HarfBuzz-Subset embeds only the glyphs used, several times faster than WeasyPrint's fallback.
SYSTEM_PACKAGES := fonts-noto-core libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0

.PHONY: run test test-all lint install

install: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "IMAG Portal needs Python 3.11 or newer."; exit 1; }
	@test -x $(BIN)/pip || $(PYTHON) -m venv --clear $(VENV) || \
		{ rm -rf $(VENV); echo "Could not create $(VENV): install the venv module (Debian/Ubuntu: sudo apt-get install python3-venv) and run make again."; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@missing=$$(command -v dpkg >/dev/null && for p in $(SYSTEM_PACKAGES); do \
		dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
		else echo "For PDFs, install: sudo apt-get install $$missing"; fi; \
	fi
	@touch $@

run: $(STAMP)
	$(RUN_ENV) $(BIN)/python manage.py compile_translations
	$(RUN_ENV) $(BIN)/python manage.py migrate --no-input
	$(RUN_ENV) $(BIN)/python manage.py seed_demo --password '$(DEMO_PASSWORD)'
	@echo "Password of the demo users: $(DEMO_PASSWORD) (unless they were created earlier with another)"
	@echo "IMAG Portal is at http://127.0.0.1:8000/ (Ctrl+C stops it)"
	$(RUN_ENV) $(BIN)/python manage.py runserver 127.0.0.1:8000

# The fast suite on SQLite, with Celery tasks run in-process, one pytest worker per core
# (pytest-xdist); a test file stays on one worker, so its tests share their records.
PARALLEL := -n auto --dist loadfile

test: $(STAMP)
	$(TEST_ENV) $(BIN)/python manage.py compile_translations
	$(TEST_ENV) $(BIN)/python -m pytest $(PARALLEL)

# Everything, browser and service tests included: what CI runs on PostgreSQL and Redis, with a
# coverage summary. The service tests start processes (Celery workers, gunicorn, their own
# Redis and PostgreSQL on fixed port ranges) that use the test database and the Redis the
# tests use: they run after the others, in one process.
test-all: $(STAMP)
	$(TEST_ENV) $(BIN)/python manage.py compile_translations
	$(TEST_ENV) $(BIN)/python -m pytest -m "not services" $(PARALLEL) --cov --cov-report=
	$(TEST_ENV) $(BIN)/python -m pytest -m services --cov --cov-append \
		--cov-report=term:skip-covered

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports
