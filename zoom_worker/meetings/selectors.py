"""Reads of meetings: the standalone endpoint's, and one row's state for the workers."""

from django.db.models import QuerySet
from django.http import Http404

from zoom_worker.models import Meeting


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
