"""`start/` answers with the stored host link while it was issued under 90 minutes ago, without
asking Zoom; a link 90 minutes old is asked for again."""

from datetime import timedelta

import pytest
from django.utils import timezone

from zoom_worker.models import START_URL_LIFETIME, Meeting

pytestmark = pytest.mark.django_db


def start(api, expert, appointment):
    return api(expert).get(f"/api/v1/appointments/{appointment.pk}/start/")


def gets(sandbox) -> int:
    return sandbox.state()["counters"]["requests"].get("get", 0)


def test_a_link_issued_89_minutes_ago_is_answered_without_zoom(
    api, expert, ready_appointment, sandbox
):
    # given the stored link issued 89 minutes ago
    assert timedelta(minutes=90) == START_URL_LIFETIME
    issued = timezone.now() - timedelta(minutes=89)
    Meeting.objects.filter(pk=ready_appointment.meeting_id).update(start_url_issued_at=issued)
    stored = Meeting.objects.get(pk=ready_appointment.meeting_id).start_url
    asked_before = gets(sandbox)
    # when the expert asks for the start link three times
    answers = [start(api, expert, ready_appointment) for _ in range(3)]
    # then each is the stored link and Zoom was not asked
    assert [(a.status_code, a.json()["start_url"]) for a in answers] == [(200, stored)] * 3
    assert gets(sandbox) == asked_before


def test_a_link_issued_90_minutes_ago_is_asked_for_again(api, expert, ready_appointment, sandbox):
    issued = timezone.now() - START_URL_LIFETIME
    Meeting.objects.filter(pk=ready_appointment.meeting_id).update(start_url_issued_at=issued)
    asked_before = gets(sandbox)
    assert start(api, expert, ready_appointment).status_code == 200
    assert gets(sandbox) == asked_before + 1
