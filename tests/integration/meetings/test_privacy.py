"""Counselling privacy: nothing about the client reaches Zoom, and logs carry ids, not people.

A whole appointment life (book, sync, reschedule, sync, cancel, sync) runs through the API and the
worker's sync against the Zoom stand-in; then everything the stand-in holds, and every log record
written meanwhile, is searched for the client's name, username, e-mail and notes.
"""

import json
import logging
from datetime import timedelta

import pytest
from django.utils import timezone

from zoom_worker.meetings.sync import meeting_sync
from zoom_worker.models import Appointment, Meeting

NOTES = "Panik atak öyküsü; sertralin kullanıyor"


def client_data(client_user) -> list[str]:
    return [
        client_user.first_name,
        client_user.last_name,
        client_user.username,
        client_user.email,
        NOTES,
        "sertralin",
    ]


def appointment_life(api, expert, client_user) -> Meeting:
    """Book, reschedule and cancel through the API, the worker syncing after each step."""
    url = "/api/v1/appointments/"
    start = timezone.now() + timedelta(days=3)
    booked = api(expert).post(
        url,
        {"client": client_user.pk, "start_time": start.isoformat(), "notes": NOTES},
        format="json",
    )
    assert booked.status_code == 201, booked.content
    appointment = Appointment.objects.get(pk=booked.json()["id"])
    assert meeting_sync(meeting_id=appointment.meeting_id, worker_id="t") == "ready"
    # The client reschedules; the notes are the expert's to change.
    moved = api(client_user).patch(
        f"{url}{appointment.pk}/",
        {"start_time": (start + timedelta(hours=2)).isoformat()},
        format="json",
    )
    assert moved.status_code == 200, moved.content
    assert meeting_sync(meeting_id=appointment.meeting_id, worker_id="t") == "ready"
    noted = api(expert).patch(
        f"{url}{appointment.pk}/",
        {"start_time": (start + timedelta(hours=4)).isoformat(), "notes": NOTES + " (güncel)"},
        format="json",
    )
    assert noted.status_code == 200, noted.content
    assert meeting_sync(meeting_id=appointment.meeting_id, worker_id="t") == "ready"
    assert api(expert).delete(f"{url}{appointment.pk}/").status_code == 204
    assert meeting_sync(meeting_id=appointment.meeting_id, worker_id="t") == "deleted"
    return appointment.meeting


def leaked(text: str, secrets: list[str]) -> list[str]:
    folded = text.casefold()
    return [secret for secret in secrets if secret.casefold() in folded]


@pytest.mark.django_db
def test_no_client_data_reaches_zoom(api, expert, client_user, sandbox):
    # given an appointment's whole life, synced with the Zoom stand-in
    meeting = appointment_life(api, expert, client_user)
    # when everything Zoom was sent and holds is read back (deleted meetings included)
    held = json.dumps(sandbox.state(), ensure_ascii=False)
    assert str(meeting.marker) in held  # the stand-in did record this meeting
    # then nothing about the client is there
    assert leaked(held, client_data(client_user)) == []


@pytest.mark.django_db
def test_logs_carry_ids_not_people(api, expert, client_user, sandbox, caplog):
    # given every log record, at every level, during an appointment's whole life
    caplog.set_level(logging.DEBUG)
    appointment_life(api, expert, client_user)
    assert caplog.records  # the life did log
    # when the records are read, with every extra field they carry
    written = "\n".join(
        f"{record.getMessage()} {json.dumps(vars(record), default=str, ensure_ascii=False)}"
        for record in caplog.records
    )
    # then neither the client nor any e-mail address appears
    assert leaked(written, [*client_data(client_user), expert.email]) == []
