"""The Celery application: `celery -A celery_app worker|beat|flower`.

Configured from Django settings through the CELERY_ namespace (cookiecutter-django style).
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lunova.settings")

app = Celery("lunova")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
