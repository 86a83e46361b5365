"""The daily 429 as Zoom sometimes sends it: the category header alone, no type and no
Retry-After, so only its message (or the host's own count) tells it from a per-second one."""

from .conftest import HOST


def test_a_bare_daily_cap_has_its_category_and_nothing_else(zoom, control):
    # Given
    control.set_faults(script=[{"op": "patch", "fault": "daily_cap_bare"}])
    meeting = zoom.new_meeting()

    # When
    response = zoom.call("PATCH", f"/meetings/{meeting['id']}", json={"topic": "Yeni"})

    # Then
    assert response.status_code == 429
    assert response.headers["X-RateLimit-Category"] == "Light"
    for header in ("X-RateLimit-Type", "Retry-After", "X-RateLimit-Limit"):
        assert header not in response.headers
    assert response.json()["message"].startswith("You have exceeded the daily rate limit")


def test_the_real_daily_cap_names_its_category_and_a_retry_far_ahead(zoom, control):
    # Given
    control.set_daily(HOST, 100)

    # When
    response = zoom.create()

    # Then
    assert response.headers["X-RateLimit-Category"] == "Medium"
    assert response.headers["X-RateLimit-Type"] == "Daily-limit"
    assert response.headers["Retry-After"].endswith("T00:00:00Z")
