"""LUNOVA_PRODUCTION=1 refuses to start with the development secret key, a key under 50
characters, DEBUG on, or a secret left at its .env.example value or containing `change-me`."""

import os
import subprocess
import sys

import pytest

from lunova.settings import DEV_SECRET_KEY
from tests.plugins.services import ROOT

STRONG_SECRET = "q8Vt2mZr0xLk7WcN4pHs9JdF3bYe6GaU1oTi5RwQ-Xy7Zp3Kd8Lm"
# One character short of the rule.
SHORT_SECRET = STRONG_SECRET[:49]
SECRETS = (
    "FLOWER_BASIC_AUTH",
    "POSTGRES_PASSWORD",
    "LUNOVA_EVENTS_SECRET",
    "ZOOM_WEBHOOK_SECRET_TOKEN",
)
SETUP = "import django; django.setup(); print('started')"


def reason(result: subprocess.CompletedProcess) -> str:
    """The one line the refusal gives (the last of the traceback)."""
    [line] = [
        line
        for line in result.stderr.splitlines()
        if line.startswith("django.core.exceptions.ImproperlyConfigured: ")
    ]
    return line


def start(*manage: str, **env) -> subprocess.CompletedProcess:
    """Set Django up (or run `manage.py` with these arguments) in a fresh interpreter with this
    environment (None removes a variable)."""
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "lunova.settings"}
    for name in ("DJANGO_SECRET_KEY", "DJANGO_DEBUG", "LUNOVA_PRODUCTION", *SECRETS):
        environment.pop(name, None)
    environment.update({k: v for k, v in env.items() if v is not None})
    return subprocess.run(
        [sys.executable, *(["manage.py", *manage] if manage else ["-c", SETUP])],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("env", "named"),
    [
        pytest.param({}, "DJANGO_SECRET_KEY", id="no secret key"),
        pytest.param(
            {"DJANGO_SECRET_KEY": DEV_SECRET_KEY}, "DJANGO_SECRET_KEY", id="the development key"
        ),
        pytest.param({"DJANGO_SECRET_KEY": SHORT_SECRET}, "50+", id="a 49-character key"),
        pytest.param(
            {"DJANGO_SECRET_KEY": STRONG_SECRET, "DJANGO_DEBUG": "1"}, "DJANGO_DEBUG", id="DEBUG on"
        ),
    ],
)
def test_production_refuses_an_unsafe_configuration(env, named):
    # given production mode with an unsafe setting
    # when the service starts
    result = start(LUNOVA_PRODUCTION="1", **env)
    # then it stops with a reason, and the reason does not repeat the secret
    assert result.returncode != 0
    assert "started" not in result.stdout
    assert named in reason(result)
    for secret in (STRONG_SECRET, SHORT_SECRET, DEV_SECRET_KEY):
        assert secret not in result.stderr


def example_value(name: str) -> str:
    lines = (ROOT / ".env.example").read_text(encoding="utf-8").splitlines()
    return next(line.split("=", 1)[1] for line in lines if line.startswith(f"{name}="))


@pytest.mark.parametrize(
    ("name", "value"),
    [
        pytest.param("DJANGO_SECRET_KEY", example_value("DJANGO_SECRET_KEY"), id="example key"),
        pytest.param("FLOWER_BASIC_AUTH", example_value("FLOWER_BASIC_AUTH"), id="example login"),
        pytest.param(
            "POSTGRES_PASSWORD", example_value("POSTGRES_PASSWORD"), id="example password"
        ),
        pytest.param(
            "DATABASE_URL",
            "postgres://lunova:change-me-please@127.0.0.1:5432/lunova",
            id="placeholder in the database URL",
        ),
        pytest.param("LUNOVA_EVENTS_SECRET", "events-CHANGE-ME-1234", id="placeholder events key"),
        pytest.param("ZOOM_WEBHOOK_SECRET_TOKEN", "change-me", id="placeholder webhook token"),
    ],
)
def test_production_refuses_a_placeholder_secret_naming_the_variable(name, value):
    # given production mode, a strong key, and one secret left at a placeholder
    env = {"DJANGO_SECRET_KEY": STRONG_SECRET, name: value}
    # when the service starts
    result = start(LUNOVA_PRODUCTION="1", **env)
    # then it stops with one line naming the variable, never its value
    assert result.returncode != 0
    assert "started" not in result.stdout
    assert name in reason(result)
    assert value not in result.stderr
    secret_part = value.rsplit(":", 1)[-1].split("@")[0]
    assert secret_part not in result.stderr


def test_production_starts_with_a_strong_secret_and_debug_off():
    result = start(LUNOVA_PRODUCTION="1", DJANGO_SECRET_KEY=STRONG_SECRET, DJANGO_DEBUG="0")
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


def test_development_starts_on_the_defaults():
    result = start()
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout
