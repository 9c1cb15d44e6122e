# Two commands do everything: `make run` and `make test`. The venv is rebuilt when pyproject changes.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench install clean test-packages

# package.json brings axe-core for the accessibility tests (npm registry, injected by Playwright)
# and the camera coach's pose model, which tools/vendor-pose copies to where the app serves it.
$(STAMP): pyproject.toml package.json tools/vendor-pose
	@tools/debian-packages run
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	test -f node_modules/axe-core/axe.min.js -a -f node_modules/@mediapipe/pose/pose.js \
		|| npm install --no-audit --no-fund --no-package-lock --silent
	tools/vendor-pose
	touch $(STAMP)

install: $(STAMP)

# The browser app on the default SQLite file; `spinecoach session` is the terminal way.
run: $(STAMP)
	$(BIN)/spinecoach serve --open

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

# Debian packages the tests use (chromium, espeak-ng, tmux, postgresql, ...): silent when present.
test-packages:
	@tools/debian-packages test

test: test-packages lint
	$(BIN)/pytest -q -n 2

bench: $(STAMP)
	@for script in bench/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
