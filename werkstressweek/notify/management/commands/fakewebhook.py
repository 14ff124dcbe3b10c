from __future__ import annotations

import contextlib

from django.core.management.base import BaseCommand

from werkstressweek.notify.fakewebhook import FakeWebhookServer


class Command(BaseCommand):
    help = "Run a local fake Slack/Teams webhook that prints what it receives (demo only)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--port", type=int, default=8765)

    def handle(self, *args, port: int, **options) -> None:
        server = FakeWebhookServer(("127.0.0.1", port), echo=lambda line: self.stdout.write(line))
        self.stdout.write(f"Fake webhook listening on http://127.0.0.1:{port}/ (demo only)")
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()
