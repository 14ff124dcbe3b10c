from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _seed_catalogues(sender, using: str = "default", **kwargs) -> None:
    """Keep the catalogues present after a flush (transactional tests) too; the seeding is idempotent."""
    from .catalogue import catalogue_seed
    from .models import ActivityKind, PlanStepTemplate, Theme

    if not PlanStepTemplate.objects.using(using).exists():
        catalogue_seed(theme_model=Theme, kind_model=ActivityKind, step_model=PlanStepTemplate)


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Campaigns")

    def ready(self) -> None:
        post_migrate.connect(_seed_catalogues, sender=self)
