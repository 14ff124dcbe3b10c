"""Benchmark: every page HR can reach in the benchmark organisation, server time and queries.

Uses the organisation of bench/aggregation.py (50 teams, 10 closed pulses of 10 000 responses;
loaded once into BENCH_DB) and adds, once, what a working organisation also has: a campaign with
its plan, suggested goals, agenda and messages, and an open pulse that hands out 120 codes (the
print sheet). Then it crawls, as HR, every link under /o/<slug>/ that answers with an HTML page
(GET only), keeps up to PER_ROUTE addresses per URL pattern (a pulse's 50 team pages are one
pattern) and times each address warm through Django's test client.

Prints per page p50 / p95 / max server time, the number of queries and the median CPU time of
this process (the web side without PostgreSQL, less sensitive to other load on the machine), then
p50 / p95 / max over all pages. Target: p95 ≤ 100 ms and no page over 250 ms.

Run: .venv/bin/python bench/pages.py   (REPEAT=10 timed runs per address, PER_ROUTE=3)
"""

from __future__ import annotations

import os
import re
import sys
import time
from collections import deque
from pathlib import Path
from urllib.parse import urljoin, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.aggregation import SLUG, load  # noqa: E402
from bench.common import ensure_database, setup_django  # noqa: E402

REPEAT = int(os.environ.get("REPEAT", "10"))
PER_ROUTE = int(os.environ.get("PER_ROUTE", "3"))
CODE_TEAMS = 12
CODES_PER_TEAM = 10
HREF = re.compile(r'href="([^"#]+)"')
# Links that change state or leave the page through GET are not pages to time.
SKIP = ("/logout", "/i18n/")


def load_extras() -> None:
    """A campaign with its plan filled from the suggestions, and an open pulse with 120 codes."""
    from datetime import timedelta

    from django.db.models import F
    from django.utils import timezone

    from campaigns import services as campaign_services
    from campaigns.models import Campaign
    from campaigns.planning import week_of_work_stress
    from measurements.models import Distribution, Pulse, Question
    from measurements.services import pulse_create
    from werkstressweek.accounts.models import Organisation, User

    org = Organisation.objects.get(slug=SLUG)
    user = User.objects.get(email="bench@example.org")
    # In a running installation beat's closing job has closed past pulses (codes deleted, answers
    # rewritten in random order); the loaded answers are in random order already, so only mark it.
    Pulse.objects.filter(organisation=org, closes_at__lte=timezone.now(), closed_at=None).update(
        closed_at=F("closes_at")
    )
    today = timezone.localdate()
    if not Campaign.objects.filter(organisation=org).exists():
        year = today.year if today <= week_of_work_stress(today.year) else today.year + 1
        campaign = campaign_services.campaign_create(
            org=org,
            by=user,
            name=f"Week van de Werkstress {year}",
            year=year,
            week_start=week_of_work_stress(year),
            prep_weeks=8,
        )
        campaign_services.goals_apply_suggestion(campaign=campaign)
        campaign_services.agenda_apply_suggestion(campaign=campaign, patterns=frozenset({"office"}))
        campaign_services.communication_apply_suggestion(campaign=campaign)
    if not Pulse.objects.filter(organisation=org, distribution=Distribution.CODES).exists():
        bank = Question.objects.filter(organisation__isnull=True).order_by("pk")
        questions = [bank.filter(dimension=d).first() for d in ("workload", "energy", "recovery")]
        now = timezone.now()
        pulse_create(
            org=org,
            title="Codes",
            kind="during",
            questions=questions,
            teams=list(org.teams.order_by("name")[:CODE_TEAMS]),
            opens_at=now - timedelta(days=1),
            closes_at=now + timedelta(days=20),
            distribution=Distribution.CODES,
            codes_per_team=CODES_PER_TEAM,
        )


def crawl(client, start: str) -> dict[str, list[str]]:
    """Addresses per URL pattern, breadth first from `start`, HTML pages only."""
    from django.urls import Resolver404, resolve

    prefix = f"/o/{SLUG}/"
    seen, queue = {start}, deque([start])
    by_route: dict[str, list[str]] = {}
    while queue:
        url = queue.popleft()
        try:
            route = resolve(urlsplit(url).path).route
        except Resolver404:
            continue
        if len(by_route.get(route, [])) >= PER_ROUTE:
            continue
        response = client.get(url)
        if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
            continue
        by_route.setdefault(route, []).append(url)
        for href in HREF.findall(response.content.decode()):
            link = urljoin(url, href.replace("&amp;", "&"))
            if link.startswith(prefix) and link not in seen and not any(s in link for s in SKIP):
                seen.add(link)
                queue.append(link)
    return by_route


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main() -> None:
    setup_django(ensure_database())
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from werkstressweek.accounts.models import User

    load()
    load_extras()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    import werkstressweek.wsgi  # noqa: F401 - what a server does at start-up (objects frozen for the GC)

    client = Client()
    client.force_login(
        User.objects.get(email="bench@example.org"), backend="django.contrib.auth.backends.ModelBackend"
    )
    by_route = crawl(client, f"/o/{SLUG}/")
    rows, everything, everything_cpu = [], [], []
    for route, urls in sorted(by_route.items()):
        durations: list[float] = []
        cpu: list[float] = []
        queries = 0
        for url in urls:
            client.get(url)  # warm
            for _ in range(REPEAT):
                with CaptureQueriesContext(connection) as captured:
                    start, start_cpu = time.perf_counter(), time.process_time()
                    client.get(url)
                    durations.append((time.perf_counter() - start) * 1000)
                    cpu.append((time.process_time() - start_cpu) * 1000)
                queries = max(queries, len(captured))
        everything.extend(durations)
        everything_cpu.extend(cpu)
        rows.append(
            (
                route,
                len(urls),
                percentile(durations, 0.5),
                percentile(durations, 0.95),
                max(durations),
                queries,
                percentile(cpu, 0.5),
            )
        )
    print(
        f"{'page (URL pattern under /o/<slug>/)':62} {'n':>2} {'p50':>7} {'p95':>7} {'max':>7} {'queries':>7} {'cpu p50':>7}"
    )
    for route, n, p50, p95, worst, queries, cpu_p50 in sorted(rows, key=lambda r: -r[3]):
        print(
            f"{route[len('o/<slug:org_slug>/') :] or '(home)':62} {n:2d} {p50:7.1f} {p95:7.1f} {worst:7.1f} "
            f"{queries:7d} {cpu_p50:7.1f}"
        )
    print()
    print(
        f"{len(rows)} page patterns, {sum(r[1] for r in rows)} addresses, {len(everything)} requests: "
        f"p50 {percentile(everything, 0.5):.1f} ms, p95 {percentile(everything, 0.95):.1f} ms, "
        f"max {max(everything):.1f} ms (target p95 ≤ 100 ms, max ≤ 250 ms)"
    )
    print(
        f"CPU time of this process (the web side, without PostgreSQL; less sensitive to other load): "
        f"p50 {percentile(everything_cpu, 0.5):.1f} ms, p95 {percentile(everything_cpu, 0.95):.1f} ms, "
        f"max {max(everything_cpu):.1f} ms"
    )
    print(f"(load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")


if __name__ == "__main__":
    main()
