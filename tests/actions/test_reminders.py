"""Check-in reminders: three days before, once when overdue, escalation after a week — never twice."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.core import mail
from django.db import connection

from actions.models import Progress, Status
from actions.services import action_set_status, checkin_record, checkin_reminders_plan
from actions.tasks import checkin_reminders
from werkstressweek.notify.models import Notification
from werkstressweek.notify.services import notifications_send_due

START = dt.date(2026, 9, 1)  # 30-day check-in due Thursday 1 October 2026
DUE = dt.date(2026, 10, 1)


def kinds() -> list[tuple[str, str]]:
    return sorted(Notification.objects.values_list("kind", "recipient"))


def test_nothing_is_sent_more_than_three_days_before(make_action):
    make_action(start_date=START)
    assert checkin_reminders_plan(today=DUE - dt.timedelta(days=4)) == 0
    assert not Notification.objects.exists()


def test_the_owner_is_reminded_three_days_before_once_however_often_beat_runs(make_action, hr_user):
    make_action(start_date=START)
    today = DUE - dt.timedelta(days=3)
    assert checkin_reminders_plan(today=today) == 1
    assert checkin_reminders_plan(today=today) == 0
    assert checkin_reminders_plan(today=today + dt.timedelta(days=1)) == 0
    assert kinds() == [("actions.checkin_soon", hr_user.email)]
    notification = Notification.objects.get()
    assert "30" in notification.body and "/check-ins/" in notification.body


def test_an_overdue_check_in_is_reminded_once(make_action, hr_user):
    make_action(start_date=START)
    checkin_reminders_plan(today=DUE - dt.timedelta(days=2))
    for days in (1, 2, 3):
        checkin_reminders_plan(today=DUE + dt.timedelta(days=days))
    assert kinds() == [("actions.checkin_overdue", hr_user.email), ("actions.checkin_soon", hr_user.email)]


def test_a_week_overdue_is_escalated_once_to_hr_and_the_core_team(make_action, hr_user, core_member, manager):
    action = make_action(start_date=START)
    checkin_reminders_plan(today=DUE + dt.timedelta(days=6))
    assert not Notification.objects.filter(kind="actions.checkin_escalation").exists()
    checkin_reminders_plan(today=DUE + dt.timedelta(days=7))
    checkin_reminders_plan(today=DUE + dt.timedelta(days=8))
    escalations = sorted(
        Notification.objects.filter(kind="actions.checkin_escalation").values_list("recipient", flat=True)
    )
    assert escalations == sorted([hr_user.email, core_member.user.email])  # not the manager
    assert action.checkins.get(day=30).escalated_at is not None


def test_recorded_check_ins_and_finished_actions_are_not_reminded(make_action, hr_user):
    recorded = make_action(start_date=START)
    checkin_record(checkin=recorded.checkins.get(day=30), progress=Progress.ON_TRACK, by=hr_user)
    cancelled = make_action(start_date=START, title="Gestopt")
    action_set_status(action=cancelled, status=Status.CANCELLED)
    assert checkin_reminders_plan(today=DUE + dt.timedelta(days=10)) == 0


def test_a_moved_check_in_gets_its_own_reminder(make_action):
    from actions.services import action_update

    action = make_action(start_date=START)
    checkin_reminders_plan(today=DUE - dt.timedelta(days=1))
    action_update(action=action, start_date=dt.date(2026, 9, 15))  # now due Thursday 15 October
    checkin_reminders_plan(today=dt.date(2026, 10, 13))
    assert Notification.objects.filter(kind="actions.checkin_soon").count() == 2


def test_the_beat_task_plans_and_the_outbox_sends_each_reminder_once(make_action, hr_user, monkeypatch):
    import actions.services.reminders as reminders

    make_action(start_date=START)
    monkeypatch.setattr(reminders.timezone, "localdate", lambda: DUE - dt.timedelta(days=1))
    checkin_reminders.delay()
    checkin_reminders.delay()
    notifications_send_due()
    notifications_send_due()
    assert [m.to for m in mail.outbox] == [[hr_user.email]]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_planning_at_the_same_moment_create_each_reminder_once(make_action, core_member):
    for n in range(5):
        make_action(start_date=START, title=f"Actie {n}")
    today = DUE + dt.timedelta(days=8)  # every check-in: overdue reminder and escalations
    barrier = threading.Barrier(2)
    created: list[int] = []
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            barrier.wait(timeout=10)
            created.append(checkin_reminders_plan(today=today))
            barrier.wait(timeout=10)
            notifications_send_due()
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    # 5 overdue reminders to the owner (HR) + 5 × 2 escalations (HR and the core team member).
    assert sum(created) == 15
    assert Notification.objects.count() == 15
    assert len(mail.outbox) == 15
    assert len({(m.to[0], m.subject) for m in mail.outbox}) == 15
