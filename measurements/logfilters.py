"""Keep pulse tokens and client addresses out of the logs of the answer pages (DESIGN.md §5.1).

Attached (in MeasurementsConfig.ready) to the loggers that write request lines: Django's
development server, Django's request and CSRF warnings, and gunicorn's access and error logs.
A record about a /p/… path gets its token replaced and every IP address removed; the request
object (which carries REMOTE_ADDR) is dropped from the record.
"""

from __future__ import annotations

import logging
import re

ANSWER_PATH = re.compile(r"/p/(?:c/)?(?!code/|done/)[^/\s?\"']+/?")
IPV4 = re.compile(r"\b\d{1,3}(?:\.\d{1,3}){3}\b")
IPV6 = re.compile(r"\[?\b(?:[0-9a-fA-F]{1,4}:){2,7}[0-9a-fA-F]{0,4}\b\]?|::1\b|::ffff:[0-9.]+")
REDACTED_PATH = "/p/[redacted]/"

LOGGERS = ("django.server", "django.request", "django.security.csrf", "gunicorn.access", "gunicorn.error")


def redact(message: str) -> str:
    message = ANSWER_PATH.sub(REDACTED_PATH, message)
    return IPV6.sub("-", IPV4.sub("-", message))


class RedactAnswerPaths(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken record is not ours to judge
            return True
        if not ANSWER_PATH.search(message) and "/p/code/" not in message and "/p/done/" not in message:
            return True
        record.msg = redact(message)
        record.args = None
        if hasattr(record, "request"):
            record.request = None
        return True


def install() -> None:
    redactor = RedactAnswerPaths()
    for name in LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactAnswerPaths) for f in logger.filters):
            logger.addFilter(redactor)
