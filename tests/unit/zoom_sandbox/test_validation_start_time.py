import pytest

from .conftest import meeting_body


@pytest.mark.parametrize(
    ("start_time", "timezone", "utc"),
    [
        ("2030-01-15T09:30:00Z", "Europe/Istanbul", "2030-01-15T09:30:00Z"),
        ("2030-01-15T09:30:00", "Europe/Istanbul", "2030-01-15T06:30:00Z"),
        ("2030-07-01T09:00:00", "America/New_York", "2030-07-01T13:00:00Z"),
        ("2030-01-01T09:00:00", "America/New_York", "2030-01-01T14:00:00Z"),
    ],
)
def test_z_means_utc_and_no_z_means_wall_clock_in_the_timezone(zoom, start_time, timezone, utc):
    # When
    meeting = zoom.new_meeting(start_time=start_time, timezone=timezone)

    # Then
    assert meeting["start_time"] == utc
    assert meeting["timezone"] == timezone


def test_without_a_timezone_the_wall_clock_is_the_hosts_utc(zoom):
    # Given
    body = meeting_body(start_time="2030-01-15T09:30:00")
    del body["timezone"]

    # When
    meeting = zoom.create(body).json()

    # Then
    assert (meeting["start_time"], meeting["timezone"]) == ("2030-01-15T09:30:00Z", "UTC")


@pytest.mark.parametrize(
    "start_time",
    [
        "2030-01-15 09:30:00",
        "2030-01-15T09:30:00+03:00",
        "2030-01-15T09:30",
        "2030-13-01T00:00:00Z",
    ],
)
def test_other_start_time_forms_are_refused(zoom, start_time):
    # When
    response = zoom.create(meeting_body(start_time=start_time))

    # Then
    assert response.status_code == 400
    assert [error["field"] for error in response.json()["errors"]] == ["start_time"]


def test_an_unknown_timezone_is_refused(zoom):
    # When
    response = zoom.create(meeting_body(timezone="Mars/Olympus_Mons"))

    # Then
    assert response.status_code == 400
    assert [error["field"] for error in response.json()["errors"]] == ["timezone"]
