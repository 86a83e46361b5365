"""Faults on demand: a script of forced outcomes first, then random ones from a seedable RNG."""

import random
import threading
from dataclasses import dataclass, replace
from xml.sax.saxutils import escape

from . import replies
from .state import CATEGORIES, OPS, check_number

ERROR_STATUSES = ("500", "502", "503", "504")
# Faults that answer instead of the real work ...
# `daily_cap_bare` is the daily 429 as Zoom sometimes sends it: its category, nothing else.
ANSWERING = {*ERROR_STATUSES, "429", "daily_cap", "daily_cap_bare", "400", "401", "404"}
# ... and faults that do the real work but deliver its answer late or never. `slow` does the work
# only after its seconds (a client that gave up and looks meanwhile finds nothing yet).
DELIVERING = {"drop", "lose_answer", "timeout", "slow"}
BODIES = ("json", "empty", "xml")  # Zoom's 4xx may come as XML or with no body
# Random faults share one roll, in this order, so each rate is exactly its share of requests.
RATES = ("drop_rate", "error_rate", "rate_429", "lose_create_rate")
CONFIG_KEYS = {"latency_ms", "seed", "script", *RATES}
# The participant report (a played meeting's) can be scripted to fail too.
SCRIPT_OPS = (*OPS, "report", "any")
ENTRY_KEYS = {"op", "fault", "retry_after", "seconds", "body"}


@dataclass(frozen=True)
class Fault:
    kind: str
    retry_after: str | None = None
    seconds: float = 0
    body: str = "json"

    def reply(self, op, target, daily_cap, language="en"):
        """The answer given instead of the real one, its message in `language`; None for the
        delivering kinds."""
        if self.kind in DELIVERING:
            return None
        reply = self._answer(op, target, daily_cap).in_language(language)
        if self.body == "empty":
            return replace(reply, body=None)
        if self.body == "xml":
            fields = "".join(f"<{k}>{escape(str(v))}</{k}>" for k, v in reply.body.items())
            xml = f'<?xml version="1.0" encoding="UTF-8"?><error>{fields}</error>'
            return replace(reply, body=xml.encode(), content_type="application/xml")
        return reply

    def _answer(self, op, target, daily_cap):
        token = op == "token"
        if self.kind in ERROR_STATUSES:
            return replies.zoom_error(int(self.kind), int(self.kind), "server_error")
        if self.kind == "429":
            return replies.per_second_limited(CATEGORIES.get(op), self.retry_after)
        if self.kind in ("daily_cap", "daily_cap_bare"):
            bare = self.kind == "daily_cap_bare"
            return replies.daily_limited(daily_cap, self.retry_after, CATEGORIES.get(op), bare)
        if self.kind == "401":
            return replies.invalid_client() if token else replies.invalid_token()
        if self.kind == "400":
            if token:
                return replies.oauth_error(400, "invalid_request", "Invalid request.")
            errors = [{"field": "", "message": "Invalid field (injected)."}]
            return replies.validation_failed(errors)
        if op == "delete_recordings":
            return replies.no_recording()
        if op in ("get", "patch", "delete", "report"):
            return replies.meeting_not_found(target)
        return replies.user_not_found(target)


class Faults:
    def __init__(self, config):
        self._lock = threading.Lock()
        self.configure(config)

    def configure(self, config):
        """Replace the whole fault set-up; ValueError names what is wrong with `config`."""
        unknown = set(config) - CONFIG_KEYS
        if unknown:
            raise ValueError(f"unknown fault settings: {sorted(unknown)}")
        rates = {name: check_number(name, config.get(name, 0), 1) for name in RATES}
        if sum(rates.values()) > 1:
            raise ValueError("the fault rates add up to more than 1")
        latency_ms = check_number("latency_ms", config.get("latency_ms", 0))
        if not isinstance(config.get("script", []), list):
            raise ValueError("script must be a list")
        script = [(entry, _fault(entry)) for entry in config.get("script", [])]
        seed = config.get("seed")
        if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int | str)):
            raise ValueError("seed must be an integer or a string")
        with self._lock:
            self.latency_ms = latency_ms
            self._rates = rates
            self._script = script
            self._rng = random.Random(seed)  # noqa: S311 - reproducible, not secret

    def draw(self, op):
        """The fault for this request: the first script entry for its op, else a random one."""
        with self._lock:
            for index, (entry, fault) in enumerate(self._script):
                if entry["op"] in (op, "any"):
                    del self._script[index]
                    return fault
            roll = self._rng.random()
            for name in RATES:
                rate = 0 if name == "lose_create_rate" and op != "create" else self._rates[name]
                if roll < rate:
                    return self._random_fault(name)
                roll -= rate
            return None

    def pending(self):
        with self._lock:
            return [dict(entry) for entry, _ in self._script]

    def _random_fault(self, name):
        if name == "drop_rate":
            return Fault("drop")
        if name == "error_rate":
            status = self._rng.choice(("500", "502", "503"))
            return Fault(status, body=self._rng.choice(("json", "empty")))
        if name == "rate_429":
            return Fault("429", retry_after=self._rng.choice(("1", None)))
        return Fault("lose_answer")


def _fault(entry):
    if not isinstance(entry, dict) or not set(entry) <= ENTRY_KEYS:
        raise ValueError(f"a script entry is an object with keys among {sorted(ENTRY_KEYS)}")
    if entry.get("op") not in SCRIPT_OPS:
        raise ValueError(f"script op must be one of {list(SCRIPT_OPS)}: {entry}")
    if entry.get("fault") not in ANSWERING | DELIVERING:
        raise ValueError(f"script fault must be one of {sorted(ANSWERING | DELIVERING)}: {entry}")
    if entry.get("body", "json") not in BODIES:
        raise ValueError(f"script body must be one of {list(BODIES)}: {entry}")
    if entry["fault"] in ("timeout", "slow") and not entry.get("seconds"):
        raise ValueError(f"a {entry['fault']} needs its seconds: {entry}")
    retry_after = entry.get("retry_after")
    return Fault(
        entry["fault"],
        retry_after=None if retry_after is None else str(retry_after),
        seconds=check_number("seconds", entry.get("seconds", 0)),
        body=entry.get("body", "json"),
    )
