"""Importers and exporters: small registered classes with an identifier, a label and the work."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

import tablib
from django.utils.module_loading import autodiscover_modules

from werkstressweek.accounts.models import Membership, Organisation, User
from werkstressweek.accounts.tenancy import ALL_ROLES


@dataclass
class Scope:
    """What an import or export works on: the organisation, and for some a campaign in it."""

    org: Organisation
    membership: Membership
    user: User
    objects: dict[str, Any] = field(default_factory=dict)
    url_kwargs: dict[str, Any] = field(default_factory=dict)


class Importer:
    identifier: ClassVar[str]
    label: ClassVar[str]
    roles: ClassVar[tuple[str, ...]] = ALL_ROLES
    # The URL arguments that name its scope (for example campaign_id); other URLs give 404.
    scope_kwargs: ClassVar[tuple[str, ...]] = ()
    # Canonical column names, the ones that must be present, and other spellings people use.
    columns: ClassVar[tuple[str, ...]] = ()
    required_columns: ClassVar[tuple[str, ...]] = ()
    aliases: ClassVar[dict[str, str]] = {}
    help_text: ClassVar[str] = ""

    def scope_objects(self, request, **url_kwargs) -> dict[str, Any]:
        """Objects the import works on, looked up in the request's organisation (404 otherwise)."""
        return {}

    def resource(self, scope: Scope):
        """The django-import-export resource that validates and saves the rows."""
        raise NotImplementedError

    def success_url(self, scope: Scope) -> str:
        raise NotImplementedError

    def cancel_url(self, scope: Scope) -> str:
        return self.success_url(scope)

    def success_message(self, count: int) -> str:
        from django.utils.translation import gettext as _

        return _("%(n)d rows imported.") % {"n": count}


class Exporter:
    identifier: ClassVar[str]
    label: ClassVar[str]
    roles: ClassVar[tuple[str, ...]] = ALL_ROLES
    scope_kwargs: ClassVar[tuple[str, ...]] = ()
    formats: ClassVar[tuple[str, ...]] = ("csv", "xlsx")

    def scope_objects(self, request, **url_kwargs) -> dict[str, Any]:
        return {}

    def dataset(self, scope: Scope) -> tablib.Dataset:
        raise NotImplementedError

    def filename(self, scope: Scope) -> str:
        return self.identifier


IMPORTERS: dict[str, type[Importer]] = {}
EXPORTERS: dict[str, type[Exporter]] = {}
_discovered = False


def register(cls: type) -> type:
    """Class decorator: add an importer or exporter to the registry under its identifier."""
    registry: dict = IMPORTERS if issubclass(cls, Importer) else EXPORTERS
    if not issubclass(cls, (Importer, Exporter)):
        raise TypeError(f"{cls!r} is neither an Importer nor an Exporter")
    if cls.identifier in registry and registry[cls.identifier] is not cls:
        raise ValueError(f"Two {cls.__mro__[1].__name__}s are called {cls.identifier!r}")
    registry[cls.identifier] = cls
    return cls


def _discover() -> None:
    global _discovered
    if not _discovered:
        autodiscover_modules("transfer")
        _discovered = True


def importer(identifier: str) -> Importer | None:
    _discover()
    cls = IMPORTERS.get(identifier)
    return cls() if cls else None


def exporter(identifier: str) -> Exporter | None:
    _discover()
    cls = EXPORTERS.get(identifier)
    return cls() if cls else None


def all_importers() -> dict[str, type[Importer]]:
    _discover()
    return dict(IMPORTERS)


def all_exporters() -> dict[str, type[Exporter]]:
    _discover()
    return dict(EXPORTERS)
