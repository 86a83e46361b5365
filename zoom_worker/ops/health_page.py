"""The sync-health page: the figures of `zoom_worker.ops.figures`, drawn with CSS only (no resource
from outside the machine), for staff (the admin site's login guards it)."""

from django.conf import settings
from django.contrib import admin
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zoom_worker.ops.figures import sync_health


def sync_health_view(request):
    now = timezone.now()
    return render(
        request,
        "admin/zoom_worker/sync_health.html",
        {
            **admin.site.each_context(request),
            "title": _("Sync health"),
            "sections": sync_health(now=now),
            "now": now,
            "zone": settings.ZOOM_TIMEZONE,
        },
    )
