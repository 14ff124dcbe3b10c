"""`make run` on another port gives links and QR codes that point at that port."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_run_derives_the_site_url_from_the_port():
    env = {"PATH": "/usr/bin:/bin", "PORT": "8080"}
    out = subprocess.run(["make", "-n", "run"], cwd=ROOT, env=env, capture_output=True, text=True).stdout
    assert "SITE_URL=${SITE_URL:-http://127.0.0.1:8080}" in out
    assert "--port 8080" in out
