from .conftest import meeting_body


def test_a_patch_answers_204_with_no_body_and_changes_only_what_it_names(zoom):
    # Given
    created = zoom.new_meeting()

    # When
    response = zoom.call(
        "PATCH", f"/meetings/{created['id']}", json={"topic": "Yeni", "duration": 60}
    )

    # Then
    assert response.status_code == 204
    assert response.content == b""
    meeting = zoom.call("GET", f"/meetings/{created['id']}").json()
    assert (meeting["topic"], meeting["duration"]) == ("Yeni", 60)
    assert meeting["start_time"] == created["start_time"]
    assert meeting["join_url"] == created["join_url"]


def test_a_wall_clock_start_time_is_read_in_the_meetings_timezone(zoom):
    # Given
    created = zoom.new_meeting(timezone="Europe/Istanbul")

    # When
    zoom.call("PATCH", f"/meetings/{created['id']}", json={"start_time": "2030-02-01T14:00:00"})

    # Then
    meeting = zoom.call("GET", f"/meetings/{created['id']}").json()
    assert meeting["start_time"] == "2030-02-01T11:00:00Z"


def test_a_new_timezone_alone_keeps_the_instant(zoom):
    # Given
    created = zoom.new_meeting(start_time="2030-02-01T11:00:00Z", timezone="Europe/Istanbul")

    # When
    zoom.call("PATCH", f"/meetings/{created['id']}", json={"timezone": "Europe/Berlin"})

    # Then
    meeting = zoom.call("GET", f"/meetings/{created['id']}").json()
    assert (meeting["start_time"], meeting["timezone"]) == ("2030-02-01T11:00:00Z", "Europe/Berlin")


def test_settings_are_merged_and_a_new_password_changes_the_join_url(zoom):
    # Given
    created = zoom.new_meeting(settings={"mute_upon_entry": True})

    # When
    zoom.call(
        "PATCH",
        f"/meetings/{created['id']}",
        json={"settings": {"host_video": True}, "password": "yeni123"},
    )

    # Then
    meeting = zoom.call("GET", f"/meetings/{created['id']}").json()
    assert meeting["settings"]["mute_upon_entry"] is True
    assert meeting["settings"]["host_video"] is True
    assert meeting["password"] == "yeni123"
    assert meeting["join_url"] != created["join_url"]
    assert meeting["join_url"].endswith(f"?pwd={meeting['encrypted_password']}")


def test_an_invalid_patch_is_400_code_300_and_changes_nothing(zoom):
    # Given
    created = zoom.new_meeting()

    # When
    response = zoom.call("PATCH", f"/meetings/{created['id']}", json={"topic": "ş" * 201})

    # Then
    assert response.status_code == 400
    assert response.json()["code"] == 300
    assert zoom.call("GET", f"/meetings/{created['id']}").json()["topic"] == created["topic"]


def test_patching_an_unknown_meeting_is_404_code_3001(zoom):
    # When
    response = zoom.call("PATCH", "/meetings/98765432101", json=meeting_body())

    # Then
    assert response.status_code == 404
    assert response.json()["code"] == 3001


def test_patching_a_deleted_meeting_is_404_code_3001(zoom):
    # Given
    created = zoom.new_meeting()
    zoom.call("DELETE", f"/meetings/{created['id']}")

    # When
    response = zoom.call("PATCH", f"/meetings/{created['id']}", json={"topic": "Geç"})

    # Then
    assert response.status_code == 404
    assert response.json()["code"] == 3001
