"""A real Celery worker (with beat) in a subprocess, on the test database and a real broker.

The worker runs once per broker for the module: the embedded filesystem broker (what `make run`
uses) always, Redis when REDIS_URL is set. Tests talk to it through `celery_worker`, which also
points this process's Celery app at the same broker instead of running tasks eagerly.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings

from werkstressweek.celery import app

START_TIMEOUT = 30
HEARTBEAT_INTERVAL = 1


def filesystem_broker_options(data_dir: Path) -> dict:
    """The same transport options as settings.py gives the embedded broker."""
    return {
        "data_folder_in": str(data_dir / "queue"),
        "data_folder_out": str(data_dir / "queue"),
        "processed_folder": str(data_dir / "processed"),
        "control_folder": str(data_dir / "control"),
        "store_processed": False,
        "polling_interval": 0.05,
    }


def database_url(db: dict) -> str:
    """A DATABASE_URL for the test database (pytest-django has put its name in NAME)."""
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    credentials = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"], safe="")
    return f"postgres://{credentials}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"


@dataclass
class Worker:
    broker: str
    broker_url: str
    transport_options: dict
    process: subprocess.Popen
    log: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_for(self, condition: Callable[[], object], what: str, timeout: float = 30) -> None:
        """Poll `condition` until it is true; fail with the worker's log after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition():
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.2)
        pytest.fail(f"{what} did not happen within {timeout} s. Worker log:\n{self.output()[-4000:]}")

    def stop(self) -> None:
        """Stop the worker and its pool and beat processes (one process group)."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=10)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)  # leftover pool or beat children
        self.process.wait(timeout=10)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Everything here needs a worker process (and, on SQLite, a test database in a file)."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.integration)


BROKERS = [pytest.param("filesystem"), pytest.param("redis", marks=pytest.mark.redis)]


@pytest.fixture(scope="module", params=BROKERS)
def worker_process(request, django_db_setup, tmp_path_factory) -> Iterator[Worker]:
    from django.db import connection

    in_memory = connection.vendor == "sqlite" and connection.is_in_memory_db()
    assert not in_memory, "a worker process cannot see an in-memory test database"
    data_dir = tmp_path_factory.mktemp(f"celery-{request.param}")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "werkstressweek.settings",
        "DATABASE_URL": database_url(connection.settings_dict),
        "CELERY_DATA_DIR": str(data_dir),
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "HEARTBEAT_INTERVAL_SECONDS": str(HEARTBEAT_INTERVAL),
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
        "CONN_MAX_AGE": "0",
        "PYTHONUNBUFFERED": "1",
    }
    if request.param == "redis":
        broker_url, options = settings.REDIS_URL, {"visibility_timeout": 3600}
    else:
        env.pop("REDIS_URL", None)
        broker_url, options = "filesystem://", filesystem_broker_options(data_dir)
    log = data_dir / "worker.log"
    command = [
        sys.executable, "-m", "celery", "-A", "werkstressweek", "worker", "--beat",
        "--concurrency", "1", "--loglevel", "INFO", "--purge", "--without-mingle", "--without-gossip",
        "--hostname", f"test-{request.param}@%h",
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
    worker = Worker(request.param, broker_url, options, process, log)
    try:
        # Only send once the worker has purged its queue and listens.
        worker.wait_for(lambda: " ready." in worker.output(), "the worker starting", START_TIMEOUT)
        yield worker
    finally:
        worker.stop()


def _reset_producer_pool() -> None:
    """Let the app look its pools up again for the current broker settings.

    kombu keeps pools globally, keyed by connection parameters, so they are dropped, not closed:
    a later test with the same broker gets the same (open) pool back.
    """
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def celery_worker(worker_process: Worker, transactional_db) -> Iterator[Worker]:
    """The running worker; tasks sent by this test go to it instead of running eagerly."""
    saved = {key: app.conf[key] for key in ("task_always_eager", "broker_url", "broker_transport_options")}
    app.conf.update(
        task_always_eager=False,
        broker_url=worker_process.broker_url,
        broker_transport_options=worker_process.transport_options,
    )
    _reset_producer_pool()
    try:
        yield worker_process
    finally:
        app.conf.update(saved)
        _reset_producer_pool()
