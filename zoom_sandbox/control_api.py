"""The /_sandbox/ endpoints tests and benchmarks use to look inside and steer the sandbox."""

import json
import re

from . import play, recordings
from .messages import check_language
from .overlaps import host_view
from .replies import Reply
from .scenarios import parse_steps
from .scopes import parse_scopes
from .state import check_number
from .users import new_user
from .webhooks import PlayError, delivery_target, send

MEETING_DELETE = re.compile(r"/_sandbox/meetings/(\d+)/delete")
MEETING_PLAY = re.compile(r"/_sandbox/meetings/(\d+)/play")
MEETING_RECORD = re.compile(r"/_sandbox/meetings/(\d+)/record")
MEETING_RECORDINGS = re.compile(r"/_sandbox/meetings/(\d+)/recordings")
PLAY_KEYS = {"scenario", "steps", "webhook_url", "secret", "report"}
RECORD_KEYS = {"webhook_url", "secret", "minutes"}


class ControlApi:
    def __init__(self, state, faults, zoom_api, initial_faults):
        self.state = state
        self.faults = faults
        self.zoom_api = zoom_api
        self.initial_faults = initial_faults

    def handle(self, method, path, query, raw):
        try:
            body = json.loads(raw or b"{}")
            if not isinstance(body, dict):
                raise ValueError("the body must be a JSON object")
            return self._route(method, path, query, body)
        except ValueError as exc:  # bad JSON or settings, named for the caller
            return Reply(400, {"error": str(exc)})

    def _route(self, method, path, query, body):
        if (method, path) == ("GET", "/_sandbox/state"):
            return Reply(200, {**self.state.snapshot(), "pending_script": self.faults.pending()})
        if (method, path) == ("GET", "/_sandbox/hosts"):
            return Reply(200, self._hosts(query))
        if method == "GET" and (match := MEETING_RECORDINGS.fullmatch(path)):
            return Reply(200, self.state.recordings(int(match[1])))
        if method != "POST":
            return Reply(404, {"error": f"no control endpoint {method} {path}"})
        if path == "/_sandbox/reset":
            self.state.reset()
            self.faults.configure(self.initial_faults)
        elif path == "/_sandbox/faults":
            self.faults.configure(body)
        elif path == "/_sandbox/limits":
            self.state.set_limits(**body)
        elif path == "/_sandbox/revoke_tokens":
            self.state.revoke_tokens()
        elif path == "/_sandbox/daily":
            self._set_daily(body)
        elif path == "/_sandbox/scopes":
            self.state.set_scopes(parse_scopes(_only(body, "scopes")))
        elif path == "/_sandbox/language":
            self.state.set_language(check_language(_only(body, "language")))
        elif match := MEETING_RECORD.fullmatch(path):
            return self._record(int(match[1]), body)
        elif match := MEETING_PLAY.fullmatch(path):
            return self._play(int(match[1]), body)
        elif path == "/_sandbox/users":
            unknown = set(body) - {"email", "type", "status"}
            if unknown:
                raise ValueError(f"unknown user fields: {sorted(unknown)}")
            self.state.put_user(
                new_user(body.get("email"), body.get("type", 2), body.get("status", "active"))
            )
        elif match := MEETING_DELETE.fullmatch(path):
            # As if deleted in Zoom's web portal: no API request, no counters.
            if not self.state.delete_meeting(int(match[1])):
                return Reply(404, {"error": f"no live meeting {match[1]}"})
        else:
            return Reply(404, {"error": f"no control endpoint {method} {path}"})
        return Reply(204)

    def _play(self, meeting_id, body):
        """Send the script's webhooks to the service and keep the matching report."""
        unknown = set(body) - PLAY_KEYS
        if unknown:
            raise ValueError(f"unknown play settings: {sorted(unknown)}")
        name, steps = parse_steps(body)
        url, secret = delivery_target(body)
        report = body.get("report", True)
        if not isinstance(report, bool):
            raise ValueError("report must be true or false")
        meeting = self.state.meeting(meeting_id)
        if meeting is None:
            return Reply(404, {"error": f"no live meeting {meeting_id}"})
        # The report first: a service settling on meeting.ended asks for it at once.
        rows = play.report_rows(meeting, steps) if report else None
        self.state.set_report(meeting_id, rows)
        envelopes = play.webhooks_of(meeting, steps, self.zoom_api.account_id)
        reply = self._deliver(url, secret, envelopes)
        if reply.status == 200:
            reply.body.update({"scenario": name, "report": rows is not None})
        return reply

    def _record(self, meeting_id, body):
        """Make the meeting's cloud recording and, given a webhook_url, send recording.completed
        there, as Zoom does once the recording is processed."""
        unknown = set(body) - RECORD_KEYS
        if unknown:
            raise ValueError(f"unknown record settings: {sorted(unknown)}")
        target = delivery_target(body) if "webhook_url" in body else None
        minutes = body.get("minutes")
        if minutes is not None:
            check_number("minutes", minutes)
        meeting = self.state.meeting(meeting_id)
        if meeting is None:
            return Reply(404, {"error": f"no live meeting {meeting_id}"})
        recording = recordings.recording_of(meeting, self.zoom_api.account_id, minutes)
        self.state.set_recording(meeting_id, recording)
        if target is None:
            return Reply(200, {"recording": recording, "sent": []})
        reply = self._deliver(*target, [recordings.completed(recording)])
        if reply.status == 200:
            reply.body["recording"] = recording
        return reply

    def _deliver(self, url, secret, envelopes):
        try:
            statuses = send(url, secret, envelopes)
        except PlayError as exc:
            return Reply(502, {"error": str(exc)})
        pairs = zip(envelopes, statuses, strict=True)
        return Reply(200, {"sent": [{"event": e["event"], "status": s} for e, s in pairs]})

    def _hosts(self, query):
        try:
            buffer_minutes = float(query.get("buffer", ["0"])[0])
        except ValueError:
            raise ValueError("buffer must be a number of minutes >= 0") from None
        check_number("buffer", buffer_minutes)
        held = self.state.hosts()
        return {email: host_view(meetings, buffer_minutes) for email, meetings in held.items()}

    def _set_daily(self, body):
        host = self.zoom_api.host_for(str(body.get("host", "")))
        count = body.get("count")
        if host is None or isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise ValueError('expected {"host": "me" or an e-mail, "count": integer >= 0}')
        self.state.set_daily(host, count)


def _only(body, name):
    """The one setting a control call takes, or ValueError."""
    if set(body) != {name}:
        raise ValueError(f'expected {{"{name}": ...}}')
    return body[name]
