"""The result backend: django-celery-results' rows (the admin's *Task results*), each state
written in one statement.

The library's backend reads the row, then inserts it in a transaction of its own (or saves it
whole), for every state a task passes: STARTED and then SUCCESS, FAILURE or RETRY. That is
four statements for the first state and two for each next one: about a quarter of a sync
task's CPU in its pool process.
An INSERT ... ON CONFLICT (task_id) DO UPDATE writes the same columns in one: the row's
creation and start times are kept, whatever came first. Written as SQL (PostgreSQL and SQLite
both take it): the ORM's bulk_create(update_conflicts=True) built the same statement at three
times the CPU.
"""

from celery import states
from django.db import connections, router
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
        _upsert(task_id, fields, using=using or router.db_for_write(TaskResult))
        return result


def _upsert(task_id: str, fields: dict, *, using: str) -> None:
    """The row of `task_id` with `fields` and a new date_done; created if missing."""
    connection = connections[using]
    now = timezone.now()
    values = {**fields, "date_done": now}
    inserted = {"task_id": task_id, "date_created": now, **values}
    model = TaskResult._meta
    columns = [model.get_field(name) for name in inserted]
    quote = connection.ops.quote_name
    updated = [model.get_field(name).column for name in values]
    updates = ", ".join(f"{quote(column)} = EXCLUDED.{quote(column)}" for column in updated)
    # Only the model's own table and column names are formatted in; every value is a parameter.
    names = ", ".join(quote(f.column) for f in columns)
    sql = (
        f"INSERT INTO {quote(model.db_table)} ({names}) "  # noqa: S608
        f"VALUES ({', '.join(['%s'] * len(columns))}) "
        f"ON CONFLICT ({quote('task_id')}) DO UPDATE SET {updates}"
    )
    params = [f.get_db_prep_save(inserted[f.name], connection) for f in columns]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
