"""Benchmark: a 20-page PDF report against a plain WeasyPrint render of the same kind of document.

1. product: the campaign plan of a large campaign (the demo campaign plus extra activities and
   messages, about 20 pages) through the exporter (the same code as the export task, minus
   storing the file): queries, context, Django templates, the shared print stylesheet with the
   shipped fonts, the offline URL fetcher, SVG charts from `documents.charts`;
2. plain: WeasyPrint alone rendering a hand-written 20-page HTML document of the same kind
   (cover, table of contents with target-counter, tables, two inline SVG charts as data URIs,
   "page X of Y" counters) with no project code.

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
EXTRA_ACTIVITIES = 45
EXTRA_MESSAGES = 40


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


def child(kind: str, url: str, campaign_id: int) -> None:
    result = render_product(url, campaign_id) if kind == "product" else render_plain()
    result["max_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def main() -> None:
    url = ensure_database()
    campaign_id = load(url)
    results: dict[str, list[dict]] = {"product": [], "plain": []}
    for _ in range(ROUNDS):
        for kind in ("product", "plain"):
            out = subprocess.run(
                [sys.executable, __file__, "--child", kind, url, str(campaign_id)],
                cwd=ROOT, capture_output=True, text=True, check=True,
            )  # fmt: skip
            results[kind].append(json.loads(out.stdout.strip().splitlines()[-1]))
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
        child(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        main()
