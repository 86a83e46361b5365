"""`manage.py zoom_hosts`: each action prints its one-line result; a refusal is a one-line
CommandError (non-zero exit) with nothing written."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone, translation

from zoom_worker.models import Meeting, ZoomHost

pytestmark = pytest.mark.django_db

HOST1 = "host1@sandbox.lunova.test"


def zoom_hosts(*args, language="en") -> list[str]:
    out = StringIO()
    with translation.override(language):
        call_command("zoom_hosts", *args, stdout=out)
    return out.getvalue().splitlines()


def test_add_then_list_shows_the_host_and_its_meetings_ahead(sandbox, expert):
    # given host1 added with two seats, holding one meeting ahead
    added = zoom_hosts("add", HOST1, "--concurrency", "2")
    host = ZoomHost.objects.get()
    Meeting.objects.create(
        owner=expert,
        host=host.user,
        pool_host=host,
        topic="Terapi",
        start_time=timezone.now() + timedelta(days=1),
        duration=45,
        timezone="Europe/Istanbul",
    )
    # when the pool is listed
    listed = zoom_hosts("list")
    # then each says so in one line
    assert added == [f"added {HOST1} ({HOST1}), concurrency 2"]
    assert listed == [f"{HOST1}  e-mail {HOST1}  concurrency 2  active  1 meeting(s) ahead"]


def test_disable_says_how_many_meetings_it_keeps_and_enable_takes_it_back(sandbox):
    zoom_hosts("add", HOST1)
    assert zoom_hosts("disable", HOST1) == [
        f"disabled {HOST1}: it takes no new meetings and keeps 0 ahead"
    ]
    assert zoom_hosts("list")[0].endswith("disabled  0 meeting(s) ahead")
    assert zoom_hosts("enable", HOST1) == [f"enabled {HOST1}"]
    assert ZoomHost.objects.get().active


def test_sync_prints_a_line_per_user(sandbox):
    lines = zoom_hosts("sync")
    assert f"added    {HOST1}" in lines
    assert (
        "skipped  basic1@sandbox.lunova.test: Basic (not licensed): its meetings end at 40 minutes"
        in lines
    )
    assert "skipped  inactive1@sandbox.lunova.test: inactive" in lines
    assert zoom_hosts("sync")[1] == f"present  {HOST1} (already a pool host)"


def test_it_speaks_turkish_by_default(sandbox):
    # when host1 is added and disabled in the default language (LANGUAGE_CODE)
    with pytest.raises(CommandError) as refused:
        zoom_hosts("add", HOST1, "--concurrency", "3", language="tr")
    # then the refusal is in Turkish
    assert "Zoom" in str(refused.value)
    assert "concurrency" not in str(refused.value)


def test_an_empty_pool_says_where_meetings_go():
    assert zoom_hosts("list") == [
        "No pool hosts: meetings go to ZOOM_HOST_USER or the expert's own."
    ]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("add", "nobody@example.com"), "Zoom has no user nobody@example.com in this account."),
        (("add", HOST1, "--concurrency", "3"), "The concurrency must be 1 or 2"),
        (("sync", "--concurrency", "0"), "The concurrency must be 1 or 2"),
        (("add", "basic1@sandbox.lunova.test"), "cannot be a pool host: Basic"),
        (("disable", "nobody@example.com"), "nobody@example.com is not a pool host."),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(sandbox, args, says):
    with pytest.raises(CommandError) as refused:
        zoom_hosts(*args)
    assert says in str(refused.value)
    assert "\n" not in str(refused.value)
    assert not ZoomHost.objects.exists()


def test_a_duplicate_is_refused(sandbox):
    zoom_hosts("add", HOST1)
    with pytest.raises(CommandError, match="is already a pool host"):
        zoom_hosts("add", HOST1)
    assert ZoomHost.objects.count() == 1
