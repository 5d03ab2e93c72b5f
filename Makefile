# Edu71 — the two commands: `make up` (run the platform with demo data) and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help
.SHELLFLAGS := -euo pipefail -c

VAR      := $(CURDIR)/var
VENV     := $(CURDIR)/.venv
PY       := $(VENV)/bin/python
UV       := $(VENV)/bin/uv
SUPERVISORD_CONF := $(VAR)/supervisord.conf
CTL      := $(VENV)/bin/supervisorctl -c $(SUPERVISORD_CONF)
export EDU71_VAR := $(VAR)

help:
	@echo "make up       install what is missing, start Kafka, FerretDB, every service and its worker, load demo data"
	@echo "make down     stop exactly what 'make up' started"
	@echo "make status   show the platform's processes"
	@echo "make logs     follow the logs (Ctrl-C to stop)"
	@echo "make test     install what is missing and run every test against a real Kafka and FerretDB"
	@echo "make bench    run the benchmarks in bench/"
	@echo "make lock     re-pin Python dependencies into requirements.lock"
	@echo "make fuzz     the long attack run: schemathesis, EDU71_FUZZ_REQUESTS (10000) requests, and the authorization matrix"

# --- installation (idempotent, quiet when already done) ----------------------
$(VENV)/.installed: requirements.lock
	@command -v python3 >/dev/null || { echo "edu71: python3 (3.11+) not found" >&2; exit 1; }
	@[ -x $(PY) ] || python3 -m venv $(VENV)
	@[ -x $(UV) ] || $(VENV)/bin/pip install -q uv==0.13.9
	@$(UV) pip sync -q --compile-bytecode --python $(PY) requirements.lock
	@touch $@

contracts/node_modules/.installed: contracts/package-lock.json
	@command -v npm >/dev/null || { echo "edu71: npm not found (install Node.js 18+)" >&2; exit 1; }
	@npm ci --prefix contracts --silent --no-audit --no-fund >/dev/null
	@touch $@

# axe-core, which the portal's browser tests inject into each page (test_accessibility.py)
BROWSER_TESTS := services/portal/tests/browser
$(BROWSER_TESTS)/node_modules/.installed: $(BROWSER_TESTS)/package-lock.json
	@command -v npm >/dev/null || { echo "edu71: npm not found (install Node.js 18+)" >&2; exit 1; }
	@npm ci --prefix $(BROWSER_TESTS) --silent --no-audit --no-fund >/dev/null
	@touch $@

bootstrap: $(VENV)/.installed contracts/node_modules/.installed $(BROWSER_TESTS)/node_modules/.installed
	@deploy/bin/install-kafka
	@deploy/bin/install-ferretdb
	@deploy/bin/install-prometheus
	@deploy/bin/install-kubeconform
	@deploy/bin/install-chromium
	@deploy/bin/install-libreoffice
	@$(VENV)/bin/edu71 keys

lock:
	@$(UV) pip compile -q --no-header --python-version 3.11 requirements.in -o requirements.lock

# --- running -----------------------------------------------------------------
SUPERVISOR_PID = $$(cat $(VAR)/run/supervisord.pid 2>/dev/null || true)

up: bootstrap
	@$(PY) deploy/local/services.py > $(SUPERVISORD_CONF)
	@if kill -0 $(SUPERVISOR_PID) 2>/dev/null; then $(CTL) update >/dev/null; $(CTL) start all >/dev/null || true; \
	 else $(VENV)/bin/supervisord -c $(SUPERVISORD_CONF); fi
	@$(VENV)/bin/edu71 wait all --timeout 180
	@$(VENV)/bin/edu71 topics >/dev/null
	@$(PY) deploy/local/demo.py
	@$(PY) deploy/local/services.py urls

# supervisord stops its programs (each within its stopwaitsecs), then exits; wait for that.
down:
	@pid=$(SUPERVISOR_PID); if [ -n "$$pid" ] && kill -0 $$pid 2>/dev/null; then \
	   kill -TERM $$pid; for i in $$(seq 240); do kill -0 $$pid 2>/dev/null || break; sleep 0.5; done; \
	   echo "edu71: stopped"; else echo "edu71: not running"; fi

status:
	@$(CTL) status || true

logs:
	@tail -n 50 -F $(VAR)/log/*.log

# --- tests and benchmarks ------------------------------------------------------
# Four pytest sessions at once, each with a Kafka and a FerretDB of its own (the plugin's free ports), filled so
# that they end close together: the services' tests but the portal's, with the store's contract suites; the
# portal's (its browser tests mostly wait on the platform's processes and on events), with the unit and contract
# tests; the attack run; the platform's integration tests and then the fault injection, which kills its own
# session's broker and store and otherwise mostly waits for processes and events. Each session's output is printed
# whole when it ends, with the CPU it used (edu71_testing.sessions): balance them by that, not by the test count.
# `.venv/bin/python -m pytest` alone still runs everything as one session (pytest.ini's testpaths).
# Bytecode is compiled beforehand (the packages at install, the repository's code here): with
# PYTHONDONTWRITEBYTECODE set, as on the test machine, every Python process the tests start (each session, each
# service and worker of a platform, each CLI run) compiled every module it imports again, 1.7 of its 2.6
# CPU-seconds for `python -m identity.cli`.
TEST_SESSIONS := 'services --ignore=services/portal tests/integration/store' 'services/portal tests/unit tests/contracts' \
                 'tests/security' 'tests/integration --ignore=tests/integration/store tests/ops'
test: bootstrap
	@$(VENV)/bin/ruff check --quiet .
	@$(PY) -m compileall -q -j0 lib services tests
	@$(PY) -m edu71_testing.sessions $(TEST_SESSIONS) -- -q -p no:cacheprovider

# The long run of tests/security: randomized schemathesis passes over every OpenAPI document with each
# role's token until EDU71_FUZZ_REQUESTS requests were sent, then the tally (requests, 5xx, mismatches).
EDU71_FUZZ_REQUESTS ?= 10000
fuzz: bootstrap
	@EDU71_FUZZ_REQUESTS=$(EDU71_FUZZ_REQUESTS) $(PY) -m pytest -q -p no:cacheprovider -o timeout=0 \
	   tests/security -rN --tb=no

bench: bootstrap
	@for b in bench/*.py; do echo "== $$b"; $(PY) $$b; done

.PHONY: help bootstrap lock up down status logs test bench fuzz
