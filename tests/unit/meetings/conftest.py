"""Sync test helpers: meetings made through the services (as the integration tests make them),
and what the Zoom stand-in was asked."""

import pytest

from tests.integration.conftest import new_meeting, ready_meeting  # noqa: F401 - fixtures


@pytest.fixture
def zoom_requests(sandbox):
    """Requests the stand-in got for one operation (create, patch, delete, list, get), or all."""

    def count(op: str | None = None) -> int:
        requests = sandbox.state()["counters"]["requests"]
        return sum(requests.values()) if op is None else requests.get(op, 0)

    return count
