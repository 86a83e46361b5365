"""The reconciler's index, two indexes nothing uses dropped, the Zoom call actions as choices.

Built and dropped CONCURRENTLY on PostgreSQL (so outside a transaction), so a big meeting table
keeps taking writes meanwhile; other databases do it the plain way.
"""

from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models
from django.db.migrations.operations import AddIndex

# Django's extra `LIKE` indexes on these unique columns: they are only ever compared for
# equality, which the unique index serves.
UNUSED_LIKE_INDEXES = (
    ("zoom_worker_meeting", "zoom_meeting_id"),
    ("zoom_worker_webhookdelivery", "dedupe_key"),
)


class AddIndexConcurrentlyOnPostgres(AddIndexConcurrently):
    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)
        else:
            AddIndex.database_forwards(self, app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)
        else:
            AddIndex.database_backwards(self, app_label, schema_editor, from_state, to_state)


def drop_unused_like_indexes(apps, schema_editor):
    drop_like_indexes(schema_editor, UNUSED_LIKE_INDEXES)


def drop_like_indexes(schema_editor, indexes) -> None:
    """Drop Django's `LIKE` index of each (table, column), concurrently; PostgreSQL only."""
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for table, column in indexes:
            cursor.execute(
                "SELECT indexname FROM pg_indexes WHERE tablename = %s AND indexname LIKE %s",
                [table, f"{table}_{column}_%_like"],
            )
            for (name,) in cursor.fetchall():
                cursor.execute(f'DROP INDEX CONCURRENTLY IF EXISTS "{name}"')


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("zoom_worker", "0006_zoom_host")]

    operations = [
        AddIndexConcurrentlyOnPostgres(
            model_name="meeting",
            index=models.Index(
                condition=models.Q(("version__gt", models.F("synced_version"))),
                fields=["updated_at"],
                name="meeting_out_of_sync",
            ),
        ),
        migrations.RunPython(drop_unused_like_indexes, migrations.RunPython.noop, elidable=True),
        # Choices only (no schema change): the admin filters on them without a DISTINCT scan.
        migrations.AlterField(
            model_name="syncattempt",
            name="action",
            field=models.CharField(
                choices=[
                    ("token", "token"),
                    ("create", "create"),
                    ("get", "get"),
                    ("update", "update"),
                    ("delete", "delete"),
                    ("list", "list"),
                    ("report", "report"),
                    ("user", "user"),
                ],
                max_length=16,
                verbose_name="action",
            ),
        ),
    ]
