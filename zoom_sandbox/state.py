"""Everything the sandbox remembers, behind one lock: meetings, tokens, limits and counters."""

import copy
import secrets
import threading
import time
from collections import Counter, deque
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime

OPS = ("token", "create", "get", "patch", "delete", "list", "user", "users", "delete_recordings")
# Zoom's rate categories: create and both lists are Medium, the rest Light.
CATEGORIES = {
    "create": "Medium",
    "list": "Medium",
    "users": "Medium",
    "user": "Light",
    "get": "Light",
    "patch": "Light",
    "delete": "Light",
    "delete_recordings": "Light",
    # Zoom's Heavy category; the stand-in paces it with the Light limit.
    "report": "Heavy",
}


@dataclass(frozen=True)
class Limits:
    """Zoom's Pro plan limits by default; 0 turns a limit off."""

    medium_per_second: float = 20
    light_per_second: float = 30
    daily_per_host: int = 100

    def per_second(self, category):
        return self.medium_per_second if category == "Medium" else self.light_per_second

    def changed(self, **values):
        unknown = set(values) - set(asdict(self))
        if unknown:
            raise ValueError(f"unknown limits: {sorted(unknown)}")
        for name, value in values.items():
            check_number(name, value)
        return replace(self, **values)


def check_number(name, value, maximum=None):
    """`value` if it is a number from 0 to `maximum`; ValueError naming `name` otherwise."""
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise ValueError(f"{name} must be a number >= 0")
    if maximum is not None and value > maximum:
        raise ValueError(f"{name} must be at most {maximum}")
    return value


class SandboxState:
    def __init__(self, limits, token_ttl, users, scopes, language):
        self._lock = threading.Lock()
        self._initial_limits = limits
        self._initial_users = users  # e-mail -> Zoom user object, the roster a reset restores
        self._initial_scopes = scopes
        self._initial_language = language
        self.token_ttl = token_ttl
        self._tokens = {}  # token -> (monotonic expiry, the scopes it was issued with)
        self.reset()

    def reset(self):
        """Forget meetings, recordings, counts, changed limits, scopes and language and added
        users; tokens stay valid (revoke_tokens ends them)."""
        with self._lock:
            self.limits = self._initial_limits
            self.scopes = self._initial_scopes  # what the next token is issued with
            self.language = self._initial_language  # of error messages
            self._recordings = {}  # meeting id -> {"recording": object, "trashed": bool}
            self._users = copy.deepcopy(self._initial_users)
            self._meetings = {}  # id -> meeting, deleted ones included
            self._deleted = set()
            self._windows = {"Medium": deque(), "Light": deque(), "Heavy": deque()}
            self._daily = Counter()  # (host e-mail, UTC date) -> create/update requests
            self._requests = Counter(dict.fromkeys(OPS, 0))
            self._statuses = Counter()
            self._faults = Counter()
            self._reports = {}  # meeting id -> participant report rows (a played meeting's)

    # --- tokens ---
    def issue_token(self):
        """A new token and the scopes it holds: today's, kept with it (like Zoom's, a token
        issued before the app's scopes changed goes on holding the old ones)."""
        token = secrets.token_urlsafe(32)
        now = time.monotonic()
        with self._lock:
            self._tokens = {t: held for t, held in self._tokens.items() if held[0] > now}
            self._tokens[token] = (now + self.token_ttl, self.scopes)
            return token, self.scopes

    def token_scopes(self, token):
        """The scopes a live token holds; None when it is unknown, expired or revoked."""
        with self._lock:
            expiry, scopes = self._tokens.get(token, (0, ()))
            return scopes if expiry > time.monotonic() else None

    def set_scopes(self, scopes):
        with self._lock:
            self.scopes = scopes

    def set_language(self, language):
        with self._lock:
            self.language = language

    def revoke_tokens(self):
        with self._lock:
            self._tokens.clear()

    # --- limits ---
    def set_limits(self, **values):
        with self._lock:
            self.limits = self.limits.changed(**values)

    def admit(self, category):
        """Whether one more call of this category fits its per-second limit (1 s sliding window)."""
        now = time.monotonic()
        with self._lock:
            limit = self.limits.per_second(category)
            window = self._windows[category]
            while window and window[0] <= now - 1:
                window.popleft()
            if limit and len(window) >= limit:
                return False
            window.append(now)
            return True

    def take_daily(self, host):
        """Count one create/update for the host today, unless the daily cap is reached."""
        key = (host, datetime.now(UTC).date())
        with self._lock:
            cap = self.limits.daily_per_host
            if cap and self._daily[key] >= cap:
                return False
            self._daily[key] += 1
            return True

    def set_daily(self, host, count):
        with self._lock:
            self._daily[(host, datetime.now(UTC).date())] = count

    # --- users ---
    def user(self, name):
        """A copy of the user whose e-mail (any case) or id is `name`, or None."""
        with self._lock:
            found = self._users.get(name.lower()) or next(
                (user for user in self._users.values() if user["id"] == name), None
            )
            return copy.deepcopy(found)

    def users(self, status):
        """Copies of the users with that status, in the order they joined the account."""
        with self._lock:
            return [copy.deepcopy(u) for u in self._users.values() if u["status"] == status]

    def put_user(self, user):
        """Add the user, or replace the one with its e-mail."""
        with self._lock:
            self._users[user["email"]] = copy.deepcopy(user)

    def hosts(self):
        """Every user's e-mail -> copies of the live meetings it hosts."""
        with self._lock:
            held = {email: [] for email in self._users}
            for meeting_id, meeting in self._meetings.items():
                if meeting_id not in self._deleted:
                    held[meeting["host_email"]].append(copy.deepcopy(meeting))
            return held

    # --- meetings ---
    def add_meeting(self, build):
        """Store build(new unique id) and return a copy of it."""
        with self._lock:
            meeting_id = None
            while meeting_id is None or meeting_id in self._meetings:
                meeting_id = 1_000_000_000 + secrets.randbelow(99_000_000_000)  # 10-11 digits
            meeting = build(meeting_id)
            self._meetings[meeting_id] = meeting
            return copy.deepcopy(meeting)

    def meeting(self, meeting_id):
        """A copy of a live meeting, or None."""
        with self._lock:
            if meeting_id in self._deleted:
                return None
            return copy.deepcopy(self._meetings.get(meeting_id))

    def replace_meeting(self, meeting_id, change):
        """Store change(copy of the meeting) in its place and return a copy; None if it is gone."""
        with self._lock:
            if meeting_id not in self._meetings or meeting_id in self._deleted:
                return None
            meeting = change(copy.deepcopy(self._meetings[meeting_id]))
            self._meetings[meeting_id] = meeting
            return copy.deepcopy(meeting)

    def delete_meeting(self, meeting_id):
        with self._lock:
            if meeting_id not in self._meetings or meeting_id in self._deleted:
                return False
            self._deleted.add(meeting_id)
            return True

    def host_meetings(self, host):
        with self._lock:
            return [
                copy.deepcopy(meeting)
                for meeting_id, meeting in self._meetings.items()
                if meeting["host_email"] == host and meeting_id not in self._deleted
            ]

    # --- participant reports (a played meeting's life) ---
    def set_report(self, meeting_id, rows):
        """Serve these rows as the meeting's participant report; None: no report (404)."""
        with self._lock:
            if rows is None:
                self._reports.pop(meeting_id, None)
            else:
                self._reports[meeting_id] = copy.deepcopy(rows)

    def report(self, meeting_key):
        """The report of the meeting with this id or uuid, or None when there is none."""
        with self._lock:
            rows = self._reports.get(self._meeting_id(meeting_key))
            return copy.deepcopy(rows) if rows is not None else None

    def _meeting_id(self, meeting_key):
        """The id of the meeting, deleted or not, whose id or uuid is `meeting_key`, or None."""
        return next(
            (
                meeting_id
                for meeting_id, meeting in self._meetings.items()
                if meeting_key in (str(meeting_id), meeting.get("uuid"))
            ),
            None,
        )

    # --- cloud recordings ---
    def set_recording(self, meeting_id, recording):
        with self._lock:
            self._recordings[meeting_id] = {"recording": copy.deepcopy(recording), "trashed": False}

    def recordings(self, meeting_id):
        """{"recording": the object or None, "trashed": bool} of the meeting."""
        with self._lock:
            held = self._recordings.get(meeting_id, {"recording": None, "trashed": False})
            return copy.deepcopy(held)

    def delete_recordings(self, meeting_key, action):
        """Trash (Zoom keeps them 30 days) or delete for good the meeting's recordings; False
        when it has none (trashed ones are none to the API)."""
        with self._lock:
            meeting_id = self._meeting_id(meeting_key)
            held = self._recordings.get(meeting_id)
            if held is None or held["trashed"]:
                return False
            if action == "trash":
                held["trashed"] = True
            else:
                del self._recordings[meeting_id]
            return True

    # --- counters ---
    def count_request(self, op):
        with self._lock:
            self._requests[op] += 1

    def count_status(self, status):
        with self._lock:
            self._statuses[str(status)] += 1

    def count_fault(self, kind):
        with self._lock:
            self._faults[kind] += 1

    def snapshot(self):
        with self._lock:
            return {
                "meetings": [
                    {**copy.deepcopy(meeting), "deleted": meeting_id in self._deleted}
                    for meeting_id, meeting in self._meetings.items()
                ],
                "counters": {
                    "token_requests": self._requests["token"],
                    "requests": dict(self._requests),
                    "status": dict(self._statuses),
                    "rate_limited": self._statuses["429"],
                    "faults": dict(self._faults),
                },
                "limits": asdict(self.limits),
                "scopes": list(self.scopes),
                "language": self.language,
                "users": copy.deepcopy(list(self._users.values())),
            }
