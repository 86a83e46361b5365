"""An expert creates at most LUNOVA_EXPERT_DAILY_MEETINGS standalone meetings a calendar day in
ZOOM_TIMEZONE (40 by default): the next gets a 409 with its code and nothing is written; the
meetings of the day before do not count, nor do appointments' meetings."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from tests.conftest import future
from tests.factories import ready_appointment
from zoom_worker.models import Meeting

pytestmark = pytest.mark.django_db
MEETINGS = "/api/v1/zoom/meetings/"


def create(api, expert, n: int = 1):
    body = {"topic": "Ön görüşme", "start_time": future()}
    return [api(expert).post(MEETINGS, body, format="json") for _ in range(n)]


def test_the_41st_meeting_of_the_day_is_refused_with_its_code(api, expert, client_user):
    # given an appointment's meeting (not standalone) and 40 standalone meetings today
    ready_appointment(expert=expert, client=client_user)
    assert {r.status_code for r in create(api, expert, 40)} == {202}
    # when the expert creates one more
    refused = create(api, expert)[0]
    # then it is a 409 with the quota's code, in the caller's language, and nothing is written
    assert refused.status_code == 409
    assert refused.json()["code"] == "daily_quota"
    assert "40" in refused.json()["detail"]
    assert Meeting.objects.filter(standalone=True).count() == 40


def test_the_meetings_of_the_day_before_do_not_count(api, expert, settings):
    settings.LUNOVA_EXPERT_DAILY_MEETINGS = 2
    create(api, expert, 2)
    # given both were created a second before today began in Istanbul
    zone = ZoneInfo(settings.ZOOM_TIMEZONE)
    today = datetime.combine(timezone.localtime(timezone=zone).date(), time.min, tzinfo=zone)
    Meeting.objects.update(created_at=today - timedelta(seconds=1))
    # when the expert creates two more today, then a third
    allowed, refused = create(api, expert, 2), create(api, expert)[0]
    # then today's two are made and the third refused
    assert [r.status_code for r in allowed] == [202, 202]
    assert refused.status_code == 409 and refused.json()["code"] == "daily_quota"


def test_each_expert_has_an_allowance_of_their_own(api, expert, other_expert, settings):
    settings.LUNOVA_EXPERT_DAILY_MEETINGS = 1
    create(api, expert)
    assert create(api, other_expert)[0].status_code == 202
