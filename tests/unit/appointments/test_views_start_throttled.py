"""`start/` is throttled per user (LUNOVA_THROTTLE_START, 30/min by default): past the rate a
429, while another expert still gets their link."""

import pytest

from tests.unit.api.conftest import rates  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db


def test_past_the_rate_the_expert_gets_429(api, expert, ready_appointment, rates):  # noqa: F811
    rates(start="3/min")
    url = f"/api/v1/appointments/{ready_appointment.pk}/start/"
    answers = [api(expert).get(url).status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]


def test_the_default_rate_is_30_a_minute():
    from django.conf import settings

    assert settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["start"] == "30/min"
