"""The operators' admin: appointments with their Zoom calls, actions, and no secret anywhere."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from tests.factories import ZOOM_FACTS, ready_appointment
from zoom_worker.models import Appointment, Meeting, SyncAttempt, ZoomCallOutcome

SECRETS = (ZOOM_FACTS["start_url"], "zak=", ZOOM_FACTS["password"], "pwd=Sifre123")


@pytest.fixture
def operator(db, client):
    admin = get_user_model().objects.create_superuser("operator", "op@example.com", "op-parola-1")
    client.force_login(admin)
    return client


@pytest.fixture
def appointment(expert, client_user):
    appointment = ready_appointment(expert=expert, client=client_user)
    SyncAttempt.objects.create(
        meeting=appointment.meeting,
        action="create",
        started_at=timezone.now(),
        duration_ms=184,
        outcome=ZoomCallOutcome.TRANSIENT,
        http_status=503,
        message="Zoom create failed: Service Unavailable",
        task_id="task-abc",
    )
    return appointment


def admin_pages(appointment):
    attempt = appointment.meeting.attempts.get()
    return [
        "/admin/zoom_worker/appointment/",
        f"/admin/zoom_worker/appointment/{appointment.pk}/change/",
        "/admin/zoom_worker/meeting/",
        f"/admin/zoom_worker/meeting/{appointment.meeting.pk}/change/",
        "/admin/zoom_worker/syncattempt/",
        f"/admin/zoom_worker/syncattempt/{attempt.pk}/change/",
    ]


def test_no_page_shows_the_start_link_or_the_passcode(operator, appointment):
    for page in admin_pages(appointment):
        response = operator.get(page)
        assert response.status_code == 200, page
        html = response.content.decode()
        for secret in SECRETS:
            assert secret not in html, f"{secret!r} shown on {page}"


def test_the_appointment_page_shows_its_meeting_and_zoom_calls(operator, appointment):
    Meeting.objects.filter(pk=appointment.meeting.pk).update(last_error="Zoom yanıt vermedi")
    html = operator.get(f"/admin/zoom_worker/appointment/{appointment.pk}/change/").content.decode()
    assert "Zoom yanıt vermedi" in html
    assert "Zoom create failed: Service Unavailable" in html
    assert "task-abc" in html and "<td>503</td>" in html


def test_the_appointment_page_shows_the_meetings_zoom_host(operator, appointment):
    # given the meeting is hosted by the expert's own Zoom user
    Meeting.objects.filter(pk=appointment.meeting.pk).update(host="elif.kaya@lunova.test")
    # then the operator sees which host it is on
    page = operator.get(f"/admin/zoom_worker/appointment/{appointment.pk}/change/").content
    assert b"elif.kaya@lunova.test" in page


def test_the_list_filters_by_meeting_status(operator, appointment):
    html = operator.get("/admin/zoom_worker/appointment/?meeting__status__exact=failed").content
    assert f"/admin/zoom_worker/appointment/{appointment.pk}/change/".encode() not in html
    html = operator.get("/admin/zoom_worker/appointment/?meeting__status__exact=ready").content
    assert f"/admin/zoom_worker/appointment/{appointment.pk}/change/".encode() in html


def run_action(operator, action: str, appointment):
    return operator.post(
        "/admin/zoom_worker/appointment/",
        {"action": action, "_selected_action": [appointment.pk]},
        follow=True,
    )


def test_resync_puts_a_failed_meeting_back_to_pending(operator, appointment):
    # given a meeting Zoom refused
    Meeting.objects.filter(pk=appointment.meeting.pk).update(
        status=Meeting.Status.FAILED, last_error="Zoom refused"
    )
    version = appointment.meeting.version
    # when the operator resyncs it
    assert run_action(operator, "resync", appointment).status_code == 200
    # then the worker has it again, as a new version
    meeting = Meeting.objects.get(pk=appointment.meeting.pk)
    assert meeting.status == Meeting.Status.PENDING
    assert meeting.last_error == ""
    assert meeting.version == version + 1


def test_cancel_cancels_and_has_the_zoom_meeting_deleted(operator, appointment):
    assert run_action(operator, "cancel", appointment).status_code == 200
    appointment = Appointment.objects.select_related("meeting").get(pk=appointment.pk)
    assert appointment.status == Appointment.Status.CANCELLED
    assert appointment.meeting.wanted == Meeting.Wanted.GONE
    assert appointment.meeting.status == Meeting.Status.PENDING


def test_changelists_run_no_full_count_date_hierarchy_or_distinct_filter():
    # given the operator's changelists over the tables that grow with every booking
    from django.contrib import admin
    from django.contrib.admin.utils import get_fields_from_path

    for model in (Meeting, Appointment, SyncAttempt):
        model_admin = admin.site._registry[model]
        # then none counts the whole table on each page, nor reads DISTINCT values or dates
        assert model_admin.show_full_result_count is False, model
        assert model_admin.date_hierarchy is None, model
        for entry in model_admin.list_filter:
            name = entry[0] if isinstance(entry, tuple) else entry
            field = get_fields_from_path(model, name)[-1]
            assert field.flatchoices, f"{model.__name__}.{name} would read DISTINCT values"
