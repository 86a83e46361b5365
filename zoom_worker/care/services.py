"""Writes to care relations, each in one transaction: a client's consent recorded, a relation
ended with the pair's appointments still ahead."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zoom_worker.appointments.selectors import appointments_ahead_of_pair
from zoom_worker.appointments.services import appointment_cancel
from zoom_worker.models import CareRelation


@transaction.atomic
def care_relation_create(*, client, expert, consent_version: str = "") -> tuple[CareRelation, bool]:
    """The client chooses the expert: their consent, recorded now. An active relation of the
    pair already is returned as it is (created False)."""
    if expert is None or not expert.is_expert or not expert.is_active:
        raise ValidationError({"expert": _("Choose an active expert.")})
    if client is None or not client.is_client or not client.is_active:
        raise ValidationError({"client": _("Only an active client can choose an expert.")})
    existing = CareRelation.objects.active().filter(expert=expert, client=client).first()
    if existing is not None:
        return existing, False
    try:
        # A savepoint: a concurrent request that made the pair's relation first wins, and its
        # relation is the answer.
        with transaction.atomic():
            relation = CareRelation.objects.create(
                expert=expert,
                client=client,
                consented_at=timezone.now(),
                consent_version=consent_version,
            )
    except IntegrityError:
        return CareRelation.objects.active().get(expert=expert, client=client), False
    return relation, True


@transaction.atomic
def care_relation_end(*, relation: CareRelation) -> CareRelation:
    """End it (the record stays): the pair's appointments still ahead are cancelled, and the
    workers delete their Zoom meetings."""
    relation = CareRelation.objects.select_for_update().get(pk=relation.pk)
    if relation.ended_at is not None:
        return relation
    relation.ended_at = timezone.now()
    relation.save(update_fields=["ended_at"])
    for appointment in appointments_ahead_of_pair(expert=relation.expert, client=relation.client):
        appointment_cancel(appointment=appointment)
    return relation
