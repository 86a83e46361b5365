"""What a client may do to their appointment: reschedule and cancel, never retitle or annotate;
their reschedule of an approved appointment waits for the expert again. They never see the
Zoom host's address or Zoom's raw error."""

import pytest

from tests.conftest import future
from tests.factories import ready_appointment
from zoom_worker.appointments.services import appointment_approve
from zoom_worker.models import Appointment, Meeting

URL = "/api/v1/appointments/"


@pytest.fixture
def approved(expert, client_user):
    appointment = ready_appointment(expert=expert, client=client_user)
    appointment_approve(appointment=appointment)
    return appointment


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"topic": "Mehmet Demir · depresyon"}, "topic"),
        ({"notes": "özel not"}, "notes"),
        ({"topic": "x", "notes": "y", "duration": 30}, "notes, topic"),
    ],
)
def test_a_clients_topic_or_notes_is_refused_naming_the_field(
    api, client_user, approved, change, named
):
    # when the client sends a title or notes
    answer = api(client_user).patch(f"{URL}{approved.pk}/", change, format="json")
    # then it is a 403 naming them, and nothing changed
    assert answer.status_code == 403
    assert answer.json() == {
        "detail": f"Bunları yalnızca randevunun uzmanı değiştirebilir: {named}."
    }
    fresh = Appointment.objects.select_related("meeting").get(pk=approved.pk)
    assert (fresh.meeting.topic, fresh.notes, fresh.meeting.duration) == (
        approved.meeting.topic,
        approved.notes,
        approved.meeting.duration,
    )


@pytest.mark.django_db
def test_a_clients_reschedule_of_an_approved_appointment_waits_for_the_expert(
    api, expert, client_user, approved
):
    # when the client moves the approved appointment
    answer = api(client_user).patch(
        f"{URL}{approved.pk}/", {"start_time": future(days=6), "duration": 30}, format="json"
    )
    # then it is rescheduled and back to pending
    assert answer.status_code == 200, answer.content
    assert (answer.json()["status"], answer.json()["duration"]) == ("pending", 30)
    assert answer.json()["meeting"]["status"] == "pending"
    # and the expert approves it again
    assert api(expert).post(f"{URL}{approved.pk}/approve/").json()["status"] == "approved"


@pytest.mark.django_db
def test_the_experts_reschedule_keeps_it_approved(api, expert, approved):
    answer = api(expert).patch(
        f"{URL}{approved.pk}/", {"start_time": future(days=6)}, format="json"
    )
    assert answer.status_code == 200
    assert answer.json()["status"] == "approved"


@pytest.mark.django_db
def test_the_expert_may_change_every_field(api, expert, approved):
    change = {"topic": "Aile danışmanlığı", "notes": "ikinci görüşme", "duration": 60}
    answer = api(expert).patch(f"{URL}{approved.pk}/", change, format="json")
    assert answer.status_code == 200
    assert (answer.json()["topic"], answer.json()["notes"]) == (change["topic"], change["notes"])


@pytest.mark.django_db
def test_the_client_may_cancel(api, client_user, approved):
    assert api(client_user).delete(f"{URL}{approved.pk}/").status_code == 204
    assert Appointment.objects.get(pk=approved.pk).status == "cancelled"


@pytest.mark.django_db
def test_host_email_and_last_error_are_the_experts_only(api, expert, client_user, approved):
    # given Zoom's host address and a raw error on the meeting
    Meeting.objects.filter(pk=approved.meeting_id).update(last_error="Zoom 3001: host@x refused")

    # when each side reads the appointment, alone and in the list
    def meeting(user):
        one = api(user).get(f"{URL}{approved.pk}/").json()["meeting"]
        [listed] = api(user).get(URL).json()["results"]
        assert listed["meeting"] == one
        return one

    expert_view, client_view = meeting(expert), meeting(client_user)
    # then the expert sees both, the client neither
    assert expert_view["host_email"] == "host@lunova.example"
    assert expert_view["last_error"] == "Zoom 3001: host@x refused"
    assert (client_view["host_email"], client_view["last_error"]) == (None, None)
    assert client_view["join_url"] == expert_view["join_url"]
