from .conftest import assert_zoom_shape

LIST_FIELDS = {
    "id",
    "uuid",
    "host_id",
    "topic",
    "type",
    "start_time",
    "duration",
    "timezone",
    "agenda",
    "created_at",
    "join_url",
}


def _list(zoom, user="me", **params):
    return zoom.call("GET", f"/users/{user}/meetings", params={"type": "upcoming", **params})


def test_pages_follow_next_page_token_to_an_empty_one(zoom):
    # Given
    made = [zoom.new_meeting(start_time=f"2030-03-0{day}T10:00:00Z") for day in (5, 1, 4, 2, 3)]

    # When
    pages, token = [], None
    while token != "":
        page = _list(zoom, page_size=2, next_page_token=token or "").json()
        pages.append(page)
        token = page["next_page_token"]

    # Then
    assert [len(page["meetings"]) for page in pages] == [2, 2, 1]
    assert {page["total_records"] for page in pages} == {5}
    assert {page["page_size"] for page in pages} == {2}
    listed = [meeting for page in pages for meeting in page["meetings"]]
    assert [m["start_time"][:10] for m in listed] == [f"2030-03-0{day}" for day in range(1, 6)]
    assert {m["id"] for m in listed} == {m["id"] for m in made}


def test_an_item_has_the_documented_fields_and_a_250_character_agenda(zoom):
    # Given
    agenda = "Gündem " * 280  # 1,960 characters
    made = zoom.new_meeting(agenda=agenda)

    # When
    body = _list(zoom).json()

    # Then
    assert_zoom_shape("meetings", body)
    [item] = body["meetings"]
    assert set(item) == LIST_FIELDS
    assert item["agenda"] == agenda[:250]
    assert zoom.call("GET", f"/meetings/{made['id']}").json()["agenda"] == agenda


def test_upcoming_leaves_out_ended_and_deleted_meetings_and_other_hosts(zoom):
    # Given
    upcoming = zoom.new_meeting()
    ended = zoom.new_meeting(start_time="2020-01-01T10:00:00Z")
    deleted = zoom.new_meeting()
    zoom.call("DELETE", f"/meetings/{deleted['id']}")
    zoom.create(user="host1@sandbox.lunova.test")

    # When
    upcoming_ids = [m["id"] for m in _list(zoom).json()["meetings"]]
    previous_ids = [m["id"] for m in _list(zoom, type="previous_meetings").json()["meetings"]]

    # Then
    assert upcoming_ids == [upcoming["id"]]
    assert previous_ids == [ended["id"]]


def test_page_size_is_capped_at_300(zoom):
    # When
    body = _list(zoom, page_size=1000).json()

    # Then
    assert body["page_size"] == 300
    assert body["next_page_token"] == ""


def test_a_made_up_page_token_is_400_code_300(zoom):
    # When
    response = _list(zoom, next_page_token="made-up")

    # Then
    assert response.status_code == 400
    assert [error["field"] for error in response.json()["errors"]] == ["next_page_token"]


def test_listing_an_unknown_user_is_404_code_1001(zoom):
    # When
    response = _list(zoom, user="nobody")

    # Then
    assert response.status_code == 404
    assert response.json()["code"] == 1001
