import json
import re

import pytest

from .conftest import HOST, Zoom, assert_zoom_shape, meeting_body

TURKISH_200 = ("İşğüçöı Görüşme " * 13)[:200]


def test_a_create_answers_201_with_the_whole_meeting(zoom):
    # Given
    body = meeting_body(agenda="Ön görüşme", password="Ab1@-_*")

    # When
    response = zoom.create(body)

    # Then
    assert response.status_code == 201
    meeting = response.json()
    assert_zoom_shape("meetingCreate", meeting)
    assert_zoom_shape("meeting", meeting)
    meeting_id = meeting["id"]
    assert isinstance(meeting_id, int)
    assert 10 <= len(str(meeting_id)) <= 11
    assert meeting["host_email"] == HOST
    assert re.fullmatch(r"[A-Za-z0-9_-]{22}", meeting["host_id"])
    assert meeting["uuid"].endswith("==")
    assert (meeting["topic"], meeting["type"], meeting["status"]) == (body["topic"], 2, "waiting")
    assert (meeting["duration"], meeting["timezone"]) == (45, "Europe/Istanbul")
    assert meeting["agenda"] == "Ön görüşme"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", meeting["created_at"])
    assert re.fullmatch(rf"https://zoom\.us/s/{meeting_id}\?zak=[\w-]{{20,}}", meeting["start_url"])
    pwd = meeting["encrypted_password"]
    assert meeting["join_url"] == f"https://zoom.us/j/{meeting_id}?pwd={pwd}"
    assert meeting["password"] == "Ab1@-_*"
    assert meeting["h323_password"].isdigit()


def test_settings_echo_the_request_over_zoom_defaults(zoom):
    # Given
    body = meeting_body(settings={"mute_upon_entry": True, "auto_recording": "cloud"})

    # When
    settings = zoom.create(body).json()["settings"]

    # Then
    assert settings["mute_upon_entry"] is True
    assert settings["auto_recording"] == "cloud"
    assert settings["approval_type"] == 2
    assert settings["join_before_host"] is False


def test_a_waiting_room_turns_join_before_host_off(zoom):
    # Given
    body = meeting_body(settings={"waiting_room": True, "join_before_host": True})

    # When
    settings = zoom.create(body).json()["settings"]

    # Then
    assert settings["waiting_room"] is True
    assert settings["join_before_host"] is False


def test_without_a_password_zoom_makes_one_up(zoom):
    # Given
    body = meeting_body()

    # When
    meeting = zoom.create(body).json()

    # Then
    assert re.fullmatch(r"[A-Za-z0-9]{6}", meeting["password"])
    assert "?pwd=" in meeting["join_url"]


def test_each_meeting_gets_its_own_id(zoom):
    # When
    ids = {zoom.new_meeting()["id"] for _ in range(5)}

    # Then
    assert len(ids) == 5


@pytest.mark.parametrize("user", ["ayse@example.com", "ayse%40example.com", "Ayse@Example.com"])
def test_an_email_user_id_hosts_the_meeting_itself(zoom, control, user):
    # Given
    control.add_user("ayse@example.com")

    # When
    meeting = zoom.create(user=user).json()

    # Then
    assert meeting["host_email"] == "ayse@example.com"
    assert meeting["host_id"] != zoom.new_meeting()["host_id"]


def test_me_means_the_configured_host(start_sandbox):
    # Given
    server = start_sandbox(host_email="zoom-host@lunova.test")

    # When
    meeting = Zoom(server.url).sign_in().new_meeting()

    # Then
    assert meeting["host_email"] == "zoom-host@lunova.test"


def test_an_unknown_user_is_404_code_1001(zoom):
    # When
    response = zoom.create(user="not-a-user")

    # Then
    assert response.status_code == 404
    assert response.json() == {"code": 1001, "message": "User does not exist: not-a-user"}


def test_a_200_character_turkish_topic_is_taken_whole(zoom):
    # Given
    raw = json.dumps(meeting_body(topic=TURKISH_200), ensure_ascii=False).encode("utf-8")
    assert len(TURKISH_200) == 200 and len(TURKISH_200.encode("utf-8")) > 200

    # When
    response = zoom.call(
        "POST", "/users/me/meetings", data=raw, headers={"Content-Type": "application/json"}
    )

    # Then
    assert response.status_code == 201
    assert response.json()["topic"] == TURKISH_200


def _refusal(response):
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == 300
    return {error["field"] for error in body["errors"]}


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"topic": "a" * 201}, "topic"),
        ({"topic": "İ" * 201}, "topic"),
        ({"password": "abcdefghijk"}, "password"),
        ({"password": "pa ss!"}, "password"),
        ({"agenda": "a" * 2001}, "agenda"),
        ({"type": 5}, "type"),
        ({"duration": "45"}, "duration"),
        ({"settings": {"approval_type": 7}}, "settings.approval_type"),
        ({"tracking_fields": [{"value": "no field"}]}, "tracking_fields.0"),
    ],
)
def test_a_body_breaking_a_rule_is_400_code_300_naming_the_field(zoom, control, fields, field):
    # When
    response = zoom.create(meeting_body(**fields))

    # Then
    assert _refusal(response) == {field}
    assert control.meetings() == []


@pytest.mark.parametrize("raw", [b'{"topic": "x",', b"", b"\xff\xfe{}", b"[]"])
def test_a_body_that_is_not_a_json_object_is_400_code_300(zoom, raw):
    # When
    response = zoom.call(
        "POST", "/users/me/meetings", data=raw, headers={"Content-Type": "application/json"}
    )

    # Then
    assert response.status_code == 400
    assert response.json()["code"] == 300
    assert response.json()["errors"]
