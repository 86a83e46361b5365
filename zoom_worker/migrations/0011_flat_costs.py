"""Costs that follow the work, not the data: the lists read their own indexes in their order
(start_time copied onto appointments, a standalone flag on meetings), the admin's newest platform
events, the unprocessed webhook deliveries and the rows still holding a start link each get a
partial or ordered index, and two `LIKE` indexes nothing uses are dropped.

Indexes are built CONCURRENTLY on PostgreSQL (so outside a transaction), so big tables keep
taking writes meanwhile; other databases do it the plain way.
"""

from importlib import import_module

from django.conf import settings
from django.db import migrations, models
from django.db.models import OuterRef, Subquery

# The concurrent index and the `LIKE` index drop, as 0007 does them.
_0007 = import_module("zoom_worker.migrations.0007_meeting_out_of_sync_index")
AddIndexConcurrentlyOnPostgres = _0007.AddIndexConcurrentlyOnPostgres


# Django's extra `LIKE` indexes on these unique columns, which are only ever compared for
# equality (the unique index serves that); the admin's searches on them are `icontains`, which
# no varchar_pattern_ops index serves either.
UNUSED_LIKE_INDEXES = (
    ("zoom_worker_zoomhost", "user"),
    ("users_user", "username"),
)


def drop_unused_like_indexes(apps, schema_editor):
    _0007.drop_like_indexes(schema_editor, UNUSED_LIKE_INDEXES)


def copy_start_times(apps, schema_editor):
    Appointment = apps.get_model("zoom_worker", "Appointment")
    Meeting = apps.get_model("zoom_worker", "Meeting")
    start = Meeting.objects.filter(pk=OuterRef("meeting_id")).values("start_time")[:1]
    Appointment.objects.update(start_time=Subquery(start))


def mark_standalone_meetings(apps, schema_editor):
    Meeting = apps.get_model("zoom_worker", "Meeting")
    Meeting.objects.filter(appointment__isnull=True).update(standalone=True)


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("zoom_worker", "0010_attendance_settle"), ("users", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="appointment",
            name="start_time",
            field=models.DateTimeField(editable=False, null=True, verbose_name="start time"),
        ),
        migrations.RunPython(copy_start_times, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="appointment",
            name="start_time",
            field=models.DateTimeField(editable=False, verbose_name="start time"),
        ),
        migrations.AlterModelOptions(
            name="appointment",
            options={
                "ordering": ["-start_time", "-id"],
                "verbose_name": "appointment",
                "verbose_name_plural": "appointments",
            },
        ),
        migrations.AddField(
            model_name="meeting",
            name="standalone",
            field=models.BooleanField(default=False, editable=False, verbose_name="standalone"),
        ),
        migrations.RunPython(mark_standalone_meetings, migrations.RunPython.noop, elidable=True),
        AddIndexConcurrentlyOnPostgres(
            model_name="appointment",
            index=models.Index(
                fields=["expert", "start_time", "id"], name="appointment_expert_start"
            ),
        ),
        AddIndexConcurrentlyOnPostgres(
            model_name="appointment",
            index=models.Index(
                fields=["client", "start_time", "id"], name="appointment_client_start"
            ),
        ),
        AddIndexConcurrentlyOnPostgres(
            model_name="meeting",
            index=models.Index(
                condition=models.Q(("standalone", True)),
                fields=["owner", "start_time", "id"],
                name="meeting_standalone_owner",
            ),
        ),
        # The indexes above start with these columns: the FKs' own indexes are redundant.
        migrations.AlterField(
            model_name="appointment",
            name="expert",
            field=models.ForeignKey(
                db_index=False,
                on_delete=models.deletion.PROTECT,
                related_name="appointments_as_expert",
                to=settings.AUTH_USER_MODEL,
                verbose_name="expert",
            ),
        ),
        migrations.AlterField(
            model_name="appointment",
            name="client",
            field=models.ForeignKey(
                db_index=False,
                on_delete=models.deletion.PROTECT,
                related_name="appointments_as_client",
                to=settings.AUTH_USER_MODEL,
                verbose_name="client",
            ),
        ),
        AddIndexConcurrentlyOnPostgres(
            model_name="platformevent",
            index=models.Index(fields=["created_at", "id"], name="event_created"),
        ),
        AddIndexConcurrentlyOnPostgres(
            model_name="webhookdelivery",
            index=models.Index(
                condition=models.Q(("processed_at__isnull", True)),
                fields=["received_at"],
                name="webhook_unprocessed",
            ),
        ),
        AddIndexConcurrentlyOnPostgres(
            model_name="meeting",
            index=models.Index(
                condition=models.Q(("start_url", ""), _negated=True),
                fields=["start_url_issued_at"],
                name="meeting_start_url_held",
            ),
        ),
        migrations.RunPython(drop_unused_like_indexes, migrations.RunPython.noop, elidable=True),
    ]
