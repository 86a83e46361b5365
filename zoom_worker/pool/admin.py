"""The Zoom host pool in the admin: each host's load; disable and enable go through the services."""

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zoom_worker.admin.display import local_time, zoned
from zoom_worker.admin.mixins import ReadOnlyAdminMixin, holds
from zoom_worker.models import ZoomHost
from zoom_worker.pool.hosts import zoom_host_disable, zoom_host_enable
from zoom_worker.pool.selectors import zoom_host_list, zoom_host_requests_today


class ZoomHostChangeList(ChangeList):
    def get_results(self, request):
        super().get_results(request)
        # The page's hosts' counters in one Redis read, not one per row.
        used = zoom_host_requests_today(self.result_list)
        for host in self.result_list:
            host.requests_today = None if used is None else used.get(host.user, 0)


@admin.register(ZoomHost)
class ZoomHostAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Hosts are added with `manage.py zoom_hosts add | sync`, which ask Zoom first; here they
    are read, and disabled or enabled."""

    list_display = (
        "user",
        "email",
        "active",
        "concurrency",
        "meetings_now",
        "meetings_today",
        "requests_today",
        "created",
    )
    list_filter = ("active", "concurrency")
    search_fields = ("user", "email")
    actions = ("disable", "enable")

    def get_queryset(self, request):
        return zoom_host_list(now=timezone.now())

    def get_changelist(self, request, **kwargs):
        return ZoomHostChangeList

    @admin.display(description=_("meetings now"), ordering="seats_now")
    def meetings_now(self, host):
        return host.seats_now

    @admin.display(description=_("meetings today"), ordering="meetings_today")
    def meetings_today(self, host):
        return host.meetings_today

    @admin.display(description=_("requests used today (UTC)"))
    def requests_today(self, host):
        used = getattr(host, "requests_today", None)
        return "—" if used is None else f"{used} / {settings.ZOOM_DAILY_CAP}"

    @admin.display(description=zoned(_("created at")), ordering="created_at")
    def created(self, host):
        return local_time(host.created_at)

    has_disable_permission = holds("disable_zoomhost")
    has_enable_permission = holds("enable_zoomhost")

    @admin.action(
        description=_("Disable (takes no new meetings, keeps its own)"), permissions=["disable"]
    )
    def disable(self, request, queryset):
        kept = sum(zoom_host_disable(user=host.user)[1] for host in queryset)
        self.message_user(
            request,
            _("%(n)d host(s) disabled; they keep %(kept)d meeting(s) ahead.")
            % {"n": len(queryset), "kept": kept},
            messages.SUCCESS,
        )

    @admin.action(description=_("Enable"), permissions=["enable"])
    def enable(self, request, queryset):
        for host in queryset:
            zoom_host_enable(user=host.user)
        self.message_user(
            request, _("%(n)d host(s) enabled.") % {"n": len(queryset)}, messages.SUCCESS
        )
