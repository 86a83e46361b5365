"""How many of this web process's threads may sit waiting on `Prefer: wait` at once: a quarter
of them (LUNOVA_PREFER_WAIT_SLOTS), so waiting requests never hold every thread while others
queue behind them. The rest are answered at once, as without the header."""

import threading
from contextlib import contextmanager

from django.conf import settings

_slots = threading.BoundedSemaphore(settings.LUNOVA_PREFER_WAIT_SLOTS)


@contextmanager
def wait_slot():
    """Yields whether the request may wait: a slot is taken if one is free, never waited for."""
    taken = _slots.acquire(blocking=False)
    try:
        yield taken
    finally:
        if taken:
            _slots.release()
