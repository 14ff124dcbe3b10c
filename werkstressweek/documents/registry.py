"""One registry of report exporters (after pretix's exporters): identifier, label, roles, render().

An exporter knows which roles may export and download its reports, which object its parameters
name, and how to turn them into a PDF. Views, the export task, the works council portal and
`loaddemo` all look exporters up here, so there is no view per report.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from django.utils.functional import Promise

if TYPE_CHECKING:
    from werkstressweek.accounts.models import Organisation, User

    from .pdf import RenderedPdf


class ParametersInvalid(Exception):
    """The parameters do not name an object of this organisation (or are malformed)."""


@dataclass(frozen=True)
class ExportContext:
    """What an exporter gets: the organisation, who asked, the parameters, a progress callback."""

    org: Organisation
    by: User | None
    parameters: dict
    language: str
    progress: object  # Callable[[int], None]; a percentage 0–100


class Exporter:
    identifier: ClassVar[str]
    label: ClassVar[Promise | str]
    description: ClassVar[Promise | str] = ""
    # Roles that may start an export and download its files.
    export_roles: ClassVar[tuple[str, ...]]
    download_roles: ClassVar[tuple[str, ...]]
    file_stem: ClassVar[str]
    # What the rendered file is; most exporters make a PDF, the communication toolkit a ZIP.
    file_extension: ClassVar[str] = "pdf"
    content_type: ClassVar[str] = "application/pdf"
    # False for exports with a page of their own (the toolkit): kept off the reports page and portal.
    listed: ClassVar[bool] = True

    def clean_parameters(self, *, org: Organisation, parameters: dict) -> dict:
        """Validate parameters against the organisation; raise ParametersInvalid."""
        return {}

    def parameters_form(self, *, org: Organisation, data: dict | None = None):
        """The form that asks for this report's parameters (a Django form)."""
        raise NotImplementedError

    def subject(self, *, org: Organisation, parameters: dict) -> str:
        """A short description of what the export covers (e.g. the campaign's name)."""
        return ""

    def render(self, ctx: ExportContext) -> RenderedPdf:
        raise NotImplementedError


_REGISTRY: dict[str, Exporter] = {}


def register(cls: type[Exporter]) -> type[Exporter]:
    _REGISTRY[cls.identifier] = cls()
    return cls


def get_exporter(identifier: str) -> Exporter | None:
    _load()
    return _REGISTRY.get(identifier)


def all_exporters() -> list[Exporter]:
    _load()
    return list(_REGISTRY.values())


def _load() -> None:
    from . import exporters  # noqa: F401 - registers the built-in exporters
