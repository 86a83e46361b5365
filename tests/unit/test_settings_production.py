"""LUNOVA_PRODUCTION=1 refuses to start with the development secret key or with DEBUG on."""

import os
import subprocess
import sys

import pytest

from lunova.settings import DEV_SECRET_KEY
from tests.plugins.services import ROOT

STRONG_SECRET = "q8Vt2mZr0xLk7WcN4pHs9JdF3bYe6GaU1oTi5RwQ"
SHORT_SECRET = "only-twenty-chars-xx"
SETUP = "import django; django.setup(); print('started')"


def start(**env) -> subprocess.CompletedProcess:
    """Set Django up in a fresh interpreter with this environment (None removes a variable)."""
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "lunova.settings"}
    for name in ("DJANGO_SECRET_KEY", "DJANGO_DEBUG", "LUNOVA_PRODUCTION"):
        environment.pop(name, None)
    environment.update({k: v for k, v in env.items() if v is not None})
    return subprocess.run(
        [sys.executable, "-c", SETUP],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    "env",
    [
        pytest.param({}, id="no secret key"),
        pytest.param({"DJANGO_SECRET_KEY": DEV_SECRET_KEY}, id="the development secret key"),
        pytest.param({"DJANGO_SECRET_KEY": SHORT_SECRET}, id="a short secret key"),
        pytest.param({"DJANGO_SECRET_KEY": STRONG_SECRET, "DJANGO_DEBUG": "1"}, id="DEBUG on"),
    ],
)
def test_production_refuses_an_unsafe_configuration(env):
    # given production mode with an unsafe setting
    # when the service starts
    result = start(LUNOVA_PRODUCTION="1", **env)
    # then it stops with a reason, and the reason does not repeat the secret
    assert result.returncode != 0
    assert "started" not in result.stdout
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SECRET_KEY" in result.stderr
    for secret in (STRONG_SECRET, SHORT_SECRET, DEV_SECRET_KEY):
        assert secret not in result.stderr


def test_production_starts_with_a_strong_secret_and_debug_off():
    result = start(LUNOVA_PRODUCTION="1", DJANGO_SECRET_KEY=STRONG_SECRET, DJANGO_DEBUG="0")
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


def test_development_starts_on_the_defaults():
    result = start()
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout
