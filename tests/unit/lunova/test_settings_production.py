"""LUNOVA_PRODUCTION=1 refuses to start with the development secret key, a key under 50
characters, DEBUG on, a secret left at its .env.example value or containing `change-me`, a Redis
or broker URL without a password, or platform events to a URL that is not https://."""

import os
import subprocess
import sys
from urllib.parse import urlsplit

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
    "REDIS_PASSWORD",
    "RABBITMQ_PASSWORD",
)
# Every start gets a Redis URL with a password unless a test says otherwise: production requires
# one, and the suite's own REDIS_URL (a local Redis without a password) must not leak in.
REDIS_PASSWORD = "r7Kp2Wq9Zx4Nv8Lm3Hs6Jd1F"
REDIS_URL = f"redis://:{REDIS_PASSWORD}@redis.internal:6379/0"
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
    for name in (
        "DJANGO_SECRET_KEY",
        "DJANGO_DEBUG",
        "LUNOVA_PRODUCTION",
        "CELERY_BROKER_URL",
        "LUNOVA_EVENTS_URL",
        *SECRETS,
    ):
        environment.pop(name, None)
    environment["REDIS_URL"] = REDIS_URL
    for name, value in env.items():
        if value is None:
            environment.pop(name, None)
        else:
            environment[name] = value
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


def left_at_example(name: str):
    """A case: the variable left at the value .env.example gives it."""
    return pytest.param(name, example_value(name), id=f"{name} as in .env.example")


@pytest.mark.parametrize(
    ("name", "value"),
    [
        left_at_example("DJANGO_SECRET_KEY"),
        left_at_example("FLOWER_BASIC_AUTH"),
        left_at_example("POSTGRES_PASSWORD"),
        left_at_example("REDIS_PASSWORD"),
        left_at_example("RABBITMQ_PASSWORD"),
        pytest.param(
            "DATABASE_URL",
            "postgres://lunova:change-me-please@127.0.0.1:5432/lunova",
            id="placeholder in the database URL",
        ),
        pytest.param("LUNOVA_EVENTS_SECRET", "events-CHANGE-ME-1234", id="placeholder events key"),
        pytest.param("ZOOM_WEBHOOK_SECRET_TOKEN", "change-me", id="placeholder webhook token"),
        pytest.param(
            "REDIS_URL",
            "redis://:Change-Me-redis@redis:6379/0",
            id="placeholder in the Redis URL",
        ),
        pytest.param(
            "CELERY_BROKER_URL",
            "amqp://lunova:change-me@rabbitmq:5672/lunova",
            id="placeholder in the broker URL",
        ),
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
    assert (urlsplit(value).password or value) not in result.stderr


@pytest.mark.parametrize(
    ("name", "url"),
    [
        pytest.param("REDIS_URL", None, id="no Redis URL: the embedded Redis"),
        pytest.param("REDIS_URL", "redis://redis.internal:6379/0", id="Redis without a password"),
        pytest.param(
            "REDIS_URL", "rediss://lunova@redis.internal:6380/0", id="a user, no password"
        ),
        pytest.param(
            "CELERY_BROKER_URL", "amqp://lunova@rabbitmq:5672/lunova", id="RabbitMQ, no password"
        ),
        pytest.param("CELERY_BROKER_URL", "redis://redis.internal:6379/2", id="a Redis broker"),
    ],
)
def test_production_refuses_a_redis_or_broker_url_without_a_password(name, url):
    # given production mode with a strong key, and a Redis or broker URL without a password
    # when the service starts
    result = start(LUNOVA_PRODUCTION="1", DJANGO_SECRET_KEY=STRONG_SECRET, **{name: url})
    # then it stops with one line naming the variable, never the URL
    assert result.returncode != 0
    assert "started" not in result.stdout
    assert f"{name} must carry a password" in reason(result)
    if url:
        assert urlsplit(url).hostname not in result.stderr


def test_production_refuses_platform_events_over_plain_http():
    # given production mode, signed events, and a receiver reached over plain HTTP
    url = "http://platform.internal/hooks/lunova"
    result = start(
        LUNOVA_PRODUCTION="1",
        DJANGO_SECRET_KEY=STRONG_SECRET,
        LUNOVA_EVENTS_URL=url,
        LUNOVA_EVENTS_SECRET=STRONG_SECRET,
    )
    # then it stops with one line naming the variable, never the URL
    assert result.returncode != 0
    assert "started" not in result.stdout
    assert "LUNOVA_EVENTS_URL must be an https:// URL" in reason(result)
    assert "platform.internal" not in result.stderr


def test_plain_http_events_still_start_in_development():
    # `make run`'s receiver listens on http://127.0.0.1
    result = start(LUNOVA_EVENTS_URL="http://127.0.0.1:8901/", LUNOVA_EVENTS_SECRET="s3cret")
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


def test_production_starts_with_a_strong_secret_and_debug_off():
    result = start(LUNOVA_PRODUCTION="1", DJANGO_SECRET_KEY=STRONG_SECRET, DJANGO_DEBUG="0")
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


def test_production_starts_with_passwords_in_its_urls_and_https_events():
    result = start(
        LUNOVA_PRODUCTION="1",
        DJANGO_SECRET_KEY=STRONG_SECRET,
        REDIS_PASSWORD=REDIS_PASSWORD,
        RABBITMQ_PASSWORD="b5Tn8Qw2Ry6Uz1Xc4Vm7",
        CELERY_BROKER_URL="amqp://lunova:b5Tn8Qw2Ry6Uz1Xc4Vm7@rabbitmq:5672/lunova",
        LUNOVA_EVENTS_URL="https://platform.internal/hooks/lunova",
        LUNOVA_EVENTS_SECRET=STRONG_SECRET[::-1],
    )
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


def test_development_starts_on_the_defaults():
    result = start()
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout
