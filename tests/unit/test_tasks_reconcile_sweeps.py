"""tasks.reconcile_meetings: one sweep that raises skips none of the others."""

import pytest

from zoom_worker import tasks


@pytest.mark.django_db
def test_a_sweep_that_raises_leaves_the_others_running(monkeypatch):
    # given five sweeps, the second of which raises
    ran = []

    def sweep(name):
        def run():
            ran.append(name)
            if name == "webhooks":
                raise RuntimeError("database hiccup")
            return 0

        return run

    monkeypatch.setattr(tasks, "RECONCILE_SWEEPS", {n: sweep(n) for n in tasks.RECONCILE_SWEEPS})
    # when the reconciler runs
    with pytest.raises(tasks.SweepsFailed, match="webhooks"):
        tasks.reconcile_meetings()
    # then every sweep ran, and the run fails naming the one that raised
    assert ran == ["meetings", "webhooks", "events", "former_meetings", "start_urls"]


def test_the_beat_schedule_reaches_the_celery_app():
    # given the Celery app, configured
    from celery_app import app

    # then beat reads the schedule the app builds, every entry a registered task
    assert set(app.conf.beat_schedule) == {
        "reconcile-meetings",
        "sweep-zoom-orphans",
        "bring-in-scheduled-meetings",
        "settle-attendance",
        "prune-records",
        "presence-expert-late",
    }
    assert {e["task"] for e in app.conf.beat_schedule.values()} <= set(app.tasks)
