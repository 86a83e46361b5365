"""Bad input anywhere gets a 4xx with a clear message, never a 500, and nothing is written.

Each row: method, path, raw body, content type, expected status, and the field the message must
name (None: a general message under "detail" or "non_field_errors"). The paths use the
appointment and the standalone meeting the expert owns ({appointment}, {meeting}).
"""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.conftest import future
from zoom_worker.appointments.services import appointment_create
from zoom_worker.meetings.services import standalone_meeting_create
from zoom_worker.models import Appointment, Meeting

JSON = "application/json"
APPOINTMENTS = "/api/v1/appointments/"
APPOINTMENT = "/api/v1/appointments/{appointment}/"
SEED_MEETINGS = "/api/v1/zoom/meetings/"
SEED_MEETING = "/api/v1/zoom/meetings/{meeting}/"
TOKEN = "/api/v1/auth/token/"
HUGE = 10**30


def body(**fields) -> bytes:
    """An appointment request: a valid one, changed by `fields` (None removes a field)."""
    payload = {"client": "CLIENT", "start_time": "FUTURE", **fields}
    return json.dumps({k: v for k, v in payload.items() if v is not None}).encode()


def nested(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


def case(name, method, path, raw=b"", field=None, *, status=400, content_type=JSON):
    return pytest.param(method, path, raw, content_type, status, field, id=name)


def create(name, raw, field=None, **kwargs):
    return case(name, "POST", APPOINTMENTS, raw, field, **kwargs)


def change(name, raw, field=None):
    return case(name, "PATCH", APPOINTMENT, raw, field)


def listing(name, query, field=None, **kwargs):
    return case(name, "GET", f"{APPOINTMENTS}?{query}", b"", field, **kwargs)


CASES = [
    # Bodies that are not JSON objects.
    create("broken JSON", b'{"client": 1,'),
    create("non-UTF-8 body", b'{"topic": "\xff\xfe\xfa"}'),
    create("Windows-1254 bytes", '{"topic": "Görüşme"}'.encode("cp1254")),
    create("array instead of object", b'[{"client": 1}]'),
    create("bare string", b'"appointment"'),
    create("JSON null", b"null"),
    create("empty body", b"", "client"),
    create("NaN literal", b'{"duration": NaN}'),
    create("nested 100 000 deep", nested(100_000)),
    create("UTF-8 labelled UTF-16", body(), content_type=f"{JSON}; charset=utf-16"),
    create("form body", b"client=1", status=415, content_type="application/x-www-form-urlencoded"),
    create("text body", body(), status=415, content_type="text/plain"),
    # Wrong types.
    create("client as text", body(client="mehmet"), "client"),
    create("client as list", body(client=["CLIENT"]), "client"),
    create("client as boolean", body(client=True), "client"),
    create("duration as words", body(duration="kırk beş"), "duration"),
    create("duration as fraction", body(duration=45.5), "duration"),
    create("duration as object", body(duration={"min": 45}), "duration"),
    create("start_time as number", body(start_time=1767225600), "start_time"),
    create("topic as object", body(topic={"tr": "Görüşme"}), "topic"),
    create("notes as list", body(notes=["a", "b"]), "notes"),
    # Absurd dates.
    create("year 99999", body(start_time="99999-01-01T10:00:00Z"), "start_time"),
    create("year 0001 with offset", body(start_time="0001-01-01T00:30:00+01:00"), "start_time"),
    create("year 0001 local time", body(start_time="0001-01-01T00:30:00"), "start_time"),
    create("year 9999 behind UTC", body(start_time="9999-12-31T23:59:59-14:00"), "start_time"),
    create("last hour of 9999", body(start_time="9999-12-31T22:00:00Z"), "start_time"),
    create("30 February", body(start_time="2099-02-30T10:00:00Z"), "start_time"),
    create("offset of 99 hours", body(start_time="2099-01-01T10:00:00+99:00"), "start_time"),
    # Unknown ids and huge numbers.
    create("unknown client", body(client=999_999), "client"),
    create("huge client id", body(client=HUGE), "client"),
    create("huge duration", body(duration=HUGE), "duration"),
    create("float overflow", b'{"client": 1, "duration": 1e400}', "duration"),
    case("unknown appointment", "PATCH", "/api/v1/appointments/999999/", body(), status=404),
    case("huge appointment id", "PATCH", f"{APPOINTMENTS}{HUGE}/", body(), status=404),
    case("huge id to approve", "POST", f"{APPOINTMENTS}{HUGE}/approve/", status=404),
    case("huge id to start", "GET", f"{APPOINTMENTS}{HUGE}/start/", status=404),
    case("unknown meeting", "PATCH", f"{SEED_MEETINGS}999999/", b"{}", status=404),
    case("huge meeting id", "DELETE", f"{SEED_MEETINGS}{HUGE}/", status=404),
    case("negative id", "GET", f"{APPOINTMENTS}-5/", status=404),
    case("id that is not a number", "PATCH", f"{APPOINTMENTS}abc/", body(), status=404),
    case("unknown path", "POST", "/api/v1/randevular/", body(), status=404),
    # Oversize strings, NUL characters, lone surrogates.
    create("topic of 1001 characters", body(topic="ş" * 1001), "topic"),
    create("notes of 5001 characters", body(notes="n" * 5001), "notes"),
    create("NUL in topic", body(topic="Görüşme\x00")),
    create("NUL in notes", body(notes="a\x00b")),
    create("lone surrogate in notes", b'{"client": 1, "notes": "\\ud800"}'),
    # Changes to an existing appointment.
    change("PATCH broken JSON", b'{"duration": '),
    change("PATCH array", b'[{"duration": 30}]'),
    change("PATCH duration 0", b'{"duration": 0}', "duration"),
    change("PATCH start in the past", b'{"start_time": "2001-01-01T10:00:00Z"}', "start_time"),
    change("PATCH year 0001", b'{"start_time": "0001-01-01T00:30:00+01:00"}', "start_time"),
    change("PATCH last hour of 9999", b'{"start_time": "9999-12-31T22:00:00Z"}', "start_time"),
    change("PATCH NUL in notes", b'{"notes": "\\u0000"}'),
    # List filters.
    listing("unknown status filter", "status=bogus", "status"),
    listing("from in year 99999", "from=99999-01-01T00:00:00Z", "from"),
    listing("from in year 0001", "from=0001-01-01T00:00:00%2B14:00", "from"),
    listing("NUL in a filter", "to=%00", "to"),
    listing("page that is not a number", "page=abc", status=404),
    listing("huge page", f"page={HUGE}", status=404),
    # The seed's meeting endpoint.
    case("meeting without topic", "POST", SEED_MEETINGS, b'{"start_time": "FUTURE"}', "topic"),
    case("meeting topic null", "POST", SEED_MEETINGS, b'{"topic": null}', "topic"),
    case("meeting as array", "POST", SEED_MEETINGS, b"[]"),
    # A topic with nothing left once cleaned: Zoom would get a meeting without a title.
    *(
        case(
            f"meeting topic of {name} only",
            "POST",
            SEED_MEETINGS,
            b'{"topic": "' + topic + b'", "start_time": "FUTURE"}',
            "topic",
        )
        for name, topic in [
            ("spaces", b"   "),
            ("zero-width characters", b"\\u200b\\u200d\\u2060\\ufeff"),
            ("control characters", b"\\u0001\\u001f\\u007f\\u0085"),
            ("bidi controls", b"\\u202e\\u2066\\u200f"),
        ]
    ),
    case("meeting blank topic", "PATCH", SEED_MEETING, b'{"topic": "  "}', "topic"),
    case(
        "meeting huge duration",
        "PATCH",
        SEED_MEETING,
        f'{{"duration": {HUGE}}}'.encode(),
        "duration",
    ),
    # Auth endpoints.
    case("token as array", "POST", TOKEN, b'["ayse", "x"]'),
    case("token broken JSON", "POST", TOKEN, b'{"username": "ayse"'),
    case("token username object", "POST", TOKEN, b'{"username": {}, "password": "x"}', "username"),
    case("token NUL in username", "POST", TOKEN, b'{"username": "a\\u0000", "password": "x"}'),
    case("refresh not a token", "POST", f"{TOKEN}refresh/", b'{"refresh": 123}', status=401),
    case("logout with a list", "POST", "/api/v1/auth/logout/", b'{"refresh": []}', "refresh"),
]


@pytest.fixture
def targets(expert, client_user):
    """The expert's appointment and standalone meeting; the ids the rows' paths refer to."""
    soon = timezone.now() + timedelta(days=2)
    appointment = appointment_create(
        expert=expert, client=client_user, start_time=soon, notes="ilk not"
    )
    meeting = standalone_meeting_create(owner=expert, topic="Tek başına", start_time=soon)
    return {"appointment": appointment.pk, "meeting": meeting.pk, "client": client_user.pk}


def substitute(raw: bytes, ids: dict) -> bytes:
    """Put the real client id and a future time into a row's body."""
    return raw.replace(b'"CLIENT"', str(ids["client"]).encode()).replace(
        b'"FUTURE"', json.dumps(future()).encode()
    )


def stored_state() -> list:
    """Everything a write could touch: counts, and each row's version and contents."""
    return [
        list(Appointment.objects.order_by("pk").values("pk", "status", "notes", "updated_at")),
        list(Meeting.objects.order_by("pk").values("pk", "version", "topic", "start_time")),
    ]


def messages_in(detail) -> list[str]:
    if isinstance(detail, str):
        return [detail]
    if isinstance(detail, list):
        return [m for item in detail for m in messages_in(item)]
    if isinstance(detail, dict):
        return [m for item in detail.values() for m in messages_in(item)]
    return []


@pytest.mark.django_db
@pytest.mark.parametrize(("method", "path", "raw", "content_type", "expected", "field"), CASES)
def test_bad_input_is_refused_clearly_and_changes_nothing(
    api, expert, targets, method, path, raw, content_type, expected, field
):
    # given the expert's appointment and meeting, and what the database holds
    before = stored_state()
    # when the expert sends the bad request
    response = api(expert).generic(
        method, path.format(**targets), substitute(raw, targets), content_type=content_type
    )
    # then it is refused with the expected 4xx and a message, naming the field when there is one
    assert response.status_code == expected, response.content
    assert response["Content-Type"].startswith("application/json")
    answer = response.json()
    if field is not None:
        assert messages_in(answer[field]), answer
    assert any(message.strip() for message in messages_in(answer)), answer
    # and nothing was written
    assert stored_state() == before
