"""Reads of series, each with its sessions in order."""

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from zoom_worker.models import Appointment, Series


def series_list(*, user) -> QuerySet[Series]:
    """Only the series the user takes part in, each with its sessions and their meetings."""
    sessions = Appointment.objects.select_related("meeting", "series").order_by("series_index")
    return (
        Series.objects.of_participant(user)
        .select_related("expert", "client")
        .prefetch_related(Prefetch("sessions", queryset=sessions))
    )


def series_get(*, user, pk: int) -> Series:
    """One series of the user's; anyone else gets a 404, so existence is not revealed."""
    try:
        return series_list(user=user).get(pk=pk)
    except Series.DoesNotExist:
        raise Http404 from None


def series_summary(series: Series) -> dict[str, int]:
    """How its sessions went so far: held, no-show and cancelled ones, and those ahead."""
    now = timezone.now()
    sessions = series.sessions.all()
    return {
        "held": sum(s.status == Appointment.Status.COMPLETED for s in sessions),
        "no_show": sum(s.status == Appointment.Status.NO_SHOW for s in sessions),
        "cancelled": sum(s.status == Appointment.Status.CANCELLED for s in sessions),
        "ahead": sum(
            s.status != Appointment.Status.CANCELLED and s.start_time > now for s in sessions
        ),
    }


def series_status(series: Series, summary: dict[str, int]) -> str:
    """cancelled; active while a session lies ahead; finished after the last."""
    if series.cancelled:
        return "cancelled"
    return "active" if summary["ahead"] else "finished"
