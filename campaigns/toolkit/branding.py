"""The organisation's logo and colour: checked on the way in, safe on the way out.

A logo is accepted by what its bytes are, not by its name: a PNG is decoded and re-encoded by
Pillow (dropping anything hidden in it), an SVG is parsed without DTDs, entities or network and
kept only when it holds drawing elements and nothing active: no scripts, event handlers, foreign
content or references outside the file. The colour must carry white text (WCAG contrast ≥ 4.5:1).
"""

from __future__ import annotations

import base64
import io
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from lxml import etree
from PIL import Image, UnidentifiedImageError

from werkstressweek.accounts.models import DEFAULT_PRIMARY_COLOUR, Organisation, OrganisationBranding

MAX_LOGO_BYTES = 1024 * 1024
MAX_LOGO_PIXELS = 4096 * 4096
MIN_CONTRAST = 4.5
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
# Drawing elements only. Anything else in the SVG namespace (script, foreignObject, animate, set,
# image, a, iframe...) makes the logo refused; elements of editor namespaces (Inkscape) are dropped.
SVG_ELEMENTS = frozenset(
    [
        "svg",
        "g",
        "defs",
        "title",
        "desc",
        "symbol",
        "use",
        "path",
        "rect",
        "circle",
        "ellipse",
        "line",
        "polyline",
        "polygon",
        "text",
        "tspan",
        "linearGradient",
        "radialGradient",
        "stop",
        "clipPath",
        "mask",
        "pattern",
        "style",
        "filter",
        "feGaussianBlur",
        "feOffset",
        "feBlend",
        "feColorMatrix",
        "feFlood",
        "feComposite",
        "feMerge",
        "feMergeNode",
    ]
)
DANGEROUS_VALUE = re.compile(r"javascript:|vbscript:|data:text/html|expression\s*\(|@import", re.I)
CSS_URL = re.compile(r"url\(\s*['\"]?\s*([^'\")\s]*)", re.I)


def contrast_with_white(colour: str) -> float:
    """WCAG 2 contrast ratio of white text on `colour` (#rrggbb)."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    luminance = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    return 1.05 / (luminance + 0.05)


def clean_colour(value: str) -> str:
    value = (value or "").strip()
    if not HEX_COLOUR.match(value):
        raise ValidationError(_("Give the colour as a hex code with six digits, for example #1F5C99."))
    ratio = contrast_with_white(value)
    if ratio < MIN_CONTRAST:
        raise ValidationError(
            _(
                "This colour is too light for white text (contrast %(ratio).1f:1, at least %(min).1f:1 "
                "is needed to be readable). Choose a darker shade."
            )
            % {"ratio": ratio, "min": MIN_CONTRAST}
        )
    return value.upper()


def _clean_png(data: bytes) -> bytes:
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.format != "PNG":
                raise ValidationError(_("The logo must be a PNG or SVG file."))
            if probe.width * probe.height > MAX_LOGO_PIXELS:
                raise ValidationError(_("The logo is too large: at most 4096 × 4096 pixels."))
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            if image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
                image = image.convert("RGBA")
            out = io.BytesIO()
            image.save(out, format="PNG", optimize=True)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(_("This PNG file is damaged or not a real PNG.")) from None
    return out.getvalue()


def _refuse(reason: str) -> ValidationError:
    return ValidationError(_("This SVG cannot be used as a logo: %(reason)s.") % {"reason": reason})


def _check_reference(value: str) -> None:
    value = value.strip()
    if value and not value.startswith("#"):
        raise _refuse(_("it refers to something outside the file"))


def _clean_svg(data: bytes) -> bytes:
    head = data[:2048].lower()
    if b"<!doctype" in head or b"<!entity" in data.lower():
        raise _refuse(_("it contains a document type declaration"))
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        raise ValidationError(_("The logo must be a PNG or SVG file.")) from None
    if root.tag != f"{{{SVG_NS}}}svg":
        raise ValidationError(_("The logo must be a PNG or SVG file."))
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        namespace, _sep, name = (
            element.tag[1:].partition("}") if element.tag.startswith("{") else ("", "", element.tag)
        )
        if namespace != SVG_NS:
            # Editor bookkeeping (sodipodi:namedview, RDF metadata): harmless, but not needed.
            parent = element.getparent()
            if parent is not None:
                parent.remove(element)
            continue
        if name not in SVG_ELEMENTS:
            if name == "script":
                raise _refuse(_("it contains a script"))
            raise _refuse(_("it contains a <%(name)s> element") % {"name": name})
        if name == "style" and element.text:
            _check_css(element.text)
        for attribute, value in list(element.attrib.items()):
            local = attribute.rpartition("}")[2] if attribute.startswith("{") else attribute
            if local.lower().startswith("on"):
                raise _refuse(_("it contains an event handler (%(name)s)") % {"name": local})
            if local == "href":
                _check_reference(value)
            if DANGEROUS_VALUE.search(value):
                raise _refuse(_("it contains active content"))
            if local == "style" or "url(" in value:
                _check_css(value)
            if attribute.startswith("{") and not attribute.startswith(f"{{{XLINK_NS}}}"):
                del element.attrib[attribute]
    etree.cleanup_namespaces(root)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8")


def _check_css(css: str) -> None:
    if DANGEROUS_VALUE.search(css):
        raise _refuse(_("it contains active content"))
    for target in CSS_URL.findall(css):
        _check_reference(target)


def sniff_logo(data: bytes) -> str:
    """The logo's type from its first bytes: image/png, image/svg+xml, or ValidationError."""
    if data.startswith(PNG_MAGIC):
        return OrganisationBranding.LogoType.PNG
    text = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1024]
    if text.startswith(b"<") and b"<svg" in data[:4096]:
        return OrganisationBranding.LogoType.SVG
    raise ValidationError(_("The logo must be a PNG or SVG file."))


def clean_logo(data: bytes) -> tuple[bytes, str]:
    """(safe bytes, content type) of an uploaded logo; ValidationError with the reason otherwise."""
    if len(data) > MAX_LOGO_BYTES:
        raise ValidationError(_("The logo is larger than 1 MB. Make it smaller and try again."))
    kind = sniff_logo(data)
    if kind == OrganisationBranding.LogoType.PNG:
        return _clean_png(data), kind
    return _clean_svg(data), kind


def branding_for(*, org: Organisation) -> OrganisationBranding:
    """The organisation's branding, or an unsaved default one (no logo, the default colour)."""
    branding = OrganisationBranding.objects.filter(organisation=org).first()
    return branding or OrganisationBranding(organisation=org, primary_colour=DEFAULT_PRIMARY_COLOUR)


@transaction.atomic
def branding_update(
    *, org: Organisation, primary_colour: str, logo: bytes | None = None, remove_logo: bool = False
) -> OrganisationBranding:
    """Store a new colour and, when given, a new logo (checked here, whatever the caller did)."""
    branding, _created = OrganisationBranding.objects.select_for_update().get_or_create(organisation=org)
    branding.primary_colour = clean_colour(primary_colour)
    if logo is not None:
        branding.logo, branding.logo_type = clean_logo(logo)
    elif remove_logo:
        branding.logo, branding.logo_type = b"", ""
    branding.save()
    return branding


def logo_data_uri(branding: OrganisationBranding) -> str:
    """The logo as a data: URI for print templates (WeasyPrint), or '' without a logo."""
    if not branding.has_logo:
        return ""
    return f"data:{branding.logo_type};base64," + base64.b64encode(bytes(branding.logo)).decode()
