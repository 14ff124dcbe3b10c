"""HR's page for the teams' channels: configure, test, see what failed."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from werkstressweek.accounts.models import Role
from werkstressweek.accounts.tenancy import OrgRequest, org_role_required
from werkstressweek.forms import form_errors_to

from . import destinations, selectors
from .forms import TeamChannelForm
from .models import Notification, State, TeamChannel
from .services import notification_retry


def _channel(request: OrgRequest, channel_id: int) -> TeamChannel:
    """The channel with this id in the request's organisation, or 404."""
    return get_object_or_404(
        TeamChannel.objects.select_related("team"), pk=channel_id, organisation=request.org
    )


@org_role_required(Role.HR)
def channels(request: OrgRequest) -> HttpResponse:
    return render(request, "notify/channels.html", {"channels": selectors.team_channels_for(org=request.org)})


@org_role_required(Role.HR)
def channel_edit(request: OrgRequest, channel_id: int | None = None) -> HttpResponse:
    channel = _channel(request, channel_id) if channel_id else None
    form = TeamChannelForm(request.POST or None, org=request.org, channel=channel)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            channel = destinations.team_channel_save(
                org=request.org,
                team=data["team"],
                kind=data["kind"],
                addresses=data["addresses"],
                webhook_url=data["webhook_url"],
                is_active=data["is_active"],
                channel=channel,
            )
        except ValidationError as exc:
            form_errors_to(form, exc)
        else:
            messages.success(request, _("The channel has been saved."))
            return redirect("notify:channel_detail", org_slug=request.org.slug, channel_id=channel.pk)
    return render(request, "notify/channel_form.html", {"form": form, "channel": channel})


@org_role_required(Role.HR)
def channel_detail(request: OrgRequest, channel_id: int) -> HttpResponse:
    channel = _channel(request, channel_id)
    context = {
        "channel": channel,
        "notifications": selectors.channel_recent_notifications(channel=channel),
        "site_url": settings.SITE_URL,
    }
    return render(request, "notify/channel_detail.html", context)


@require_POST
@org_role_required(Role.HR)
def channel_test(request: OrgRequest, channel_id: int) -> HttpResponse:
    channel = _channel(request, channel_id)
    if not channel.is_push:
        messages.error(request, _("This channel is read by the team; there is nothing to send."))
    else:
        destinations.team_channel_send_test(channel=channel)
        messages.success(request, _("A test message is on its way. Its result appears below."))
    return redirect("notify:channel_detail", org_slug=request.org.slug, channel_id=channel.pk)


@require_POST
@org_role_required(Role.HR)
def channel_delete(request: OrgRequest, channel_id: int) -> HttpResponse:
    destinations.team_channel_delete(channel=_channel(request, channel_id))
    messages.success(request, _("The channel has been removed."))
    return redirect("notify:channels", org_slug=request.org.slug)


@require_POST
@org_role_required(Role.HR)
def notification_retry_view(request: OrgRequest, channel_id: int, notification_id: int) -> HttpResponse:
    channel = _channel(request, channel_id)
    notification = get_object_or_404(
        Notification, pk=notification_id, destination=channel, state=State.FAILED
    )
    notification_retry(notification=notification)
    messages.success(request, _("The message will be sent again."))
    return redirect("notify:channel_detail", org_slug=request.org.slug, channel_id=channel.pk)
