"""A worker killed (SIGKILL) in the middle of a batch loses nothing and sends nothing twice.

A real worker process sends a batch of 100 e-mails through a slow backend that logs every message
to a file before returning; the test kills the worker's whole process group half-way, starts a
fresh worker, and checks every notification against the log: sent exactly once, or failed with a
visible error. None is left pending or in between.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from werkstressweek.celery import app
from werkstressweek.notify.models import Notification, State
from werkstressweek.notify.services import INTERRUPTED_ERROR, notification_enqueue
from werkstressweek.notify.tasks import send_due

from .conftest import (
    BROKERS,
    START_TIMEOUT,
    Worker,
    _reset_producer_pool,
    database_url,
    filesystem_broker_options,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

BATCH = 100


def start_worker(broker: str, data_dir: Path, delivery_log: Path, name: str) -> Worker:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "werkstressweek.settings",
        "DATABASE_URL": database_url(connection.settings_dict),
        "CELERY_DATA_DIR": str(data_dir),
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "EMAIL_BACKEND": "tests.notify.backends.SlowFileLogBackend",
        "DELIVERY_LOG": str(delivery_log),
        "DELIVERY_DELAY_SECONDS": "0.05",
        "NOTIFY_CLAIM_TIMEOUT_SECONDS": "1",
        "CONN_MAX_AGE": "0",
        "PYTHONUNBUFFERED": "1",
    }
    if broker == "redis":
        broker_url, options = settings.REDIS_URL, {"visibility_timeout": 3600}
    else:
        env.pop("REDIS_URL", None)
        broker_url, options = "filesystem://", filesystem_broker_options(data_dir)
    log = data_dir / f"{name}.log"
    command = [
        sys.executable, "-m", "celery", "-A", "werkstressweek", "worker", "--concurrency", "1", "--purge",
        "--loglevel", "INFO", "--without-mingle", "--without-gossip", "--hostname", f"{name}@%h",
    ]  # fmt: skip
    with log.open("wb") as out:
        process = subprocess.Popen(
            command,
            cwd=settings.BASE_DIR,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    worker = Worker(broker, broker_url, options, process, log)
    worker.wait_for(lambda: " ready." in worker.output(), f"{name} starting", START_TIMEOUT)
    return worker


@pytest.fixture
def point_app_at():
    saved = {key: app.conf[key] for key in ("task_always_eager", "broker_url", "broker_transport_options")}

    def point(worker: Worker) -> None:
        app.conf.update(
            task_always_eager=False,
            broker_url=worker.broker_url,
            broker_transport_options=worker.transport_options,
        )
        _reset_producer_pool()

    yield point
    app.conf.update(saved)
    _reset_producer_pool()


def delivered(delivery_log: Path) -> list[str]:
    return delivery_log.read_text().splitlines() if delivery_log.exists() else []


@pytest.mark.parametrize("broker", BROKERS)
def test_a_worker_killed_mid_batch_sends_each_notification_once_or_fails_it_visibly(
    broker, tmp_path, point_app_at
):
    for n in range(BATCH):
        notification_enqueue(
            key=f"fault:{n}", recipient=f"p{n}@example.org", kind="test", subject=f"n{n}", body="x"
        )
    delivery_log = tmp_path / "delivered.txt"

    first = start_worker(broker, tmp_path, delivery_log, "first")
    try:
        point_app_at(first)
        send_due.delay()
        first.wait_for(lambda: len(delivered(delivery_log)) >= BATCH // 3, "a third of the batch being sent")
        os.killpg(first.process.pid, signal.SIGKILL)  # worker and its pool child, no goodbye
        first.process.wait(timeout=10)
    finally:
        first.stop()
    sent_before_kill = len(delivered(delivery_log))
    assert BATCH // 3 <= sent_before_kill < BATCH, "the kill did not land in the middle of the batch"

    second = start_worker(broker, tmp_path, delivery_log, "second")
    try:
        point_app_at(second)
        send_due.delay()  # what beat does every 30 s

        def settled() -> bool:
            return not Notification.objects.filter(
                state__in=[State.PENDING, State.CLAIMED, State.SENDING]
            ).exists()

        second.wait_for(settled, "the rest of the batch being sent", timeout=60)
    finally:
        second.stop()

    counts = Counter(delivered(delivery_log))
    assert max(counts.values()) == 1, [subject for subject, c in counts.items() if c > 1]  # never twice
    states = dict(Notification.objects.values_list("subject", "state"))
    assert set(states.values()) <= {State.SENT, State.FAILED}  # none lost in between
    for subject, state in states.items():
        if state == State.SENT:
            assert counts[subject] == 1, subject
    failed = Notification.objects.filter(state=State.FAILED)
    assert failed.count() <= 1  # only the one in flight when the worker died
    assert all(n.last_error == INTERRUPTED_ERROR for n in failed)
    assert len(counts) + failed.filter(subject__in=[s for s in states if s not in counts]).count() == BATCH
