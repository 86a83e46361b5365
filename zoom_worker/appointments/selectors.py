"""Reads of appointments, each with the joins its serializer walks."""

from datetime import datetime

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from zoom_worker.models import Appointment

User = get_user_model()


def appointment_list(
    *,
    user,
    status: str | None = None,
    start_from: datetime | None = None,
    start_to: datetime | None = None,
) -> QuerySet[Appointment]:
    """Only the appointments the user takes part in."""
    qs = Appointment.objects.of_participant(user).select_related(
        "meeting", "meeting__attendance", "expert", "client"
    )
    if status:
        qs = qs.filter(status=status)
    if start_from:
        qs = qs.filter(start_time__gte=start_from)
    if start_to:
        qs = qs.filter(start_time__lt=start_to)
    return qs


def appointment_get(*, user, pk: int) -> Appointment:
    """One appointment of the user's; anyone else gets a 404, so existence is not revealed."""
    # get(), not first(): no ORDER BY for one row (the model's ordering joins the meeting and
    # costs more CPU to compile than the rest of the query).
    try:
        return appointment_list(user=user).get(pk=pk)
    except Appointment.DoesNotExist:
        raise Http404 from None


def appointments_ahead_of_pair(*, expert, client) -> QuerySet[Appointment]:
    """The pair's appointments not started yet and not cancelled."""
    return Appointment.objects.filter(
        expert=expert,
        client=client,
        start_time__gt=timezone.now(),
        status__in=(Appointment.Status.PENDING, Appointment.Status.APPROVED),
    )


def user_or_none(**lookup):
    """The user with this id (or username), or None: the service then refuses the choice."""
    try:
        return User.objects.get(**lookup)  # get(), not first(): first() compiles an ORDER BY
    except User.DoesNotExist:
        return None
