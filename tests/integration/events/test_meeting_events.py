"""Book, reschedule, cancel through the API with real workers and the stand-in: the receiver
gets meeting.ready with the join link, then meeting.updated, then meeting.deleted, signed, in
sequence, and never a start link or anything of the client's."""

import hashlib
import hmac

import pytest

from tests.conftest import future, wait_until
from tests.integration.events.conftest import SECRET
from zoom_worker.models import Meeting, PlatformEvent

URL = "/api/v1/appointments/"
pytestmark = pytest.mark.django_db(transaction=True)


def signed_with(secret: str, headers: dict, body: bytes) -> bool:
    message = b"v1:" + headers["X-Lunova-Timestamp"].encode() + b":" + body
    expected = "v1=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, headers["X-Lunova-Signature"])


def test_book_reschedule_cancel_push_signed_events_in_sequence(
    api, expert, client_user, workers, sandbox, receiver, events_on
):
    # given workers that deliver events to a receiver
    workers.start(**events_on)
    # when an appointment is booked
    booked = api(expert).post(
        URL,
        {"client": client_user.pk, "start_time": future(days=2), "notes": "gizli not"},
        format="json",
    )
    assert booked.status_code == 201, booked.content
    pk = booked.json()["id"]
    [ready] = wait_until(lambda: receiver.of_type("meeting.ready"), timeout=30)
    # then meeting.ready carries the join link Zoom gave, signed with the secret only
    meeting = Meeting.objects.get(appointment__pk=pk)
    assert ready["data"]["join_url"] == meeting.join_url and meeting.join_url
    assert ready["appointment"] == pk and ready["meeting"] == meeting.pk
    headers, body = receiver.received[0]
    assert headers["X-Lunova-Event"] == "meeting.ready"
    assert headers["X-Lunova-Delivery"] == ready["id"]
    assert signed_with(SECRET, headers, body)
    assert not signed_with("another-secret", headers, body)
    # when it is rescheduled, then meeting.updated says the link stayed
    moved = api(expert).patch(f"{URL}{pk}/", {"start_time": future(days=3)}, format="json")
    assert moved.status_code == 200
    [updated] = wait_until(lambda: receiver.of_type("meeting.updated"), timeout=30)
    assert updated["data"]["join_url_changed"] is False
    assert updated["data"]["start_time"] == moved.json()["start_time"]
    # when it is cancelled, then meeting.deleted follows
    assert api(expert).delete(f"{URL}{pk}/").status_code == 204
    wait_until(lambda: receiver.of_type("meeting.deleted"), timeout=30)
    # and the sequence strictly increases in the order things happened
    events = receiver.events()
    assert [e["type"] for e in events] == ["meeting.ready", "meeting.updated", "meeting.deleted"]
    assert [e["sequence"] for e in events] == [1, 2, 3]
    # and no body carries a start link, a host token, the client's name, e-mail or notes
    for _headers, raw in receiver.received:
        text = raw.decode()
        for secret in ("start_url", "zak=", "Mehmet", "Demir", "mehmet@example.com", "gizli"):
            assert secret not in text
    assert set(PlatformEvent.objects.values_list("state", flat=True)) == {"delivered"}


def test_a_zoom_refusal_pushes_meeting_failed(
    api, expert, client_user, workers, sandbox, receiver, events_on
):
    # given Zoom refuses the create for good
    sandbox.set_faults(script=[{"op": "create", "fault": "400"}])
    workers.start(**events_on)
    # when an appointment is booked
    api(expert).post(URL, {"client": client_user.pk, "start_time": future(days=2)}, format="json")
    # then meeting.failed arrives with the reason
    [failed] = wait_until(lambda: receiver.of_type("meeting.failed"), timeout=30)
    assert "400" in failed["data"]["last_error"]
