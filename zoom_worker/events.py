"""Publishing "this meeting changed" once the transaction that changed it has committed.

The event carries the id only: the worker reads the row as it is when it runs, so a duplicate,
late or reordered event cannot do harm. A publish that fails (broker down) is logged, never
raised into the request: the meeting stays pending and the reconciler publishes it again.
"""

import logging

from django.db import transaction

from zoom_worker.observability.context import ids_bound

logger = logging.getLogger(__name__)


def publish_meeting_changed(*, meeting_id: int) -> None:
    transaction.on_commit(lambda: publish_now(meeting_id=meeting_id))


def publish_now(*, meeting_id: int) -> bool:
    from zoom_worker.tasks import sync_meeting

    try:
        # The ids bound here reach the task's log lines through its message headers.
        with ids_bound(meeting_id=meeting_id):
            sync_meeting.apply_async(args=[meeting_id])
    except Exception:
        logger.warning(
            "publish failed; the reconciler will publish meeting %s again",
            meeting_id,
            exc_info=True,
        )
        return False
    return True
