from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

from werkstressweek.accounts import demo

# Each app adds its demo data on top of the organisation and users; every loader is idempotent
# and takes (org=..., users=...) where users maps a role to its demo user.
APP_LOADERS: list[str] = [
    "campaigns.demo.load",
    "measurements.demo.load",
    "actions.demo.load",
    "werkstressweek.notify.demo.load",
    "campaigns.interventions.demo.load",
    # Last: the demo reports show the plan of action, results and retro loaded above.
    "werkstressweek.documents.demo.load",
]


class Command(BaseCommand):
    help = "Create or refresh the demo organisation 'Demo Zorg BV' with its users and data."

    def handle(self, *args, **options) -> None:
        with transaction.atomic():
            org, users = demo.load()
            for path in APP_LOADERS:
                import_string(path)(org=org, users=users)
        self.stdout.write(self.style.SUCCESS(f"Demo organisation “{org.name}” is ready."))
        self.stdout.write(f"Log in at /accounts/login/ with password {demo.DEMO_PASSWORD!r} as:")
        for email, _name, role, _team in demo.DEMO_USERS:
            self.stdout.write(f"  {email:<22} {role.label}")
