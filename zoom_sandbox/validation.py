"""Request bodies checked as Zoom checks them: its published schemas, then the newer rules Zoom
applies."""

import copy
import json
import re
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from jsonschema import Draft4Validator

SCHEMAS = json.loads(Path(__file__).with_name("schemas.json").read_text(encoding="utf-8"))

# Zoom limits a topic to 200 characters, a rule newer than its OpenAPI file (which has none).
NEWER_RULES = {
    "topic": {"maxLength": 200},
    "password": {"maxLength": 10, "pattern": "^[A-Za-z0-9@_*-]*$"},
    "agenda": {"maxLength": 2000},
}
# Only the two forms Zoom documents: with Z it is UTC, without it a wall-clock time in `timezone`.
START_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z?")


class InvalidBody(Exception):
    """A body Zoom refuses: `key` names its message (replies.py), `errors` the fields."""

    def __init__(self, key, errors):
        super().__init__(key)
        self.key = key
        self.errors = errors


def _validator(name):
    schema = copy.deepcopy(SCHEMAS["requests"][name])
    for field, rules in NEWER_RULES.items():
        schema["properties"][field].update(rules)
    # OpenAPI 3.0 schema objects are JSON Schema draft 4/5 with extra keywords, which are ignored.
    return Draft4Validator(schema)


VALIDATORS = {"create": _validator("meetingCreate"), "patch": _validator("meetingUpdate")}


def parse_body(raw, op):
    """The JSON object of a create or patch request; InvalidBody (Zoom's code 300) otherwise."""
    try:
        body = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise InvalidBody("invalid_json", [{"field": "", "message": str(exc)}]) from exc
    errors = [
        {"field": ".".join(str(part) for part in error.absolute_path), "message": _message(error)}
        for error in VALIDATORS[op].iter_errors(body)
    ]
    if isinstance(body, dict):
        errors += _time_errors(body)
    if errors:
        raise InvalidBody("validation_failed", sorted(errors, key=lambda error: error["field"]))
    return body


def _message(error):
    # Not jsonschema's own message: it quotes the whole value, 2,000 characters of agenda included.
    return f"Invalid field: {error.validator} {error.validator_value}"


def _time_errors(body):
    errors = []
    start_time, timezone = body.get("start_time"), body.get("timezone")
    if isinstance(start_time, str) and _wall_clock(start_time) is None:
        errors.append(
            {"field": "start_time", "message": "Invalid field: use yyyy-MM-ddTHH:mm:ss[Z]"}
        )
    if isinstance(timezone, str) and zone(timezone) is None:
        errors.append(
            {"field": "timezone", "message": f"Invalid field: unknown time zone {timezone}"}
        )
    return errors


def _wall_clock(value):
    if not START_TIME.fullmatch(value):
        return None
    try:
        return datetime.strptime(value.removesuffix("Z"), "%Y-%m-%dT%H:%M:%S")
    except ValueError:
        return None


def zone(name):
    """The IANA time zone called `name`, or None."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def to_utc(start_time, timezone):
    """A validated start_time as an aware UTC datetime: Z means UTC, else wall-clock in timezone."""
    wall_clock = _wall_clock(start_time)
    if start_time.endswith("Z"):
        return wall_clock.replace(tzinfo=UTC)
    return wall_clock.replace(tzinfo=zone(timezone)).astimezone(UTC)
