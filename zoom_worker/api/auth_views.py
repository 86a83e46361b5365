"""Token, refresh, logout and the caller's own profile; the admin's login, throttled as the
token endpoint is."""

from contextlib import suppress
from math import ceil

from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.fields import Field
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework_simplejwt.exceptions import InvalidToken, TokenError
from rest_framework_simplejwt.serializers import TokenObtainPairSerializer
from rest_framework_simplejwt.tokens import RefreshToken
from rest_framework_simplejwt.views import TokenObtainPairView, TokenRefreshView

from zoom_worker.api.auth_serializers import LogoutInput, MeOutput, RefreshInput
from zoom_worker.api.responses import (
    TOO_MANY_REQUESTS,
    UNAUTHORIZED,
    bad_request,
    unauthorized,
)
from zoom_worker.api.throttles import LoginIPThrottle, LoginUserThrottle, admin_login_wait

TAGS = ["auth"]
REQUIRED = Field.default_error_messages["required"]
REFRESH_MISSING = bad_request({"refresh": [REQUIRED]})


@extend_schema_view(
    post=extend_schema(
        operation_id="auth_token",
        summary=_("Sign in: get an access and a refresh token"),
        tags=TAGS,
        request=TokenObtainPairSerializer,
        responses={
            200: TokenObtainPairSerializer,
            **bad_request({"password": [REQUIRED]}),
            **unauthorized(
                _("Wrong username or password"),
                TokenObtainPairSerializer.default_error_messages["no_active_account"],
            ),
            **TOO_MANY_REQUESTS,
        },
    )
)
class TokenView(TokenObtainPairView):
    throttle_classes = [LoginUserThrottle, LoginIPThrottle]


@extend_schema_view(
    post=extend_schema(
        operation_id="auth_token_refresh",
        summary=_("Refresh the access token"),
        tags=TAGS,
        request=RefreshInput,
        responses={
            200: RefreshInput,
            **REFRESH_MISSING,
            **unauthorized(_("Invalid token"), InvalidToken.default_detail),
            **TOO_MANY_REQUESTS,
        },
    )
)
class RefreshView(TokenRefreshView):
    serializer_class = RefreshInput
    throttle_classes = [LoginIPThrottle]


class LogoutView(APIView):
    """Blacklists the refresh token, so it can mint no more access tokens.

    Like every endpoint but token and refresh, it needs the caller's access token.
    """

    serializer_class = LogoutInput

    @extend_schema(
        operation_id="auth_logout",
        summary=_("Sign out: revoke the refresh token"),
        tags=TAGS,
        request=LogoutInput,
        responses={
            204: OpenApiResponse(description=_("Signed out")),
            **REFRESH_MISSING,
            **UNAUTHORIZED,
        },
    )
    def post(self, request):
        serializer = LogoutInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        # Already invalid or blacklisted: the caller is logged out either way.
        with suppress(TokenError):
            RefreshToken(serializer.validated_data["refresh"]).blacklist()
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeView(APIView):
    serializer_class = MeOutput

    @extend_schema(
        operation_id="auth_me",
        summary=_("My profile"),
        tags=TAGS,
        responses={200: MeOutput, **UNAUTHORIZED},
    )
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
