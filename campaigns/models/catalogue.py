"""Catalogues shared by all campaigns: themes, kinds of activity and the standard plan, in Dutch and English."""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class BilingualMixin:
    """Catalogue entries carry a Dutch and an English text; show the one of the active language."""

    def _text(self, field: str) -> str:
        lang = (get_language() or "nl")[:2]
        value = getattr(self, f"{field}_{lang}", "") if lang in ("nl", "en") else ""
        return value or getattr(self, f"{field}_nl")


class Theme(BilingualMixin, models.Model):
    slug = models.SlugField(unique=True)
    name_nl = models.CharField(_("name (Dutch)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    description_nl = models.TextField(_("description (Dutch)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["order", "slug"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self._text("name")

    @property
    def description(self) -> str:
        return self._text("description")


class ActivityKind(BilingualMixin, models.Model):
    slug = models.SlugField(unique=True)
    name_nl = models.CharField(_("name (Dutch)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    description_nl = models.TextField(_("description (Dutch)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    default_minutes = models.PositiveSmallIntegerField(default=30)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("activity kind")
        verbose_name_plural = _("activity kinds")
        ordering = ["order", "slug"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self._text("name")

    @property
    def description(self) -> str:
        return self._text("description")


class PlanStepTemplate(BilingualMixin, models.Model):
    """A step of the standard plan, dated relative to the Monday of the week (for 8 preparation weeks)."""

    key = models.SlugField(unique=True)
    title_nl = models.CharField(max_length=200)
    title_en = models.CharField(max_length=200)
    help_nl = models.TextField(blank=True)
    help_en = models.TextField(blank=True)
    offset_days = models.SmallIntegerField(help_text="Days from the Monday of the week; negative is before.")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["offset_days", "order"]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return self._text("title")

    @property
    def help(self) -> str:
        return self._text("help")
