from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_delete
from django.utils.translation import gettext_lazy as _


def _seed_catalogues(sender, using: str = "default", **kwargs) -> None:
    """Keep the catalogues present after a flush (transactional tests) too; the seeding is idempotent."""
    from .catalogue import catalogue_seed
    from .models import ActivityKind, PlanStepTemplate, Theme

    if not PlanStepTemplate.objects.using(using).exists():
        catalogue_seed(theme_model=Theme, kind_model=ActivityKind, step_model=PlanStepTemplate)


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
