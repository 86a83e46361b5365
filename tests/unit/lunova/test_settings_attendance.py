"""The attendance settings: whole minutes in range, or the start stops with one line naming the
variable."""

import pytest

from tests.unit.lunova.test_settings_production import reason, start


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("LUNOVA_ATTENDANCE_SETTLE_MINUTES", "half an hour"),
        ("LUNOVA_ATTENDANCE_SETTLE_MINUTES", "-5"),
        ("LUNOVA_ATTENDANCE_SETTLE_MINUTES", "1441"),
        ("LUNOVA_ATTENDANCE_MIN_MINUTES", "0"),
        ("LUNOVA_ATTENDANCE_MIN_MINUTES", "2.5"),
    ],
)
def test_a_bad_value_stops_the_start_with_one_line(name, value):
    result = start(**{name: value})
    assert result.returncode != 0
    assert "started" not in result.stdout
    assert f"{name} must be a whole number of minutes" in reason(result)


def test_good_values_start():
    result = start(LUNOVA_ATTENDANCE_SETTLE_MINUTES="0", LUNOVA_ATTENDANCE_MIN_MINUTES="10")
    assert result.returncode == 0, result.stderr
