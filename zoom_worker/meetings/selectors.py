"""Reads of meetings: the standalone endpoint's, and one row's state for the workers."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.http import Http404

from zoom_worker.models import Meeting, ZoomHost


def standalone_meeting_list(*, owner) -> QuerySet[Meeting]:
    """The seed endpoint's standalone meetings; appointment meetings change through appointments."""
    return Meeting.objects.filter(owner=owner, standalone=True).order_by("-start_time", "-id")


def standalone_meeting_get(*, owner, pk: int) -> Meeting:
    meeting = standalone_meeting_list(owner=owner).filter(pk=pk).first()
    if meeting is None:
        raise Http404
    return meeting


def meeting_reread(*, pk: int) -> Meeting:
    """The meeting as it is now (a caller waiting for the worker polls it)."""
    return Meeting.objects.get(pk=pk)


def meeting_last_error(*, meeting_id: int) -> str:
    """Why the meeting's last sync failed, as the operators read it."""
    return Meeting.objects.values_list("last_error", flat=True).get(pk=meeting_id)


def meeting_host_users() -> set[str]:
    """The Zoom users meetings are given to: the pool's hosts, the experts' own Zoom users and
    ZOOM_HOST_USER. Small tables, where the hosts of all meetings (a DISTINCT over every
    meeting) read the biggest one; a host that no expert or pool entry names any more is left
    out, and its meetings have ended or been moved by the time it was taken away."""
    hosts = set(ZoomHost.objects.values_list("user", flat=True))
    experts = get_user_model().objects.filter(role="expert").exclude(zoom_user="")
    hosts.update(experts.values_list("zoom_user", flat=True))
    hosts.add(settings.ZOOM_HOST_USER)
    return hosts
