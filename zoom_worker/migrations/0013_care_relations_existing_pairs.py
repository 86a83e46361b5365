"""Every expert and client who already share an appointment keep booking each other: their care
relation is recorded, marked `migrated` (their consent was not asked through the platform)."""

from django.db import migrations
from django.utils import timezone

MIGRATED = "migrated"
BATCH = 1000


def record_existing_pairs(apps, schema_editor):
    Appointment = apps.get_model("zoom_worker", "Appointment")
    CareRelation = apps.get_model("zoom_worker", "CareRelation")
    now = timezone.now()
    pairs = (
        Appointment.objects.order_by("expert_id", "client_id")
        .values_list("expert_id", "client_id")
        .distinct()
    )
    batch = []
    for expert_id, client_id in pairs.iterator(chunk_size=BATCH):
        batch.append(
            CareRelation(
                expert_id=expert_id,
                client_id=client_id,
                consented_at=now,
                consent_version=MIGRATED,
            )
        )
        if len(batch) == BATCH:
            # A pair related already (an active relation) is left as it is.
            CareRelation.objects.bulk_create(batch, ignore_conflicts=True)
            batch = []
    CareRelation.objects.bulk_create(batch, ignore_conflicts=True)


def forget_migrated_pairs(apps, schema_editor):
    apps.get_model("zoom_worker", "CareRelation").objects.filter(
        consent_version=MIGRATED
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("zoom_worker", "0012_care_relations")]

    operations = [migrations.RunPython(record_existing_pairs, forget_migrated_pairs)]
