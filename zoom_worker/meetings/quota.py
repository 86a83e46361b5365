"""Fair use of what every expert shares: each standalone meeting spends a host's daily Zoom
requests and a seat, so one expert creates at most LUNOVA_EXPERT_DAILY_MEETINGS of them a day."""

from datetime import datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _

from zoom_worker.core.errors import Conflict
from zoom_worker.models import Meeting


class DailyQuotaReached(Conflict):
    """The expert created today's last standalone meeting already: a 409, nothing written."""


def standalone_quota_check(*, owner) -> None:
    """Refuses the owner's next standalone meeting once they created the day's allowance (the
    calendar day in ZOOM_TIMEZONE, by when each was created).

    Runs inside the create's transaction and locks the owner's row first: two concurrent
    creates of one expert count one after the other, so the last place is taken once."""
    list(get_user_model().objects.select_for_update().filter(pk=owner.pk).values_list("pk"))
    zone = ZoneInfo(settings.ZOOM_TIMEZONE)
    day_start = datetime.combine(timezone.localtime(timezone=zone).date(), time.min, tzinfo=zone)
    allowed = settings.LUNOVA_EXPERT_DAILY_MEETINGS
    # Counted through the index of an owner's standalone meetings by creation, never past the limit.
    created = Meeting.objects.filter(owner=owner, standalone=True, created_at__gte=day_start)
    if created[:allowed].count() >= allowed:
        raise DailyQuotaReached(daily_quota_message(), code="daily_quota")


def daily_quota_message() -> str:
    return _("You have created %(n)d meetings today, the most a day; try again tomorrow.") % {
        "n": settings.LUNOVA_EXPERT_DAILY_MEETINGS
    }
