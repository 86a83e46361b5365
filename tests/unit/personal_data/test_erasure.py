"""Erasure: the person anonymised, what is ahead cancelled, what they wrote or Zoom said about
them emptied; one line per kind of record changed; a second run changes nothing."""

import json
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import translation
from rest_framework_simplejwt.token_blacklist.models import OutstandingToken

from tests.unit.personal_data.conftest import NOTES, OTHER_NOTES, TOPIC
from zoom_worker.core.task_names import SYNC_MEETING
from zoom_worker.models import (
    Appointment,
    Attendance,
    Meeting,
    ParticipantInterval,
    PersonalDataRequest,
    PlatformEvent,
)


@pytest.fixture
def sent(monkeypatch):
    """The meetings handed to the workers; nothing reaches a broker."""
    from celery_app import app

    published = []
    monkeypatch.setattr(app, "send_task", lambda name, args, **kw: published.append((name, args)))
    return published


def erase(user, *extra) -> str:
    out = StringIO()
    with translation.override("en"):
        call_command("personal_data", "erase", str(user), "--yes", *extra, stdout=out)
    return out.getvalue()


def every_table() -> str:
    rows = {
        model._meta.db_table: list(model.objects.values())
        for model in apps.get_models(include_auto_created=True)
    }
    return json.dumps(rows, cls=DjangoJSONEncoder, ensure_ascii=False)


@pytest.mark.django_db(transaction=True)
def test_the_client_is_erased_once(client_user, expert, lived, sent):
    # given a client with sessions past and ahead, notes, a topic, attendance, events, webhooks
    # when an operator erases them
    printed = erase("mehmet", "--operator", "ayse")
    # then one line per kind of record changed
    assert printed.splitlines() == [
        "refresh tokens revoked: 1",
        "user anonymised: 1",
        "appointments ahead cancelled: 1",
        "meeting titles replaced by the generated one: 1",
        "appointment notes emptied: 2",
        "attendance records reduced to outcome and minutes: 1",
        "participant intervals deleted: 1",
        "webhook deliveries reduced to event name and time: 1",
        "platform events stripped of personal fields: 1",
    ]
    # and the user names no one and can do nothing
    user = type(client_user).objects.get(pk=client_user.pk)
    assert user.username.startswith("erased-")
    assert (user.first_name, user.last_name, user.email) == ("", "", "")
    assert not user.is_active and not user.has_usable_password()
    assert all(hasattr(t, "blacklistedtoken") for t in OutstandingToken.objects.filter(user=user))
    # and the past session's events keep no join link or passcode
    assert PlatformEvent.objects.get(meeting=lived.past.meeting).data == {
        "meeting_id": "81000000001",
        "start_time": "2030-01-15T10:00:00Z",
        "duration": 45,
        "timezone": "Europe/Istanbul",
    }
    # and the session ahead is cancelled, its Zoom meeting left for the workers to delete
    ahead = Appointment.objects.select_related("meeting").get(pk=lived.ahead.pk)
    assert ahead.status == Appointment.Status.CANCELLED
    assert ahead.meeting.wanted == Meeting.Wanted.GONE
    # and the past one keeps its row, its outcome and minutes, and a generated title that Zoom
    # is sent again
    past = Appointment.objects.select_related("meeting", "meeting__attendance").get(
        pk=lived.past.pk
    )
    assert past.topic_generated and past.meeting.topic.startswith("Lunova Görüşmesi")
    assert (SYNC_MEETING, [past.meeting_id]) in sent
    attendance = Attendance.objects.get(meeting=past.meeting)
    assert (attendance.outcome, attendance.together_minutes) == ("held", 40)
    assert attendance.expert_joined_at is None and attendance.client_joined_at is None
    assert not ParticipantInterval.objects.filter(meeting=past.meeting).exists()
    # and nothing they wrote or that named them is left anywhere
    text = every_table()
    for personal in (NOTES, TOPIC, "mehmet@example.com", "Demir"):
        assert personal not in text, personal
    # and the other client's session is untouched
    others = Appointment.objects.get(pk=lived.others.pk)
    assert others.notes == OTHER_NOTES and others.status == Appointment.Status.PENDING
    assert ParticipantInterval.objects.filter(meeting=others.meeting).exists()
    assert PlatformEvent.objects.get(meeting=others.meeting).data["password"] == "Pk7wQ9"
    # and the erasure is recorded: by whom, whose
    record = PersonalDataRequest.objects.get()
    assert (record.action, record.subject_id, record.operator_id) == (
        "erase",
        client_user.pk,
        expert.pk,
    )


@pytest.mark.django_db(transaction=True)
def test_a_second_run_changes_nothing_and_says_so(client_user, lived, sent):
    # given a client erased once
    erase(client_user.pk)
    before = every_table()
    # when the erasure runs again
    printed = erase(client_user.pk)
    # then it says nothing was left, and no row changed but the new record of the request
    assert printed.strip() == f"nothing left to erase for user {client_user.pk}"
    after = json.loads(every_table())
    after.pop("zoom_worker_personaldatarequest")
    expected = json.loads(before)
    expected.pop("zoom_worker_personaldatarequest")
    assert after == expected
    assert PersonalDataRequest.objects.filter(action="erase").count() == 2


@pytest.mark.django_db(transaction=True)
def test_an_erased_expert_is_no_longer_named_in_titles(expert, lived, sent):
    # when the expert is erased
    erase("ayse")
    # then no meeting title names them, their standalone meeting ahead included
    assert not Meeting.objects.filter(topic__contains="Ayşe").exists()
    assert Meeting.objects.get(pk=lived.standalone.pk).wanted == Meeting.Wanted.GONE


@pytest.mark.django_db
def test_erasure_needs_yes(client_user):
    with pytest.raises(CommandError, match="--yes"):
        call_command("personal_data", "erase", "mehmet")
    assert type(client_user).objects.get(pk=client_user.pk).username == "mehmet"
