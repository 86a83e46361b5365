import re
from datetime import UTC, datetime, timedelta

from .conftest import HOST

DAILY_MESSAGE = (
    "You have exceeded the daily rate limit ({cap}) of Meeting Create/Update API requests "
    "permitted for this particular user. You may resume these requests at GMT 00:00:00."
)


def test_the_101st_create_of_the_day_gets_429_until_next_utc_midnight(zoom, control):
    # Given
    control.set_daily(HOST, 99)
    assert zoom.create().status_code == 201

    # When
    refused = zoom.create()

    # Then
    assert refused.status_code == 429
    assert refused.json() == {"code": 429, "message": DAILY_MESSAGE.format(cap=100)}
    assert refused.headers["X-RateLimit-Type"] == "Daily-limit"
    retry_after = refused.headers["Retry-After"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT00:00:00Z", retry_after)
    midnight = datetime.strptime(retry_after, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    assert timedelta(0) < midnight - datetime.now(UTC) <= timedelta(days=1)
    assert len(control.meetings()) == 1


def test_creates_and_patches_both_count_and_deletes_do_not(zoom, control):
    # Given
    control.set_limits(daily_per_host=2)
    meeting = zoom.new_meeting()
    assert (
        zoom.call("PATCH", f"/meetings/{meeting['id']}", json={"topic": "İkinci"}).status_code
        == 204
    )

    # When
    patch = zoom.call("PATCH", f"/meetings/{meeting['id']}", json={"topic": "Üçüncü"})
    create = zoom.create()
    delete = zoom.call("DELETE", f"/meetings/{meeting['id']}")

    # Then
    assert (patch.status_code, create.status_code) == (429, 429)
    assert patch.json()["message"] == DAILY_MESSAGE.format(cap=2)
    assert delete.status_code == 204


def test_the_cap_is_per_host(zoom, control):
    # Given
    control.set_daily("me", 100)

    # When
    own = zoom.create()
    other = zoom.create(user="host1@sandbox.lunova.test")

    # Then
    assert own.status_code == 429
    assert other.status_code == 201
