"""`?status=no_show` lists only the appointments nobody (or one side only) attended."""

from datetime import timedelta

import pytest
from django.utils import timezone

from zoom_worker.appointments.services import appointment_create
from zoom_worker.models import Appointment

APPOINTMENTS = "/api/v1/appointments/"


@pytest.mark.django_db
def test_the_no_show_filter(api, expert, client_user):
    # given one appointment marked no_show and one still pending
    start = timezone.now() + timedelta(days=1)
    missed = appointment_create(expert=expert, client=client_user, start_time=start)
    appointment_create(expert=expert, client=client_user, start_time=start + timedelta(hours=2))
    Appointment.objects.filter(pk=missed.pk).update(status=Appointment.Status.NO_SHOW)
    # when the client lists its no-shows
    response = api(client_user).get(APPOINTMENTS, {"status": "no_show"})
    # then only that one is listed, with its status
    assert response.status_code == 200, response.content
    body = response.json()
    rows = body["results"] if isinstance(body, dict) else body
    assert [(row["id"], row["status"]) for row in rows] == [(missed.pk, "no_show")]
