"""The bare baseline of bench/delivery.py: a Celery task that only posts JSON to a URL."""

from __future__ import annotations

import http.client
import json
from urllib.parse import urlsplit

from celery import shared_task


@shared_task(name="bench.delivery.post_bare", acks_late=True, ignore_result=True)
def post_bare(url: str, payload: dict) -> None:
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        conn.request(
            "POST", parts.path, body=json.dumps(payload), headers={"Content-Type": "application/json"}
        )
        response = conn.getresponse()
        response.read()
        if response.status >= 300:
            raise RuntimeError(f"webhook answered {response.status}")
    finally:
        conn.close()
