# OPSspace: `make run` serves the site; `make test` installs what the tests need and runs them all.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# The venv is re-installed whenever pyproject.toml changes.
DEPS_HASH := $(shell cat pyproject.toml | sha1sum | cut -c1-12)
RUN_STAMP  := $(VENV)/.run-$(DEPS_HASH)
TEST_STAMP := $(VENV)/.test-$(DEPS_HASH)
CATALOGS := $(wildcard opsspace/translations/*/LC_MESSAGES/messages.po)
COMPILED := $(CATALOGS:.po=.mo)

.PHONY: run dev test test-browser install translations extract-messages system-deps clean help bench bench-full bench-deps test-full soak audit

help:
	@echo "make run     serve the site on http://127.0.0.1:5000 (SQLite and the search index under instance/)"
	@echo "make test    install what the tests need (Chromium, PostgreSQL, Node packages) and run every test"
	@echo "make dev     like run, with Flask's reloader and debugger (never on a shared machine)"
	@echo "make test-full   make test plus the long variants: the whole XSS corpus, 40 kill cycles"
	@echo "make soak        gunicorn with the demo corpus under a mixed load for SOAK_SECONDS (600): requests, 5xx, latency, memory"
	@echo "make audit       known vulnerabilities in the pinned dependencies (pip-audit; also run by make test)"
	@echo "make bench       quick benchmarks (a 2,000-document corpus; minutes); results in bench/results/"
	@echo "make bench-full  the same at 100,000 documents (loading the corpus takes most of an hour the first time)"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "OPSspace needs Python 3.11 or newer: run make PYTHON=python3.11 ...")'
	@$(PYTHON) -c 'import ensurepip' 2>/dev/null || { echo "Python's venv module is missing: install it (Debian: sudo apt-get install python3-venv), then run make again." >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUN_STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet --disable-pip-version-check -e .
	@touch $@

$(TEST_STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test,ml]'
	@touch $@ $(RUN_STAMP)

install: $(RUN_STAMP) translations

%.mo: %.po
	$(BIN)/pybabel compile --statistics -i $< -o $@

translations: $(COMPILED)

# Re-extract every user-visible string into the catalogs (then translate the new French entries).
extract-messages: $(RUN_STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext --sort-by-file --no-wrap -o opsspace/translations/messages.pot .
	$(BIN)/pybabel update -i opsspace/translations/messages.pot -d opsspace/translations --no-wrap --ignore-obsolete

run: $(RUN_STAMP) translations
	$(BIN)/opsspace db upgrade
	@$(BIN)/opsspace first-run --url http://127.0.0.1:5000
	OPSSPACE_PLAIN_HTTP=true $(BIN)/opsspace serve --bind 127.0.0.1:5000 --plain-http

dev: $(RUN_STAMP) translations
	$(BIN)/opsspace db upgrade
	@$(BIN)/opsspace first-run --url http://127.0.0.1:5000
	OPSSPACE_PLAIN_HTTP=true $(BIN)/flask --app opsspace run --debug --port 5000

system-deps:
	@PYTHON=$(PYTHON) bash scripts/install-system-deps.sh

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error --ignore-scripts
	@touch $@

test: system-deps $(TEST_STAMP) translations node_modules/.package-lock.json audit
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The long variants too (tests marked `full`): the whole XSS corpus in Chromium, more SIGKILL cycles.
test-full: system-deps $(TEST_STAMP) translations node_modules/.package-lock.json audit
	$(BIN)/python -m pytest --full $(PYTEST_ARGS)

# Known vulnerabilities in the pins of pyproject.toml (PyPI's vulnerability data); AUDIT_STRICT=1 also fails
# on pins that could not be audited.
audit: $(TEST_STAMP)
	$(BIN)/python scripts/audit.py

# The site under gunicorn with the demo corpus and many simulated people; SOAK_ARGS adds options
# (e.g. SOAK_ARGS="--users 32 --workers 4 --json soak.json").
SOAK_SECONDS ?= 600
soak: $(RUN_STAMP) translations
	$(BIN)/python scripts/soak.py --seconds $(SOAK_SECONDS) $(SOAK_ARGS)

bench-deps:
	@PYTHON=$(PYTHON) bash scripts/install-system-deps.sh bench

# Benchmarks (not part of `make test`): each prints its table and writes bench/results/<name>.json.
# The corpus is loaded once per size and seed into bench/sites/ and reused; BENCH_ARGS adds options
# (e.g. BENCH_ARGS="--only search,pages").
bench: bench-deps $(RUN_STAMP) translations
	$(BIN)/python -m bench --quick $(BENCH_ARGS)

bench-full: bench-deps $(RUN_STAMP) translations
	$(BIN)/python -m bench --full $(BENCH_ARGS)

clean:
	rm -rf $(VENV) node_modules .pytest_cache
