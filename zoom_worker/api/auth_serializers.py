"""Shapes of the auth endpoints: the caller, logout, and a refresh that spends its token once."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.exceptions import AuthenticationFailed
from rest_framework_simplejwt.serializers import TokenRefreshSerializer
from rest_framework_simplejwt.settings import api_settings as jwt_settings
from rest_framework_simplejwt.token_blacklist.models import OutstandingToken


class OptionalEmailField(serializers.EmailField):
    """An address, or null for an account without one (stored as ""): "" is no address."""

    def __init__(self, **kwargs):
        super().__init__(allow_null=True, **kwargs)

    def to_representation(self, value):
        return value or None


class MeOutput(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    role = serializers.CharField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()
    email = OptionalEmailField(help_text=_("null when the account has no email address."))


class LogoutInput(serializers.Serializer):
    refresh = serializers.CharField(help_text=_("The refresh token to revoke."))


class RefreshInput(TokenRefreshSerializer):
    """Spends a refresh token once: it rotates, and the old one is blacklisted.

    The spend holds the token's row locked, so concurrent refreshes with one token queue on it:
    the first mints a new pair, the others then find the token blacklisted (401). A token whose
    user was deleted is refused as a deactivated user's is.
    """

    def validate(self, attrs):
        with transaction.atomic():
            jti = self.token_class(attrs["refresh"])[jwt_settings.JTI_CLAIM]
            # Every refresh token this service issues is outstanding from its birth.
            OutstandingToken.objects.select_for_update().filter(jti=jti).first()
            try:
                return super().validate(attrs)
            except get_user_model().DoesNotExist as exc:
                raise AuthenticationFailed(
                    self.error_messages["no_active_account"], "no_active_account"
                ) from exc
