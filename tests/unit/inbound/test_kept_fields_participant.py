"""A participant event as real Zoom sends it keeps only the fields the service reads."""

import json

import pytest

from tests.unit.inbound.zoom_events import envelope
from zoom_worker.models import WebhookDelivery


def real_guest_left() -> dict:
    return envelope(
        "meeting.participant_left",
        "85746065432",
        participant={
            "user_id": "16779264",
            "user_name": "Mehmet Çağlar Öztürk",
            "id": "",
            "participant_uuid": "8E1A6A3B-4B7C-4F6B-9C61-0E8F1D2A3B4C",
            "leave_time": "2026-12-01T10:41:00Z",
            "leave_reason": "Mehmet Çağlar Öztürk left the meeting. Reason : left the meeting",
            "email": "",
            "registrant_id": "Kq3vZ9xTQeOa8pW2b1c4dA",
            "participant_user_id": "",
            "customer_key": "client-77",
            "public_ip": "176.88.42.15",
            "private_ip": "10.0.0.23",
        },
    )


@pytest.mark.django_db
def test_names_addresses_and_unread_fields_are_dropped(deliver):
    # given a guest's leave as real Zoom sends it: name inside leave_reason, IP addresses, keys
    body = real_guest_left()
    # when Zoom delivers it
    response = deliver(body)
    # then only the per-session key, the uuid and the time stay of the participant
    assert response.status_code == 204, response.content
    stored = WebhookDelivery.objects.get().payload
    assert stored["payload"]["object"]["participant"] == {
        "user_id": "16779264",
        "id": "",
        "participant_uuid": "8E1A6A3B-4B7C-4F6B-9C61-0E8F1D2A3B4C",
        "leave_time": "2026-12-01T10:41:00Z",
    }
    text = json.dumps(stored, ensure_ascii=False)
    for personal in ("Mehmet", "176.88.42.15", "10.0.0.23", "Kq3vZ9x", "client-77"):
        assert personal not in text


@pytest.mark.django_db
def test_a_signed_in_guest_s_zoom_user_id_is_not_kept(deliver):
    # given a guest signed in to Zoom, whose participant id is their own Zoom user id
    body = real_guest_left()
    body["payload"]["object"]["participant"]["id"] = "guest-zoom-user-9"
    # when Zoom delivers it
    deliver(body)
    # then that id is not kept (only the host's is needed, to tell the host apart)
    stored = json.dumps(WebhookDelivery.objects.get().payload)
    assert "guest-zoom-user-9" not in stored
