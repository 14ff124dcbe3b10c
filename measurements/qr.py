"""QR codes for answer links, rendered once and kept in the cache.

Rendering a QR code as SVG costs several milliseconds; a pulse page with 50 team links or a print
sheet with 120 codes rendered them on every request. The SVG depends only on the address and the
scale, so it is kept under a hash of both (the cache never holds the address itself as a key).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

import segno
from django.core.cache import cache

# Links and codes live as long as their pulse (at most a year); an entry unused for 90 days goes.
QR_TIMEOUT_SECONDS = 90 * 24 * 3600
_VERSION = "1"


def _key(url: str, scale: int) -> str:
    digest = hashlib.sha256(f"{_VERSION}\0{scale}\0{url}".encode()).hexdigest()
    return f"qr:{digest}"


def qr_render(url: str, *, scale: int) -> str:
    """The QR code of `url` as inline SVG (error correction M), without the cache."""
    return segno.make(url, error="m").svg_inline(scale=scale)


def qr_svgs(urls: Iterable[str], *, scale: int) -> dict[str, str]:
    """Inline SVG per address: from the cache in one round trip, rendering only what is missing."""
    keys = {url: _key(url, scale) for url in urls}
    found = cache.get_many(list(keys.values()))
    result, missing = {}, {}
    for url, key in keys.items():
        svg = found.get(key)
        if svg is None:
            svg = missing[key] = qr_render(url, scale=scale)
        result[url] = svg
    if missing:
        cache.set_many(missing, timeout=QR_TIMEOUT_SECONDS)
    return result
