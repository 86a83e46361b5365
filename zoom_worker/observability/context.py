"""The ids every log line of a request or a task carries: request, appointment, meeting, task.

Kept in a ContextVar, so gunicorn's threads and Celery's tasks never see each other's ids.
Only ids go in here, never names, e-mails, topics or links.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from types import MappingProxyType

# Carried from the web request to the tasks it publishes; a task's own id is not.
PROPAGATED = ("request_id", "appointment_id", "meeting_id")

# Immutable, so the shared default can never be changed in place.
_ids: ContextVar[MappingProxyType] = ContextVar("lunova_log_ids", default=MappingProxyType({}))


def current_ids() -> MappingProxyType:
    return _ids.get()


def bind_ids(**ids) -> None:
    """Add ids to the current request's or task's context."""
    _ids.set(MappingProxyType({**_ids.get(), **ids}))


def replace_ids(**ids) -> None:
    """Start a fresh context: a new task begins with only these ids."""
    _ids.set(MappingProxyType(ids))


@contextmanager
def ids_bound(**ids) -> Iterator[None]:
    token = _ids.set(MappingProxyType({**_ids.get(), **ids}))
    try:
        yield
    finally:
        _ids.reset(token)


def propagated_ids() -> dict:
    return {k: v for k, v in _ids.get().items() if k in PROPAGATED}
