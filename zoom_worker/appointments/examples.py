"""Examples of the appointment endpoints' bodies, for their OpenAPI description (views.py)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample

_PERSON = {"id": 7, "username": "ayse", "name": "Uzm. Dr. Ayşe Yılmaz"}
_READY = {
    "id": 42,
    "expert": _PERSON,
    "client": {"id": 9, "username": "mehmet", "name": "Mehmet Demir"},
    "topic": "Lunova Görüşmesi · Uzm. Dr. Ayşe Yılmaz · 15 Ocak 2024 Pazartesi, 13:00",
    "start_time": "2024-01-15T10:00:00Z",
    "duration": 45,
    "timezone": "Europe/Istanbul",
    "notes": "İlk görüşme",
    "status": "approved",
    "meeting": {
        "status": "ready",
        "meeting_id": "85746065432",
        "join_url": "https://zoom.us/j/85746065432?pwd=Zm9vYmFy",
        "start_url": None,
        "password": "a1B2c3",
        "host_email": "uzman@lunova.example",
        "last_error": "",
        "updated_at": "2024-01-10T08:00:03Z",
    },
    "attendance": {
        "outcome": None,
        "expert_joined_at": None,
        "client_joined_at": None,
        "together_minutes": None,
    },
    "created_at": "2024-01-10T08:00:00Z",
    "updated_at": "2024-01-10T08:00:03Z",
}

READY = OpenApiExample(_("A ready appointment"), response_only=True, value=_READY)
HELD = OpenApiExample(
    _("The session was held"),
    response_only=True,
    value={
        **_READY,
        "status": "completed",
        "attendance": {
            "outcome": "held",
            "expert_joined_at": "2024-01-15T10:01:00Z",
            "client_joined_at": "2024-01-15T10:03:00Z",
            "together_minutes": 37,
        },
    },
)
CREATE = OpenApiExample(
    _("No topic (one is made)"),
    request_only=True,
    value={"client": 9, "start_time": "2024-01-15T13:00:00", "notes": "İlk görüşme"},
)
RESCHEDULE = OpenApiExample(
    _("Reschedule"),
    request_only=True,
    value={"start_time": "2024-01-16T14:30:00+03:00", "duration": 60},
)
