"""`manage.py zoom_hosts sync` and `add` as an operator runs them: a process of their own, the
test database, the stand-in over HTTP."""

import subprocess
import sys

import pytest

from tests.conftest import service_env
from tests.plugins.services import ROOT
from zoom_worker.models import ZoomHost

pytestmark = pytest.mark.django_db(transaction=True)


def zoom_hosts(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "zoom_hosts", *args],
        cwd=ROOT,
        env=service_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_sync_records_the_licensed_users_and_says_why_others_are_not(sandbox):
    # given one more licensed user and one more Basic user in the account
    sandbox.add_user("pool@lunova.test")
    sandbox.add_user("free@lunova.test", type=1)
    # when the pool is synced with two seats a host
    done = zoom_hosts("sync", "--concurrency", "2")
    # then it succeeded, each user on a line of its own (in Turkish, the default language)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 9
    assert "pool@lunova.test" in done.stdout and "free@lunova.test" in done.stdout
    assert sum("Basic" in line for line in lines) == 2
    # and the licensed active users are pool hosts now
    assert sorted(ZoomHost.objects.values_list("user", "concurrency")) == [
        ("host1@sandbox.lunova.test", 2),
        ("host2@sandbox.lunova.test", 2),
        ("host3@sandbox.lunova.test", 2),
        ("host4@sandbox.lunova.test", 2),
        ("owner@sandbox.lunova.test", 2),
        ("pool@lunova.test", 2),
    ]


def test_add_refuses_a_basic_user_in_one_line_with_a_non_zero_exit(sandbox):
    # when a Basic user is added, then a licensed one
    refused = zoom_hosts("add", "basic1@sandbox.lunova.test")
    added = zoom_hosts("add", "host1@sandbox.lunova.test", "--concurrency", "2")
    # then the first exits non-zero with one line and no traceback, the second is recorded
    assert refused.returncode != 0
    reason = refused.stderr.splitlines()[-1]
    assert reason.startswith("CommandError: basic1@sandbox.lunova.test ")
    assert "40 dakikada biter" in reason
    assert "Traceback" not in refused.stderr
    assert added.returncode == 0, added.stderr
    assert list(ZoomHost.objects.values_list("user", "concurrency")) == [
        ("host1@sandbox.lunova.test", 2)
    ]
