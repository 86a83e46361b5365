"""The OAuth scopes each feature of the service needs, in both of Zoom's spellings.

Server-to-Server apps made before 2024 hold classic scopes (one covering many operations); apps
made since hold granular ones (one per operation), and a new app can pick only those. Either
spelling grants the call. A call its token's scopes do not cover is refused with 400 code 4711.
"""

from dataclasses import dataclass

MISSING_SCOPE_CODE = 4711


@dataclass(frozen=True)
class Scope:
    granular: str
    classic: str

    def held(self, granted: frozenset[str]) -> bool:
        return self.granular in granted or self.classic in granted

    def __str__(self) -> str:
        return f"{self.granular} (classic: {self.classic})"


# Each feature, the client's actions it makes and the scope each action needs.
FEATURES: dict[str, dict[str, Scope]] = {
    "meetings": {
        "create": Scope("meeting:write:meeting:admin", "meeting:write:admin"),
        "update": Scope("meeting:update:meeting:admin", "meeting:write:admin"),
        "delete": Scope("meeting:delete:meeting:admin", "meeting:write:admin"),
        "get": Scope("meeting:read:meeting:admin", "meeting:read:admin"),
        "list": Scope("meeting:read:list_meetings:admin", "meeting:read:admin"),
    },
    "hosts": {
        "user": Scope("user:read:user:admin", "user:read:admin"),
        "users": Scope("user:read:list_users:admin", "user:read:admin"),
    },
    "attendance reports": {
        "report": Scope("report:read:list_meeting_participants:admin", "report:read:admin"),
    },
    "recordings": {
        "recordings": Scope(
            "cloud_recording:delete:recording_file:admin", "cloud_recording:write:admin"
        ),
    },
}
_BY_GRANULAR = {s.granular: s for scopes in FEATURES.values() for s in scopes.values()}


def scope_of(action: str) -> Scope | None:
    """The scope the client's `action` needs (None for the token request)."""
    return next((s[action] for s in FEATURES.values() if action in s), None)


def scope_named(granular: str) -> Scope:
    """A granular scope Zoom named, with its classic spelling when the service knows it."""
    return _BY_GRANULAR.get(granular) or Scope(granular, granular)


def missing_by_feature(granted: str) -> dict[str, list[Scope]]:
    """Per feature, the scopes a token answer's `scope` string (space-separated) lacks."""
    held = frozenset(granted.split())
    return {
        feature: [s for s in dict.fromkeys(scopes.values()) if not s.held(held)]
        for feature, scopes in FEATURES.items()
    }
