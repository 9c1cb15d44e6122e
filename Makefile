# Two commands do everything: `make run` and `make test`. The venv is rebuilt when pyproject changes.
# `make run` installs only what the app needs at run time; `make test` adds the test tools on top.
PYTHON ?= python3
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.installed-run
DEV_STAMP := $(VENV)/.installed-dev
POSE := node_modules/@mediapipe/pose/pose.js
AXE := node_modules/axe-core/axe.min.js
SWAGGER := node_modules/swagger-ui-dist/swagger-ui-bundle.js
TSC := node_modules/typescript/bin/tsc
ESLINT := node_modules/eslint/bin/eslint.js

.PHONY: run test lint bench install install-dev clean test-packages

# The app and its runtime libraries, and the camera coach's pose model and Swagger UI from the
# npm registry, which tools/vendor-pose and tools/vendor-swagger-ui copy to where the app serves
# them. --ignore-scripts: no package needs one, and swagger-ui-dist's would send usage analytics.
# Progress stays visible: the first install downloads about 150 MB.
$(RUN_STAMP): pyproject.toml package.json tools/vendor-pose tools/vendor-swagger-ui
	@tools/debian-packages run
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade pip
	$(BIN)/python -m pip install -e .
	test -f $(POSE) -a -f $(SWAGGER) || npm install --omit=dev --ignore-scripts --no-audit --no-fund --no-package-lock
	tools/vendor-pose
	tools/vendor-swagger-ui
	touch $(RUN_STAMP)

# The test tools: pytest, Playwright, mypy, ruff, ... axe-core for the accessibility tests, and
# tsc and ESLint for the browser code. A clone that has only run `make run` gets them here.
$(DEV_STAMP): $(RUN_STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	test -f $(AXE) -a -f $(POSE) -a -f $(SWAGGER) -a -f $(TSC) -a -f $(ESLINT) || npm install --ignore-scripts --no-audit --no-fund --no-package-lock --silent
	touch $(DEV_STAMP)

install: $(RUN_STAMP)
install-dev: $(DEV_STAMP)

# The browser app on the default SQLite file; `spinecoach session` is the terminal way.
# A busy port is one line naming it; `make run PORT=8001` picks another.
run: $(RUN_STAMP)
	$(BIN)/spinecoach serve --open --port $(PORT)

# Python first; then the browser code: tsc checks its JSDoc types, with one config per scope the
# code runs in (the pages, the service worker, the audio worklet), and ESLint lints it.
lint: $(DEV_STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(TSC) -p jsconfig.json
	$(TSC) -p jsconfig.sw.json
	$(TSC) -p jsconfig.worklet.json
	$(ESLINT) src/spinecoach/web/static

# Debian packages the tests use (chromium, espeak-ng, tmux, postgresql, ...): silent when present.
test-packages:
	@tools/debian-packages test

# Four workers on two cores: a worker waiting on Chromium, a subprocess or PostgreSQL leaves its
# core to another. The ten slowest tests are listed at the end, to see where the time goes.
test: test-packages lint
	$(BIN)/pytest -q -n 4 --durations=10

# The benchmarks use the test packages and wrk (bench/web.py), installed as for `make test`.
# Every script runs even when one misses a target; the scripts that did are named at the end.
bench: $(DEV_STAMP)
	@tools/debian-packages bench
	@failed=""; for script in bench/*.py; do echo "== $$script"; $(BIN)/python $$script || failed="$$failed $$script"; done; \
	if [ -n "$$failed" ]; then echo "targets missed or errors in:$$failed"; exit 1; fi

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
