"""A request Django refuses before any view can answer still gets JSON with a translated message.

A body over Django's upload limit, a Host header not allowed, or another suspicious request is
answered by Django itself, outside DRF's exception handler.
"""

from datetime import timedelta

import pytest
from django.core.exceptions import SuspiciousOperation
from django.urls import path
from django.utils import timezone

from lunova.urls import handler400  # noqa: F401 - the handler of the URLconf below
from lunova.urls import urlpatterns as lunova_urlpatterns
from zoom_worker.appointments.services import appointment_create
from zoom_worker.meetings.services import standalone_meeting_create
from zoom_worker.models import Appointment, Meeting

# 3 MB: over Django's 2.5 MB upload limit (DATA_UPLOAD_MAX_MEMORY_SIZE).
BIG_BODY = b'{"topic": "' + b"a" * 3_000_000 + b'"}'


@pytest.fixture
def owned(expert, client_user):
    start = timezone.now() + timedelta(days=1)
    appointment = appointment_create(expert=expert, client=client_user, start_time=start)
    meeting = standalone_meeting_create(owner=expert, topic="Ön görüşme", start_time=start)
    return {"appointment": appointment.pk, "meeting": meeting.pk}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "method, path",
    [
        ("post", "/api/v1/appointments/"),
        ("patch", "/api/v1/appointments/{appointment}/"),
        ("post", "/api/v1/zoom/meetings/"),
        ("post", "/api/v1/zoom/webhooks/"),
    ],
)
@pytest.mark.parametrize(
    "language, message",
    [("tr", "İstek gövdesi çok büyük."), ("en", "The request body is too large.")],
)
def test_a_body_over_the_upload_limit_gets_a_json_413(
    api, expert, owned, settings, method, path, language, message
):
    # given a configured webhook endpoint and the expert's own appointment and meeting
    settings.ZOOM_WEBHOOK_SECRET_TOKEN = "webhook-secret"
    client = api(expert)
    # when a 3 MB JSON body is sent
    response = getattr(client, method)(
        path.format(**owned),
        data=BIG_BODY,
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE=language,
    )
    # then the answer is JSON with a translated message, and nothing was written
    assert response.status_code == 413
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": message}
    assert Appointment.objects.count() == 1
    assert Meeting.objects.count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize("language, message", [("tr", "Geçersiz istek."), ("en", "Bad request.")])
def test_a_host_header_not_allowed_gets_a_json_400(api, expert, language, message):
    # when a request names a host this service does not serve
    response = api(expert).get(
        "/api/v1/appointments/", HTTP_HOST="evil.example", HTTP_ACCEPT_LANGUAGE=language
    )
    # then it is refused as JSON with a translated message
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": message}


def _suspicious(request):
    raise SuspiciousOperation("tampered")


urlpatterns = [path("api/v1/suspicious/", _suspicious), *lunova_urlpatterns]


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_any_suspicious_request_gets_a_json_400_without_the_reason(api, expert):
    # when Django refuses a request as suspicious
    response = api(expert).get("/api/v1/suspicious/", HTTP_ACCEPT_LANGUAGE="en")
    # then the answer is JSON, and the internal reason is not shown
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Bad request."}
