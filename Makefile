# Werkstressweek — `make run` to try it, `make test` to test it.
PYTHON ?= python3.11
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export PORT

.PHONY: run test install install-dev migrate demo lint format messages clean

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

migrate: install
	$(PY) manage.py migrate --noinput

# The demo posts its Slack channel to the local fake webhook of the Procfile (never in production).
DEMO_WEBHOOK_HOSTS ?= 127.0.0.1:8765

demo: migrate
	NOTIFY_WEBHOOK_TEST_HOSTS=$${NOTIFY_WEBHOOK_TEST_HOSTS:-$(DEMO_WEBHOOK_HOSTS)} $(PY) manage.py loaddemo

## Web app, background worker and beat together on the embedded defaults (Ctrl-C stops all).
## Links in e-mails and QR codes point at http://127.0.0.1:$(PORT) unless SITE_URL says otherwise.
run: demo
	mkdir -p var
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" DEBUG=$${DEBUG:-true} SITE_URL=$${SITE_URL:-http://127.0.0.1:$(PORT)} \
	  NOTIFY_WEBHOOK_TEST_HOSTS=$${NOTIFY_WEBHOOK_TEST_HOSTS:-$(DEMO_WEBHOOK_HOSTS)} $(VENV)/bin/honcho start --procfile Procfile --port $(PORT)

## The test suite (SQLite unless DATABASE_URL/REDIS_URL say otherwise).
test: install-dev
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install-dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

## Extract and compile the Dutch and English translations.
messages: install
	$(PY) manage.py makemessages --locale nl --locale en --no-location --ignore '$(VENV)/*' --ignore 'staticfiles/*'
	$(PY) manage.py compilemessages --ignore '$(VENV)/*'

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache
