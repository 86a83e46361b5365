"""Production settings pass Django's deployment checklist: `manage.py check --deploy
--fail-level WARNING` succeeds (secure session and CSRF cookies, HSTS, DEBUG off, a strong key)."""

import os
import subprocess
import sys

import pytest

from tests.plugins.services import ROOT
from tests.unit.test_settings_production import STRONG_SECRET


def deploy_check(**env) -> subprocess.CompletedProcess:
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "lunova.settings"}
    for name in ("DJANGO_DEBUG", "DJANGO_SECURE_SSL_REDIRECT", "LUNOVA_PRODUCTION"):
        environment.pop(name, None)
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


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
    result = deploy_check(
        LUNOVA_PRODUCTION="1",
        DJANGO_SECRET_KEY=STRONG_SECRET,
        DJANGO_ALLOWED_HOSTS="api.lunova.example",
        DJANGO_SECURE_SSL_REDIRECT=redirect,
    )
    # then they pass
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout
