"""Benchmark: importing a plan of action of 10 000 rows through the import registry (bulk mode).

Builds a CSV of 10 000 actions (teams, members and outside owners, budgets in Dutch notation,
dates in both notations), then times, on PostgreSQL (BENCH_DB, default wt_bench):

  1. reading the upload (decode, delimiter, rows);
  2. the dry run (every row checked, nothing kept) — what the preview costs;
  3. the import itself (every row checked, saved with bulk_create in one transaction, plus the
     30 000 check-ins) — the figure with a target of at most 10 s;
  4. for reference, the bare stack: bulk_create of the same 10 000 actions and 30 000 check-ins.

Run: .venv/bin/python bench/import_actions.py   (REPEAT=3 to change the number of timed runs)
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ensure_database, setup_django  # noqa: E402

ROWS = int(os.environ.get("ROWS", "10000"))
REPEAT = int(os.environ.get("REPEAT", "3"))
SLUG = "bench-import"
TEAMS = 20
TARGET_SECONDS = 10.0


def build_csv(team_names: list[str], member_email: str) -> bytes:
    header = (
        "risico;maatregel;niveau;team;eigenaar;eigenaar e-mail;deskundigheid;budget;geplande start;"
        "deadline;meetpunt;status;rie-referentie\n"
    )
    risks = ["Werkdruk", "Pesten", "Agressie en geweld", "Werk-privébalans", "Regelruimte"]
    lines = [header]
    for n in range(ROWS):
        team = team_names[n % len(team_names)] if n % 3 else ""
        level = "team" if team else "organisatie"
        owner, email = ("", member_email) if n % 2 else (f"Extern {n}", f"extern{n}@bench.example")
        start = f"{1 + n % 28:02d}-12-2026" if n % 2 else "2026-12-01"
        lines.append(
            f"{risks[n % len(risks)]};Maatregel {n};{level};{team};{owner};{email};Trainer;"
            f"{n % 5000},50;{start};2027-06-{1 + n % 28:02d};Pulsscore;open;PSA-{n}\n"
        )
    return "".join(lines).encode("utf-8")


def main() -> None:
    setup_django(ensure_database())
    from django.core.management import call_command
    from django.db import transaction

    call_command("migrate", verbosity=0)

    from actions.models import Action, CheckIn
    from actions.services.actions import checkin_dates
    from werkstressweek.accounts.models import Membership, Organisation, Role, Team, User
    from werkstressweek.transfer.reading import read_upload
    from werkstressweek.transfer.registry import Scope, importer
    from werkstressweek.transfer.running import run_import

    org, _ = Organisation.objects.get_or_create(slug=SLUG, defaults={"name": "Bench Import BV"})
    teams = [Team.objects.get_or_create(organisation=org, name=f"Team {n}")[0] for n in range(TEAMS)]
    user, _ = User.objects.get_or_create(email="hr@bench-import.example", defaults={"name": "HR Bench"})
    membership, _ = Membership.objects.get_or_create(user=user, organisation=org, defaults={"role": Role.HR})
    raw = build_csv([t.name for t in teams], user.email)
    plan = importer("plan-of-action")
    scope = Scope(org=org, membership=membership, user=user)

    def clear() -> None:
        Action.objects.filter(organisation=org).delete()

    times: dict[str, list[float]] = {"read": [], "dry run": [], "import": [], "bare bulk_create": []}
    for _ in range(REPEAT):
        clear()
        start = time.perf_counter()
        dataset = read_upload("plan.csv", raw)
        times["read"].append(time.perf_counter() - start)

        start = time.perf_counter()
        outcome = run_import(importer=plan, scope=scope, dataset=read_upload("plan.csv", raw), dry_run=True)
        times["dry run"].append(time.perf_counter() - start)
        assert outcome.ok, outcome.errors[:5]
        assert not Action.objects.filter(organisation=org).exists()

        start = time.perf_counter()
        outcome = run_import(importer=plan, scope=scope, dataset=dataset, dry_run=False)
        times["import"].append(time.perf_counter() - start)
        assert outcome.ok, outcome.errors[:5]
        assert Action.objects.filter(organisation=org).count() == ROWS
        assert CheckIn.objects.filter(action__organisation=org).count() == 3 * ROWS

        clear()
        start = time.perf_counter()
        with transaction.atomic():
            actions = Action.objects.bulk_create(
                [
                    Action(
                        organisation=org,
                        title=f"Maatregel {n}",
                        level="organisation",
                        owner_membership=membership,
                        start_date=dt.date(2026, 12, 1),
                        deadline=dt.date(2027, 6, 1),
                    )
                    for n in range(ROWS)
                ],
                batch_size=1000,
            )
            CheckIn.objects.bulk_create(
                [
                    CheckIn(action=a, day=d, due_on=due)
                    for a in actions
                    for d, due in checkin_dates(base=a.start_date)
                ],
                batch_size=2000,
            )
        times["bare bulk_create"].append(time.perf_counter() - start)
    clear()

    print(f"Plan-of-action import, {ROWS} rows, {len(raw) / 1e6:.2f} MB CSV, {REPEAT} runs (PostgreSQL):")
    for name, values in times.items():
        print(f"  {name:<17} median {statistics.median(values):6.2f} s   min {min(values):6.2f} s")
    median = statistics.median(times["import"])
    print(
        f"  import rate       {ROWS / median:,.0f} rows/s; target ≤ {TARGET_SECONDS:.0f} s: "
        f"{'met' if median <= TARGET_SECONDS else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
