"""A care relation's life through the API, a real Celery worker process and the Zoom stand-in: the
client chooses the expert, the expert books, the relation ends, the pair's Zoom meetings go."""

import pytest

from tests.conftest import future, wait_until
from zoom_worker.models import CareRelation

pytestmark = pytest.mark.django_db(transaction=True)

RELATIONS = "/api/v1/care-relations/"
APPOINTMENTS = "/api/v1/appointments/"


def meeting_status(api, user, pk) -> str:
    return api(user).get(f"{APPOINTMENTS}{pk}/").json()["meeting"]["status"]


def test_ending_cancels_the_pairs_bookings_and_zoom_loses_their_meetings(
    api, expert, other_expert, other_client, worker, sandbox
):
    # given a client who chose an expert through the API, and no relation with another expert
    chosen = api(other_client).post(RELATIONS, {"expert": expert.pk}, format="json")
    assert chosen.status_code == 201, chosen.content
    booking = {"client": other_client.pk, "start_time": future(days=2)}
    refused = api(other_expert).post(APPOINTMENTS, booking, format="json")
    assert refused.status_code == 400
    # and two bookings the worker made in Zoom
    booked = [
        api(expert).post(APPOINTMENTS, {**booking, "start_time": future(days=d)}, format="json")
        for d in (2, 3)
    ]
    assert [b.status_code for b in booked] == [201, 201]
    ids = [b.json()["id"] for b in booked]
    for pk in ids:
        wait_until(lambda pk=pk: meeting_status(api, expert, pk) == "ready", timeout=30)
    assert len(sandbox.meetings()) == 2
    # when the client ends the relation
    ended = api(other_client).delete(f"{RELATIONS}{chosen.json()['id']}/")
    # then both appointments are cancelled, and the worker deletes their Zoom meetings
    assert ended.status_code == 204
    for pk in ids:
        assert api(expert).get(f"{APPOINTMENTS}{pk}/").json()["status"] == "cancelled"
        wait_until(lambda pk=pk: meeting_status(api, expert, pk) == "deleted", timeout=30)
    assert sandbox.meetings() == []
    # and the expert can book the client no more, while the ended record stays
    again = api(expert).post(APPOINTMENTS, {**booking, "start_time": future(days=4)}, format="json")
    assert again.status_code == 400
    assert CareRelation.objects.get(client=other_client).ended_at is not None
