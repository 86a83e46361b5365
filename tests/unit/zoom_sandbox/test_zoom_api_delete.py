def test_a_delete_answers_204_then_404_code_3001(zoom):
    # Given
    created = zoom.new_meeting()

    # When
    first = zoom.call("DELETE", f"/meetings/{created['id']}")
    second = zoom.call("DELETE", f"/meetings/{created['id']}")

    # Then
    assert (first.status_code, first.content) == (204, b"")
    assert second.status_code == 404
    assert second.json() == {"code": 3001, "message": f"Meeting does not exist: {created['id']}."}


def test_a_deleted_meeting_is_gone_from_the_api_but_kept_for_inspection(zoom, control):
    # Given
    created = zoom.new_meeting()

    # When
    zoom.call("DELETE", f"/meetings/{created['id']}", params={"schedule_for_reminder": "false"})

    # Then
    assert zoom.call("GET", f"/meetings/{created['id']}").status_code == 404
    assert control.meetings() == []
    [kept] = control.meetings(include_deleted=True)
    assert (kept["id"], kept["deleted"], kept["topic"]) == (created["id"], True, created["topic"])
