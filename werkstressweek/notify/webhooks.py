"""Posting to Slack and Microsoft Teams webhooks without letting anyone aim the server elsewhere.

A webhook URL is accepted only when it is https, on the provider's own hosts, on the default port,
without user info, and every address its host name resolves to is a public one. The same checks
run again right before each post, and the connection goes to the address that was checked (no
second DNS lookup that could be answered differently). Redirects are never followed.

`NOTIFY_WEBHOOK_TEST_HOSTS` ("host:port" entries) lets tests and the demo post to a local server
over http; it is empty in production.
"""

from __future__ import annotations

import http.client
import ipaddress
import json
import socket
import ssl
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

from .models import DestinationKind

PROVIDER_HOSTS: dict[str, tuple[str, ...]] = {
    # exact host names, and suffixes starting with a dot
    DestinationKind.SLACK: ("hooks.slack.com", "hooks.slack-gov.com"),
    DestinationKind.TEAMS: (
        ".webhook.office.com",  # Teams incoming webhook (connector)
        "outlook.office.com",
        ".logic.azure.com",  # Teams workflow (Power Automate) URL
        ".api.powerplatform.com",  # newer Teams workflow URL
    ),
}


class WebhookRefused(Exception):
    """The URL may not be called; the message says why, for HR."""


def _host_allowed(kind: str, host: str) -> bool:
    for allowed in PROVIDER_HOSTS.get(kind, ()):
        if allowed.startswith(".") and host.endswith(allowed) and len(host) > len(allowed):
            return True
        if host == allowed:
            return True
    return False


def _test_host(netloc: str) -> bool:
    return netloc.lower() in {h.lower() for h in settings.NOTIFY_WEBHOOK_TEST_HOSTS}


def _public_addresses(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise WebhookRefused(_("The host name %(host)s cannot be found.") % {"host": host}) from exc
    addresses = sorted({info[4][0] for info in infos})
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        if not ip.is_global or ip.is_multicast:
            raise WebhookRefused(
                _("%(host)s points to an internal address; only public provider addresses are called.")
                % {"host": host}
            )
    if not addresses:
        raise WebhookRefused(_("The host name %(host)s cannot be found.") % {"host": host})
    return addresses


def webhook_check(*, url: str, kind: str, resolve: bool = True) -> tuple[str, str, int, list[str]]:
    """Validate a webhook URL for `kind`; return (scheme, host, port, addresses) or raise
    WebhookRefused with a message for HR."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise WebhookRefused(_("This is not a valid web address.")) from exc
    host = (parts.hostname or "").lower()
    if not host:
        raise WebhookRefused(_("This is not a valid web address."))
    if parts.username or parts.password:
        raise WebhookRefused(_("A webhook address may not contain a user name or password."))
    if _test_host(parts.netloc) and parts.scheme in ("http", "https"):
        default = 443 if parts.scheme == "https" else 80
        addresses = [info[4][0] for info in socket.getaddrinfo(host, port or default)] if resolve else []
        return parts.scheme, host, port or default, addresses
    if parts.scheme != "https":
        raise WebhookRefused(_("Only https:// addresses are accepted."))
    if not _host_allowed(kind, host):
        names = ", ".join(h.lstrip(".") for h in PROVIDER_HOSTS.get(kind, ()))
        raise WebhookRefused(
            _("%(host)s is not a %(provider)s webhook host (accepted: %(names)s).")
            % {"host": host, "provider": DestinationKind(kind).label, "names": names}
        )
    if port not in (None, 443):
        raise WebhookRefused(_("A webhook address may not name a port."))
    addresses = _public_addresses(host, 443) if resolve else []
    return "https", host, 443, addresses


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self) -> None:
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


class WebhookTemporaryError(Exception):
    """The provider did not take the message now (timeout, 429, 5xx): try again later."""


def webhook_post(*, url: str, kind: str, payload: dict) -> None:
    """POST `payload` as JSON to a checked webhook; raise WebhookRefused (never retry) or
    WebhookTemporaryError (retry later)."""
    scheme, host, port, addresses = webhook_check(url=url, kind=kind)
    parts = urlsplit(url.strip())
    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query
    connection_class = _PinnedHTTPSConnection if scheme == "https" else _PinnedHTTPConnection
    conn = connection_class(host, port, addresses[0], timeout=settings.NOTIFY_WEBHOOK_TIMEOUT_SECONDS)
    body = json.dumps(payload).encode()
    try:
        conn.request("POST", target, body=body, headers={"Content-Type": "application/json"})
        response = conn.getresponse()
        status = response.status
        text = response.read(500).decode("utf-8", "replace")
    except TimeoutError as exc:
        raise WebhookTemporaryError(
            _("No answer from %(host)s within %(s)s seconds.")
            % {"host": host, "s": settings.NOTIFY_WEBHOOK_TIMEOUT_SECONDS}
        ) from exc
    except (OSError, http.client.HTTPException) as exc:
        raise WebhookTemporaryError(
            _("Could not reach %(host)s: %(error)s") % {"host": host, "error": exc}
        ) from exc
    finally:
        conn.close()
    if 200 <= status < 300:
        return
    if 300 <= status < 400:
        raise WebhookRefused(
            _("The webhook answered with a redirect (%(status)s); redirects are not followed.")
            % {"status": status}
        )
    if status == 429 or status >= 500:
        raise WebhookTemporaryError(
            _("%(host)s answered %(status)s: %(text)s") % {"host": host, "status": status, "text": text}
        )
    raise WebhookRefused(
        _("%(host)s refused the message (%(status)s): %(text)s")
        % {"host": host, "status": status, "text": text}
    )
