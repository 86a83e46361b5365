"""GET /v2/users: the account's users of one status, paged the way Zoom pages them."""

from tests.unit.zoom_sandbox.conftest import HOST, assert_zoom_shape

ACTIVE = [
    HOST,
    "host1@sandbox.lunova.test",
    "host2@sandbox.lunova.test",
    "host3@sandbox.lunova.test",
    "host4@sandbox.lunova.test",
    "basic1@sandbox.lunova.test",
]


def _users(zoom, **params):
    return zoom.call("GET", "/users", params=params)


def test_pages_follow_next_page_token_to_the_last_one(zoom):
    # when every page of active users is read, two at a time
    pages, token = [], None
    while token != "":
        response = _users(zoom, status="active", page_size=2, next_page_token=token or "")
        assert response.status_code == 200, response.text
        pages.append(response.json())
        token = pages[-1]["next_page_token"]
    # then three pages hold each active user once, in order, each page shaped as Zoom's
    assert [[user["email"] for user in page["users"]] for page in pages] == [
        ACTIVE[0:2],
        ACTIVE[2:4],
        ACTIVE[4:6],
    ]
    assert [page["total_records"] for page in pages] == [6, 6, 6]
    assert all(page["page_size"] == 2 for page in pages)
    for page in pages:
        assert_zoom_shape("users", page)


def test_status_defaults_to_active_and_inactive_users_are_listed_apart(zoom, control):
    # given one more user, inactive
    control.add_user("gone@example.com", status="inactive")
    # when the default list and the inactive one are read
    active = _users(zoom).json()
    inactive = _users(zoom, status="inactive").json()
    # then each holds only its status, 30 a page by default
    assert [user["email"] for user in active["users"]] == ACTIVE
    assert active["page_size"] == 30 and active["next_page_token"] == ""
    assert [user["email"] for user in inactive["users"]] == [
        "inactive1@sandbox.lunova.test",
        "gone@example.com",
    ]


def test_page_size_is_capped_at_300(zoom, control):
    # given 301 more users
    for n in range(301):
        control.add_user(f"user{n}@example.com")
    # when asked for 1000 a page
    first = _users(zoom, page_size=1000).json()
    second = _users(zoom, page_size=1000, next_page_token=first["next_page_token"]).json()
    # then a page holds 300
    assert (first["page_size"], len(first["users"]), first["total_records"]) == (300, 300, 307)
    assert (len(second["users"]), second["next_page_token"]) == (7, "")


def test_bad_paging_or_status_is_zoom_validation_error(zoom):
    # when asked with a bad status, page size and token
    response = _users(zoom, status="gone", page_size="0", next_page_token="nonsense")
    # then Zoom's code 300 names each field
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == 300
    assert {error["field"] for error in body["errors"]} == {
        "status",
        "page_size",
        "next_page_token",
    }


def test_the_user_list_is_a_medium_call(zoom, control):
    # given a Medium budget of one call a second
    control.set_limits(medium_per_second=1)
    # when the users are listed twice at once
    first, second = _users(zoom), _users(zoom)
    # then the second is refused as a Medium call
    assert (first.status_code, second.status_code) == (200, 429)
    assert second.headers["X-RateLimit-Category"] == "Medium"
