"""`manage.py zoom_check` reads the scopes of a token of its own, per feature, against the
stand-in's token answer."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from zoom_sandbox.scopes import GRANULAR
from zoom_worker.core.connections import zoom_client

pytestmark = pytest.mark.django_db
REPORT = "report:read:list_meeting_participants:admin"


def test_a_scope_removed_since_the_cached_token_is_named_in_both_spellings(sandbox, settings):
    # given a token cached while the app held every scope, and the report scope removed since
    settings.ZOOM_WEBHOOK_SECRET_TOKEN = "webhook-secret"
    zoom_client().get_user(user_id="me")
    sandbox.set_scopes([scope for scope in GRANULAR if scope != REPORT])
    out = StringIO()
    # when the set-up is checked
    with pytest.raises(CommandError, match=r"^1 item\(s\) missing$"):
        call_command("zoom_check", stdout=out)
    # then the attendance reports line names the scope, granular and classic; the rest are ready
    lines = out.getvalue().splitlines()
    assert (
        "missing  scopes for attendance reports: lacking "
        "report:read:list_meeting_participants:admin (classic: report:read:admin)"
    ) in lines
    assert "ready    scopes for meetings: held" in lines
    assert "ready    scopes for hosts: held" in lines


def test_every_scope_held_prints_ready_for_each_feature(sandbox, settings):
    # given the stand-in's app holding every granular scope the service needs
    settings.ZOOM_WEBHOOK_SECRET_TOKEN = "webhook-secret"
    out = StringIO()
    # when the set-up is checked
    call_command("zoom_check", stdout=out)
    # then each feature's scopes are ready, and nothing is missing
    lines = out.getvalue().splitlines()
    for feature in ("meetings", "hosts", "attendance reports", "recordings"):
        assert f"ready    scopes for {feature}: held" in lines
    assert not any(line.startswith("missing") for line in lines)


def test_classic_scopes_count_as_held(sandbox, settings):
    # given an app made before 2024, holding the classic scopes only, recordings kept in Zoom
    settings.ZOOM_WEBHOOK_SECRET_TOKEN = "webhook-secret"
    settings.LUNOVA_KEEP_RECORDINGS = True
    sandbox.set_scopes("meeting:write:admin meeting:read:admin user:read:admin report:read:admin")
    out = StringIO()
    # when the set-up is checked
    call_command("zoom_check", stdout=out)
    # then the features it uses are ready; recordings, not deleted, are named but not missing
    lines = out.getvalue().splitlines()
    assert "ready    scopes for meetings: held" in lines
    assert (
        "ready    scopes for recordings: not held, not used (LUNOVA_KEEP_RECORDINGS): "
        "cloud_recording:delete:recording_file:admin (classic: cloud_recording:write:admin)"
    ) in lines
