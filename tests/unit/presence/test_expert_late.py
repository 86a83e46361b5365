"""The expert is late once per meeting: LUNOVA_EXPERT_LATE_MINUTES after the start, a client
there and the host never come; not for a session no longer wanted."""

from datetime import timedelta

import pytest
from django.utils import timezone

from zoom_worker.models import Meeting, PlatformEvent, Presence
from zoom_worker.presence.services import presence_expert_late_check, presences_expert_late_sweep

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting(expert, settings):
    """A meeting started ten minutes ago whose client waits with no expert."""
    settings.LUNOVA_EVENTS_URL, settings.LUNOVA_EVENTS_SECRET = "http://127.0.0.1:9/e", "k"
    settings.LUNOVA_EXPERT_LATE_MINUTES = 5
    started = timezone.now() - timedelta(minutes=10)
    meeting = Meeting.objects.create(
        owner=expert, host="me", topic="T", start_time=started, duration=45, timezone="UTC"
    )
    Presence.objects.create(
        meeting=meeting, guests_waiting=1, since=started, client_waiting_since=started
    )
    return meeting


def late_events():
    return PlatformEvent.objects.filter(type=PlatformEvent.Type.EXPERT_LATE)


def test_beat_tells_a_late_expert_once(waiting):
    # given a client waiting ten minutes into the session, the expert late after five
    # when beat looks twice
    told = [presences_expert_late_sweep(), presences_expert_late_sweep()]
    # then the platform is told once
    assert told == [1, 0]
    assert late_events().count() == 1


def test_a_session_no_longer_wanted_is_not_late(waiting):
    # given the session cancelled meanwhile
    Meeting.objects.filter(pk=waiting.pk).update(wanted=Meeting.Wanted.GONE)
    # when the countdown comes
    # then nothing is told
    assert presence_expert_late_check(meeting_id=waiting.pk) is False
    assert late_events().count() == 0
