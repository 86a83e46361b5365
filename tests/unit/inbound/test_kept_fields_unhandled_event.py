"""A signed event of a type the service does not handle is stored as its name and time only."""

import json

import pytest

from tests.unit.inbound.zoom_events import envelope
from zoom_worker.models import WebhookDelivery


@pytest.mark.django_db
def test_a_chat_message_keeps_neither_its_text_nor_its_sender(deliver):
    # given a chat message event Zoom sends with the sender's name, e-mail and the message
    body = envelope(
        "meeting.chat_message_sent",
        85746065432,
        chat_message={
            "sender_name": "Mehmet Demir",
            "sender_email": "mehmet@example.com",
            "message": "Bugün kaygım çok arttı",
        },
    )
    # when Zoom delivers it
    response = deliver(body)
    # then the delivery is kept as its name and time, nothing else
    assert response.status_code == 204, response.content
    stored = WebhookDelivery.objects.get()
    assert stored.payload == {"event": "meeting.chat_message_sent", "event_ts": body["event_ts"]}
    text = json.dumps(stored.payload, ensure_ascii=False)
    assert "Mehmet" not in text and "kaygım" not in text and "mehmet@example.com" not in text
