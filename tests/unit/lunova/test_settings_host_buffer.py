"""ZOOM_HOST_BUFFER_MINUTES: outside 0..240, or no whole number, stops the start with one line."""

import pytest

from tests.unit.lunova.test_settings_production import reason, start


@pytest.mark.parametrize("value", ["-1", "241", "fifteen", "1.5"])
def test_a_buffer_outside_its_range_is_refused(value):
    # given a buffer that is no whole number of minutes in 0..240
    # when the service starts
    result = start(ZOOM_HOST_BUFFER_MINUTES=value)
    # then it stops, saying what is allowed
    assert result.returncode != 0
    assert "started" not in result.stdout
    assert "ZOOM_HOST_BUFFER_MINUTES must be a whole number of minutes in 0..240." in reason(result)


@pytest.mark.parametrize("value", ["0", "240"])
def test_the_range_ends_are_accepted(value):
    assert start(ZOOM_HOST_BUFFER_MINUTES=value).returncode == 0
