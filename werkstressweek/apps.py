from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "werkstressweek"
    verbose_name = _("Werkstressweek")

    def ready(self) -> None:
        from . import logfilters

        logfilters.install()
