"""Shared set-up for the benchmarks: a dedicated PostgreSQL database, production-like settings."""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DB = os.environ.get("BENCH_DB", "wt_bench")
PG_SERVER = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")


def ensure_database() -> str:
    """Create the benchmark database if it is missing; return its URL."""
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [BENCH_DB]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{BENCH_DB}"')
    return f"{PG_SERVER}/{BENCH_DB}"


def setup_django(database_url: str, settings_module: str = "werkstressweek.settings") -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module)
    os.environ.setdefault("DEBUG", "false")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
    os.environ.setdefault("ALLOWED_HOSTS", "localhost,127.0.0.1,testserver")
    os.environ.setdefault("SECRET_KEY", "bench-secret-key-not-for-production-0123456789abcdefghijklmnop")
    import django

    django.setup()
    from django.core.management import call_command

    # Production settings serve hashed static files from a manifest (STATIC_ROOT, git-ignored).
    call_command("collectstatic", interactive=False, verbosity=0)


def timed(fn: Callable[[], object], *, repeat: int, warmup: int = 3) -> list[float]:
    """Run fn warmup times, then `repeat` times; return the durations in milliseconds."""
    for _ in range(warmup):
        fn()
    durations = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        durations.append((time.perf_counter() - start) * 1000)
    return durations


def interleaved(
    runs: dict[str, Callable[[], object]], *, repeat: int, warmup: int = 3
) -> dict[str, list[float]]:
    """Time several callables round-robin, so that load from other processes hits all alike."""
    for fn in runs.values():
        for _ in range(warmup):
            fn()
    durations: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(repeat):
        for name, fn in runs.items():
            start = time.perf_counter()
            fn()
            durations[name].append((time.perf_counter() - start) * 1000)
    return durations


def summary(durations: list[float]) -> str:
    ordered = sorted(durations)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return f"median {statistics.median(ordered):7.2f} ms   p95 {p95:7.2f} ms   min {ordered[0]:7.2f} ms"
