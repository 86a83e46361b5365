"""The Celery application: `celery -A celery_app worker|beat|flower`.

Configured from Django settings through the CELERY_ namespace (cookiecutter-django style).
"""

import os

from celery import Celery, signals
from django.db import close_old_connections

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lunova.settings")

app = Celery("lunova")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_configure.connect(weak=False)
def _beat_schedule(sender, **_kwargs) -> None:
    """The periodic tasks, from the app (settings import no app code); imported here, once the
    configuration is read, since the app's modules import this one."""
    from zoom_worker.core.beat import beat_schedule

    sender.conf.beat_schedule = beat_schedule()


@signals.task_prerun.connect(weak=False)
def _reuse_database_connection(**_kwargs) -> None:
    """Before each task, as Django does before each request: drop the database connection only
    if it broke or outlived CONN_MAX_AGE. Celery's Django fixup would otherwise close it around
    every task (CELERY_DB_REUSE_MAX lifts that), and a new PostgreSQL connection costs more than
    the task's own queries."""
    close_old_connections()
