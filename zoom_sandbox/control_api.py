"""The /_sandbox/ endpoints tests and benchmarks use to look inside and steer the sandbox."""

import json
import re

from . import play
from .replies import Reply

MEETING_DELETE = re.compile(r"/_sandbox/meetings/(\d+)/delete")
MEETING_PLAY = re.compile(r"/_sandbox/meetings/(\d+)/play")


class ControlApi:
    def __init__(self, state, faults, zoom_api, initial_faults):
        self.state = state
        self.faults = faults
        self.zoom_api = zoom_api
        self.initial_faults = initial_faults

    def handle(self, method, path, raw):
        try:
            body = json.loads(raw or b"{}")
            if not isinstance(body, dict):
                raise ValueError("the body must be a JSON object")
            return self._route(method, path, body)
        except ValueError as exc:  # bad JSON or settings, named for the caller
            return Reply(400, {"error": str(exc)})

    def _route(self, method, path, body):
        if (method, path) == ("GET", "/_sandbox/state"):
            return Reply(200, {**self.state.snapshot(), "pending_script": self.faults.pending()})
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

    def _set_daily(self, body):
        host = self.zoom_api.host_for(str(body.get("host", "")))
        count = body.get("count")
        if host is None or isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise ValueError('expected {"host": "me" or an e-mail, "count": integer >= 0}')
        self.state.set_daily(host, count)
