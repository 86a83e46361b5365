"""Login and write throttles. They fail open when Redis is down: losing a throttle for a minute
is better than refusing bookings (the database, not Redis, is what must stay up)."""

import hashlib
import logging
import unicodedata
import weakref

from redis.exceptions import RedisError
from rest_framework import serializers
from rest_framework.throttling import SimpleRateThrottle

logger = logging.getLogger(__name__)

# DRF's sliding window (the instants of the requests allowed within the last `duration`
# seconds, newest first; a request is allowed while fewer than the limit are in it), kept as a
# Redis list and updated by one script: one round trip instead of DRF's read and write of a
# pickled list, and atomic, so two concurrent requests cannot both take the last place.
# Returns {allowed (1/0), the oldest instant still in the window}.
_COUNT_REQUEST = """
local now = tonumber(ARGV[1])
local duration = tonumber(ARGV[2])
while true do
    local oldest = redis.call('LINDEX', KEYS[1], -1)
    if not oldest or tonumber(oldest) > now - duration then
        break
    end
    redis.call('RPOP', KEYS[1])
end
if redis.call('LLEN', KEYS[1]) >= tonumber(ARGV[3]) then
    return {0, redis.call('LINDEX', KEYS[1], -1)}
end
redis.call('LPUSH', KEYS[1], ARGV[1])
redis.call('EXPIRE', KEYS[1], math.ceil(duration))
return {1, redis.call('LINDEX', KEYS[1], -1)}
"""

# One client and registered script per cache backend (Django keeps one backend per thread):
# Django's cache builds a new redis.Redis for every call, which costs more CPU than the call.
_scripts = weakref.WeakKeyDictionary()


def _count_request_script(backend):
    script = _scripts.get(backend)
    if script is None:
        script = _scripts[backend] = backend.get_client(write=True).register_script(_COUNT_REQUEST)
    return script


class _WindowThrottle(SimpleRateThrottle):
    """SimpleRateThrottle's rule, on the cache's Redis in one script call per request."""

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        self.now = self.timer()
        try:
            allowed, oldest = _count_request_script(self.cache._cache)(
                keys=[self.cache.make_key(self.key)],
                args=[f"{self.now:.6f}", self.duration, self.num_requests],
            )
        except RedisError:
            logger.warning("throttle cache unreachable; request allowed")
            return True
        self.oldest = float(oldest)
        return bool(allowed)

    def wait(self):
        """Until the oldest request in the window leaves it (DRF's answer for a full window)."""
        return max(0.0, self.duration - (self.now - self.oldest))


class LoginIPThrottle(_WindowThrottle):
    scope = "login_ip"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


def login_name(value: object) -> str | None:
    """The username a login attempt names, read as the login reads it; None when it names none.

    The token endpoint reads the username with a plain CharField: a JSON number becomes the name
    its digits spell and surrounding spaces are trimmed. The limit must count what the login
    checks, or sending `20240017` (a number) instead of `"20240017"` would escape it."""
    try:
        name = serializers.CharField().to_internal_value(value)
    except serializers.ValidationError:
        return None  # a boolean, null, list or object: no login takes it (400)
    return name or None


class LoginUserThrottle(_WindowThrottle):
    """Per username tried, so spreading guesses over many addresses does not help."""

    scope = "login"

    def get_cache_key(self, request, view):
        data = request.data if isinstance(request.data, dict) else {}
        return self.key_for(data.get("username"))

    def key_for(self, username: object) -> str | None:
        name = login_name(username)
        if name is None:
            return None
        # One key for every spelling of a name that the login (or the admin's form, which
        # NFKC-normalises) could take as the same user. Hashed: Redis then holds no usernames,
        # and any text the caller sends makes a clean key.
        folded = unicodedata.normalize("NFKC", name).casefold()
        ident = hashlib.sha256(folded.encode("utf-8", "replace")).hexdigest()
        return self.cache_format % {"scope": self.scope, "ident": ident}


class AdminLoginUserThrottle(LoginUserThrottle):
    """The same count for the admin's login form: alternating admin and API gains no tries."""

    def get_cache_key(self, request, view):
        return self.key_for(request.POST.get("username"))


def admin_login_wait(request) -> float | None:
    """Counts one admin login attempt per username and per address: None when it may go on,
    else the seconds until it may."""
    # Both count every attempt, as DRF's own check does, even when the first already refuses.
    refused = [
        throttle
        for throttle in (AdminLoginUserThrottle(), LoginIPThrottle())
        if not throttle.allow_request(request, None)
    ]
    return max(throttle.wait() for throttle in refused) if refused else None


class StartThrottle(_WindowThrottle):
    """Per user, every ask for a start link: a fresh one costs a call to Zoom."""

    scope = "start"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}


class WriteThrottle(_WindowThrottle):
    scope = "writes"

    def get_cache_key(self, request, view):
        if request.method in ("GET", "HEAD", "OPTIONS") or not request.user:
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}
