"""Production settings pass Django's deployment checklist: `manage.py check --deploy
--fail-level WARNING` succeeds (secure session and CSRF cookies, HSTS, DEBUG off, a strong key)."""

import pytest

from tests.unit.lunova.test_settings_production import STRONG_SECRET, start


@pytest.mark.parametrize(
    "redirect",
    [
        pytest.param("0", id="TLS ends at the proxy"),
        pytest.param("1", id="the service redirects to https itself"),
    ],
)
def test_production_settings_pass_the_deployment_checklist(redirect):
    # given production mode with a strong secret key
    # when Django's deployment checks run, failing on any warning
    result = start(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        LUNOVA_PRODUCTION="1",
        DJANGO_SECRET_KEY=STRONG_SECRET,
        DJANGO_ALLOWED_HOSTS="api.lunova.example",
        DJANGO_SECURE_SSL_REDIRECT=redirect,
    )
    # then they pass
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout
