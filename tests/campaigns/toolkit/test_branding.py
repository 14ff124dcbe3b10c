"""Logo and colour: the type comes from the bytes, active SVG content is refused, the logo is served inert."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from campaigns.toolkit.branding import (
    branding_for,
    branding_update,
    clean_colour,
    clean_logo,
    contrast_with_white,
)
from werkstressweek.accounts.models import OrganisationBranding, Role

ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200
MZ = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200
SVG_OK = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" '
    b'xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" viewBox="0 0 10 10" inkscape:version="1">'
    b'<inkscape:grid/><defs><linearGradient id="g"><stop offset="0" stop-color="#123"/></linearGradient></defs>'
    b'<rect width="10" height="10" fill="url(#g)"/><use href="#g"/></svg>'
)


@pytest.fixture(autouse=True)
def _english():
    """The messages below are matched in English; pages answer in the member's own language."""
    with translation.override("en"):
        yield


def png_bytes(size=(40, 20), colour=(31, 92, 153)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format="PNG")
    return out.getvalue()


def svg(body: str, attrs: str = "") -> bytes:
    return f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" {attrs}>{body}</svg>'.encode()


@pytest.mark.parametrize(
    "data", [ELF, MZ, b"GIF89a" + b"\x00" * 40, b"just text"], ids=["elf", "exe", "gif", "text"]
)
def test_a_file_that_is_not_png_or_svg_is_refused_whatever_its_name(data):
    with pytest.raises(ValidationError, match="PNG or SVG"):
        clean_logo(data)


def test_a_renamed_executable_is_refused_by_the_upload_form(org, hr_client):
    upload = SimpleUploadedFile("logo.png", ELF, content_type="image/png")
    response = hr_client.post(
        f"/o/{org.slug}/toolkit/branding/", {"primary_colour": "#1F5C99", "logo": upload}
    )
    assert response.status_code == 422
    assert "PNG" in response.content.decode()
    assert not OrganisationBranding.objects.filter(organisation=org).exclude(logo_type="").exists()


def test_a_damaged_png_is_refused():
    with pytest.raises(ValidationError):
        clean_logo(png_bytes()[:40])


def test_a_png_is_re_encoded_and_accepted():
    data, kind = clean_logo(png_bytes())
    assert kind == "image/png" and data.startswith(b"\x89PNG")
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == (40, 20)


def test_a_logo_over_one_megabyte_is_refused():
    with pytest.raises(ValidationError, match="1 MB"):
        clean_logo(svg("<rect/>" + " " * (1024 * 1024)))


@pytest.mark.parametrize(
    "data",
    [
        svg('<script>alert(1)</script><rect width="1" height="1"/>'),
        svg('<rect width="1" height="1"/>', 'onload="alert(1)"'),
        svg('<rect width="1" height="1" onclick="alert(1)"/>'),
        svg('<a xlink:href="javascript:alert(1)"><rect/></a>'),
        svg('<use xlink:href="https://evil.example/x.svg#a"/>'),
        svg('<image href="https://evil.example/tracker.png"/>'),
        svg('<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>'),
        svg("<style>@import url(https://evil.example/a.css);</style>"),
        svg('<rect style="fill: url(https://evil.example/p.svg#x)"/>'),
        svg('<set attributeName="href" to="javascript:alert(1)"/>'),
        b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>',
    ],
    ids=[
        "script",
        "onload",
        "onclick",
        "javascript-link",
        "external-use",
        "external-image",
        "foreign-object",
        "css-import",
        "css-url",
        "animation-set",
        "entity",
    ],
)
def test_an_svg_with_active_or_external_content_is_refused(data):
    with pytest.raises(ValidationError):
        clean_logo(data)


def test_an_svg_with_script_is_refused_by_the_upload_form(org, hr_client):
    upload = SimpleUploadedFile(
        "logo.svg", svg("<script>alert(1)</script><rect/>"), content_type="image/svg+xml"
    )
    response = hr_client.post(
        f"/o/{org.slug}/toolkit/branding/", {"primary_colour": "#1F5C99", "logo": upload}
    )
    assert response.status_code == 422
    assert "script" in response.content.decode()
    assert branding_for(org=org).pk is None


def test_a_plain_svg_is_kept_without_editor_bookkeeping():
    data, kind = clean_logo(SVG_OK)
    assert kind == "image/svg+xml"
    assert b"inkscape" not in data and b"<rect" in data and b"url(#g)" in data


def test_the_colour_must_be_hex_and_dark_enough_for_white_text():
    assert clean_colour(" #1f5c99 ") == "#1F5C99"
    with pytest.raises(ValidationError, match="hex"):
        clean_colour("blue")
    with pytest.raises(ValidationError, match="too light"):
        clean_colour("#FFD700")
    assert contrast_with_white("#000000") == pytest.approx(21.0)
    assert contrast_with_white("#FFFFFF") == pytest.approx(1.0)


def test_hr_saves_logo_and_colour_and_the_logo_is_served_as_inert_content(
    org, hr_client, client_for, member_of
):
    upload = SimpleUploadedFile("anything.bin", SVG_OK, content_type="application/octet-stream")
    response = hr_client.post(
        f"/o/{org.slug}/toolkit/branding/", {"primary_colour": "#7a1f5c", "logo": upload}
    )
    assert response.status_code == 302
    branding = branding_for(org=org)
    assert branding.primary_colour == "#7A1F5C" and branding.logo_type == "image/svg+xml"

    response = client_for(member_of(Role.AMBASSADOR)).get(f"/o/{org.slug}/toolkit/branding/logo/")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_only_hr_changes_the_branding(org, client_for, member_of):
    for role in (Role.CORE_TEAM, Role.AMBASSADOR, Role.MANAGER, Role.WORKS_COUNCIL):
        response = client_for(member_of(role)).post(
            f"/o/{org.slug}/toolkit/branding/", {"primary_colour": "#000000"}
        )
        assert response.status_code == 403


def test_the_service_checks_the_logo_itself(org):
    with pytest.raises(ValidationError):
        branding_update(org=org, primary_colour="#1F5C99", logo=svg("<script/>"))
    branding_update(org=org, primary_colour="#1F5C99", logo=png_bytes())
    branding = branding_update(org=org, primary_colour="#1F5C99", remove_logo=True)
    assert not branding.has_logo
