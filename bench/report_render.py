"""Benchmark: a 20-page PDF report against a plain WeasyPrint render of the same kind of document.

Two reports, each against its own plain counterpart (REPORT=measurement, campaign_plan or both;
default both):

measurement (the issue's target)
  1. product: the measurement report of a synthetic organisation (60 teams, 5 themes, a closed
     baseline and follow-up with ~2,600 responses, one small team hidden and one padded team)
     through the exporter, about 20 pages: the anonymity selectors (results and the before/after
     comparison with Welch intervals), Django templates, the shared print stylesheet with the
     shipped fonts, the offline URL fetcher, three SVG charts from `documents.charts`;
  2. plain: WeasyPrint alone rendering a hand-written HTML document of the same shape (cover,
     table of contents with target-counter, participation table, a coloured heat map, five
     before/after tables, SVG charts as data URIs, "page X of Y") with no project code.

campaign_plan
  the demo campaign plan with extra activities and messages (~20 pages) against a hand-written
  agenda document.

Each render runs in its own fresh Python process (so peak memory, the maximum resident set size,
is per render and the first-import cost is the same for both), alternating product and plain.

Run: .venv/bin/python bench/report_render.py   (ROUNDS=5 to change the number of rounds)
"""

from __future__ import annotations

import base64
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("BENCH_DB", "wt_bench_reports")

from bench.common import ROOT, ensure_database  # noqa: E402

ROUNDS = int(os.environ.get("ROUNDS", "5"))
REPORTS = (
    ("measurement", "campaign_plan")
    if os.environ.get("REPORT", "both") == "both"
    else (os.environ["REPORT"],)
)
EXTRA_ACTIVITIES = 45
EXTRA_MESSAGES = 40
BENCH_ORG = "bench-meting"
TEAMS = 60
DIMENSIONS = 5  # a pulse has 3 to 5 questions


def _django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "werkstressweek.settings")
    os.environ.setdefault("SECRET_KEY", "bench-secret-key-not-for-production-0123456789abcdefghijklmnop")
    os.environ["CELERY_TASK_ALWAYS_EAGER"] = "true"
    import django

    django.setup()


def load(url: str) -> int:
    """The demo organisation with a campaign large enough for a ~20-page plan; returns its id."""
    _django(url)
    import datetime as dt
    import io

    from django.core.management import call_command
    from django.utils import timezone

    from campaigns.models import Activity, ActivityKind, Campaign, CommunicationItem

    call_command("migrate", verbosity=0)
    call_command("loaddemo", stdout=io.StringIO())
    campaign = Campaign.objects.filter(organisation__slug="demo").order_by("-year").first()
    if campaign.activities.count() < EXTRA_ACTIVITIES:
        kind = ActivityKind.objects.first()
        start = timezone.make_aware(dt.datetime.combine(campaign.week_start, dt.time(7, 0)))
        Activity.objects.bulk_create(
            Activity(
                campaign=campaign,
                kind=kind,
                title=f"Workshop {i + 1}: grenzen stellen en herstellen tijdens drukke diensten",
                description="Praktische oefeningen voor teams, met aandacht voor roosters, pauzes en "
                "het gesprek met de leidinggevende over werkdruk. " * 2,
                starts_at=start + dt.timedelta(days=i % 5, hours=(i * 2) % 12),
                ends_at=start + dt.timedelta(days=i % 5, hours=(i * 2) % 12, minutes=45),
                format="hybrid",
                audience="all",
                location="Aula hoofdgebouw en Teams",
            )
            for i in range(EXTRA_ACTIVITIES)
        )
        CommunicationItem.objects.bulk_create(
            CommunicationItem(
                campaign=campaign,
                phase=("before", "during", "after")[i % 3],
                channel="email",
                planned_on=campaign.week_start + dt.timedelta(days=i - 30),
                subject=f"Bericht {i + 1}: wat we doen aan werkdruk en wat jij kunt doen",
                audience="Alle medewerkers",
            )
            for i in range(EXTRA_MESSAGES)
        )
    return campaign.pk


def render_product(url: str, campaign_id: int) -> dict:
    _django(url)
    from django.utils import translation

    from werkstressweek.accounts.models import Organisation
    from werkstressweek.documents.registry import ExportContext, get_exporter

    org = Organisation.objects.get(slug="demo")
    start = time.perf_counter()
    with translation.override("nl"):
        pdf = get_exporter("campaign_plan").render(
            ExportContext(
                org=org, by=None, parameters={"campaign": campaign_id}, language="nl", progress=lambda p: None
            )
        )
    return {"seconds": time.perf_counter() - start, "pages": pdf.pages, "bytes": len(pdf.data)}


def _bar_svg(values: list[float]) -> str:
    bars = "".join(
        f'<rect x="{40 + i * 60}" y="{220 - v * 40}" width="40" height="{v * 40}" fill="#0b5ed7"/>'
        f'<text x="{60 + i * 60}" y="{212 - v * 40}" font-size="12" text-anchor="middle">{v:.1f}</text>'
        for i, v in enumerate(values)
    )
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="720" height="240" viewBox="0 0 720 240">'
        f'<line x1="30" y1="220" x2="700" y2="220" stroke="#212529"/>{bars}</svg>'
    )


def plain_html() -> str:
    chart = (
        "data:image/svg+xml;base64,"
        + base64.b64encode(_bar_svg([2.9, 3.4, 3.1, 4.0, 2.5, 3.8]).encode()).decode()
    )
    rows = "".join(
        f"<tr><td>{i % 5 + 1} nov</td><td><strong>Workshop {i}: grenzen stellen en herstellen</strong><br>"
        "<small>Praktische oefeningen voor teams, met aandacht voor roosters, pauzes en het gesprek "
        "met de leidinggevende over werkdruk.</small></td><td>Hybride</td><td>Iedereen</td>"
        "<td>Aula hoofdgebouw en Teams</td></tr>"
        for i in range(235)
    )
    chapters = [("c1", "Samenvatting"), ("c2", "Agenda"), ("c3", "Grafieken")]
    toc = "".join(f'<li><a href="#{a}">{t}</a></li>' for a, t in chapters)
    return f"""<!doctype html><html lang="nl"><head><meta charset="utf-8"><style>
@page {{ size: A4; margin: 24mm 18mm 22mm 20mm;
  @top-right {{ content: "VERTROUWELIJK"; font: bold 7.5pt sans-serif; color: #a12a2a; }}
  @bottom-right {{ content: "pagina " counter(page) " van " counter(pages); font: 7.5pt sans-serif; }} }}
@page cover {{ margin: 0; @top-right {{ content: none; }} @bottom-right {{ content: none; }} }}
html {{ font-family: "DejaVu Sans", sans-serif; font-size: 9.2pt; line-height: 1.45; }}
.cover {{ page: cover; height: 297mm; break-after: page; }} .band {{ background: #083b87; color: #fff; padding: 34mm 20mm; }}
.toc {{ break-after: page; }} .toc a::after {{ content: leader(dotted) " " target-counter(attr(href), page); }}
h2 {{ color: #083b87; border-bottom: 1.2pt solid #0b5ed7; }}
table {{ width: 100%; border-collapse: collapse; font-size: 8.4pt; }} thead {{ display: table-header-group; }}
th {{ text-align: left; background: #f1f5fa; border-bottom: .8pt solid #0b5ed7; padding: 1.6mm 2mm; }}
td {{ border-bottom: .4pt solid #d5dbe1; padding: 1.5mm 2mm; vertical-align: top; }} tr {{ break-inside: avoid; }}
img {{ width: 100%; }}
</style></head><body>
<section class="cover"><div class="band"><h1>Campagneplan</h1><p>Week van de Werkstress</p></div></section>
<nav class="toc"><h2>Inhoud</h2><ol>{toc}</ol></nav>
<section id="c1"><h2>Samenvatting</h2><p>Een plan voor de week.</p><img src="{chart}" alt=""></section>
<section id="c2"><h2>Agenda</h2><table><thead><tr><th>Dag</th><th>Activiteit</th><th>Vorm</th><th>Voor wie</th><th>Waar</th></tr></thead><tbody>{rows}</tbody></table></section>
<section id="c3"><h2>Grafieken</h2><img src="{chart}" alt=""></section>
</body></html>"""


def render_plain() -> dict:
    from weasyprint import HTML

    html = plain_html()
    start = time.perf_counter()
    document = HTML(string=html).render()
    data = document.write_pdf()
    return {"seconds": time.perf_counter() - start, "pages": len(document.pages), "bytes": len(data)}


# --- The measurement report ------------------------------------------------------------------------


def load_measurement() -> int:
    """A synthetic organisation with a closed baseline and follow-up (Django set up); the follow-up's id."""
    import datetime as dt
    import random

    from django.db import transaction
    from django.utils import timezone

    from measurements.models import Answer, Dimension, Pulse, PulseKind, Question, Response
    from measurements.services import pulse_create
    from werkstressweek.accounts.models import Organisation, Team

    org, _created = Organisation.objects.get_or_create(
        slug=BENCH_ORG, defaults={"name": "Zorggroep Meetbank"}
    )
    existing = Pulse.objects.filter(organisation=org, kind=PulseKind.FOLLOW_UP).first()
    if existing is not None:
        return existing.pk
    rng = random.Random(11)
    with transaction.atomic():
        teams = [
            Team.objects.create(
                organisation=org, name=f"Afdeling {i + 1:02d} zorg en ondersteuning", headcount=30
            )
            for i in range(TEAMS)
        ]
        dims = [d for d, _label in Dimension.choices][:DIMENSIONS]
        bank = Question.objects.filter(organisation__isnull=True)
        questions = [bank.filter(dimension=d).order_by("pk").first() for d in dims]
        now = timezone.now()
        pulses = []
        for kind, title, shift in (
            (PulseKind.BASELINE, "Nulmeting", 0.0),
            (PulseKind.FOLLOW_UP, "Nameting", 0.3),
        ):
            pulse = pulse_create(
                org=org, title=title, kind=kind, questions=questions, teams=teams,
                opens_at=now - dt.timedelta(hours=2), closes_at=now + dt.timedelta(days=7),
            )  # fmt: skip
            for t, team in enumerate(teams):
                # One team too small to show, one team with more answers than people (padding).
                n = 4 if t == 3 else (34 if t == 7 else rng.randint(12, 26))
                level = 2.4 + (t % 7) * 0.3 + shift
                responses = [Response(pulse=pulse, team=team, submitted_on=now.date()) for _ in range(n)]
                Response.objects.bulk_create(responses)
                Answer.objects.bulk_create(
                    Answer(
                        response=r,
                        pulse=pulse,
                        team=team,
                        question=q,
                        dimension=q.dimension,
                        score=min(5, max(1, round(rng.gauss(level, 0.9)))),
                    )  # fmt: skip
                    for r in responses
                    for q in questions
                )
            pulses.append(pulse)
        for days, pulse in zip((30, 5), pulses, strict=True):
            Pulse.objects.filter(pk=pulse.pk).update(
                opens_at=now - dt.timedelta(days=days + 7), closes_at=now - dt.timedelta(days=days)
            )
    return pulses[1].pk


def render_product_measurement(url: str, pulse_id: int) -> dict:
    _django(url)
    from django.utils import translation

    from werkstressweek.accounts.models import Organisation
    from werkstressweek.documents.registry import ExportContext, get_exporter

    org = Organisation.objects.get(slug=BENCH_ORG)
    exporter = get_exporter("measurement")
    baseline_id = org.pulses.get(kind="baseline").pk
    start = time.perf_counter()
    with translation.override("nl"):
        parameters = exporter.clean_parameters(
            org=org, parameters={"pulse": pulse_id, "compare_with": baseline_id}
        )
        pdf = exporter.render(
            ExportContext(org=org, by=None, parameters=parameters, language="nl", progress=lambda p: None)
        )
    seconds = time.perf_counter() - start
    if os.environ.get("SAVE_PDF"):  # to look at the pages: SAVE_PDF=/tmp/measurement.pdf
        Path(os.environ["SAVE_PDF"]).write_bytes(pdf.data)
    return {"seconds": seconds, "pages": pdf.pages, "bytes": len(pdf.data)}


def _hbar_svg(labels: list[str], values: list[float]) -> str:
    height = 40 + 22 * len(labels)
    bars = "".join(
        f'<text x="200" y="{30 + i * 22}" font-size="11" text-anchor="end">{label}</text>'
        f'<rect x="210" y="{18 + i * 22}" width="{v * 100}" height="16" fill="#0b5ed7"/>'
        f'<text x="{216 + v * 100}" y="{30 + i * 22}" font-size="10">{v:.1f}</text>'
        for i, (label, v) in enumerate(zip(labels, values, strict=True))
    )
    return f'<svg xmlns="http://www.w3.org/2000/svg" width="720" height="{height}" viewBox="0 0 720 {height}">{bars}</svg>'


def plain_measurement_html() -> str:
    def uri(svg: str) -> str:
        return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()

    teams = [f"Afdeling {i + 1:02d} zorg en ondersteuning" for i in range(TEAMS)]
    themes = ["Ervaren werkdruk", "Energie", "Herstel", "Focus", "Werkplezier", "Autonomie",
              "Sociale steun", "Balans werk–privé", "Psychologische veiligheid"][:DIMENSIONS]  # fmt: skip
    colours = ("#f8d7da", "#fff3cd", "#d1e7dd")
    participation = "".join(
        f"<tr><td>{t}</td><td class=n>{14 + i % 9}</td><td class=n>30</td><td class=n>{50 + i % 40}%</td></tr>"
        for i, t in enumerate(teams)
    )
    heat = "".join(
        f"<tr><td>{t}</td><td class=n>{14 + i % 9}</td>"
        + "".join(
            f'<td class=h style="background:{colours[(i + j) % 3]}"><b>{2.5 + (i + j) % 5 * 0.3:.1f}</b>'
            f"<br><small>aandacht · {30 + (i * j) % 50}%</small></td>"
            for j in range(len(themes))
        )
        + "</tr>"
        for i, t in enumerate(teams)
    )
    theme_tables = "".join(
        f'<div class=theme><h3>4.{j + 1} {theme}</h3><table><thead><tr><th style="width:34%">Groep</th>'
        "<th style='width:15%'>Voor</th><th style='width:15%'>Na</th><th style='width:13%'>Verschil</th>"
        "<th style='width:23%'>95%-interval</th></tr></thead><tbody>"
        + "".join(
            f"<tr><td>{t}</td><td class=n>3,{i % 10}0 <small>n={12 + i % 9}</small></td>"
            f"<td class=n>3,{(i + 3) % 10}5 <small>n={13 + i % 8}</small></td><td class=n>+0,{i % 9}5</td>"
            f"<td class=n>−0,{i % 7}1 tot +0,{i % 5 + 3}8</td></tr>"
            for i, t in enumerate(teams)
        )
        + "</tbody></table></div>"
        for j, theme in enumerate(themes)
    )
    chart_p = uri(_hbar_svg(teams, [0.5 + (i % 5) / 10 for i in range(len(teams))]))
    chart_c = uri(_hbar_svg(themes * 2, [3.0 + (i % 4) / 5 for i in range(len(themes) * 2)]))
    chart_d = uri(_bar_svg([2.9, 3.4, 3.1, 4.0, 2.5, 3.8, 3.3, 3.0, 2.7]))
    chapters = [("c1", "Samenvatting"), ("c2", "Deelname"), ("c3", "Heatmap"), ("c4", "Verandering per thema"),
                ("c5", "Anonimiteit"), ("c6", "Over deze meting")]  # fmt: skip
    toc = "".join(f'<li><a href="#{a}">{t}</a></li>' for a, t in chapters)
    summary = "".join(
        f"<tr><td>{t}</td><td class=n>3,{i}</td><td>aandacht</td><td class=n>+0,{i}2</td><td>duidelijk beter</td></tr>"
        for i, t in enumerate(themes)
    )
    return f"""<!doctype html><html lang="nl"><head><meta charset="utf-8"><style>
@page {{ size: A4; margin: 24mm 18mm 22mm 20mm;
  @top-right {{ content: "VERTROUWELIJK"; font: bold 7.5pt sans-serif; color: #a12a2a; }}
  @bottom-right {{ content: "pagina " counter(page) " van " counter(pages); font: 7.5pt sans-serif; }} }}
@page cover {{ margin: 0; @top-right {{ content: none; }} @bottom-right {{ content: none; }} }}
html {{ font-family: "DejaVu Sans", sans-serif; font-size: 9.2pt; line-height: 1.45; }}
.cover {{ page: cover; height: 297mm; break-after: page; }} .band {{ background: #083b87; color: #fff; padding: 34mm 20mm; }}
.toc {{ break-after: page; }} .toc a::after {{ content: leader(dotted) " " target-counter(attr(href), page); }}
section {{ break-before: page; }} h2 {{ color: #083b87; border-bottom: 1.2pt solid #0b5ed7; }}
table {{ width: 100%; border-collapse: collapse; font-size: 8.4pt; table-layout: fixed; }} thead {{ display: table-header-group; }}
th {{ text-align: left; background: #f1f5fa; border-bottom: .8pt solid #0b5ed7; padding: 1.6mm 2mm; }}
td {{ border-bottom: .4pt solid #d5dbe1; padding: 1.5mm 2mm; vertical-align: top; }} tr {{ break-inside: avoid; }}
td.n {{ text-align: right; }} td.h {{ text-align: center; font-size: 7.6pt; border: .6pt solid #fff; }}
.heat td:first-child {{ width: 28%; }} img {{ width: 100%; max-height: 110mm; }}
</style></head><body>
<div class="cover"><div class="band"><h1>Meetrapport</h1><p>Nameting Week van de Werkstress</p></div></div>
<nav class="toc"><h2>Inhoud</h2><ol>{toc}</ol></nav>
<section id="c1"><h2>Samenvatting</h2><table><tbody>{summary}</tbody></table><img src="{chart_c}" alt=""></section>
<section id="c2"><h2>Deelname</h2><table><thead><tr><th style="width:46%">Groep</th><th>Antwoorden</th><th>Medewerkers</th><th>Deelname</th></tr></thead><tbody>{participation}</tbody></table><img src="{chart_p}" alt=""></section>
<section id="c3"><h2>Heatmap</h2><table class="heat"><colgroup><col style="width:28%"><col style="width:10%">{"<col>" * len(themes)}</colgroup><thead><tr><th>Groep</th><th>Antw.</th>{"".join(f"<th>{t}</th>" for t in themes)}</tr></thead><tbody>{heat}</tbody></table><img src="{chart_d}" alt=""></section>
<section id="c4"><h2>Verandering per thema</h2>{theme_tables}</section>
<section id="c5"><h2>Anonimiteit</h2><p>Resultaten van een groep alleen bij minimaal 7 antwoorden.</p></section>
<section id="c6"><h2>Over deze meting</h2><table><tbody>{"".join(f"<tr><td>{t}</td><td>Een vraag over {t.lower()}.</td></tr>" for t in themes)}</tbody></table></section>
</body></html>"""


def render_plain_html(html: str) -> dict:
    from weasyprint import HTML

    start = time.perf_counter()
    document = HTML(string=html).render()
    data = document.write_pdf()
    return {"seconds": time.perf_counter() - start, "pages": len(document.pages), "bytes": len(data)}


def child(kind: str, report: str, url: str, object_id: int) -> None:
    if report == "measurement":
        result = (
            render_product_measurement(url, object_id)
            if kind == "product"
            else render_plain_html(plain_measurement_html())
        )
    else:
        result = render_product(url, object_id) if kind == "product" else render_plain()
    result["max_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def main() -> None:
    url = ensure_database()
    campaign_id = load(url)
    ids = {"campaign_plan": campaign_id, "measurement": load_measurement()}
    for report in REPORTS:
        results: dict[str, list[dict]] = {"product": [], "plain": []}
        for _ in range(ROUNDS):
            for kind in ("product", "plain"):
                out = subprocess.run(
                    [sys.executable, __file__, "--child", kind, report, url, str(ids[report])],
                    cwd=ROOT, capture_output=True, text=True, check=True,
                )  # fmt: skip
                results[kind].append(json.loads(out.stdout.strip().splitlines()[-1]))
        print(f"== {report}")
        for kind, runs in results.items():
            times = [r["seconds"] for r in runs]
            print(
                f"{kind:8} pages {runs[0]['pages']:3d}  median {statistics.median(times):6.2f} s  "
                f"min {min(times):6.2f} s  peak RSS {max(r['max_rss_mb'] for r in runs):6.0f} MB  "
                f"size {runs[0]['bytes'] / 1024:6.0f} KiB"
            )
        ratio = statistics.median(r["seconds"] for r in results["product"]) / statistics.median(
            r["seconds"] for r in results["plain"]
        )
        print(f"ratio product/plain (median): {ratio:.2f}x   target <= 1.3x, peak <= 200 MB")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))
    else:
        main()
