from django.contrib import admin, messages
from django.contrib.admin.utils import NestedObjects
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db import router
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "role", "first_name", "last_name", "zoom_user", "is_staff")
    list_filter = ("role", "is_staff", "is_active")
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (gettext_lazy("Lunova"), {"fields": ("role", "zoom_user")}),
    )
    add_fieldsets = (
        *BaseUserAdmin.add_fieldsets,
        (
            gettext_lazy("Lunova"),
            {"fields": ("role", "zoom_user", "first_name", "last_name", "email")},
        ),
    )

    def get_actions(self, request):
        # Deleting several at once would fail on the first who took part in a session.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def delete_view(self, request, object_id, extra_context=None):
        """A user who took part in a session cannot be deleted (the session is an accounting
        record that points at them): the page says how their data is erased instead."""
        user = self.get_object(request, object_id)
        if user is not None and _took_part(user):
            messages.error(
                request,
                _(
                    "This user took part in sessions, which stay as records, so the user "
                    "cannot be deleted. To erase their personal data, run: "
                    "python manage.py personal_data erase %(id)s --yes"
                )
                % {"id": user.pk},
            )
            return redirect("admin:users_user_change", user.pk)
        return super().delete_view(request, object_id, extra_context)


def _took_part(user) -> bool:
    """Whether a row protects the user from deletion, as Django's delete page would find."""
    collector = NestedObjects(using=router.db_for_write(User))
    collector.collect([user])
    return bool(collector.protected)
