"""The demo gets branding, a few shares and one toolkit, through the same services as the pages."""

from __future__ import annotations

import io
import zipfile

from campaigns.models import ToolkitShare
from campaigns.toolkit import demo as toolkit_demo
from campaigns.toolkit.branding import branding_for
from werkstressweek.documents.models import ReportExport


def test_the_demo_toolkit_is_branded_shared_and_built_once(demo, django_capture_on_commit_callbacks):
    org, users, campaign = demo
    with django_capture_on_commit_callbacks(execute=True):
        toolkit_demo.load(org=org, users=users)
    with django_capture_on_commit_callbacks(execute=True):
        toolkit_demo.load(org=org, users=users)
    branding = branding_for(org=org)
    assert branding.logo_type == "image/svg+xml" and branding.primary_colour == toolkit_demo.DEMO_COLOUR
    assert ToolkitShare.objects.filter(campaign=campaign).count() == len(toolkit_demo.DEMO_SHARES)
    export = ReportExport.objects.get(organisation=org, report="toolkit")
    assert export.status == "done"
    with export.file.open("rb") as fh:
        assert zipfile.ZipFile(io.BytesIO(fh.read())).testzip() is None
