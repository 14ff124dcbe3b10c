"""Database settings read from the environment: prepared statements on PostgreSQL, switchable."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
SHOW_OPTIONS = (
    "import json, django; from django.conf import settings; django.setup(); "
    "print(json.dumps(settings.DATABASES['default'].get('OPTIONS', {})))"
)


def _options(**env: str) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", SHOW_OPTIONS],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "werkstressweek.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_postgresql_prepares_repeated_queries_by_default():
    options = _options(DATABASE_URL="postgres://u@db:5432/x?application_name=web")
    assert options == {"application_name": "web", "server_side_binding": True, "prepare_threshold": 2}


def test_prepared_statements_can_be_turned_off_for_a_pooler_that_cannot_keep_them():
    options = _options(DATABASE_URL="postgres://u@db:5432/x", DB_PREPARED_STATEMENTS="false")
    assert "prepare_threshold" not in options and "server_side_binding" not in options


def test_the_threshold_is_configurable_and_sqlite_is_untouched():
    assert _options(DATABASE_URL="postgres://u@db:5432/x", DB_PREPARE_THRESHOLD="0")["prepare_threshold"] == 0
    assert "prepare_threshold" not in _options(DATABASE_URL="sqlite:///tmp/x.sqlite3")


@pytest.mark.postgres
def test_the_suite_itself_runs_with_prepared_statements_on_postgresql(db):
    assert connection.settings_dict["OPTIONS"].get("server_side_binding") is True
    for _ in range(3):
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM accounts_organisation WHERE slug = %s", ["x"])
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements")
        assert cursor.fetchone()[0] >= 1
