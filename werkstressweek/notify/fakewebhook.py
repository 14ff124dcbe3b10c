"""A local stand-in for Slack / Teams webhooks, for the demo and the benchmark: it accepts JSON
posts and counts them (optionally printing each). Never used in production."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FakeWebhookServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256

    def __init__(self, address: tuple[str, int], *, echo=None) -> None:
        self.count = 0
        self.lock = threading.Lock()
        self.echo = echo
        super().__init__(address, _Handler)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"

    def do_POST(self) -> None:  # noqa: N802
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        server: FakeWebhookServer = self.server  # type: ignore[assignment]
        with server.lock:
            server.count += 1
        if server.echo:
            try:
                payload = json.loads(body)
            except ValueError:
                payload = {}
            title = payload.get("text") or (
                payload.get("attachments", [{}])[0].get("content", {}).get("body", [{}])[0].get("text", "")
            )
            server.echo(f"webhook {self.path}: {title}")
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args) -> None:
        pass
