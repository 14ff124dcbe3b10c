"""Keep secrets in URLs and client addresses out of the logs (DESIGN.md §5.1), for the whole project.

Secrets that travel in a path: answer links and codes (/p/<token>/, /p/c/<code>/), invitations to
join an organisation (/accounts/invitation/<token>/), password-reset links
(/accounts/password/reset/<uid>/<token>/), and the public links that are unguessable only because
of their token (PUBLIC_PREFIXES): the public agenda and its sign-up and calendar files
(/agenda/<token>/…), a sign-up's cancel link (/signup/<token>/…), the feedback page
(/feedback/<token>/), the preconditions signal form (/signals/<token>/), a team's calendar and
intranet feeds (/feeds/<token>/…) and intervention pages (/m/<code>/…). A log record that mentions one gets the secret replaced
and every IP address removed, and the request object (which carries REMOTE_ADDR and the full path)
is dropped from the record. Other records pass untouched.

Installed twice (both idempotent): on the loggers that write request lines — Django's development
server, request and CSRF loggers and gunicorn's access and error logs, whose handlers are their own
— and on the console handler in settings.LOGGING, so any other logger is covered too.
"""

from __future__ import annotations

import logging
import re

ANSWER_PATH = re.compile(r"/p/(?:c/)?(?!code/|done/)[^/\s?\"']+/?")
INVITATION_PATH = re.compile(r"/accounts/invitation/[^/\s?\"']+/?")
RESET_PATH = re.compile(r"/accounts/password/reset/(?!sent/|complete/)[^/\s?\"']+/[^/\s?\"']+/?")
# Public pages whose first path segment is followed by a token. Matched only as the first segment of
# a path (after a space, quote, "=", "(" or a scheme and host), so /o/<org>/reports/feedback/<id>/
# keeps its id.
PUBLIC_PREFIXES = ("agenda", "signup", "feedback", "signals", "feeds", "m")
PUBLIC_PATH = re.compile(
    r"(?P<lead>[a-zA-Z][a-zA-Z0-9+.-]*://[^/\s\"'?#]+|(?<![\w.:/%-]))"
    rf"/(?P<prefix>{'|'.join(PUBLIC_PREFIXES)})/[^/\s?#\"']+(?P<slash>/?)"
)
IPV4 = re.compile(r"\b\d{1,3}(?:\.\d{1,3}){3}\b")
# Any run of hex digits and colons with at least two colons (2001:db8::1, ::1, fe80::1%eth0), an
# embedded IPv4 address included; on a redacted line a clock time may go too, which is harmless.
IPV6 = re.compile(r"\[?(?<![\w:.])(?=[0-9a-fA-F:.]*:[0-9a-fA-F.]*:)[0-9a-fA-F:.]{2,}(?:%\w+)?\]?")
REDACTIONS = (
    (ANSWER_PATH, "/p/[redacted]/"),
    (INVITATION_PATH, "/accounts/invitation/[redacted]/"),
    (RESET_PATH, "/accounts/password/reset/[redacted]/"),
)
# Pages whose log lines lose secrets and addresses (answer pages, invitations, password reset).
MARKERS = ("/p/", "/accounts/invitation/", "/accounts/password/reset/")

LOGGERS = ("django.server", "django.request", "django.security.csrf", "gunicorn.access", "gunicorn.error")


def redact(message: str) -> str:
    """The message with every secret path replaced and every IP address removed."""
    for pattern, replacement in REDACTIONS:
        message = pattern.sub(replacement, message)
    message = PUBLIC_PATH.sub(r"\g<lead>/\g<prefix>/[redacted]\g<slash>", message)
    return IPV6.sub("-", IPV4.sub("-", message))


def mentions_secret(message: str) -> bool:
    """Whether the message is about a page whose path or visitor must not be logged."""
    return any(marker in message for marker in MARKERS) or PUBLIC_PATH.search(message) is not None


class RedactSecrets(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken record is not ours to judge
            return True
        if not mentions_secret(message):
            return True
        record.msg = redact(message)
        record.args = None
        if hasattr(record, "request"):
            record.request = None
        return True


# The name the measurements app used first.
RedactAnswerPaths = RedactSecrets


def install() -> None:
    redactor = RedactSecrets()
    for name in LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactSecrets) for f in logger.filters):
            logger.addFilter(redactor)
