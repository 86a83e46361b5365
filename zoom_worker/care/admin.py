"""Care relations in the admin: the record of each client's consent, to read only."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from zoom_worker.admin.display import local_time, zoned
from zoom_worker.admin.mixins import ReadOnlyAdminMixin
from zoom_worker.models import CareRelation


@admin.register(CareRelation)
class CareRelationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("id", "expert", "client", "consented", "consent_version", "ended")
    list_select_related = ("expert", "client")
    search_fields = ("=id", "expert__username", "client__username")
    fields = ("expert", "client", "consented", "consent_version", "ended")
    readonly_fields = fields
    actions = None

    @admin.display(description=zoned(_("consented at")), ordering="consented_at")
    def consented(self, obj):
        return local_time(obj.consented_at)

    @admin.display(description=zoned(_("ended at")), ordering="ended_at")
    def ended(self, obj):
        return local_time(obj.ended_at)
