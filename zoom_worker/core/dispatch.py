"""The one way work leaves for the workers: a task, sent by its registered name, for one id.

Every message carries an id only; the row it names is the truth and the worker reads it as it is
when the task runs. That makes the failure policy simple, and it is the same for every task:
a send that fails (broker down or hung) is logged and reported as False, never raised. Nothing is
lost by it: what was to be sent is still recorded in the database (a meeting out of sync, a
webhook delivery not processed, an event not delivered), and the reconciler sends it again.

Tasks are sent by name (`core/task_names`), not imported, so nothing but Celery's autodiscovery
imports `tasks.py` and the services below it never import the layer above them.
"""

import logging
from collections.abc import Iterable

from django.db import transaction

from celery_app import app
from zoom_worker.observability.context import ids_bound

logger = logging.getLogger(__name__)


def dispatch_on_commit(
    task: str, *, object_id: int | str, countdown: float | None = None, **ids
) -> None:
    """Send `task(object_id)` once the current transaction commits (at once outside one);
    `countdown`: seconds the broker holds it first (minutes at most: a wait of hours belongs
    in a row the reconciler reads, not in the broker)."""
    transaction.on_commit(
        lambda: dispatch_now(task, object_id=object_id, countdown=countdown, **ids)
    )


def dispatch_now(task: str, *, object_id: int | str, countdown: float | None = None, **ids) -> bool:
    """Send `task(object_id)` now; False (logged) when the broker did not take it."""
    try:
        # The ids bound here reach the task's log lines through its message headers.
        with ids_bound(**ids):
            app.send_task(task, args=[object_id], countdown=countdown)
    except Exception:
        logger.warning(
            "publish failed: %s for %s; the reconciler sends it again",
            task,
            object_id,
            exc_info=True,
        )
        return False
    return True


def dispatch_batch(task: str, items: Iterable[tuple[int | str, dict]]) -> list[int | str]:
    """Send `task(object_id)` for each (object_id, ids) in turn, until the broker refuses one.

    Returns the object ids sent. The rest wait for the caller's next run: they are still
    recorded in the database, and a broker that refused one would refuse (or hang on) the others.
    """
    sent = []
    for object_id, ids in items:
        if not dispatch_now(task, object_id=object_id, **ids):
            break
        sent.append(object_id)
    return sent
