"""Series through the API: a pool of the stand-in's hosts, Berlin time (it has daylight
saving), and helpers that read a series and its sessions back."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from tests.conftest import wait_until
from tests.integration.pool.conftest import HOSTS, pool  # noqa: F401 - the pool fixture

BERLIN = ZoneInfo("Europe/Berlin")
URL = "/api/v1/series/"


@pytest.fixture(autouse=True)
def _berlin(settings):
    settings.ZOOM_TIMEZONE = "Europe/Berlin"


@pytest.fixture
def two_hosts(pool):  # noqa: F811
    return pool({HOSTS[0]: 1, HOSTS[1]: 1})


def local_day_at(day, hour: int) -> datetime:
    """`hour`:00 in Berlin on `day`, in UTC."""
    return datetime(day.year, day.month, day.day, hour, tzinfo=BERLIN).astimezone(UTC)


def next_dst_change(after: datetime) -> datetime:
    """The first moment after `after` when Berlin's UTC offset changes (to the hour)."""
    moment = after.replace(minute=0, second=0, microsecond=0)
    offset = moment.astimezone(BERLIN).utcoffset()
    while moment.astimezone(BERLIN).utcoffset() == offset:
        moment += timedelta(hours=1)
    return moment


def weeks_later(moment: datetime, weeks: int) -> datetime:
    """The same Berlin wall-clock time `weeks` later, in UTC."""
    local = moment.astimezone(BERLIN).replace(tzinfo=None) + timedelta(weeks=weeks)
    return local.replace(tzinfo=BERLIN).astimezone(UTC)


def zulu(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def book(api, expert, client, start: datetime, **rule):
    body = {"client": client.pk, "start_time": zulu(start), "duration": 45, **rule}
    return api(expert).post(URL, body, format="json")


def sessions_of(api, user, series_id: int) -> list[dict]:
    """The series' sessions as appointments, in order."""
    answer = api(user).get(f"/api/v1/appointments/?series={series_id}&page_size=100").json()
    return sorted(answer["results"], key=lambda a: a["series"]["index"])


def wait_until_ready(api, user, series_id: int, indexes) -> list[dict]:
    def ready():
        sessions = sessions_of(api, user, series_id)
        wanted = [s for s in sessions if s["series"]["index"] in indexes]
        return all(s["meeting"]["status"] == "ready" for s in wanted) and sessions

    return wait_until(ready, timeout=60, message="the sessions within the horizon never got ready")


def days_ahead(moment: datetime) -> float:
    return (moment - timezone.now()).total_seconds() / 86400
