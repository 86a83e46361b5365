"""Exports and erasures of people's data in the admin: who asked, whose, when; read only."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from zoom_worker.admin.display import local_time, titled, zoned
from zoom_worker.admin.mixins import ReadOnlyAdminMixin
from zoom_worker.models import PersonalDataRequest


@admin.register(PersonalDataRequest)
class PersonalDataRequestAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("when", "action", "via", "subject_id", "operator_id")
    list_filter = (("action", titled(_("action"))), ("via", titled(_("via"))))
    search_fields = ("=subject_id", "=operator_id")
    fields = ("action", "via", "subject_id", "operator_id", "when")
    readonly_fields = fields

    @admin.display(description=zoned(_("when")), ordering="at")
    def when(self, obj):
        return local_time(obj.at)
