"""Token, refresh, logout and the caller's own profile."""

from contextlib import suppress

from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.tokens import RefreshToken
from rest_framework_simplejwt.views import TokenObtainPairView, TokenRefreshView

from zoom_worker.api.auth_serializers import RefreshInput
from zoom_worker.api.serializers import LogoutInput, MeOutput
from zoom_worker.api.throttles import LoginIPThrottle, LoginUserThrottle


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
