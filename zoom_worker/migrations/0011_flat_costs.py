"""Costs that follow the work, not the data: the lists read their own indexes in their order.

Indexes are built CONCURRENTLY on PostgreSQL (so outside a transaction), so big tables keep
taking writes meanwhile; other databases do it the plain way.
"""

from importlib import import_module

from django.conf import settings
from django.db import migrations, models
from django.db.models import OuterRef, Subquery

AddIndexConcurrentlyOnPostgres = import_module(
    "zoom_worker.migrations.0007_meeting_out_of_sync_index"
).AddIndexConcurrentlyOnPostgres


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

    dependencies = [("zoom_worker", "0008_attendance")]

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
    ]
