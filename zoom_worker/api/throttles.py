"""Login and write throttles. They fail open when Redis is down: losing a throttle for a minute
is better than refusing bookings (the database, not Redis, is what must stay up)."""

import hashlib
import logging

from redis.exceptions import RedisError
from rest_framework.throttling import SimpleRateThrottle

logger = logging.getLogger(__name__)


class _FailOpen:
    def allow_request(self, request, view):
        try:
            return super().allow_request(request, view)
        except RedisError:
            logger.warning("throttle cache unreachable; request allowed")
            return True


class LoginIPThrottle(_FailOpen, SimpleRateThrottle):
    scope = "login_ip"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class LoginUserThrottle(_FailOpen, SimpleRateThrottle):
    """Per username tried, so spreading guesses over many addresses does not help."""

    scope = "login"

    def get_cache_key(self, request, view):
        username = request.data.get("username") if isinstance(request.data, dict) else None
        if not isinstance(username, str) or not username:
            return None
        # Hashed: Redis then holds no usernames, and any text the caller sends makes a clean key.
        ident = hashlib.sha256(username.casefold().encode("utf-8", "replace")).hexdigest()
        return self.cache_format % {"scope": self.scope, "ident": ident}


class WriteThrottle(_FailOpen, SimpleRateThrottle):
    scope = "writes"

    def get_cache_key(self, request, view):
        if request.method in ("GET", "HEAD", "OPTIONS") or not request.user:
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}
