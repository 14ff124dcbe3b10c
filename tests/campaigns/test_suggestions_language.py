"""Suggested agenda items and messages come in the language of the person who applies them."""

from __future__ import annotations

from django.utils import translation

from campaigns.suggestions import suggested_agenda, suggested_communications


def test_the_suggestions_are_dutch_for_a_dutch_user_and_english_for_an_english_one(campaign):
    with translation.override("nl"):
        titles = [s["title"] for s in suggested_agenda(campaign=campaign, patterns=frozenset({"shift"}))]
        messages = suggested_communications(campaign=campaign)
    assert "Kick-off bij de ochtenddienst" in titles
    assert messages[0]["audience"] == "Iedereen" and "16 november" in messages[0]["text"]
    with translation.override("en"):
        titles = [s["title"] for s in suggested_agenda(campaign=campaign, patterns=frozenset({"shift"}))]
        messages = suggested_communications(campaign=campaign)
    assert "Kick-off at the morning shift" in titles
    assert messages[0]["subject"] == "We take part in the Work Stress Week"
    assert messages[0]["audience"] == "Everyone" and "16 November" in messages[0]["text"]


def test_an_english_user_who_applies_the_suggestions_gets_english_activities_and_messages(
    hr_client, campaign, url
):
    hr_client.cookies["django_language"] = "en"
    hr_client.post(url("wizard/agenda/"), {"form": "suggested"})
    hr_client.post(url("wizard/communication/"), {"form": "suggested"})
    assert campaign.activities.filter(title="Kick-off of the Work Stress Week").exists()
    assert campaign.communications.filter(subject="Fill in the follow-up pulse").exists()
    assert not campaign.activities.filter(title__contains="Werkstress").exists()
