"""Production settings pass Django's deployment checks without a single warning."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_check_deploy_is_clean_with_production_settings():
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "p9-7Qw2sZk3VdX0yLr8FbNn4TgHc6JmEaUo1WiYxKs5RvPlD-a8Bq",
        "ALLOWED_HOSTS": "werkstressweek.example.org",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_debug_secret_key_is_flagged_in_production():
    env = {**os.environ, "DEBUG": "false", "ALLOWED_HOSTS": "example.org"}
    env.pop("SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stdout + result.stderr


def test_responses_carry_a_content_security_policy_without_inline_scripts(client, db):
    policy = client.get("/accounts/login/")["Content-Security-Policy"]
    script_src = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src
    assert "'self'" in script_src


def test_the_server_entry_points_freeze_the_start_up_objects_for_the_garbage_collector():
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "p9-7Qw2sZk3VdX0yLr8FbNn4TgHc6JmEaUo1WiYxKs5RvPlD-a8Bq",
    }
    for module in ("werkstressweek.wsgi", "werkstressweek.asgi"):
        result = subprocess.run(
            [sys.executable, "-c", f"import gc, {module}; print(gc.get_freeze_count())"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        assert int(result.stdout.split()[-1]) > 10_000, module  # settings, apps, models, libraries
