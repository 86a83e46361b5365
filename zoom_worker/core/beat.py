"""The beat schedule, built from the task names and the settings' intervals (settings import no
app code, so the Celery app reads the schedule from here)."""

from django.conf import settings

from zoom_worker.core.task_names import (
    BRING_IN_SCHEDULED,
    EXPERT_LATE_SWEEP,
    PRUNE_RECORDS,
    RECONCILE,
    SETTLE_DUE_ATTENDANCE,
    SWEEP_ORPHANS,
)


def beat_schedule() -> dict:
    """Each periodic task every so many seconds. A run still queued when the next is due is
    dropped (it expires): busy workers never face a pile of them."""
    every = {
        "reconcile-meetings": (RECONCILE, settings.LUNOVA_RECONCILE_INTERVAL),
        "sweep-zoom-orphans": (SWEEP_ORPHANS, settings.LUNOVA_ORPHAN_SWEEP_INTERVAL),
        # Brings series sessions within LUNOVA_SERIES_HORIZON_DAYS: their Zoom meetings are made.
        "bring-in-scheduled-meetings": (BRING_IN_SCHEDULED, settings.LUNOVA_RECONCILE_INTERVAL),
        # Settles the attendance of meetings Zoom never said had ended.
        "settle-attendance": (SETTLE_DUE_ATTENDANCE, settings.LUNOVA_RECONCILE_INTERVAL),
        "prune-records": (PRUNE_RECORDS, settings.LUNOVA_RETENTION_INTERVAL),
        # Late experts whose own countdown was lost: told within 30 s of the moment all the same.
        "presence-expert-late": (EXPERT_LATE_SWEEP, settings.LUNOVA_EXPERT_LATE_SWEEP_INTERVAL),
    }
    return {
        entry: {"task": task, "schedule": seconds, "options": {"expires": seconds}}
        for entry, (task, seconds) in every.items()
    }
