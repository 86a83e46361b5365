"""What goes to Zoom: UTC with Z, the settings, a passcode Zoom accepts, the marker."""

import re
import uuid
from datetime import UTC, datetime, timedelta, timezone

from zoom_worker.meetings.payloads import (
    changed_fields,
    create_body,
    desired_fields,
    held_fields,
    marker_in,
    marker_text,
)

ISTANBUL_NOON = datetime(2030, 1, 15, 12, 0, tzinfo=timezone(timedelta(hours=3)))


def desired():
    return desired_fields(
        topic="Görüşme", start_time=ISTANBUL_NOON, duration=45, timezone="Europe/Istanbul"
    )


def test_start_time_is_sent_in_utc_with_z_next_to_the_local_timezone():
    assert desired()["start_time"] == "2030-01-15T09:00:00Z"
    assert desired()["timezone"] == "Europe/Istanbul"


def test_create_body_has_the_settings_a_passcode_and_the_marker():
    marker = uuid.uuid4()
    body = create_body(desired=desired(), marker=marker)
    assert body["type"] == 2
    assert body["settings"] == {
        "waiting_room": True,
        "join_before_host": False,
        "approval_type": 2,
        "auto_recording": "none",
    }
    assert re.fullmatch(r"[A-Za-z0-9]{10}", body["password"])
    assert marker_in(body["agenda"]) == marker
    assert create_body(desired=desired(), marker=marker)["password"] != body["password"]


def test_marker_is_only_found_in_our_own_agendas():
    marker = uuid.uuid4()
    assert marker_in(f"notes {marker_text(marker)} more") == marker
    assert marker_in(f"other:{marker}") is None
    assert marker_in("lunova:not-a-uuid") is None
    assert marker_in(None) is None


def test_only_changed_fields_are_patched():
    held = held_fields(
        {
            "topic": "Görüşme",
            "start_time": "2030-01-15T09:00:00Z",
            "duration": 30,
            "timezone": "Europe/Istanbul",
        }
    )
    assert changed_fields(desired=desired(), held=held) == {"duration": 45}


def test_held_start_time_is_normalised_to_utc_z():
    held = held_fields({"start_time": "2030-01-15T12:00:00+03:00"})
    assert held["start_time"] == datetime(2030, 1, 15, 9, tzinfo=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
