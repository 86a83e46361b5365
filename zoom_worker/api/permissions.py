from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission


class IsExpert(BasePermission):
    message = _("Only experts can do this.")

    def has_permission(self, request, view):
        return bool(request.user and request.user.is_expert)
