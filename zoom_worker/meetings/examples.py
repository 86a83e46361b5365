"""Examples of the standalone meetings endpoint's bodies, for its OpenAPI description (views.py)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample

_FIELDS = {
    "id": 12,
    "topic": "Haftalık ekip toplantısı",
    "start_time": "2024-01-15T10:00:00Z",
    "duration": 45,
    "last_error": "",
}

READY = OpenApiExample(
    _("Ready"),
    response_only=True,
    status_codes=[200, 201],
    value={
        "success": True,
        "status": "ready",
        "meeting_id": "85746065432",
        "join_url": "https://zoom.us/j/85746065432?pwd=Zm9vYmFy",
        "start_url": "https://zoom.us/s/85746065432?zak=…",
        "password": "a1B2c3",
        "host_email": "uzman@lunova.example",
        **_FIELDS,
    },
)
PENDING = OpenApiExample(
    _("Being sent to Zoom"),
    response_only=True,
    status_codes=[202],
    value={
        "success": True,
        "status": "pending",
        "meeting_id": None,
        "join_url": None,
        "start_url": None,
        "password": None,
        "host_email": None,
        **_FIELDS,
    },
)
CREATE = OpenApiExample(
    _("A meeting"),
    request_only=True,
    value={"topic": "Haftalık ekip toplantısı", "start_time": "2024-01-15T13:00:00"},
)
REFUSED = OpenApiExample(
    _("Zoom refused"),
    response_only=True,
    value={
        "success": False,
        "error": "Zoom isteği reddetti (HTTP 400, kod 300): Geçersiz toplantı.",
    },
)
