"""Benchmark: dashboard aggregation against the fastest hand-written SQL for the same figures.

Loads 100 000 responses (10 pulses × 50 teams, 5 answers each) into a dedicated PostgreSQL
database (BENCH_DB, default wt_bench; created when missing; loaded once), then times, warm:

  1. hand-written SQL: one GROUP BY over answers for one pulse (10 000 responses), rows fetched;
  2. the product's selector `pulse_results` (the same GROUP BY through the ORM, plus the pulse's
     questions, teams and thresholds, and the Python that turns counts into means, shares,
     suppression and traffic lights);
  3. for reference, the normalised alternative: joining answers to responses for the team;
  4. the whole heat-map page for that pulse through Django's test client (server time).

Run: .venv/bin/python bench/aggregation.py   (REPEAT=50 to change the number of timed runs)
"""

from __future__ import annotations

import io
import os
import random
import sys
import uuid
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ensure_database, interleaved, setup_django, summary, timed  # noqa: E402

PULSES = 10
TEAMS = 50
RESPONSES_PER_PULSE = 10_000
REPEAT = int(os.environ.get("REPEAT", "50"))
SLUG = "bench"


def load() -> None:
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from measurements.models import Pulse, Question, Response
    from measurements.services import pulse_create
    from werkstressweek.accounts.models import Role, User
    from werkstressweek.accounts.services import membership_set, organisation_create, team_save

    call_command("migrate", verbosity=0)
    org = (
        organisation_create(name="Benchmark BV", slug=SLUG)
        if not Pulse.objects.filter(organisation__slug=SLUG).exists()
        else None
    )
    if org is None:
        if Response.objects.count() >= PULSES * RESPONSES_PER_PULSE:
            print(f"data already loaded: {Response.objects.count():,} responses")
            return
        raise SystemExit("wt_bench holds a partial load; drop the database and run again")
    user = User.objects.create_user(email="bench@example.org", password="bench-password-123")
    membership_set(user=user, org=org, role=Role.HR)
    teams = [
        team_save(org=org, name=f"Team {i:02d}", headcount=250, work_pattern="office") for i in range(TEAMS)
    ]
    bank = Question.objects.filter(organisation__isnull=True).order_by("pk")
    questions = [
        bank.filter(dimension=d).first() for d in ("workload", "energy", "recovery", "support", "safety")
    ]
    now = timezone.now()
    rng = random.Random(42)
    print("loading 100 000 responses and 500 000 answers with COPY …", flush=True)
    for p in range(PULSES):
        pulse = pulse_create(
            org=org,
            title=f"Puls {p + 1}",
            kind="recurring" if p else "baseline",
            recurrence="weekly" if p else "",
            questions=questions,
            teams=teams,
            opens_at=now - timedelta(days=7 * (PULSES - p)),
            closes_at=now - timedelta(days=7 * (PULSES - p) - 6),
        )
        responses, answers = io.StringIO(), io.StringIO()
        day = (now - timedelta(days=7 * (PULSES - p))).date().isoformat()
        for i in range(RESPONSES_PER_PULSE):
            team = teams[i % TEAMS]
            rid = uuid.uuid4()
            responses.write(f"{rid}\t{pulse.pk}\t{team.pk}\t{day}\t\n")
            for q in questions:
                answers.write(
                    f"{uuid.uuid4()}\t{rid}\t{pulse.pk}\t{team.pk}\t{q.pk}\t{q.dimension}\t{rng.randint(1, 5)}\n"
                )
        with connection.cursor() as cursor:
            with cursor.copy(
                "COPY measurements_response (id, pulse_id, team_id, submitted_on, comment) FROM STDIN"
            ) as copy:
                copy.write(responses.getvalue())
            with cursor.copy(
                "COPY measurements_answer (id, response_id, pulse_id, team_id, question_id, dimension, score) FROM STDIN"
            ) as copy:
                copy.write(answers.getvalue())
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE measurements_answer")
        cursor.execute("VACUUM ANALYZE measurements_response")


def main() -> None:
    setup_django(ensure_database())
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from measurements.models import Pulse
    from measurements.selectors import pulse_results
    from werkstressweek.accounts.models import User

    load()
    # Autovacuum may be off (it is on the test database server): fresh statistics and a visibility
    # map before timing, or stale plans make the hand-written SQL slower and the ratio look better.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    pulse = Pulse.objects.filter(organisation__slug=SLUG).order_by("opens_at")[PULSES // 2]
    pulse = Pulse.objects.select_related("organisation__result_settings").get(pk=pulse.pk)
    n = pulse.responses.count()
    print(f"pulse {pulse.title!r}: {n:,} responses, {n * 5:,} answers, {pulse.teams.count()} teams")

    sql = (
        "SELECT team_id, dimension, score, count(*) FROM measurements_answer "
        "WHERE pulse_id = %s GROUP BY team_id, dimension, score"
    )
    joined = (
        "SELECT r.team_id, a.dimension, a.score, count(*) FROM measurements_answer a "
        "JOIN measurements_response r ON r.id = a.response_id "
        "WHERE r.pulse_id = %s GROUP BY r.team_id, a.dimension, a.score"
    )

    def raw(query: str):
        def run():
            with connection.cursor() as cursor:
                cursor.execute(query, [pulse.pk])
                return cursor.fetchall()

        return run

    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql, [pulse.pk])
        plan = " / ".join(row[0].strip() for row in cursor.fetchall()[:3])
    print(f"plan of the hand-written SQL: {plan}")

    measured = interleaved(
        {"hand": raw(sql), "product": lambda: pulse_results(pulse), "normalised": raw(joined)}, repeat=REPEAT
    )
    hand, product, normalised = measured["hand"], measured["product"], measured["normalised"]

    user = User.objects.get(email="bench@example.org")
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    url = reverse("measurements:pulse_results", kwargs={"org_slug": SLUG, "pulse_id": pulse.pk})

    def page():
        response = client.get(url)
        assert response.status_code == 200, response.status_code

    heatmap = timed(page, repeat=max(10, REPEAT // 2))

    def median(values: list[float]) -> float:
        return sorted(values)[len(values) // 2]

    print()
    print(f"hand-written SQL (GROUP BY, covering index)   {summary(hand)}")
    print(f"pulse_results selector (product)              {summary(product)}")
    print(f"normalised join answers→responses (reference) {summary(normalised)}")
    print(f"heat-map page, server time                    {summary(heatmap)}")
    print(f"(load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    print()
    ratio = median(product) / median(hand)
    print(
        f"selector / hand-written SQL: {ratio:.2f}×   (target ≤ 1.5×)   selector warm median {median(product):.1f} ms (target ≤ 30 ms)"
    )
    print(f"heat-map page: {median(heatmap):.1f} ms (target ≤ 100 ms)")


if __name__ == "__main__":
    main()
