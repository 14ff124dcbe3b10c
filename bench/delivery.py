"""Delivery of a micro-intervention programme against bare Celery tasks, in the same run.

One week of the four-moment standard programme for TEAMS teams (default 200), each with a Slack
channel pointing at a local fake webhook server started here (allowed through
NOTIFY_WEBHOOK_TEST_HOSTS, as in tests and the demo). Product: beat's planning turns the week into
outbox notifications, then two worker processes (send_due batches through the outbox: claim,
SSRF-checked post, record) deliver them all. Bare: the same number of plain Celery tasks that only
post the same JSON to the same server, on the same two workers. Prints both and the ratio.

    .venv/bin/python bench/delivery.py            # BENCH_REDIS (or REDIS_URL) as broker if set
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, ensure_database, setup_django  # noqa: E402

TEAMS = int(os.environ.get("TEAMS", "200"))
WORKERS = 2
BROKER = os.environ.get("BENCH_REDIS") or os.environ.get("REDIS_URL", "")
MONDAY = dt.date(2026, 11, 16)


def start_webhook():
    from werkstressweek.notify.fakewebhook import FakeWebhookServer

    server = FakeWebhookServer(("127.0.0.1", 0))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def start_workers(env: dict, log_dir: Path) -> list[subprocess.Popen]:
    processes = []
    for n in range(WORKERS):
        log = log_dir / f"bench-worker-{n}.log"
        command = [
            sys.executable, "-m", "celery", "-A", "werkstressweek", "worker", "-I", "bench.delivery_tasks",
            "--concurrency", "1", "--loglevel", "INFO", "--purge", "--without-mingle", "--without-gossip",
            "--hostname", f"bench{n}@%h",
        ]  # fmt: skip
        out = log.open("wb")
        processes.append(
            subprocess.Popen(
                command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )
        )
    deadline = time.monotonic() + 60
    for n in range(WORKERS):
        log = log_dir / f"bench-worker-{n}.log"
        while " ready." not in log.read_text(errors="replace"):
            if time.monotonic() > deadline:
                stop_workers(processes)
                raise SystemExit(f"worker {n} did not start:\n{log.read_text()[-2000:]}")
            time.sleep(0.2)
    return processes


def stop_workers(processes: list[subprocess.Popen]) -> None:
    import signal

    for process in processes:
        os.killpg(process.pid, signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def build(webhook_port: int):
    """The bench organisation: TEAMS teams with a Slack channel each, the standard programme."""
    from campaigns.interventions.programmes import programme_assign, programme_create
    from campaigns.services import campaign_create
    from werkstressweek.accounts.models import Organisation, Team
    from werkstressweek.notify.destinations import team_channel_save
    from werkstressweek.notify.models import Notification

    Organisation.objects.filter(slug="bench-delivery").delete()
    Notification.objects.filter(organisation__isnull=True, kind="bench").delete()
    org = Organisation.objects.create(name="Bench delivery", slug="bench-delivery")
    campaign = campaign_create(org=org, name="Bench", year=MONDAY.year, week_start=MONDAY)
    programme = programme_create(org=org, campaign=campaign, name="Standaard")
    teams = Team.objects.bulk_create(Team(organisation=org, name=f"Team {n:03d}") for n in range(TEAMS))
    for team in teams:
        team_channel_save(
            org=org, team=team, kind="slack", webhook_url=f"http://127.0.0.1:{webhook_port}/hook/{team.pk}"
        )
        programme_assign(programme=programme, team=team, working_days=[1, 2, 3, 4, 5])
    return org


def wait_for(condition, what: str, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"{what} did not finish within {timeout} s")
        time.sleep(0.05)


def main() -> None:
    webhook = start_webhook()
    host = f"127.0.0.1:{webhook.server_address[1]}"
    os.environ["NOTIFY_WEBHOOK_TEST_HOSTS"] = host
    os.environ["NOTIFY_CHANNEL_MAX_PER_MINUTE"] = "1000"
    os.environ["CELERY_TASK_ALWAYS_EAGER"] = "false"
    if BROKER:
        os.environ["REDIS_URL"] = BROKER
    else:
        os.environ.pop("REDIS_URL", None)
        os.environ.setdefault("CELERY_DATA_DIR", str(ROOT / "var" / "bench-broker"))
    database_url = ensure_database()
    setup_django(database_url)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)

    from bench.delivery_tasks import post_bare
    from campaigns.interventions.schedule import moments_plan
    from werkstressweek.notify.models import Notification, State
    from werkstressweek.notify.tasks import send_due

    org = build(webhook.server_address[1])
    env = {**os.environ, "DATABASE_URL": database_url, "CONN_MAX_AGE": "60"}
    log_dir = ROOT / "var"
    log_dir.mkdir(exist_ok=True)
    workers = start_workers(env, log_dir)
    try:
        # Product: beat plans the week, then the moments are due and two workers deliver them.
        # The URLconf is loaded once per process (the messages link to the intervention pages); a
        # running beat worker has it already, so it is not part of the planning time.
        from django.urls import get_resolver

        get_resolver().url_patterns  # noqa: B018
        start = time.perf_counter()
        planned = moments_plan(now=dt.datetime.combine(MONDAY, dt.time(7), tzinfo=ZoneInfo("Europe/Amsterdam")),
                               horizon_days=6)  # fmt: skip
        plan_seconds = time.perf_counter() - start
        ours = Notification.objects.filter(organisation=org)
        ours.update(due_at=dt.datetime.now(dt.UTC))  # the week's moments have come
        webhook.count = 0
        start = time.perf_counter()
        for _ in range(WORKERS):
            send_due.delay()
        wait_for(
            lambda: webhook.count >= planned or ours.filter(state=State.FAILED).exists(), "product delivery"
        )
        if ours.filter(state=State.FAILED).exists():
            raise SystemExit(f"delivery failed: {ours.filter(state=State.FAILED).first().last_error}")
        deliver_seconds = time.perf_counter() - start
        wait_for(lambda: not ours.exclude(state=State.SENT).exists(), "recording the results", 60)
        record_seconds = time.perf_counter() - start
        duplicates = webhook.count - planned

        # Bare: the same number of Celery tasks that only post the same JSON.
        notification = ours.select_related("destination").first()
        from werkstressweek.notify.channels import slack_payload

        payload = slack_payload(notification)
        urls = list(ours.values_list("destination__webhook_url", flat=True))
        webhook.count = 0
        start = time.perf_counter()
        for url in urls:
            post_bare.delay(url, payload)
        wait_for(lambda: webhook.count >= len(urls), "bare delivery")
        bare_seconds = time.perf_counter() - start
    finally:
        stop_workers(workers)

    product = plan_seconds + record_seconds
    print(f"teams {TEAMS}, notifications {planned} (4 moments × 5 days), workers {WORKERS}, "
          f"broker {'redis' if BROKER else 'filesystem'}")  # fmt: skip
    print(f"product: beat planning {plan_seconds:6.2f} s, delivery {deliver_seconds:6.2f} s "
          f"(all recorded sent {record_seconds:6.2f} s), total {product:6.2f} s, "
          f"{planned / record_seconds:6.0f} msg/s, duplicates {duplicates}")  # fmt: skip
    print(
        f"bare:    {len(urls)} Celery tasks posting {bare_seconds:6.2f} s, {len(urls) / bare_seconds:6.0f} msg/s"
    )
    print(f"ratio product/bare: {product / bare_seconds:.2f}× (target ≤ 1.5×)")


if __name__ == "__main__":
    main()
