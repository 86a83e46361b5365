"""Sync test helpers: meetings made through the services (as the integration tests make them),
a create whose answer is lost, and what the Zoom stand-in was asked."""

import pytest

from tests.integration.conftest import new_meeting, ready_meeting, sync  # noqa: F401 - two fixtures
from zoom_worker.core.retry import RetryLater


@pytest.fixture
def zoom_requests(sandbox):
    """Requests the stand-in got for one operation (create, patch, delete, list, get), or all."""

    def count(op: str | None = None) -> int:
        requests = sandbox.state()["counters"]["requests"]
        return sum(requests.values()) if op is None else requests.get(op, 0)

    return count


@pytest.fixture
def lost_create(sandbox):
    """Sync a meeting whose create Zoom carries out but whose answer never arrives."""

    def sync_losing_the_answer(meeting) -> None:
        sandbox.set_faults(script=[{"op": "create", "fault": "lose_answer"}])
        with pytest.raises(RetryLater):
            sync(meeting)

    return sync_losing_the_answer
