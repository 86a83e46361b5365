"""Reads of the host pool for the admin and the commands."""

from collections.abc import Iterable
from datetime import datetime

from django.db.models import QuerySet

from zoom_worker.core.connections import zoom_requests_today
from zoom_worker.models import ZoomHost


def zoom_host_list(*, now: datetime) -> QuerySet[ZoomHost]:
    """Every pool host with its load at `now` (ZoomHostQuerySet.with_load), in one query."""
    return ZoomHost.objects.with_load(now=now).order_by("user")


def zoom_host_requests_today(hosts: Iterable[ZoomHost]) -> dict[str, int] | None:
    """Each host user's create/update requests today (UTC); None while Redis does not answer."""
    return zoom_requests_today(host.user for host in hosts)
