import importlib.util
from pathlib import Path

from zoom_sandbox.validation import SCHEMAS

SCRIPT = Path(__file__).resolve().parents[3] / "scripts" / "extract_zoom_schemas.py"


def _extractor():
    spec = importlib.util.spec_from_file_location("extract_zoom_schemas", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_committed_schemas_are_zooms_meeting_create_and_update_bodies():
    # When
    create, update = SCHEMAS["requests"]["meetingCreate"], SCHEMAS["requests"]["meetingUpdate"]

    # Then
    assert create["properties"]["agenda"]["maxLength"] == 2000
    assert create["properties"]["settings"]["properties"]["approval_type"]["enum"] == [0, 1, 2]
    assert "tracking_fields" in update["properties"]
    assert "example" not in str(create) and "$ref" not in str(create)
    assert set(SCHEMAS["responses"]) == {
        "meetingCreate",
        "meeting",
        "meetings",
        "user",
        "users",
        "reportMeetingParticipants",
        "recordingGet",
    }
    assert SCHEMAS["responses"]["users"]["properties"]["users"]["items"]["required"] == [
        "email",
        "type",
    ]


def test_the_extractor_inlines_refs_and_drops_documentation_keywords():
    # Given
    meeting = {
        "type": "object",
        "description": "A meeting.",
        "properties": {
            "description": {"type": "string", "example": "a field called description"},
            "topic": {"$ref": "#/components/schemas/Topic"},
        },
        "x-internal": True,
    }
    body = {"content": {"application/json": {"schema": meeting}}}
    response = {"content": {"application/json": {"schema": {"type": "object"}}}}
    spec = {
        "components": {"schemas": {"Topic": {"type": "string", "maxLength": 200}}},
        "paths": {
            "/users/{userId}/meetings": {
                "post": {"requestBody": body, "responses": {"201": response}},
                "get": {"responses": {"200": response}},
            },
            "/meetings/{meetingId}": {
                "patch": {"requestBody": body},
                "get": {"responses": {"200": response}},
            },
            "/users/{userId}": {"get": {"responses": {"200": response}}},
            "/users": {"get": {"responses": {"200": response}}},
            "/report/meetings/{meetingId}/participants": {"get": {"responses": {"200": response}}},
            "/meetings/{meetingId}/recordings": {"get": {"responses": {"200": response}}},
        },
    }

    # When
    extracted = _extractor().extract(spec)

    # Then
    assert extracted["requests"]["meetingCreate"] == {
        "type": "object",
        "properties": {
            "description": {"type": "string"},
            "topic": {"type": "string", "maxLength": 200},
        },
    }
    assert extracted["responses"]["meetings"] == {"type": "object"}
