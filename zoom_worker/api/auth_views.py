"""Token, refresh, logout and the caller's own profile; the admin's login, throttled as the
token endpoint is."""

from contextlib import suppress
from math import ceil

from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.tokens import RefreshToken
from rest_framework_simplejwt.views import TokenObtainPairView, TokenRefreshView

from zoom_worker.api.auth_serializers import LogoutInput, MeOutput, RefreshInput
from zoom_worker.api.throttles import LoginIPThrottle, LoginUserThrottle, admin_login_wait


class TokenView(TokenObtainPairView):
    throttle_classes = [LoginUserThrottle, LoginIPThrottle]


class RefreshView(TokenRefreshView):
    serializer_class = RefreshInput
    throttle_classes = [LoginIPThrottle]


class LogoutView(APIView):
    """Blacklists the refresh token, so it can mint no more access tokens.

    Like every endpoint but token and refresh, it needs the caller's access token.
    """

    serializer_class = LogoutInput

    def post(self, request):
        serializer = LogoutInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        # Already invalid or blacklisted: the caller is logged out either way.
        with suppress(TokenError):
            RefreshToken(serializer.validated_data["refresh"]).blacklist()
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeView(APIView):
    serializer_class = MeOutput

    def get(self, request):
        return Response(MeOutput(request.user).data)


class ThrottledAdminLoginForm(AdminAuthenticationForm):
    """The admin's login form, refusing before any password check once the username or the
    address has used up LUNOVA_THROTTLE_LOGIN (the counts the token endpoint keeps)."""

    retry_after: float | None = None

    def clean(self):
        self.retry_after = admin_login_wait(self.request)
        if self.retry_after is not None:
            raise ValidationError(
                _("Too many login attempts. Try again in %(seconds)d seconds."),
                code="throttled",
                params={"seconds": ceil(self.retry_after)},
            )
        return super().clean()


def admin_login(request, extra_context=None):
    """The admin's own login page; answered 429 with Retry-After while its form is throttled."""
    response = admin.site.login(request, extra_context)
    form = (getattr(response, "context_data", None) or {}).get("form")
    retry_after = getattr(form, "retry_after", None)
    if retry_after is not None:
        response.status_code = status.HTTP_429_TOO_MANY_REQUESTS
        response["Retry-After"] = str(ceil(retry_after))
    return response
