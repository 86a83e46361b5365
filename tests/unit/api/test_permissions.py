"""Who may do what: every endpoint × method × caller, with the status each one gets.

401 without a token; 404 for anyone who is not a participant (existence is not revealed); 403
for a participant (or a role) without the right. The appointment and the care relation belong to
`expert` and `client`; the standalone meeting to `expert`. Every caller acts on fresh copies of
them. Only `client` chose `expert`: another expert's booking of them is refused (400).
"""

import json
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.urls import URLPattern, reverse
from django.utils import timezone

from tests.conftest import future
from zoom_worker.api import urls as api_urls
from zoom_worker.appointments.services import appointment_create
from zoom_worker.meetings.services import standalone_meeting_create
from zoom_worker.models import CareRelation, Meeting
from zoom_worker.series.services import series_create

CALLERS = ("anonymous", "expert", "client", "other expert", "other client", "staff")
FIXTURES = {
    "expert": "expert",
    "client": "client_user",
    "other expert": "other_expert",
    "other client": "other_client",
    "staff": "staff",
}
EVERYONE = (200,) * 5
FRESH_START_URL = "https://zoom.us/s/85746065432?zak=fresh"


def booking(targets) -> dict:
    return {"client": targets.client_id, "start_time": future()}


def seed_meeting(targets) -> dict:
    return {"topic": "Ön görüşme", "start_time": future()}


def not_a_login(targets) -> dict:
    return {"username": "nobody", "password": "wrong"}


def bad_refresh(targets) -> dict:
    return {"refresh": "not-a-token"}


def notes(targets) -> dict:
    return {"notes": "yeni not"}


def reschedule(targets) -> dict:
    return {"start_time": future(days=3)}


def choose_expert(targets) -> dict:
    return {"expert": targets.expert_id}


def series_booking(targets) -> dict:
    return {"client": targets.client_id, "start_time": future(), "count": 2}


def series_move(targets) -> dict:
    return {"duration": 50}


def one_more(targets) -> dict:
    return {"count": 1}


# (url name, method, target, body, statuses of: anonymous, then the five signed-in callers)
MATRIX = [
    ("api-index", "GET", None, None, 200, EVERYONE),
    ("token", "POST", None, not_a_login, 401, (401,) * 5),
    ("token-refresh", "POST", None, bad_refresh, 401, (401,) * 5),
    ("logout", "POST", None, bad_refresh, 401, (204,) * 5),
    ("me", "GET", None, None, 401, EVERYONE),
    ("me-data", "GET", None, None, 401, EVERYONE),
    ("appointment-list", "GET", None, None, 401, EVERYONE),
    ("appointment-list", "POST", None, booking, 401, (201, 403, 400, 403, 403)),
    ("appointment-detail", "GET", "appointment", None, 401, (200, 200, 404, 404, 404)),
    # The client reschedules; the notes (and the title) are the expert's.
    ("appointment-detail", "PATCH", "appointment", notes, 401, (200, 403, 404, 404, 404)),
    ("appointment-detail", "PATCH", "appointment", reschedule, 401, (200, 200, 404, 404, 404)),
    ("appointment-detail", "PUT", "appointment", notes, 401, (405,) * 5),
    ("appointment-detail", "DELETE", "appointment", None, 401, (204, 204, 404, 404, 404)),
    ("appointment-approve", "POST", "appointment", None, 401, (200, 403, 404, 404, 404)),
    ("appointment-resync", "POST", "appointment", None, 401, (200, 403, 404, 404, 404)),
    ("appointment-start", "GET", "appointment", None, 401, (200, 403, 404, 404, 404)),
    ("appointment-calendar", "GET", "appointment", None, 401, (200, 200, 404, 404, 404)),
    ("appointment-presence", "GET", "appointment", None, 401, (200, 200, 404, 404, 404)),
    ("care-relation-list", "GET", None, None, 401, EVERYONE),
    # A client chooses an expert: 200 when chosen already, 201 when new.
    ("care-relation-list", "POST", None, choose_expert, 401, (403, 200, 403, 201, 403)),
    ("care-relation-detail", "DELETE", "relation", None, 401, (204, 204, 404, 404, 404)),
    ("series-list", "GET", None, None, 401, EVERYONE),
    ("series-list", "POST", None, series_booking, 401, (201, 403, 400, 403, 403)),
    ("series-detail", "GET", "series", None, 401, (200, 200, 404, 404, 404)),
    ("series-detail", "PATCH", "series", series_move, 401, (200, 403, 404, 404, 404)),
    ("series-detail", "PUT", "series", series_move, 401, (405,) * 5),
    ("series-detail", "DELETE", "series", None, 401, (204, 204, 404, 404, 404)),
    ("series-extend", "POST", "series", one_more, 401, (200, 403, 404, 404, 404)),
    ("series-calendar", "GET", "series", None, 401, (200, 200, 404, 404, 404)),
    ("standalone-meeting-list", "GET", None, None, 401, (200, 403, 200, 403, 403)),
    ("standalone-meeting-list", "POST", None, seed_meeting, 401, (202, 403, 202, 403, 403)),
    ("standalone-meeting-detail", "GET", "meeting", None, 401, (200, 403, 404, 403, 403)),
    ("standalone-meeting-detail", "PATCH", "meeting", seed_meeting, 401, (200, 403, 404, 403, 403)),
    ("standalone-meeting-detail", "PUT", "meeting", seed_meeting, 401, (405, 403, 405, 403, 403)),
    ("standalone-meeting-detail", "DELETE", "meeting", None, 401, (204, 403, 404, 403, 403)),
    # An appointment's meeting changes only through its appointment.
    (
        "standalone-meeting-detail",
        "GET",
        "appointment_meeting",
        None,
        401,
        (404, 403, 404, 403, 403),
    ),
    # Signed by Zoom, not by a user: without a signature everyone is refused.
    ("zoom-webhooks", "POST", None, notes, 401, (401,) * 5),
    ("schema", "GET", None, None, 200, EVERYONE),
    ("docs", "GET", None, None, 200, EVERYONE),
    ("healthz", "GET", None, None, 200, EVERYONE),
]

CASES = [
    pytest.param(name, method, target, make_body, caller, status, id=f"{method} {name} {caller}")
    for name, method, target, make_body, anonymous, signed_in in MATRIX
    for caller, status in zip(CALLERS, (anonymous, *signed_in), strict=True)
]


@pytest.fixture
def staff(db):
    """An operator: staff, with neither role."""
    return get_user_model().objects.create_user(
        username="operator", password="operator-parola-1", role="", is_staff=True
    )


@pytest.fixture
def targets(expert, client_user, monkeypatch, settings):
    """An appointment whose meeting is in Zoom but failed its last sync (so resync is allowed),
    and a standalone meeting; Zoom answers start/ with a fresh link."""
    start = timezone.now() + timedelta(days=2)
    appointment = appointment_create(expert=expert, client=client_user, start_time=start)
    Meeting.objects.filter(pk=appointment.meeting_id).update(
        status=Meeting.Status.FAILED, zoom_meeting_id="85746065432"
    )
    meeting = standalone_meeting_create(owner=expert, topic="Ön görüşme", start_time=start)
    series = series_create(expert=expert, client=client_user, start_time=start, count=2)
    zoom = SimpleNamespace(get_meeting=lambda meeting_id: {"start_url": FRESH_START_URL})
    monkeypatch.setattr("zoom_worker.meetings.services.zoom_client", lambda: zoom)
    settings.ZOOM_WEBHOOK_SECRET_TOKEN = "webhook-secret"
    return SimpleNamespace(
        client_id=client_user.pk,
        expert_id=expert.pk,
        relation=CareRelation.objects.get(expert=expert, client=client_user).pk,
        appointment=appointment.pk,
        meeting=meeting.pk,
        appointment_meeting=appointment.meeting_id,
        series=series.pk,
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "method", "target", "make_body", "caller", "expected"), CASES)
def test_each_caller_gets_the_status_the_spec_gives(
    request, api, targets, name, method, target, make_body, caller, expected
):
    # given a caller, and the appointment or meeting the endpoint acts on
    user = request.getfixturevalue(FIXTURES[caller]) if caller in FIXTURES else None
    path = reverse(name, kwargs={"pk": getattr(targets, target)} if target else None)
    # when the caller calls the endpoint
    response = api(user).generic(
        method,
        path,
        data="" if make_body is None else json.dumps(make_body(targets)),
        content_type="application/json",
    )
    # then the answer is the one the matrix gives
    assert response.status_code == expected, response.content[:300]


def routes(patterns):
    """Every route, those of each domain's included `urls` too."""
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            yield pattern
        else:
            yield from routes(pattern.url_patterns)


def test_the_matrix_covers_every_endpoint_and_method():
    # given every route of the API and the methods its view answers
    served = {
        (pattern.name, method.upper())
        for pattern in routes(api_urls.urlpatterns)
        for method in ("get", "post", "patch", "delete")
        if hasattr(pattern.callback.view_class, method)
    }
    # when the matrix is compared with them
    covered = {(name, method) for name, method, *_rest in MATRIX}
    # then none is left out
    assert served - covered == set()
