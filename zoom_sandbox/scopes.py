"""Which OAuth scope lets a token make which call, as Zoom decides it.

Zoom's apps hold one of two vocabularies: apps made before 2024 hold classic scopes (one covering
many operations), newer ones granular scopes (one per operation). Either spelling grants the
call, so each operation names both; a call its token covers by neither is refused naming the
granular one, as Zoom names it.
"""

# operation -> (granular scope, classic scope that also covers it)
OPERATION_SCOPES = {
    "create": ("meeting:write:meeting:admin", "meeting:write:admin"),
    "patch": ("meeting:update:meeting:admin", "meeting:write:admin"),
    "delete": ("meeting:delete:meeting:admin", "meeting:write:admin"),
    "get": ("meeting:read:meeting:admin", "meeting:read:admin"),
    "list": ("meeting:read:list_meetings:admin", "meeting:read:admin"),
    "user": ("user:read:user:admin", "user:read:admin"),
    "users": ("user:read:list_users:admin", "user:read:admin"),
    "report": ("report:read:list_meeting_participants:admin", "report:read:admin"),
    "delete_recordings": (
        "cloud_recording:delete:recording_file:admin",
        "cloud_recording:write:admin",
    ),
}
# What a new Server-to-Server app is given when it asks for everything the service needs.
GRANULAR = tuple(granular for granular, _classic in OPERATION_SCOPES.values())
CLASSIC = tuple(dict.fromkeys(classic for _granular, classic in OPERATION_SCOPES.values()))


def parse_scopes(value):
    """The scopes of a space-separated string or a list of strings, in order, once each;
    ValueError when it is neither."""
    if isinstance(value, str):
        value = value.split()
    if not isinstance(value, list | tuple) or not all(isinstance(s, str) for s in value):
        raise ValueError("scopes must be a space-separated string or a list of strings")
    return tuple(dict.fromkeys(scope for item in value for scope in item.split()))


def missing_scope(op, granted):
    """The granular scope `op` lacks under `granted`, or None when the token may make it."""
    required = OPERATION_SCOPES.get(op)
    if required is None or set(required) & set(granted):
        return None
    return required[0]
