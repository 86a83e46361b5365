"""zoom/times.py: Retry-After read once, finite and within a day, whatever its form."""

from datetime import UTC, datetime

import pytest

from zoom_worker.zoom.times import RETRY_AFTER_MAX, retry_after_seconds, zoom_instant, zoom_time

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        ("30", 30.0),
        ("-5", 0.0),
        ("inf", None),
        ("nan", None),
        ("1e12", RETRY_AFTER_MAX),
        ("2026-03-01T12:01:00Z", 60.0),
        ("Sun, 01 Mar 2026 12:02:00 GMT", 120.0),
        ("9999-12-31T23:59:59Z", RETRY_AFTER_MAX),
        ("soon", None),
        (None, None),
    ],
)
def test_retry_after_is_read_within_bounds(header, seconds):
    assert retry_after_seconds(header, now=NOW) == seconds


def test_a_zoom_time_reads_back_as_the_same_instant():
    assert zoom_instant(zoom_time(NOW)) == NOW
    assert zoom_instant("2026-03-01T12:00:00") == NOW
    assert zoom_instant("not a time") is None
