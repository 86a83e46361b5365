"""Every admin action that changes something needs its own permission: a view-only staff user
(in `Lunova viewers`) is not offered it, and a POST forged to run it changes nothing; an operator
(in `Lunova operators`) runs it."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from tests.factories import ready_appointment
from zoom_worker.models import Appointment, Meeting, PlatformEvent, ZoomHost

pytestmark = pytest.mark.django_db


def staff(client, name: str, group: str):
    user = get_user_model().objects.create_user(name, password="x-parola-123", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return client


@pytest.fixture
def records(expert, client_user):
    appointment = ready_appointment(expert=expert, client=client_user)
    Meeting.objects.filter(pk=appointment.meeting_id).update(status=Meeting.Status.FAILED)
    host = ZoomHost.objects.create(user="host1@sandbox.lunova.test", email="host1@x.test")
    event = PlatformEvent.objects.create(
        type="meeting.failed", meeting=appointment.meeting, sequence=1, state="failed"
    )
    return appointment, host, event


def state(appointment, host, event):
    return (
        Appointment.objects.get(pk=appointment.pk).status,
        Meeting.objects.get(pk=appointment.meeting_id).status,
        ZoomHost.objects.get(pk=host.pk).active,
        PlatformEvent.objects.get(pk=event.pk).state,
    )


def actions(records):
    appointment, host, event = records
    return [
        ("appointment", "cancel", appointment.pk),
        ("appointment", "resync", appointment.pk),
        ("meeting", "resync", appointment.meeting_id),
        ("zoomhost", "disable", host.pk),
        ("platformevent", "deliver_again", event.pk),
    ]


def run(client, model: str, action: str, pk):
    return client.post(
        f"/admin/zoom_worker/{model}/",
        {"action": action, ACTION_CHECKBOX_NAME: [str(pk)], "index": 0},
    )


def test_a_viewer_sees_the_lists_without_actions_and_a_forged_post_changes_nothing(client, records):
    viewer = staff(client, "izleyici", "Lunova viewers")
    before = state(*records)
    for model, action, pk in actions(records):
        # when the viewer opens the list, then posts the action anyway
        page = viewer.get(f"/admin/zoom_worker/{model}/")
        forged = run(viewer, model, action, pk)
        # then the list shows but offers no action, and the post ran nothing
        assert page.status_code == 200, model
        assert f'value="{action}"' not in page.content.decode(), model
        assert forged.status_code in (200, 302), model
    assert state(*records) == before


def test_an_operator_is_offered_each_action_and_runs_it(client, records):
    operator = staff(client, "operator", "Lunova operators")
    for model, action, _pk in actions(records):
        page = operator.get(f"/admin/zoom_worker/{model}/")
        assert f'value="{action}"' in page.content.decode(), model
    # when the operator resyncs the failed meeting, disables the host, delivers the event again
    # and cancels the appointment
    for model, action, pk in actions(records)[2:] + actions(records)[:1]:
        assert run(operator, model, action, pk).status_code == 302, (model, action)
    # then each ran
    assert state(*records) == (
        Appointment.Status.CANCELLED,
        Meeting.Status.PENDING,
        False,
        PlatformEvent.State.PENDING,
    )
