"""An e-mail backend for fault tests: each message takes a moment and is appended to a log file
(flushed to disk before the backend returns), so a test can count what really left a worker that
was killed half-way."""

from __future__ import annotations

import os
import time

from django.core.mail.backends.base import BaseEmailBackend


class SlowFileLogBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        delay = float(os.environ.get("DELIVERY_DELAY_SECONDS", "0.03"))
        path = os.environ["DELIVERY_LOG"]
        for message in email_messages:
            time.sleep(delay)
            with open(path, "a", encoding="utf-8") as log:
                log.write(message.subject + "\n")
                log.flush()
                os.fsync(log.fileno())
        return len(email_messages)
