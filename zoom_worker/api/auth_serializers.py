"""Shapes of the auth endpoints: the caller, logout, and a refresh token spent once, only while
its session lasts."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.exceptions import AuthenticationFailed
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.serializers import TokenRefreshSerializer
from rest_framework_simplejwt.settings import api_settings as jwt_settings
from rest_framework_simplejwt.token_blacklist.models import OutstandingToken
from rest_framework_simplejwt.tokens import RefreshToken
from rest_framework_simplejwt.utils import datetime_from_epoch, get_md5_hash_password

# When the session's login happened (unix seconds): OpenID Connect's name for that instant.
SESSION_START_CLAIM = "auth_time"


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


class SessionRefreshToken(RefreshToken):
    """A refresh token that remembers its session's login through every rotation, and is refused
    LUNOVA_SESSION_MAX_DAYS after it.

    simplejwt has no session age: a rotation gives the new token a new `iat` and `exp`, so a
    client refreshing in time would stay logged in for ever. Rotation keeps every other claim, so
    the login's instant rides along in `auth_time`."""

    def set_iat(self, *args, **kwargs):
        # A token of the chain carries its login on; the first one (no `auth_time` yet, e.g. the
        # login's own token) was issued at the login, so its `iat` is when the session began.
        started = self.payload.get(SESSION_START_CLAIM, self.payload.get("iat"))
        super().set_iat(*args, **kwargs)
        self.payload[SESSION_START_CLAIM] = self.payload["iat"] if started is None else started

    def verify(self):
        super().verify()
        started = self.payload.get(SESSION_START_CLAIM, self.payload.get("iat"))
        if not isinstance(started, int | float):
            raise TokenError(_("Token is invalid"))
        ends = datetime_from_epoch(started) + timedelta(days=settings.LUNOVA_SESSION_MAX_DAYS)
        if self.current_time >= ends:
            raise TokenError(_("The session has ended; log in again."))


class RefreshInput(TokenRefreshSerializer):
    """Spends a refresh token once: it rotates, and the old one is blacklisted.

    The spend holds the token's row locked, so concurrent refreshes with one token queue on it:
    the first mints a new pair, the others then find the token blacklisted (401). A token whose
    user was deleted is refused as a deactivated user's is; so is one minted before its user's
    password last changed, and one whose session is older than LUNOVA_SESSION_MAX_DAYS.
    """

    token_class = SessionRefreshToken

    def validate(self, attrs):
        with transaction.atomic():
            refresh = self.token_class(attrs["refresh"])
            # Every refresh token this service issues is outstanding from its birth.
            OutstandingToken.objects.select_for_update().filter(
                jti=refresh[jwt_settings.JTI_CLAIM]
            ).first()
            self._refuse_after_a_password_change(refresh)
            try:
                return super().validate(attrs)
            except get_user_model().DoesNotExist as exc:
                raise AuthenticationFailed(
                    self.error_messages["no_active_account"], "no_active_account"
                ) from exc

    @staticmethod
    def _refuse_after_a_password_change(refresh) -> None:
        """simplejwt's CHECK_REVOKE_TOKEN puts a digest of the user's password hash in every
        token, but checks it only on access tokens: a refresh token would outlive a password
        change and mint new ones. Checked here against the stored hash, it catches a change made
        any way (API, admin, `changepassword`, code saving a new hash) with nothing to record at
        change time, and no concurrent refresh can slip a token past it."""
        stored = (
            get_user_model()
            .objects.filter(**{jwt_settings.USER_ID_FIELD: refresh.get(jwt_settings.USER_ID_CLAIM)})
            .values_list("password", flat=True)
            .first()
        )
        if stored is not None and refresh.get(
            jwt_settings.REVOKE_TOKEN_CLAIM
        ) != get_md5_hash_password(stored):
            raise AuthenticationFailed(
                _("The password was changed since this login; log in again."), "password_changed"
            )
