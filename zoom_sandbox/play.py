"""A meeting's life, played: the webhooks Zoom would send for a script of steps (scenarios.py) and
the participant report it would then serve, with times relative to the meeting's start_time
(nobody waits for them).

Bodies are shaped as real ones: each stay of a participant in a room is a session with its own
user_id (a rejoin or a move to or from a breakout room starts a new one, and the matching `left`
carries the `joined`'s), guests' ids and e-mail are empty strings, and IP addresses and leave
reasons come along. The participants carry names, an e-mail and IP addresses, as Zoom's do, so a
service which must not keep them has something to be caught keeping.
"""

import uuid
from datetime import timedelta

from .meetings import parse_zoom_time, zoom_time
from .scenarios import PARTICIPANT_STEPS, SCENARIOS
from .webhooks import envelope

# Realistic Turkish personal data: what Zoom hands over and the service must drop. The host is
# signed in to the account (its id and e-mail come along); the client joins as a guest.
HOST = {
    "user_name": "Elif Nur Karaca",
    "email": "elif.karaca@uzmanlar.com.tr",
    "registrant_id": "",
    "public_ip": "88.241.17.203",
    "private_ip": "192.168.1.34",
}
GUEST = {
    "user_name": "Mehmet Çağlar Öztürk",
    "registrant_id": "Kq3vZ9xTQeOa8pW2b1c4dA",
    "public_ip": "176.88.42.15",
    "private_ip": "10.0.0.23",
}
# Zoom numbers sessions in steps like these; the first two are the host's and the guest's.
FIRST_USER_ID, USER_ID_STEP = 16778240, 1024
OBJECT_FIELDS = ("uuid", "id", "type", "topic", "host_id", "duration", "start_time", "timezone")
# What a closing participant event gives as leave_reason, by the step that closed the session.
LEAVE_REASONS = {
    "left": "{name} left the meeting. Reason : {reason}",
    "to_breakout": "{name} left the meeting to join breakout room.",
    "from_breakout": "{name} left the breakout room to join the main meeting.",
    "put_in_waiting_room": "{name} left the meeting. Reason : put in the waiting room by the host",
}
# The report lists stays in the meeting and in its waiting room, not in breakout rooms.
REPORT_STATUS = {"main": "in_meeting", "waiting": "in_waiting_room"}


def webhooks_of(meeting, steps, account_id="sandbox-account"):
    """The envelopes Zoom sends for `steps`, in the order they are listed."""
    timeline = _Timeline(meeting, steps)
    return [body for index in range(len(steps)) for body in timeline.bodies(index, account_id)]


def webhooks(meeting, scenario, account_id="sandbox-account"):
    """The envelopes of a named scenario."""
    return webhooks_of(meeting, SCENARIOS[scenario], account_id)


def report_rows(meeting, scenario):
    """Zoom's participant report for a named scenario or a list of steps."""
    steps = SCENARIOS[scenario] if isinstance(scenario, str) else scenario
    return _Timeline(meeting, steps).report


class _Timeline:
    """The steps read in time order (a tie in the order listed): who was in which room, under
    which user_id, from when to when."""

    def __init__(self, meeting, steps):
        self.meeting = meeting
        self.steps = steps
        self.start = parse_zoom_time(meeting["start_time"])
        in_time_order = sorted(range(len(steps)), key=lambda index: steps[index]["at"])
        started = [steps[i]["at"] for i in in_time_order if steps[i]["event"] == "started"]
        ended = [steps[i]["at"] for i in in_time_order if steps[i]["event"] == "ended"]
        self.started_at = self.at(started[0]) if started else self.start
        self.ended_at = self.at(ended[0]) if ended else None
        self.sessions = {}  # step index -> [user_id per webhook of the step]
        self.report = []
        self._number = 0
        opened = {}  # (who, room) -> (user_id, since)
        for index in in_time_order:
            self.sessions[index] = self._replay(steps[index], opened)
        last = self.ended_at or self.at(max(step["at"] for step in steps))
        for (who, room), (user_id, since) in opened.items():  # still there when it ended
            self._report(who, room, user_id, since, last)
        self.report.sort(key=lambda row: (row["join_time"], row["user_id"]))

    def at(self, minutes):
        return self.start + timedelta(minutes=minutes)

    def _replay(self, step, opened):
        """The user_id of each webhook of `step`, keeping `opened` and the report up to date."""
        user_ids = []
        for _event, room, action in PARTICIPANT_STEPS.get(step["event"], ()):
            key, now = (step["who"], room), self.at(step["at"])
            if action == "open":
                if key in opened:  # joined again without a left: the first stay ends here
                    self._report(*key, *opened[key], now)
                opened[key] = (self._new_user_id(), now)
                user_ids.append(opened[key][0])
            elif key in opened:
                user_ids.append(opened[key][0])
                if action == "close":
                    self._report(*key, *opened.pop(key), now)
            else:  # a leave whose join was never scripted (as when Zoom's is lost)
                user_ids.append(self._new_user_id())
        return user_ids

    def _new_user_id(self):
        self._number += 1
        return str(FIRST_USER_ID + USER_ID_STEP * (self._number - 1))

    def _report(self, who, room, user_id, since, until):
        if room not in REPORT_STATUS:
            return
        participant = self.participant(who, user_id)
        self.report.append(
            {
                "id": participant["id"],
                "user_id": user_id,
                "name": participant["user_name"],
                "user_email": participant["email"],
                "join_time": zoom_time(since),
                "leave_time": zoom_time(until),
                "duration": int((until - since).total_seconds()),
                "status": REPORT_STATUS[room],
                "registrant_id": participant["registrant_id"],
                "customer_key": "",
            }
        )

    def participant(self, who, user_id, **times):
        """Zoom's participant object; `times` (join_time, leave_time or date_time) goes where
        Zoom puts it."""
        person = HOST if who == "host" else GUEST
        # A signed-in host is known by the host's user id; a guest by nothing but user_id.
        signed_in = self.meeting["host_id"] if who == "host" else ""
        return {
            "user_id": user_id,
            "user_name": person["user_name"],
            "id": signed_in,
            "participant_uuid": _participant_uuid(self.meeting, who),
            **times,
            "email": person.get("email", ""),
            "registrant_id": person["registrant_id"],
            "participant_user_id": signed_in,
            "customer_key": "",
            "phone_number": "",
            "public_ip": person["public_ip"],
            "private_ip": person["private_ip"],
        }

    def bodies(self, index, account_id):
        step = self.steps[index]
        now = self.at(step["at"])
        obj = {key: self.meeting[key] for key in OBJECT_FIELDS}
        obj["start_time"] = zoom_time(self.started_at)
        if step["event"] == "started":
            return [envelope("meeting.started", now, account_id, obj)]
        if step["event"] == "ended":
            obj["end_time"] = zoom_time(now)
            return [envelope("meeting.ended", now, account_id, obj)]
        sent = zip(PARTICIPANT_STEPS[step["event"]], self.sessions[index], strict=True)
        return [
            envelope(event, now, account_id, self._object(obj, step, room, action, who_id))
            for (event, room, action), who_id in sent
        ]

    def _object(self, obj, step, room, action, user_id):
        """The meeting object of a participant event, the participant second as in Zoom's."""
        now = zoom_time(self.at(step["at"]))
        if room == "waiting":
            times = {"date_time": now}
        else:
            times = {"join_time" if action == "open" else "leave_time": now}
        participant = self.participant(step["who"], user_id, **times)
        if action == "close" and room != "waiting":
            participant["leave_reason"] = self._leave_reason(step, participant["user_name"])
        fields = {"participant": participant}
        if room == "breakout":
            fields["breakout_room_uuid"] = _breakout_room(self.meeting)
        return {"uuid": obj["uuid"], **fields, **{k: v for k, v in obj.items() if k != "uuid"}}

    def _leave_reason(self, step, name):
        ending = self.ended_at is not None and self.at(step["at"]) >= self.ended_at
        reason = step.get("reason") or ("Host ended the meeting" if ending else "left the meeting")
        return LEAVE_REASONS[step["event"]].format(name=name, reason=reason)


def _participant_uuid(meeting, who):
    # The same device keeps its GUID across a quick rejoin; Zoom writes it in upper case.
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{meeting['uuid']}/{who}")).upper()


def _breakout_room(meeting):
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{meeting['uuid']}/breakout")).upper()
