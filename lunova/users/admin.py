from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "role", "first_name", "last_name", "zoom_user", "is_staff")
    list_filter = ("role", "is_staff", "is_active")
    fieldsets = (*BaseUserAdmin.fieldsets, (_("Lunova"), {"fields": ("role", "zoom_user")}))
    add_fieldsets = (
        *BaseUserAdmin.add_fieldsets,
        (_("Lunova"), {"fields": ("role", "zoom_user", "first_name", "last_name", "email")}),
    )
