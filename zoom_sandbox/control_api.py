"""The /_sandbox/ endpoints tests and benchmarks use to look inside and steer the sandbox."""

import json
import re

from . import play
from .overlaps import host_view
from .replies import Reply
from .state import check_number
from .users import new_user

MEETING_DELETE = re.compile(r"/_sandbox/meetings/(\d+)/delete")
MEETING_PLAY = re.compile(r"/_sandbox/meetings/(\d+)/play")


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
        """Send the scenario's webhooks to the service and keep the matching report."""
        scenario, url, secret, report = play.parse_play(body)
        meeting = self.state.meeting(meeting_id)
        if meeting is None:
            return Reply(404, {"error": f"no live meeting {meeting_id}"})
        # The report first: a service settling on meeting.ended asks for it at once.
        rows = play.report_rows(meeting, scenario) if report else None
        self.state.set_report(meeting_id, rows)
        envelopes = play.webhooks(meeting, scenario)
        try:
            statuses = play.send(url, secret, envelopes)
        except play.PlayError as exc:
            return Reply(502, {"error": str(exc)})
        pairs = zip(envelopes, statuses, strict=True)
        sent = [{"event": envelope["event"], "status": status} for envelope, status in pairs]
        return Reply(200, {"scenario": scenario, "sent": sent, "report": rows is not None})

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
