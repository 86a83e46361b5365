# Load the Celery app with Django so that tasks published from web processes use its settings.
from celery_app import app as celery_app

__all__ = ("celery_app",)
