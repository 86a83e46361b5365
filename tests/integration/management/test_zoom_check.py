"""`manage.py zoom_check` against the Zoom stand-in over HTTP: what is ready, what is missing."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from lunova.users.services import user_create
from zoom_worker.core.connections import reset_connections
from zoom_worker.models import ZoomHost


def zoom_check() -> str:
    out = StringIO()
    call_command("zoom_check", stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_a_ready_account_passes(sandbox, settings):
    # given the stand-in's owner as the host and a webhook secret
    settings.ZOOM_WEBHOOK_SECRET_TOKEN = "webhook-secret"
    # when the set-up is checked
    out = zoom_check()
    # then every line says ready, and the host's licence is read from Zoom
    lines = out.splitlines()
    assert "ready    Zoom token: issued" in lines
    assert "ready    host me (ZOOM_HOST_USER): Licensed, active" in lines
    assert not any(line.startswith("missing") for line in lines)


@pytest.mark.django_db
def test_an_unknown_expert_host_and_no_webhook_secret_are_missing(sandbox, settings):
    # given an expert whose Zoom user the account does not hold, and no webhook secret
    settings.ZOOM_WEBHOOK_SECRET_TOKEN = ""
    user_create(username="ayse", role="expert", password="p-1", zoom_user="ayse@example.com")
    out = StringIO()
    # when the set-up is checked
    with pytest.raises(CommandError, match=r"^2 item\(s\) missing$"):
        call_command("zoom_check", stdout=out)
    # then both are named
    lines = out.getvalue().splitlines()
    assert any(
        line.startswith("missing  host ayse@example.com (expert ayse): ")
        and "User does not exist" in line
        for line in lines
    )
    assert "missing  ZOOM_WEBHOOK_SECRET_TOKEN: unset, webhooks answer 503" in lines


@pytest.mark.django_db
def test_bad_credentials_give_one_line_without_the_secret(sandbox, settings):
    # given a client secret Zoom does not accept
    settings.ZOOM_CLIENT_SECRET = "wrong-secret-123"
    reset_connections()
    # when the set-up is checked
    with pytest.raises(CommandError) as refused:
        zoom_check()
    # then one line says why, without the secret
    message = str(refused.value)
    assert "\n" not in message
    assert message.startswith("missing Zoom token: Zoom refused the OAuth credentials")
    assert "wrong-secret-123" not in message


@pytest.mark.django_db
def test_active_pool_hosts_are_read_too(sandbox, settings):
    # given an active pool host that Zoom knows as Basic, and a disabled one it does not know
    settings.ZOOM_WEBHOOK_SECRET_TOKEN = "webhook-secret"
    ZoomHost.objects.create(user="basic1@sandbox.lunova.test")
    ZoomHost.objects.create(user="gone@example.com", active=False)
    out = StringIO()
    # when the set-up is checked
    with pytest.raises(CommandError, match=r"^1 item\(s\) missing$"):
        call_command("zoom_check", stdout=out)
    # then the active one is read and found wanting, the disabled one is not read
    lines = out.getvalue().splitlines()
    assert (
        "missing  host basic1@sandbox.lunova.test (pool host): Basic, active "
        "(a Basic user's meetings end at 40 minutes)"
    ) in lines
    assert not any("gone@example.com" in line for line in lines)
