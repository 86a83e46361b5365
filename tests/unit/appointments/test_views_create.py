"""POST /api/v1/appointments/: what is recorded, and what is refused with a 400 naming the field."""

import pytest

from tests.conftest import future
from zoom_worker.models import Appointment, Meeting

URL = "/api/v1/appointments/"


@pytest.mark.django_db
def test_expert_books_an_appointment_with_a_generated_topic(api, expert, client_user):
    # given an expert and a client
    # when the expert books without a topic
    response = api(expert).post(
        URL, {"client": client_user.pk, "start_time": future()}, format="json"
    )
    # then the appointment is recorded pending, with a Turkish title naming the expert only
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "pending"
    assert body["meeting"]["status"] == "pending"
    assert body["duration"] == 45
    assert body["timezone"] == "Europe/Istanbul"
    assert body["topic"].startswith("Lunova Görüşmesi · Uzm. Dr. Ayşe Yılmaz · ")
    assert "Mehmet" not in body["topic"] and "Demir" not in body["topic"]
    assert body["start_time"].endswith("Z")
    assert Meeting.objects.get().version == 1


@pytest.mark.django_db
def test_naive_start_time_is_read_in_istanbul_time(api, expert, client_user):
    response = api(expert).post(
        URL, {"client": client_user.pk, "start_time": "2099-01-15T13:00:00"}, format="json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["start_time"] == "2099-01-15T10:00:00Z"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"start_time": "2099-01-01T10:00:00Z"}, "client"),
        ({"client": "CLIENT", "start_time": "not a date"}, "start_time"),
        ({"client": "CLIENT"}, "start_time"),
        ({"client": "CLIENT", "start_time": "2001-01-01T10:00:00Z"}, "start_time"),
        ({"client": "CLIENT", "start_time": "FUTURE", "duration": 0}, "duration"),
        ({"client": "CLIENT", "start_time": "FUTURE", "duration": 481}, "duration"),
        ({"client": "CLIENT", "start_time": "FUTURE", "duration": "kırk"}, "duration"),
        ({"client": "CLIENT", "start_time": "FUTURE", "topic": "ş" * 201}, "topic"),
        ({"client": "EXPERT", "start_time": "FUTURE"}, "client"),
        ({"client": "OTHER_EXPERT", "start_time": "FUTURE"}, "client"),
        ({"client": 999999, "start_time": "FUTURE"}, "client"),
    ],
)
def test_bad_input_is_refused_naming_the_field(
    api, expert, client_user, other_expert, payload, field
):
    ids = {"CLIENT": client_user.pk, "EXPERT": expert.pk, "OTHER_EXPERT": other_expert.pk}
    payload = {k: ids.get(v, v) if isinstance(v, str) else v for k, v in payload.items()}
    if payload.get("start_time") == "FUTURE":
        payload["start_time"] = future()
    response = api(expert).post(URL, payload, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert not Appointment.objects.exists() and not Meeting.objects.exists()


@pytest.mark.django_db
def test_a_client_cannot_book(api, client_user, other_client):
    response = api(client_user).post(
        URL, {"client": other_client.pk, "start_time": future()}, format="json"
    )
    assert response.status_code == 403
    assert not Appointment.objects.exists()


@pytest.mark.django_db
def test_messages_are_turkish_by_default_and_english_on_request(api, expert, client_user):
    payload = {"client": client_user.pk, "start_time": "2001-01-01T10:00:00Z"}
    turkish = api(expert).post(URL, payload, format="json")
    english = api(expert).post(URL, payload, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert english.json()["start_time"] == ["The start time must be in the future."]
    assert turkish.json()["start_time"] != english.json()["start_time"]
