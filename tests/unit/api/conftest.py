"""API test helpers: throttle rates set for one test."""

import pytest
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle


@pytest.fixture
def rates(settings, monkeypatch):
    """Set throttle rates for one test."""

    def set_rates(**changed):
        settings.REST_FRAMEWORK = {
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {**api_settings.DEFAULT_THROTTLE_RATES, **changed},
        }
        # DRF reloads its settings on the change, but throttles keep the rates they were
        # defined with: point them at the reloaded ones.
        monkeypatch.setattr(
            SimpleRateThrottle, "THROTTLE_RATES", api_settings.DEFAULT_THROTTLE_RATES
        )

    return set_rates
