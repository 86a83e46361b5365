"""Seats of pool hosts over time, the meeting's pool host, Zoom meetings left on a former host.

On PostgreSQL an exclusion constraint makes the database refuse two seat rows of one host and
seat number whose [starts_at, ends_at) ranges overlap: two concurrent bookings can never hold the
same seat. It needs btree_gist (equality on plain columns inside a GiST index). It is added here
only, not declared on the model, because SQLite cannot hold it (there IMMEDIATE transactions
serialise the bookings).
"""

import django.db.models.deletion
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import RangeOperators
from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations, models
from django.db.models import F, Func, Value

SEAT_EXCLUSION = "seat_never_double_booked"


def _exclusion() -> ExclusionConstraint:
    return ExclusionConstraint(
        name=SEAT_EXCLUSION,
        expressions=[
            ("host", RangeOperators.EQUAL),
            ("seat", RangeOperators.EQUAL),
            (
                Func(F("starts_at"), F("ends_at"), Value("[)"), function="TSTZRANGE"),
                RangeOperators.OVERLAPS,
            ),
        ],
    )


def add_seat_exclusion(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_constraint(apps.get_model("zoom_worker", "HostSeat"), _exclusion())


def remove_seat_exclusion(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_constraint(apps.get_model("zoom_worker", "HostSeat"), _exclusion())


class Migration(migrations.Migration):
    dependencies = [
        ("zoom_worker", "0008_attendance"),
    ]

    operations = [
        # Does nothing on other databases.
        BtreeGistExtension(),
        migrations.AddField(
            model_name="meeting",
            name="pool_host",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="meetings",
                to="zoom_worker.zoomhost",
                verbose_name="pool host",
            ),
        ),
        migrations.CreateModel(
            name="FormerZoomMeeting",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("host", models.CharField(max_length=254, verbose_name="Zoom host")),
                (
                    "zoom_meeting_id",
                    models.CharField(blank=True, max_length=32, verbose_name="Zoom meeting id"),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                (
                    "meeting",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="former",
                        to="zoom_worker.meeting",
                        verbose_name="meeting",
                    ),
                ),
            ],
            options={
                "verbose_name": "former Zoom meeting",
                "verbose_name_plural": "former Zoom meetings",
                "ordering": ["created_at", "id"],
            },
        ),
        migrations.CreateModel(
            name="HostSeat",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("seat", models.PositiveSmallIntegerField(verbose_name="seat")),
                ("starts_at", models.DateTimeField(verbose_name="starts at")),
                ("ends_at", models.DateTimeField(verbose_name="ends at")),
                (
                    "host",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="seats",
                        to="zoom_worker.zoomhost",
                        verbose_name="Zoom host",
                    ),
                ),
                (
                    "meeting",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="seat",
                        to="zoom_worker.meeting",
                        verbose_name="meeting",
                    ),
                ),
            ],
            options={
                "verbose_name": "host seat",
                "verbose_name_plural": "host seats",
                "ordering": ["starts_at", "host", "seat"],
                "indexes": [models.Index(fields=["host", "starts_at"], name="seat_host_starts")],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("ends_at__gt", models.F("starts_at"))),
                        name="seat_ends_after_start",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("seat__lt", 2)), name="seat_within_concurrency_max"
                    ),
                ],
            },
        ),
        migrations.RunPython(add_seat_exclusion, remove_seat_exclusion),
    ]
