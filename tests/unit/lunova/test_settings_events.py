"""The platform events' configuration: a malformed URL, a URL without a secret in production, or
a wait of zero stops the start with one line; a URL without a secret in development warns."""

import pytest

from tests.unit.lunova.test_settings_production import STRONG_SECRET, reason, start

URL = "https://platform.example/hooks"


@pytest.mark.parametrize(
    "url",
    [
        pytest.param("platform.example/hooks", id="no scheme"),
        pytest.param("ftp://platform.example/hooks", id="not http"),
        pytest.param("https:///hooks", id="no host"),
        pytest.param("https://platform.example:port/hooks", id="a port that is no number"),
    ],
)
def test_a_malformed_url_is_refused_with_one_line(url):
    # given a URL that cannot be POSTed to
    # when the service starts
    result = start(LUNOVA_EVENTS_URL=url, LUNOVA_EVENTS_SECRET="s3cret")
    # then it stops, naming the variable
    assert result.returncode != 0
    assert "started" not in result.stdout
    assert "LUNOVA_EVENTS_URL must be an absolute http:// or https:// URL" in reason(result)


@pytest.mark.parametrize("name", ["LUNOVA_EVENTS_BACKOFF_MAX", "LUNOVA_EVENTS_RETRY_HOURS"])
@pytest.mark.parametrize("value", ["0", "-5"])
def test_a_wait_that_is_not_positive_is_refused(name, value):
    result = start(LUNOVA_EVENTS_URL=URL, LUNOVA_EVENTS_SECRET="s3cret", **{name: value})
    assert result.returncode != 0
    assert f"{name} must be a number above 0." in reason(result)


def test_a_url_without_a_secret_is_refused_in_production():
    result = start(LUNOVA_PRODUCTION="1", DJANGO_SECRET_KEY=STRONG_SECRET, LUNOVA_EVENTS_URL=URL)
    assert result.returncode != 0
    assert "without LUNOVA_EVENTS_SECRET" in reason(result)


def test_a_url_without_a_secret_warns_in_development():
    result = start(LUNOVA_EVENTS_URL=URL)
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout
    assert "LUNOVA_EVENTS_URL is set without LUNOVA_EVENTS_SECRET" in result.stderr
