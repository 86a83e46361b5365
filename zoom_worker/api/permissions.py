"""Who may call what, as DRF permission classes; the services check again as the last guard."""

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, BasePermission


class IsExpert(BasePermission):
    message = _("Only experts can do this.")

    def has_permission(self, request, view):
        return bool(request.user and request.user.is_expert)


class RoleCreates(BasePermission):
    """Anyone signed in may list; only users of `role` may create."""

    role = None

    def has_permission(self, request, view):
        return request.method in SAFE_METHODS or getattr(request.user, "role", None) == self.role


class ExpertsCreate(RoleCreates):
    message = _("Only experts can create appointments.")
    role = "expert"


class ClientsCreate(RoleCreates):
    """A client chooses their expert."""

    message = _("Only clients can choose an expert.")
    role = "client"


class IsAppointmentExpert(BasePermission):
    """The appointment's client may see it but not do this (403); others never see it (404,
    from the selector, before this check runs)."""

    message = _("Only the appointment's expert can do this.")

    def has_object_permission(self, request, view, obj):
        return obj.expert_id == request.user.pk
