from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_delete
from django.utils.translation import gettext_lazy as _


def _seed_catalogues(sender, using: str = "default", **kwargs) -> None:
    """Keep the catalogues present after a flush (transactional tests) too; the seeding is idempotent."""
    from .catalogue import catalogue_seed
    from .models import ActivityKind, PlanStepTemplate, Theme

    if not PlanStepTemplate.objects.using(using).exists():
        catalogue_seed(theme_model=Theme, kind_model=ActivityKind, step_model=PlanStepTemplate)
    _seed_intervention_library(using)


def _seed_intervention_library(using: str) -> None:
    """The standard micro-interventions after a flush, from the data frozen in their migration (one
    seeding path). A flush happens after every transactional test; without this, the tests after it
    found no library and planned no moments."""
    import importlib

    from django.apps import apps
    from django.db import connections

    from .models import Intervention

    if Intervention._meta.db_table not in connections[using].introspection.table_names():
        return  # migrated to a state before the library existed
    if not Intervention.objects.using(using).filter(organisation=None).exists():
        migration = importlib.import_module(
            "campaigns.migrations.0003_micro_interventions_and_message_delivery"
        )
        migration.seed(apps, None)


def _keep_people_of_removed_member(sender, instance, **kwargs) -> None:
    from .services import campaign_people_detach

    campaign_people_detach(membership=instance)


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Campaigns")

    def ready(self) -> None:
        post_migrate.connect(_seed_catalogues, sender=self)
        # Someone leaving the organisation stays in the core team and among the ambassadors by name.
        pre_delete.connect(
            _keep_people_of_removed_member,
            sender="accounts.Membership",
            dispatch_uid="campaigns_keep_people_of_removed_member",
        )
        # The communication toolkit is one of the documents app's registered exporters.
        from .toolkit import build  # noqa: F401
