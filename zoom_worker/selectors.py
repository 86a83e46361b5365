"""Reads the API needs, each with the joins its serializer walks."""

from collections.abc import Iterable
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.http import Http404

from zoom_worker.connections import zoom_requests_today
from zoom_worker.models import Appointment, Meeting, ZoomHost

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


def user_or_none(*, pk: int):
    """The user with this id, or None: the service then says what is wrong with the choice."""
    try:
        return User.objects.get(pk=pk)  # get(), not first(): first() compiles an ORDER BY
    except User.DoesNotExist:
        return None


def meeting_list(*, owner) -> QuerySet[Meeting]:
    """The seed endpoint's standalone meetings; appointment meetings change through appointments."""
    return Meeting.objects.filter(owner=owner, standalone=True).order_by("-start_time", "-id")


def meeting_get(*, owner, pk: int) -> Meeting:
    meeting = meeting_list(owner=owner).filter(pk=pk).first()
    if meeting is None:
        raise Http404
    return meeting


def meeting_status(*, pk: int) -> Meeting:
    return Meeting.objects.get(pk=pk)


def meeting_last_error(*, meeting_id: int) -> str:
    """Why the meeting's last sync failed, as the operators read it."""
    return Meeting.objects.values_list("last_error", flat=True).get(pk=meeting_id)


def zoom_host_list(*, now: datetime) -> QuerySet[ZoomHost]:
    """Every pool host with its load at `now` (ZoomHostQuerySet.with_load), in one query."""
    return ZoomHost.objects.with_load(now=now).order_by("user")


def zoom_host_requests_today(hosts: Iterable[ZoomHost]) -> dict[str, int] | None:
    """Each host user's create/update requests today (UTC); None while Redis does not answer."""
    return zoom_requests_today(host.user for host in hosts)
