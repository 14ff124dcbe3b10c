"""A local HTTP server that plays a Slack / Teams webhook, started by the test (never the internet)."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass
class WebhookServer:
    port: int
    # Each answer: an int status, ("redirect", location) or ("sleep", seconds); the last one repeats.
    answers: list = field(default_factory=lambda: [200])
    received: list[dict] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hook"

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"


def _start(server_state: WebhookServer | None = None) -> tuple[ThreadingHTTPServer, WebhookServer]:
    state_box: dict = {}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            state = state_box["state"]
            length = int(self.headers.get("Content-Length", 0))
            state.received.append(json.loads(self.rfile.read(length) or b"{}"))
            answer = state.answers[0] if len(state.answers) == 1 else state.answers.pop(0)
            if isinstance(answer, tuple) and answer[0] == "sleep":
                time.sleep(answer[1])
                answer = 200
            if isinstance(answer, tuple) and answer[0] == "redirect":
                self.send_response(302)
                self.send_header("Location", answer[1])
                self.end_headers()
                return
            self.send_response(answer)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            self.wfile.write(b"ok" if answer < 300 else b"server error")

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    state_box["state"] = WebhookServer(port=server.server_address[1])
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, state_box["state"]


@pytest.fixture
def webhook_server(settings) -> Iterator[WebhookServer]:
    """A local webhook, explicitly allowed for this test through NOTIFY_WEBHOOK_TEST_HOSTS."""
    server, state = _start()
    settings.NOTIFY_WEBHOOK_TEST_HOSTS = [state.host]
    settings.NOTIFY_WEBHOOK_TIMEOUT_SECONDS = 0.5
    yield state
    server.shutdown()
    server.server_close()


@pytest.fixture
def internal_server() -> Iterator[WebhookServer]:
    """A second local server standing for an internal service that must never be called."""
    server, state = _start()
    yield state
    server.shutdown()
    server.server_close()


@pytest.fixture
def fake_dns(monkeypatch):
    """Resolve chosen host names to chosen addresses (no real DNS in tests)."""
    table: dict[str, str] = {}
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if host in table:
            family = socket.AF_INET6 if ":" in table[host] else socket.AF_INET
            return [(family, socket.SOCK_STREAM, 6, "", (table[host], port))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return table
