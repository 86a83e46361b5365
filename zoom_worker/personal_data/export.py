"""A person's data export: one JSON document of everything the service holds about them, in
the sections `personal_data.serializers.SECTIONS` lists."""

from django.db import transaction
from django.utils import timezone

from zoom_worker.models import PersonalDataRequest
from zoom_worker.personal_data.audit import personal_data_request_record
from zoom_worker.personal_data.serializers import SECTIONS, PersonalDataOutput


@transaction.atomic
def personal_data_export(*, subject, operator_id: int | None, via: str) -> dict:
    """The subject's document, as JSON-ready data; the export is recorded, never its content."""
    personal_data_request_record(
        action=PersonalDataRequest.Action.EXPORT,
        via=via,
        subject_id=subject.pk,
        operator_id=operator_id,
    )
    document = {"exported_at": timezone.now()}
    document.update({section.name: section.rows(subject) for section in SECTIONS})
    return PersonalDataOutput(document, context={"viewer": subject}).data
