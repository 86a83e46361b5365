"""SandboxControl: the tests' and benchmarks' handle on a running sandbox's /_sandbox/ endpoints."""

import requests


class SandboxControl:
    def __init__(self, base_url, timeout=5):
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.session = requests.Session()

    def reset(self):
        """Forget meetings, recordings, counters and daily counts; limits, faults, scopes,
        language and the account's users (the owner and the default roster) go back to the
        start."""
        self._post("reset")

    def set_faults(self, **config):
        """Replace the fault set-up: latency_ms, error_rate, drop_rate, lose_create_rate,
        rate_429, seed and script ([{"op": ..., "fault": ...}, ...]; "timeout" answers `seconds`
        after the work, "slow" does the work `seconds` late, then answers; "daily_cap_bare" is
        the daily 429 with its category header alone)."""
        self._post("faults", config)

    def set_limits(self, **limits):
        """Change some of medium_per_second, light_per_second, daily_per_host (0 = no limit)."""
        self._post("limits", limits)

    def state(self):
        """{"meetings": [... with "deleted"], "counters": {...}, "limits": {...},
        "pending_script": [...]}."""
        return self._call("GET", "state").json()

    def meetings(self, include_deleted=False):
        meetings = self.state()["meetings"]
        return meetings if include_deleted else [m for m in meetings if not m["deleted"]]

    def revoke_tokens(self):
        """Make every token issued so far invalid: the next API call gets 401 with code 124."""
        self._post("revoke_tokens")

    def delete_outside(self, meeting_id):
        """Delete a meeting as someone in Zoom's web portal would: no API request is counted."""
        self._post(f"meetings/{meeting_id}/delete")

    def play(self, meeting_id, scenario, webhook_url, secret, report=True):
        """Play a meeting's life: send the signed webhooks of `scenario` to `webhook_url`, and
        serve the matching participant report (report=False: none, a 404). `scenario` is the
        name of one of scenarios.SCENARIOS ("held", "host_only", "guest_only", "nobody",
        "rejoin_out_of_order", "left_after_ended", "breakout", "waiting_room", "host_late") or
        a list of steps ({"at": minutes from the start, "event", "who", "reason"}), delivered
        in the order listed. Returns {"scenario", "sent": [{"event", "status"}], "report"}."""
        script = {"steps": scenario} if isinstance(scenario, list) else {"scenario": scenario}
        body = {**script, "webhook_url": webhook_url, "secret": secret, "report": report}
        return self._call("POST", f"meetings/{meeting_id}/play", json=body).json()

    def record(self, meeting_id, webhook_url=None, secret=None, minutes=None):
        """Make the meeting's cloud recording ({"recording", "sent"}); with a webhook_url, send
        it the signed recording.completed. `minutes`: its length (the meeting's duration)."""
        body = {"webhook_url": webhook_url, "secret": secret, "minutes": minutes}
        body = {name: value for name, value in body.items() if value is not None}
        return self._call("POST", f"meetings/{meeting_id}/record", json=body).json()

    def recordings(self, meeting_id):
        """{"recording": the meeting's recording or None, "trashed": whether it is in the
        trash}: what the API's DELETE .../recordings left."""
        return self._call("GET", f"meetings/{meeting_id}/recordings").json()

    def set_scopes(self, scopes):
        """The scopes tokens issued from now on hold (a space-separated string or a list);
        tokens issued before keep theirs, as Zoom's do (revoke_tokens to end them)."""
        self._post("scopes", {"scopes": scopes})

    def set_language(self, language):
        """The language of Zoom's error messages from now on: "en", "tr" or "fr"."""
        self._post("language", {"language": language})

    def set_daily(self, host, count):
        """Preset today's create/update count for a host ("me" or an e-mail address)."""
        self._post("daily", {"host": host, "count": count})

    def add_user(self, email, type=2, status="active"):
        """Add a user to the account, or replace the one with that e-mail: type 1 Basic or
        2 Licensed, status "active" or "inactive". Gone again at the next reset."""
        self._post("users", {"email": email, "type": type, "status": status})

    def hosts(self, buffer_minutes=0):
        """Per host e-mail (every user of the account): {"meetings": [{"id", "start_time",
        "duration"}] (live ones), "max_overlap": the most whose [start, start + duration +
        buffer) overlap at one instant, "overlapping": [[id, id], ...] the pairs that overlap}."""
        return self._call("GET", "hosts", params={"buffer": buffer_minutes}).json()

    def _post(self, path, body=None):
        self._call("POST", path, json=body or {})

    def _call(self, method, path, **kwargs):
        url = f"{self.base_url}/_sandbox/{path}"
        response = self.session.request(method, url, timeout=self.timeout, **kwargs)
        if not response.ok:  # the sandbox says what was wrong with the request: pass it on
            raise requests.HTTPError(f"{response.status_code} {response.text}", response=response)
        return response
