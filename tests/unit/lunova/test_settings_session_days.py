"""LUNOVA_SESSION_MAX_DAYS must be a whole number of days above 0, or the start stops with one
line naming it."""

import pytest

from tests.unit.lunova.test_settings_production import reason, start


@pytest.mark.parametrize("value", ["0", "-3", "thirty", "1.5"])
def test_a_session_length_that_is_not_whole_days_above_0_stops_the_start(value):
    result = start(LUNOVA_SESSION_MAX_DAYS=value)
    assert result.returncode != 0
    assert "LUNOVA_SESSION_MAX_DAYS" in reason(result)


def test_a_session_length_in_days_starts():
    assert start(LUNOVA_SESSION_MAX_DAYS="7").returncode == 0
