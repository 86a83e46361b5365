"""An expert books only a client who chose them, and a refused booking tells nothing about the
id: a stranger's, an expert's, an unrelated client's and a nonexistent one get the same bytes."""

import pytest
from django.contrib.auth import get_user_model

from lunova.users.services import user_create
from tests.conftest import future
from tests.factories import related
from zoom_worker.care.services import care_relation_end
from zoom_worker.models import Appointment

URL = "/api/v1/appointments/"


def book(api, expert, client_id: int):
    return api(expert).post(URL, {"client": client_id, "start_time": future()}, format="json")


@pytest.mark.django_db
def test_every_reason_gives_the_same_bytes(api, expert, client_user, other_expert, other_client):
    # given a staff user with no role, another expert, a client who never chose the caller,
    # a deactivated client who did, and an id nobody has
    stranger = get_user_model().objects.create_user(username="op", password="op-parola-1")
    gone = user_create(username="eski", role="client", password="danisan-parola-3")
    related(expert=expert, client=gone)
    gone.is_active = False
    gone.save()
    nobody = get_user_model().objects.order_by("-pk").first().pk + 1000
    ids = [stranger.pk, other_expert.pk, other_client.pk, gone.pk, nobody, expert.pk]
    # when the expert books each of them
    answers = [book(api, expert, pk) for pk in ids]
    # then each is the same 400 on `client`, byte for byte, and nothing is booked
    assert {answer.status_code for answer in answers} == {400}
    assert {answer.content for answer in answers} == {
        '{"client":["Danışanlarınızdan birini seçin."]}'.encode()
    }
    assert not Appointment.objects.exists()
    # while their own client is booked
    assert book(api, expert, client_user.pk).status_code == 201


@pytest.mark.django_db
def test_an_ended_relation_books_no_more(api, expert, client_user):
    # given the client chose the expert, then the relation ended
    care_relation_end(relation=related(expert=expert, client=client_user))
    # when the expert books the client
    answer = book(api, expert, client_user.pk)
    # then it is refused with the same message
    assert answer.status_code == 400
    assert answer.json() == {"client": ["Danışanlarınızdan birini seçin."]}
