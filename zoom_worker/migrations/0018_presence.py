"""Live presence: who is in each meeting's waiting room and in the meeting (per-session keys,
never names), and the two platform events it gives rise to."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("zoom_worker", "0017_operator_groups"),
    ]

    operations = [
        migrations.AlterField(
            model_name="platformevent",
            name="type",
            field=models.CharField(
                choices=[
                    ("meeting.ready", "meeting.ready"),
                    ("meeting.updated", "meeting.updated"),
                    ("meeting.failed", "meeting.failed"),
                    ("meeting.deleted", "meeting.deleted"),
                    ("appointment.started", "appointment.started"),
                    ("appointment.ended", "appointment.ended"),
                    ("appointment.client_waiting", "appointment.client_waiting"),
                    ("appointment.expert_late", "appointment.expert_late"),
                ],
                max_length=32,
                verbose_name="type",
            ),
        ),
        migrations.CreateModel(
            name="Presence",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "host_in_meeting",
                    models.BooleanField(default=False, verbose_name="host in the meeting"),
                ),
                ("host_joined", models.BooleanField(default=False, verbose_name="host joined")),
                (
                    "guests_waiting",
                    models.PositiveIntegerField(
                        default=0, verbose_name="guests in the waiting room"
                    ),
                ),
                (
                    "guests_in_meeting",
                    models.PositiveIntegerField(default=0, verbose_name="guests in the meeting"),
                ),
                ("since", models.DateTimeField(blank=True, null=True, verbose_name="since")),
                (
                    "client_waiting_since",
                    models.DateTimeField(
                        blank=True, null=True, verbose_name="client waiting since"
                    ),
                ),
                (
                    "wait_told_since",
                    models.DateTimeField(blank=True, null=True, verbose_name="wait told since"),
                ),
                (
                    "expert_late_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="expert late told at"),
                ),
                (
                    "meeting",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="presence",
                        to="zoom_worker.meeting",
                        verbose_name="meeting",
                    ),
                ),
            ],
            options={
                "verbose_name": "presence",
                "verbose_name_plural": "presences",
                "indexes": [
                    models.Index(
                        condition=models.Q(("client_waiting_since__isnull", False)),
                        fields=["client_waiting_since"],
                        name="presence_client_waiting",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="WaitingRoomMark",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("participant", models.CharField(max_length=128, verbose_name="participant key")),
                ("is_host", models.BooleanField(default=False, verbose_name="host")),
                ("at", models.DateTimeField(verbose_name="at")),
                ("entered", models.BooleanField(verbose_name="entered")),
                (
                    "meeting",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="waiting_room_marks",
                        to="zoom_worker.meeting",
                        verbose_name="meeting",
                    ),
                ),
            ],
            options={
                "verbose_name": "waiting-room mark",
                "verbose_name_plural": "waiting-room marks",
                "ordering": ["meeting", "at"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("meeting", "participant", "at", "entered"), name="waiting_mark_once"
                    )
                ],
            },
        ),
    ]
