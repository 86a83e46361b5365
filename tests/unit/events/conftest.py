"""Platform events on, toward a mocked receiver, and a meeting to tell about."""

from datetime import timedelta

import pytest
from django.utils import timezone

from zoom_worker.meetings.services import standalone_meeting_create
from zoom_worker.models import Meeting

URL = "https://platform.example/hooks"


@pytest.fixture
def events_meeting(expert, settings) -> Meeting:
    """Events on (to URL, signed with a test secret), and a standalone meeting a day ahead."""
    settings.LUNOVA_EVENTS_URL = URL
    settings.LUNOVA_EVENTS_SECRET = "s3cret"
    return standalone_meeting_create(
        owner=expert, topic="Terapi", start_time=timezone.now() + timedelta(days=1), duration=45
    )
