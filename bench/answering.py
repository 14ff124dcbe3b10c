"""Benchmark: the answer endpoint under gunicorn against a minimal view doing the same inserts.

gunicorn with 2 sync workers, production settings (DEBUG off, persistent connections), PostgreSQL
(BENCH_DB, default wt_bench). A bounded Python load generator runs 16 concurrent clients that each
POST a complete answer form (with a CSRF cookie and token, as a browser would) and wait for the
redirect. The product endpoint and the minimal view are measured in alternating rounds so that
load from other processes hits both alike. Checks: zero errors, and exactly as many responses
stored as redirects acknowledged.

Run: .venv/bin/python bench/answering.py   (ROUNDS=2 SECONDS=8 CLIENTS=16 to change)
"""

from __future__ import annotations

import http.client
import os
import re
import signal
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import ensure_database, setup_django  # noqa: E402

PORT = int(os.environ.get("BENCH_PORT", "8791"))
CLIENTS = int(os.environ.get("CLIENTS", "16"))
SECONDS = float(os.environ.get("SECONDS", "8"))
ROUNDS = int(os.environ.get("ROUNDS", "2"))
SLUG = "bench-answer"


def prepare() -> tuple[str, int, int, list[tuple[int, str]]]:
    """An open pulse with a team link; return its token, ids and questions."""
    from django.core.management import call_command
    from django.utils import timezone

    from measurements.models import Pulse, Question
    from measurements.services import pulse_create
    from werkstressweek.accounts.models import Organisation
    from werkstressweek.accounts.services import organisation_create, team_save

    call_command("migrate", verbosity=0)
    org = Organisation.objects.filter(slug=SLUG).first() or organisation_create(
        name="Answer bench", slug=SLUG
    )
    team = org.teams.first() or team_save(org=org, name="Team", headcount=100000, work_pattern="office")
    bank = Question.objects.filter(organisation__isnull=True).order_by("pk")
    questions = [
        bank.filter(dimension=d).first() for d in ("workload", "energy", "recovery", "support", "safety")
    ]
    now = timezone.now()
    pulse = Pulse.objects.filter(
        organisation=org, closes_at__gt=now + timedelta(hours=1)
    ).first() or pulse_create(
        org=org,
        title="Bench",
        kind="baseline",
        questions=questions,
        teams=[team],
        opens_at=now - timedelta(hours=1),
        closes_at=now + timedelta(days=30),
    )
    token = pulse.pulse_teams.get().token
    return token, pulse.pk, team.pk, [(q.pk, q.dimension) for q in questions]


def csrf(path: str) -> tuple[str, str]:
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
    conn.request("GET", path)
    response = conn.getresponse()
    body = response.read().decode()
    cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie") or "")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    if response.status != 200 or not cookie or not token:
        raise SystemExit(f"could not get the answer page ({response.status})")
    return cookie.group(1), token.group(1)


def load(path: str, body: bytes, cookie: str, seconds: float) -> dict:
    """CLIENTS threads POST for `seconds`; return counts and latencies."""
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"csrftoken={cookie}",
        "Host": "127.0.0.1",
    }
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    errors: list[str] = []
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def client() -> None:
        mine, codes, bad = [], {}, []
        while time.perf_counter() < stop:
            start = time.perf_counter()
            try:
                conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
                conn.request("POST", path, body=body, headers=headers)
                response = conn.getresponse()
                response.read()
                conn.close()
                codes[response.status] = codes.get(response.status, 0) + 1
            except Exception as exc:  # counted as an error
                bad.append(repr(exc))
                continue
            mine.append((time.perf_counter() - start) * 1000)
        with lock:
            latencies.extend(mine)
            errors.extend(bad)
            for code, n in codes.items():
                statuses[code] = statuses.get(code, 0) + n

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - began
    return {"latencies": latencies, "statuses": statuses, "errors": errors, "elapsed": elapsed}


def report(name: str, runs: list[dict], stored: int) -> tuple[float, float]:
    latencies = sorted(x for r in runs for x in r["latencies"])
    statuses: dict[int, int] = {}
    for r in runs:
        for code, n in r["statuses"].items():
            statuses[code] = statuses.get(code, 0) + n
    errors = sum(len(r["errors"]) for r in runs) + sum(n for code, n in statuses.items() if code != 302)
    acknowledged = statuses.get(302, 0)
    elapsed = sum(r["elapsed"] for r in runs)
    rps = acknowledged / elapsed
    p50 = latencies[len(latencies) // 2]
    p95 = latencies[int(0.95 * (len(latencies) - 1))]
    print(
        f"{name:<28} {rps:7.1f} req/s   p50 {p50:6.1f} ms   p95 {p95:6.1f} ms   "
        f"errors {errors}   acknowledged {acknowledged}   stored {stored}   {'OK' if stored == acknowledged else 'MISMATCH'}"
    )
    return rps, p95


def main() -> None:
    database_url = ensure_database()
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    setup_django(database_url, "bench.settings")
    from measurements.models import Response

    token, pulse_id, team_id, questions = prepare()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": database_url,
        "PYTHONPATH": str(ROOT),
        "LOG_LEVEL": "WARNING",
    }
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "werkstressweek.wsgi:application",
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{PORT}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(100):
            try:
                http.client.HTTPConnection("127.0.0.1", PORT, timeout=1).request("GET", "/healthz")
                break
            except OSError:
                time.sleep(0.1)
        answer_path = f"/p/{token}/"
        minimal_path = f"/bench/minimal/{pulse_id}/{team_id}/"
        cookie, form_token = csrf(answer_path)
        fields = {"csrfmiddlewaretoken": form_token}
        fields.update({f"q{pk}": "4" for pk, _dim in questions})
        fields.update({f"d{pk}": dim for pk, dim in questions})
        body = urlencode(fields).encode()
        load(answer_path, body, cookie, 1.5)  # warm-up: workers, connections, caches
        load(minimal_path, body, cookie, 1.5)
        print(
            f"gunicorn 2 sync workers, {CLIENTS} clients, {ROUNDS} × {SECONDS:.0f} s per target, alternating"
        )
        product_runs, minimal_runs = [], []
        product_stored = minimal_stored = 0
        for _ in range(ROUNDS):
            before = Response.objects.filter(pulse_id=pulse_id).count()
            product_runs.append(load(answer_path, body, cookie, SECONDS))
            middle = Response.objects.filter(pulse_id=pulse_id).count()
            minimal_runs.append(load(minimal_path, body, cookie, SECONDS))
            after = Response.objects.filter(pulse_id=pulse_id).count()
            product_stored += middle - before
            minimal_stored += after - middle
        print(f"(load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
        product_rps, product_p95 = report("answer endpoint (product)", product_runs, product_stored)
        minimal_rps, _ = report("minimal view (bare stack)", minimal_runs, minimal_stored)
        print(
            f"\nproduct / minimal: {product_rps / minimal_rps:.0%} of the minimal view's requests/s (target ≥ 70%), "
            f"p95 {product_p95:.1f} ms (target ≤ 50 ms)"
        )
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=20)


if __name__ == "__main__":
    main()
