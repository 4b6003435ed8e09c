# Akademia Samorządowa: `make demo` runs the whole thing, `make test` checks it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements/lock.txt pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: install demo serve test lint format messages lock browser clean

$(STAMP): requirements/lock.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements/lock.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/akademia migrate --noinput
	$(BIN)/akademia import_teryt
	$(BIN)/akademia import_geo
	$(BIN)/akademia load_demo
	$(BIN)/akademia collectstatic --noinput --verbosity 0
	bin/serve

serve: install
	bin/serve

test: install browser
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/akademia makemigrations --check --dry-run --verbosity 1
	# In parallel; the default distribution keeps live-server tests (which empty the database)
	# after the others on each worker, as pytest-django orders them; work stealing would not.
	$(BIN)/python -m pytest -n auto

# Browser tests drive Debian's Chromium; install it when we can (root with apt-get),
# otherwise those tests are skipped with a message (CI sets REQUIRE_BROWSER=1 to fail instead).
browser:
	@test -x /usr/bin/chromium || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	  || echo "Chromium not installed: browser tests will be skipped (apt-get install chromium)"; }

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Polish translations: update the catalogue from the code, then compile it (needs GNU gettext).
messages: install
	$(BIN)/akademia makemessages --locale pl --no-obsolete --no-location --ignore '.venv/*' --ignore 'var/*'
	$(BIN)/akademia compilemessages --ignore ".venv/*"

lock:
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 --no-header -o requirements/lock.txt

clean:
	rm -rf $(VENV) var
