"""An operator's command prints its result lines, nothing else: `zoom_hosts add` run as an
operator runs it (a process of its own, the stand-in over HTTP, standard output and error on one
terminal) shows one line, and a refusal one line too; `-v 2` adds the log lines."""

import subprocess
import sys

import pytest

from tests.conftest import service_env
from tests.plugins.services import ROOT

pytestmark = pytest.mark.django_db(transaction=True)


def terminal(*args: str) -> subprocess.CompletedProcess:
    """The command as a terminal shows it: standard error merged into standard output."""
    return subprocess.run(
        [sys.executable, "manage.py", "zoom_hosts", *args],
        cwd=ROOT,
        env=service_env(LUNOVA_LOG_LEVEL="INFO"),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=60,
    )


def test_add_prints_its_one_line(sandbox):
    added = terminal("add", "host1@sandbox.lunova.test")
    assert added.returncode == 0, added.stdout
    assert added.stdout.splitlines() == [
        "eklendi host1@sandbox.lunova.test (host1@sandbox.lunova.test), eşzamanlılık 1"
    ]


def test_an_unknown_users_refusal_is_one_line(sandbox):
    refused = terminal("add", "nobody@sandbox.lunova.test")
    assert refused.returncode == 1
    lines = refused.stdout.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("CommandError: ") and "nobody@sandbox.lunova.test" in lines[0]


def test_with_verbosity_2_the_log_lines_show(sandbox):
    added = terminal("-v", "2", "add", "host1@sandbox.lunova.test")
    assert added.returncode == 0
    assert any("zoom_worker.zoom.client" in line for line in added.stdout.splitlines())
