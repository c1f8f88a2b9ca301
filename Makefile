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

.PHONY: run dev test test-browser install translations extract-messages system-deps clean help

help:
	@echo "make run     serve the site on http://127.0.0.1:5000 (SQLite and the search index under instance/)"
	@echo "make test    install what the tests need (Chromium, PostgreSQL, Node packages) and run every test"
	@echo "make dev     like run, with Flask's reloader and debugger (never on a shared machine)"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "OPSspace needs Python 3.11 or newer: run make PYTHON=python3.11 ...")'
	@$(PYTHON) -c 'import ensurepip' 2>/dev/null || { echo "Python's venv module is missing: install it (Debian: sudo apt-get install python3-venv), then run make again." >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUN_STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet --disable-pip-version-check -e .
	@touch $@

$(TEST_STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
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
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

test: system-deps $(TEST_STAMP) translations node_modules/.package-lock.json
	$(BIN)/python -m pytest $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) node_modules .pytest_cache
