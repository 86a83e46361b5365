"""A create Zoom refuses with 400 code 4711 (a scope the app lacks): failed at once, after one
call, naming the scope; the health page counts the code on its own."""

import pytest

from tests.integration.conftest import fresh, sync
from zoom_sandbox.scopes import GRANULAR
from zoom_worker.models import Meeting, SyncAttempt
from zoom_worker.ops.figures import failures_by_zoom_code

pytestmark = pytest.mark.django_db
CREATE = "meeting:write:meeting:admin"


def test_a_create_outside_the_apps_scopes_fails_once_naming_the_scope(
    new_meeting, sandbox, settings
):
    # given an app without the scope to create meetings
    settings.LANGUAGE_CODE = "en"
    sandbox.set_scopes([scope for scope in GRANULAR if scope != CREATE])
    meeting = new_meeting()
    # when the worker syncs the new meeting, and an event brings it again
    outcome = sync(meeting)
    again = sync(meeting)
    # then it is failed with a reason naming the scope in both spellings
    failed = fresh(meeting)
    assert (outcome, again) == ("failed", "nothing")
    assert failed.status == Meeting.Status.FAILED
    assert "code 4711" in failed.last_error
    assert "meeting:write:meeting:admin (classic: meeting:write:admin)" in failed.last_error
    # and Zoom was asked once, never again
    calls = SyncAttempt.objects.filter(meeting=meeting, action="create")
    assert list(calls.values_list("http_status", "zoom_code")) == [(400, 4711)]
    assert sandbox.state()["counters"]["requests"].get("create", 0) == 1
    # and the health page counts 4711 on its own, saying what it means
    rows = {row.key: row for row in failures_by_zoom_code(failed.updated_at).rows}
    assert rows["4711"].value == 1
    assert "scope" in str(rows["4711"].label)
