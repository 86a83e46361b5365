"""No admin page shows a join link, passcode or start link: the list and the change page of
every model in the admin, with a ready meeting, its platform events (whose data carries the
link and passcode) and a webhook delivery holding them, searched byte by byte."""

import pytest
from django.contrib import admin
from django.utils import timezone

from tests.factories import ZOOM_FACTS, ready_appointment
from zoom_worker.events.payloads import meeting_facts
from zoom_worker.models import (
    EventDeliveryAttempt,
    PlatformEvent,
    SyncAttempt,
    WebhookDelivery,
    ZoomCallOutcome,
)

pytestmark = pytest.mark.django_db

SECRETS = [
    ZOOM_FACTS["join_url"],
    ZOOM_FACTS["start_url"],
    ZOOM_FACTS["password"],
    "zoom.us/j/",
    "zoom.us/s/",
    "pwd=",
    "zak=",
]


@pytest.fixture
def records(expert, client_user):
    appointment = ready_appointment(expert=expert, client=client_user)
    meeting = appointment.meeting
    SyncAttempt.objects.create(
        meeting=meeting,
        action="create",
        started_at=timezone.now(),
        duration_ms=120,
        outcome=ZoomCallOutcome.OK,
        http_status=201,
    )
    for sequence, kind in enumerate(("meeting.ready", "meeting.updated"), start=1):
        event = PlatformEvent.objects.create(
            type=kind,
            meeting=meeting,
            appointment_id=appointment.pk,
            sequence=sequence,
            data={**meeting_facts(meeting), "nested": [{"start_url": ZOOM_FACTS["start_url"]}]},
        )
        EventDeliveryAttempt.objects.create(
            event=event, started_at=timezone.now(), http_status=500, duration_ms=5, reason="x"
        )
    WebhookDelivery.objects.create(
        event="meeting.updated",
        zoom_meeting_id=ZOOM_FACTS["zoom_meeting_id"],
        dedupe_key="d1",
        payload={"object": {"id": 1, "join_url": ZOOM_FACTS["join_url"], "password": "Pk7wQ9"}},
    )
    return appointment


def pages():
    for model in admin.site._registry:
        opts = model._meta
        base = f"/admin/{opts.app_label}/{opts.model_name}/"
        yield base
        for pk in model.objects.values_list("pk", flat=True):
            yield f"{base}{pk}/change/"


def test_no_admin_page_shows_a_join_link_passcode_or_start_link(operator, records):
    shown = 0
    for page in pages():
        response = operator.get(page)
        assert response.status_code == 200, page
        html = response.content
        for secret in SECRETS:
            assert secret.encode() not in html, f"{secret!r} shown on {page}"
        shown += 1
    # every model's pages were read, the events' data among them (their other keys shown)
    assert shown > 20
    event = PlatformEvent.objects.filter(type="meeting.ready").get()
    html = operator.get(f"/admin/zoom_worker/platformevent/{event.pk}/change/").content.decode()
    assert ZOOM_FACTS["host_email"] in html and ZOOM_FACTS["zoom_meeting_id"] in html
