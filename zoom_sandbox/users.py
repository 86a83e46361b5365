"""The account's users: the owner (`me`) and a default roster of hosts, as Zoom's user objects."""

import re

from .meetings import host_id_for

EMAIL = re.compile(r"[^@\s/]+@[^@\s/]+\.[^@\s/]+")
BASIC, LICENSED = 1, 2
TYPES = (BASIC, LICENSED)
STATUSES = ("active", "inactive")
TIMEZONE = "Europe/Istanbul"
# What /_sandbox/reset brings back besides the owner: licensed hosts for a pool, a Basic user
# (its meetings would end at 40 minutes) and a deactivated one, so refusals can be tried too.
DEFAULT_ROSTER = (
    *((f"host{n}@sandbox.lunova.test", LICENSED, "active") for n in range(1, 5)),
    ("basic1@sandbox.lunova.test", BASIC, "active"),
    ("inactive1@sandbox.lunova.test", LICENSED, "inactive"),
)


def new_user(email, type=LICENSED, status="active"):
    """A Zoom user object; ValueError naming the field when one is not acceptable."""
    if not isinstance(email, str) or not EMAIL.fullmatch(email):
        raise ValueError("email must be an e-mail address")
    if isinstance(type, bool) or type not in TYPES:
        raise ValueError(f"type must be one of {list(TYPES)} (1 Basic, 2 Licensed)")
    if status not in STATUSES:
        raise ValueError(f"status must be one of {list(STATUSES)}")
    email = email.lower()
    local = email.split("@")[0]
    return {
        # The id meetings carry as host_id, so a meeting's host is found by either.
        "id": host_id_for(email),
        "email": email,
        "first_name": local.capitalize(),
        "last_name": "Sandbox",
        "type": type,
        "status": status,
        "timezone": TIMEZONE,
    }


def default_users(owner_email):
    """The roster a reset restores: the owner, licensed and active, then DEFAULT_ROSTER."""
    roster = [new_user(owner_email), *(new_user(*entry) for entry in DEFAULT_ROSTER)]
    return {user["email"]: user for user in roster}
