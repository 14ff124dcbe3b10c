"""Every form shows all its errors at once, with a summary at the top that links to each field."""

from __future__ import annotations

import re

from django.urls import reverse


def test_a_form_with_several_errors_starts_with_a_summary_linking_to_each_field(hr_client, org):
    response = hr_client.post(
        reverse("measurements:pulse_create", kwargs={"org_slug": org.slug}), {"title": ""}
    )
    html = response.content.decode()
    summary = re.search(r"<div[^>]*data-error-summary.*?</div>", html, re.S)
    assert summary, "no error summary"
    links = set(re.findall(r'href="#([\w-]+)"', summary.group(0)))
    errors = response.context["form"].errors
    assert len(errors) >= 4  # all at once, not one by one
    for name in errors:
        field = response.context["form"][name]
        target = field.id_for_label or f"div_{field.auto_id}"  # a group of boxes: its wrapper
        assert target in links
        assert f'id="{target}"' in html  # the link has a target
    assert html.index("data-error-summary") < html.index('name="title"')


def test_a_form_without_errors_has_no_summary(hr_client, org):
    html = hr_client.get(reverse("measurements:pulse_create", kwargs={"org_slug": org.slug})).content.decode()
    assert "data-error-summary" not in html
