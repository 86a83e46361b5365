"""A meeting's life, played: the signed webhooks Zoom would send and the participant report it
would then serve, for one of a few scenarios, with times relative to the meeting's start_time
(nobody waits for them).

The participants carry names and e-mails, as Zoom's do, so that a service which must not keep
them has something to be caught keeping.
"""

import hashlib
import hmac
import json
import time
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import requests

from .meetings import zoom_time

SCENARIOS = ("held", "host_only", "guest_only", "nobody")
# Minutes after the start: the host joins at +1, the guest at +3 and leaves at +40, the meeting
# ends at +45 (the host leaving with it).
HOST_STAY, GUEST_STAY, ENDED_AT = (1, 45), (3, 40), 45
# Realistic Turkish personal data: what Zoom hands over and the service must drop.
HOST = {
    "user_id": "16778240",
    "user_name": "Elif Nur Karaca",
    "email": "elif.karaca@uzmanlar.com.tr",
}
GUEST = {
    "user_id": "16779264",
    "user_name": "Mehmet Çağlar Öztürk",
    "email": "caglar.ozturk@gmail.com",
    "registrant_id": "Kq3vZ9xTQeOa8pW2b1c4dA",
}
SEND_TIMEOUT = 10
OBJECT_FIELDS = ("id", "uuid", "host_id", "topic", "start_time", "duration", "timezone")


class PlayError(Exception):
    """The scenario could not be delivered: the message says to whom and why."""


def parse_play(body):
    """The play request's settings, or ValueError naming what is wrong."""
    scenario, url, secret = body.get("scenario"), body.get("webhook_url"), body.get("secret")
    report = body.get("report", True)
    if scenario not in SCENARIOS:
        raise ValueError(f"scenario must be one of {list(SCENARIOS)}")
    parts = urlsplit(url) if isinstance(url, str) else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError("webhook_url must be an absolute http(s) URL")
    if not isinstance(secret, str) or not secret:
        raise ValueError("secret must be the service's webhook secret token")
    if not isinstance(report, bool):
        raise ValueError("report must be true or false")
    return scenario, url, secret, report


def scenario_stays(meeting, scenario):
    """[(who, joined, left)] for the scenario, as instants."""
    start = datetime.strptime(meeting["start_time"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    at = {
        person: (start + timedelta(minutes=stay[0]), start + timedelta(minutes=stay[1]))
        for person, stay in (("host", HOST_STAY), ("guest", GUEST_STAY))
    }
    who = {"held": ("host", "guest"), "host_only": ("host",), "guest_only": ("guest",)}
    return [(person, *at[person]) for person in who.get(scenario, ())], start


def _participant(meeting, person):
    data = HOST if person == "host" else GUEST
    return {
        **data,
        # A signed-in host is known by the host's user id; a guest by nothing but user_id.
        "id": meeting["host_id"] if person == "host" else "",
        "participant_uuid": f"{meeting['uuid'][:12]}-{data['user_id']}",
    }


def webhooks(meeting, scenario):
    """The envelopes Zoom sends for the scenario, in the order it sends them."""
    stays, start = scenario_stays(meeting, scenario)
    ended = start + timedelta(minutes=ENDED_AT)
    moments = []
    if stays:
        first = min(joined for _, joined, _ in stays)
        moments.append((first, "meeting.started", {"start_time": zoom_time(first)}))
    for person, joined, left in stays:
        participant = _participant(meeting, person)
        joined_as = {**participant, "join_time": zoom_time(joined)}
        left_as = {**participant, "leave_time": zoom_time(left)}
        moments.append((joined, "meeting.participant_joined", {"participant": joined_as}))
        moments.append((left, "meeting.participant_left", {"participant": left_as}))
    # Nobody in it: as if the meeting were opened and closed empty, so the service settles now.
    moments.append((ended, "meeting.ended", {"end_time": zoom_time(ended)}))
    moments.sort(key=lambda moment: (moment[0], moment[1] != "meeting.started"))
    return [_envelope(meeting, event, at, fields) for at, event, fields in moments]


def _envelope(meeting, event, at, fields):
    obj = {key: meeting[key] for key in OBJECT_FIELDS}
    return {
        "event": event,
        "event_ts": int(at.timestamp() * 1000),
        "payload": {"account_id": "sandbox-account", "object": {**obj, **fields}},
    }


def report_rows(meeting, scenario):
    """Zoom's participant report for the scenario (GET /report/meetings/{id}/participants)."""
    stays, _start = scenario_stays(meeting, scenario)
    rows = []
    for person, joined, left in stays:
        participant = _participant(meeting, person)
        rows.append(
            {
                "id": participant["id"],
                "user_id": participant["user_id"],
                "name": participant["user_name"],
                "user_email": participant["email"],
                "join_time": zoom_time(joined),
                "leave_time": zoom_time(left),
                "duration": int((left - joined).total_seconds()),
                "status": "in_meeting",
                "registrant_id": participant.get("registrant_id", ""),
                "customer_key": "",
            }
        )
    return rows


def send(url, secret, envelopes, session=None):
    """POST each envelope signed as Zoom signs (v0 HMAC over timestamp and raw body); returns the
    HTTP status of each. Stops at the first one the service did not take (not a 2xx)."""
    session = session or requests.Session()
    statuses = []
    for envelope in envelopes:
        raw = json.dumps(envelope, ensure_ascii=False).encode()
        timestamp = str(int(time.time()))
        digest = hmac.new(secret.encode(), b"v0:" + timestamp.encode() + b":" + raw, hashlib.sha256)
        headers = {
            "Content-Type": "application/json; charset=utf-8",
            "x-zm-request-timestamp": timestamp,
            "x-zm-signature": f"v0={digest.hexdigest()}",
        }
        try:
            response = session.post(url, data=raw, headers=headers, timeout=SEND_TIMEOUT)
        except requests.RequestException as exc:
            problem = f"{envelope['event']} not delivered to {url}: {type(exc).__name__}"
            raise PlayError(problem) from exc
        statuses.append(response.status_code)
        if not response.ok:
            answer = f"{response.status_code}: {response.text[:200]}"
            raise PlayError(f"{envelope['event']} answered {answer}")
    return statuses
