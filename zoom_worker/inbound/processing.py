"""A stored delivery applied once by a worker: its handler chosen by the event's name."""

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zoom_worker.inbound.handlers import HANDLERS
from zoom_worker.models import Meeting, WebhookDelivery, WebhookOutcome

logger = logging.getLogger(__name__)


@transaction.atomic
def webhook_process(*, delivery_id: int) -> str:
    """Apply one delivery; a delivery already processed is left as it is. An ignored one says
    why in its `reason`."""
    delivery = WebhookDelivery.objects.select_for_update().get(pk=delivery_id)
    if delivery.processed_at is not None:
        return delivery.outcome
    handler = HANDLERS.get(delivery.event)
    meeting = (
        Meeting.objects.filter(zoom_meeting_id=delivery.zoom_meeting_id).first()
        if handler and delivery.zoom_meeting_id
        else None
    )
    if handler is None:
        reason = _("Not an event this service acts on.")
    elif meeting is None:
        reason = _("No meeting of this service has this Zoom id.")
    else:
        reason = handler(meeting, delivery)
    delivery.outcome = WebhookOutcome.IGNORED if reason else WebhookOutcome.APPLIED
    delivery.reason = (reason or "")[:200]
    delivery.processed_at = timezone.now()
    delivery.save(update_fields=["outcome", "reason", "processed_at"])
    logger.info(
        "webhook delivery %s (%s) %s for meeting %s",
        delivery.pk,
        delivery.event,
        delivery.outcome,
        meeting.pk if meeting else "-",
    )
    return delivery.outcome
