"""An ignored delivery says why, in its `reason`; Zoom gets a 2xx either way."""

import pytest
from django.utils.translation import gettext as _

from tests.unit.inbound.zoom_events import envelope
from zoom_worker.models import ParticipantInterval, WebhookDelivery, WebhookOutcome
from zoom_worker.tasks import process_webhook

MALFORMED = "The participant object has no participant id or no valid time."


def processed(deliver, queued, body) -> WebhookDelivery:
    response = deliver(body)
    assert response.status_code == 204, response.content
    process_webhook(queued[-1])
    return WebhookDelivery.objects.get(pk=queued[-1])


@pytest.mark.django_db
def test_a_participant_event_for_an_unknown_meeting(deliver, queued):
    body = envelope(
        "meeting.participant_joined",
        11122233344,
        participant={"user_id": "1", "join_time": "2026-12-01T10:01:00Z"},
    )
    delivery = processed(deliver, queued, body)
    assert delivery.outcome == WebhookOutcome.IGNORED
    assert delivery.reason == _("No meeting of this service has this Zoom id.")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "participant",
    [
        pytest.param({"user_id": "1"}, id="no time"),
        pytest.param({"user_id": "1", "join_time": "dün"}, id="not a time"),
        pytest.param({"join_time": "2026-12-01T10:01:00Z"}, id="no participant id"),
        pytest.param("Ayşe", id="not an object"),
    ],
)
def test_a_malformed_participant(deliver, queued, zoom_appointment, participant):
    zoom_id = zoom_appointment.meeting.zoom_meeting_id
    body = envelope("meeting.participant_joined", zoom_id, participant=participant)
    delivery = processed(deliver, queued, body)
    assert delivery.outcome == WebhookOutcome.IGNORED
    assert delivery.reason == _(MALFORMED)
    assert not ParticipantInterval.objects.exists()


@pytest.mark.django_db
def test_an_event_not_acted_on(deliver, queued, zoom_appointment):
    delivery = processed(
        deliver, queued, envelope("meeting.created", zoom_appointment.meeting.zoom_meeting_id)
    )
    assert delivery.outcome == WebhookOutcome.IGNORED
    assert delivery.reason == _("Not an event this service acts on.")
