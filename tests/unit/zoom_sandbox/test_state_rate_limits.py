import time

PER_SECOND = {
    "code": 429,
    "message": "You have reached the maximum per-second rate limit for this API. Try again later.",
}


def test_medium_calls_beyond_the_limit_in_one_second_get_429_qps(zoom, control):
    # Given
    control.set_limits(medium_per_second=3)

    # When
    statuses = [zoom.create().status_code for _ in range(3)]
    refused = zoom.create()

    # Then
    assert statuses == [201, 201, 201]
    assert refused.status_code == 429
    assert refused.json() == PER_SECOND
    assert refused.headers["X-RateLimit-Category"] == "Medium"
    assert refused.headers["X-RateLimit-Type"] == "QPS"
    assert refused.headers["Retry-After"] == "1"
    assert len(control.meetings()) == 3
    assert control.state()["counters"]["rate_limited"] == 1


def test_list_shares_the_medium_budget_and_light_calls_have_their_own(zoom, control):
    # Given
    meeting = zoom.new_meeting()
    control.set_limits(medium_per_second=1, light_per_second=2)

    # When
    listing = zoom.call("GET", "/users/me/meetings")
    gets = [zoom.call("GET", f"/meetings/{meeting['id']}") for _ in range(3)]

    # Then
    assert listing.status_code == 429
    assert listing.headers["X-RateLimit-Category"] == "Medium"
    assert [get.status_code for get in gets] == [200, 200, 429]
    assert gets[2].headers["X-RateLimit-Category"] == "Light"


def test_the_budget_comes_back_a_second_later(zoom, control):
    # Given
    control.set_limits(light_per_second=1)
    assert zoom.call("GET", "/meetings/12345678901").status_code == 404
    assert zoom.call("GET", "/meetings/12345678901").status_code == 429

    # When
    time.sleep(1.05)
    response = zoom.call("GET", "/meetings/12345678901")

    # Then
    assert response.status_code == 404


def test_a_limit_of_0_is_no_limit(zoom, control):
    # Given
    control.set_limits(light_per_second=0)

    # When
    statuses = {zoom.call("GET", "/meetings/12345678901").status_code for _ in range(40)}

    # Then
    assert statuses == {404}
