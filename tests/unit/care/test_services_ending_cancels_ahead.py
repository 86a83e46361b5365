"""Ending a care relation cancels the pair's appointments still ahead, through the cancel path
(the meeting is wanted gone, so the worker deletes it in Zoom); nothing else is touched."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import related
from zoom_worker.appointments.services import appointment_approve, appointment_create
from zoom_worker.care.services import care_relation_end
from zoom_worker.models import Appointment, Meeting


@pytest.mark.django_db
def test_the_pairs_appointments_ahead_are_cancelled(expert, client_user, other_client):
    # given a pending and an approved appointment ahead, one already under way, and an
    # appointment of the same expert with another client
    soon = timezone.now() + timedelta(days=1)
    pending = appointment_create(expert=expert, client=client_user, start_time=soon)
    approved = appointment_create(
        expert=expert, client=client_user, start_time=soon + timedelta(hours=2)
    )
    appointment_approve(appointment=approved)
    under_way = appointment_create(
        expert=expert, client=client_user, start_time=soon + timedelta(hours=4)
    )
    Appointment.objects.filter(pk=under_way.pk).update(
        status=Appointment.Status.IN_PROGRESS, start_time=timezone.now() - timedelta(minutes=5)
    )
    related(expert=expert, client=other_client)
    others = appointment_create(expert=expert, client=other_client, start_time=soon)
    # when the expert and client_user's relation ends
    relation = related(expert=expert, client=client_user)
    care_relation_end(relation=relation)
    # then the two ahead are cancelled, their meetings wanted gone; the rest untouched
    status = dict(Appointment.objects.values_list("pk", "status"))
    assert status == {
        pending.pk: "cancelled",
        approved.pk: "cancelled",
        under_way.pk: "in_progress",
        others.pk: "pending",
    }
    gone = set(
        Meeting.objects.filter(wanted=Meeting.Wanted.GONE).values_list("appointment", flat=True)
    )
    assert gone == {pending.pk, approved.pk}
    relation.refresh_from_db()
    assert relation.ended_at is not None


@pytest.mark.django_db
def test_ending_twice_keeps_the_first_end(expert, client_user):
    relation = related(expert=expert, client=client_user)
    first = care_relation_end(relation=relation).ended_at
    assert care_relation_end(relation=relation).ended_at == first
