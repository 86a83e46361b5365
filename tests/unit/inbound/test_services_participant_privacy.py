"""Participant events are stored without the names and e-mails Zoom puts in them."""

import json

import pytest

from tests.unit.inbound.zoom_events import envelope
from zoom_worker.models import WebhookDelivery


def joined(user_id: str, name: str, email: str) -> dict:
    return envelope(
        "meeting.participant_joined",
        85746065432,
        participant={
            "user_id": user_id,
            "id": user_id,
            "user_name": name,
            "email": email,
            "join_time": "2026-12-01T10:01:00Z",
        },
    )


@pytest.mark.django_db
def test_names_and_emails_are_not_stored(deliver, caplog):
    # given a participant event carrying a name and an e-mail
    body = joined("p-1", "Ayşe Yılmaz", "ayse@example.com")
    # when Zoom delivers it
    response = deliver(body)
    # then it is stored, with the participant's id and time but neither name nor address
    assert response.status_code == 204, response.content
    stored = json.dumps(WebhookDelivery.objects.get().payload, ensure_ascii=False)
    assert "p-1" in stored and "2026-12-01T10:01:00Z" in stored
    assert "Ayşe" not in stored and "ayse@example.com" not in stored
    assert "Ayşe" not in caplog.text and "ayse@example.com" not in caplog.text


@pytest.mark.django_db
def test_two_participants_joining_at_the_same_instant_are_two_deliveries(deliver):
    # given two people joining in the same event time
    deliver(joined("p-1", "A", "a@example.com"))
    deliver(joined("p-2", "B", "b@example.com"))
    # then both are kept
    assert WebhookDelivery.objects.count() == 2
