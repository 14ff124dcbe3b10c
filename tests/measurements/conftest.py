"""Fixtures for pulses: an open pulse over two teams with three bank questions."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from measurements.models import Distribution, PulseKind, Question
from measurements.question_bank import seed
from measurements.services import pulse_create

from ..factories import TeamFactory


@pytest.fixture
def bank(db):
    """One bank question per dimension (the seeded bank), in a fixed order.

    The bank comes from a data migration; a transactional test elsewhere may have flushed it.
    """
    seed(Question)
    seen: dict[str, Question] = {}
    for question in Question.objects.filter(organisation__isnull=True).order_by("pk"):
        seen.setdefault(question.dimension, question)
    return list(seen.values())


@pytest.fixture
def questions(bank):
    return bank[:3]


@pytest.fixture
def make_pulse(org, team, questions):
    def make(**overrides):
        now = timezone.now()
        args = {
            "org": org,
            "title": "Nulmeting",
            "kind": PulseKind.BASELINE,
            "questions": questions,
            "teams": [team],
            "opens_at": now - timedelta(days=1),
            "closes_at": now + timedelta(days=6),
            "distribution": Distribution.TEAM_LINK,
        }
        args.update(overrides)
        return pulse_create(**args)

    return make


@pytest.fixture
def pulse(make_pulse):
    return make_pulse(open_question="Wat zou je helpen?")


@pytest.fixture
def second_team(org):
    return TeamFactory(organisation=org, name="Thuiszorg", headcount=12)
