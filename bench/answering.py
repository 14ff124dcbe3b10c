"""Benchmark: the answer endpoint under gunicorn against a minimal view doing the same inserts.

gunicorn with 2 sync workers, production settings (DEBUG off, persistent connections, prepared
statements unless DB_PREPARED_STATEMENTS=false), PostgreSQL (BENCH_DB, default wt_bench). A bounded
Python load generator runs 16 concurrent clients that each POST a complete answer form (with a CSRF
cookie and token, as a browser would) and wait for the redirect.

Made to be trusted on a noisy, shared machine: many short pairs of rounds (default 16 pairs of 2 s),
the two targets alternating and each pair's order swapped, so that load from other processes hits
both alike; the figure is the median of the per-pair ratios, with their range. CPU time per request
is read from /proc for the gunicorn workers and for their PostgreSQL backends (found through
application_name), which does not depend on what else the machine is doing. Checks: zero errors,
and exactly as many responses stored as redirects acknowledged.

Run: .venv/bin/python bench/answering.py   (PAIRS=16 SECONDS=2 CLIENTS=16 to change)
"""

from __future__ import annotations

import http.client
import os
import re
import signal
import statistics
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
SECONDS = float(os.environ.get("SECONDS", "2"))
PAIRS = int(os.environ.get("PAIRS", "16"))
SLUG = "bench-answer"
APPLICATION_NAME = "bench-answer-web"
TICK = os.sysconf("SC_CLK_TCK")


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


# --- CPU time from /proc -------------------------------------------------------------------------


def _stat(pid: int) -> list[str] | None:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()
    except OSError:
        return None


def cpu_seconds(pids: list[int]) -> dict[int, float]:
    """User + system CPU seconds of each process (fields 14 and 15 of /proc/<pid>/stat)."""
    result = {}
    for pid in pids:
        fields = _stat(pid)
        if fields is not None:
            result[pid] = (int(fields[11]) + int(fields[12])) / TICK
    return result


def children(parent: int) -> list[int]:
    pids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (fields := _stat(int(entry))) is not None and int(fields[1]) == parent:
            pids.append(int(entry))
    return pids


def backends(database_url: str) -> list[int]:
    """The PostgreSQL backend processes of the web workers (same machine: their /proc is readable)."""
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE application_name = %s", [APPLICATION_NAME]
        ).fetchall()
    return [row[0] for row in rows]


class CpuMeter:
    """CPU seconds spent by the web workers and by their database backends during one round."""

    def __init__(self, server_pid: int, database_url: str) -> None:
        self.server_pid, self.database_url = server_pid, database_url

    def snapshot(self) -> tuple[dict[int, float], dict[int, float]]:
        return cpu_seconds(children(self.server_pid)), cpu_seconds(backends(self.database_url))

    @staticmethod
    def spent(before: dict[int, float], after: dict[int, float]) -> float:
        return sum(after[pid] - before.get(pid, 0.0) for pid in after)


# --- figures ---------------------------------------------------------------------------------------


def target_summary(name: str, rounds: list[dict]) -> None:
    latencies = sorted(x for r in rounds for x in r["latencies"])
    acknowledged = sum(r["statuses"].get(302, 0) for r in rounds)
    errors = sum(len(r["errors"]) for r in rounds) + sum(
        n for r in rounds for code, n in r["statuses"].items() if code != 302
    )
    stored = sum(r["stored"] for r in rounds)
    elapsed = sum(r["elapsed"] for r in rounds)
    web = sum(r["cpu_web"] for r in rounds) / max(acknowledged, 1) * 1000
    db = sum(r["cpu_db"] for r in rounds) / max(acknowledged, 1) * 1000
    p50 = latencies[len(latencies) // 2]
    p95 = latencies[int(0.95 * (len(latencies) - 1))]
    print(
        f"{name:<27} {acknowledged / elapsed:7.1f} req/s   p50 {p50:6.1f} ms   p95 {p95:6.1f} ms   "
        f"CPU/request web {web:5.2f} ms + db {db:5.2f} ms = {web + db:5.2f} ms   errors {errors}   "
        f"acknowledged {acknowledged}   stored {stored}   {'OK' if stored == acknowledged else 'MISMATCH'}"
    )


def rps(run: dict) -> float:
    return run["statuses"].get(302, 0) / run["elapsed"]


def main() -> None:
    database_url = ensure_database()
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    setup_django(database_url, "bench.settings")
    from django.conf import settings

    from measurements.models import Response

    token, pulse_id, team_id, questions = prepare()
    web_url = f"{database_url}?application_name={APPLICATION_NAME}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": web_url,
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
        load(answer_path, body, cookie, 1.5)  # warm-up: workers, connections, prepared statements
        load(minimal_path, body, cookie, 1.5)
        options = settings.DATABASES["default"].get("OPTIONS", {})
        prepared = options.get("server_side_binding") and options.get("prepare_threshold") is not None
        print(
            f"gunicorn 2 sync workers, {CLIENTS} clients, {PAIRS} pairs × {SECONDS:g} s per target, "
            f"alternating (order swapped every pair); prepared statements "
            f"{'on (threshold ' + str(options.get('prepare_threshold')) + ')' if prepared else 'off'}"
        )
        meter = CpuMeter(server.pid, database_url)
        targets = {"product": answer_path, "minimal": minimal_path}
        rounds: dict[str, list[dict]] = {"product": [], "minimal": []}
        loads = []
        for pair in range(PAIRS):
            order = ("product", "minimal") if pair % 2 == 0 else ("minimal", "product")
            for name in order:
                before_count = Response.objects.filter(pulse_id=pulse_id).count()
                web_before, db_before = meter.snapshot()
                run = load(targets[name], body, cookie, SECONDS)
                web_after, db_after = meter.snapshot()
                run["stored"] = Response.objects.filter(pulse_id=pulse_id).count() - before_count
                run["cpu_web"] = meter.spent(web_before, web_after)
                run["cpu_db"] = meter.spent(db_before, db_after)
                rounds[name].append(run)
            loads.append(os.getloadavg()[0])
        ratios = sorted(rps(p) / rps(m) for p, m in zip(rounds["product"], rounds["minimal"], strict=True))
        print(f"(load average during the run: {min(loads):.1f}–{max(loads):.1f} on {os.cpu_count()} cores)")
        target_summary("answer endpoint (product)", rounds["product"])
        target_summary("minimal view (bare stack)", rounds["minimal"])
        cpu = {
            name: sum(r["cpu_web"] + r["cpu_db"] for r in runs) / sum(r["statuses"].get(302, 0) for r in runs)
            for name, runs in rounds.items()
        }
        print(
            f"\nproduct / minimal, requests/s per pair: median {statistics.median(ratios):.0%} "
            f"(range {ratios[0]:.0%}–{ratios[-1]:.0%}, {len(ratios)} pairs; target ≥ 80%)"
        )
        print(
            f"product / minimal, CPU per request (web + db): {cpu['minimal'] / cpu['product']:.0%} "
            f"(the minimal view's CPU cost as a share of the product's)"
        )
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=20)


if __name__ == "__main__":
    main()
