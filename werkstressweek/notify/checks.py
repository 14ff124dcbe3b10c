from __future__ import annotations

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def webhook_test_hosts_unset(app_configs, **kwargs) -> list[Warning]:
    """Production posts to providers' hosts only: the tests' and demo's local exception is off."""
    if settings.NOTIFY_WEBHOOK_TEST_HOSTS:
        return [
            Warning(
                "NOTIFY_WEBHOOK_TEST_HOSTS is set: webhooks may be posted over http to "
                f"{', '.join(settings.NOTIFY_WEBHOOK_TEST_HOSTS)}.",
                hint="Leave NOTIFY_WEBHOOK_TEST_HOSTS empty outside tests and the demo.",
                id="notify.W001",
            )
        ]
    return []
