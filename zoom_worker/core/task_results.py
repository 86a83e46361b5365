"""The result backend: django-celery-results' rows (the admin's *Task results*), each state
written in one statement.

The library's backend reads the row, then inserts it in a transaction of its own (or saves it
whole), for every state a task passes: STARTED and then SUCCESS, FAILURE or RETRY. That is
four statements for the first state and two for each next one, about a quarter of a sync task's CPU in its pool process.
An INSERT ... ON CONFLICT (task_id) DO UPDATE writes the same columns in one: the row's
creation and start times are kept, whatever came first.
"""

from celery import states
from django.utils import timezone
from django_celery_results.backends.database import DatabaseBackend
from django_celery_results.models import TaskResult


class TaskResultBackend(DatabaseBackend):
    def _store_result(self, task_id, result, status, traceback=None, request=None, using=None):
        content_type, content_encoding, result = self.encode_content(result)
        meta = {
            **self._get_meta_from_request(request),
            "children": self.current_task_children(request),
        }
        _, _, encoded_meta = self.encode_content(meta)
        fields = {
            "content_encoding": content_encoding,
            "content_type": content_type,
            "meta": encoded_meta,
            "result": result,
            "status": status,
            "traceback": traceback,
            **self._get_extended_properties(request, traceback),
        }
        if status == states.STARTED:
            fields["date_started"] = timezone.now()
        TaskResult.objects.db_manager(using).bulk_create(
            [TaskResult(task_id=task_id, **fields)],
            update_conflicts=True,
            unique_fields=["task_id"],
            update_fields=[*fields, "date_done"],
        )
        return result
