"""The Zoom endpoints themselves (token, create, get, patch, delete, list, user, users, the
participant report, deleting recordings): from a parsed request to a Reply."""

import base64
import binascii
from datetime import UTC, datetime
from urllib.parse import parse_qs, unquote

from . import meetings, replies
from .scopes import missing_scope
from .state import CATEGORIES
from .validation import InvalidBody, parse_body

LIST_TYPES = ("scheduled", "live", "upcoming", "upcoming_meetings", "previous_meetings")
USER_STATUSES = ("active", "inactive", "pending")
MAX_PAGE_SIZE = 300
DEFAULT_PAGE_SIZE = 30
RECORDING_ACTIONS = ["trash", "delete"]


class ZoomApi:
    def __init__(self, state, *, client_id, client_secret, account_id, host_email, api_url):
        self.state = state
        self.credentials = (client_id, client_secret)
        self.account_id = account_id
        self.host_email = host_email.lower()
        self.api_url = api_url

    def handle(self, op, target, headers, query, raw):
        """Answer one call, in the account's language; `target` is the user or meeting named in
        the path."""
        return self._answer(op, target, headers, query, raw).in_language(self.state.language)

    def _answer(self, op, target, headers, query, raw):
        if op == "token":
            return self.token(headers, query, raw)
        granted = self.state.token_scopes(_bearer(headers))
        if granted is None:
            return replies.invalid_token()
        if missing := missing_scope(op, granted):
            return replies.missing_scope(missing)
        if not self.state.admit(CATEGORIES[op]):
            return replies.per_second_limited(CATEGORIES[op])
        if op == "user":
            return self.user(target)
        if op == "report":
            return self.participants_report(target, query)
        if op == "delete_recordings":
            return self.delete_recordings(target, query)
        if op == "users":
            return self.users(query)
        if op in ("create", "list"):
            host = self.host_for(target)
            if host is None:
                return replies.user_not_found(target)
            return self.create(host, raw) if op == "create" else self.list(host, query)
        meeting_id = int(target) if target.isdigit() else None
        if op == "get":
            fresh = self.state.replace_meeting(meeting_id, meetings.with_fresh_start_url)
            return replies.Reply(200, fresh) if fresh else replies.meeting_not_found(target)
        if op == "delete":
            # Deletes do not count toward the daily cap (whether Zoom counts them is not settled).
            deleted = self.state.delete_meeting(meeting_id)
            return replies.Reply(204) if deleted else replies.meeting_not_found(target)
        return self.patch(meeting_id, raw)

    def host_for(self, user):
        """The e-mail of the account's user a path's userId names (`me` is the configured owner;
        otherwise an e-mail or a user id); None if the account has no such user."""
        found = self.state.user(self.host_email if user == "me" else user)
        return found["email"] if found else None

    def user(self, user):
        found = self.state.user(self.host_email if user == "me" else user)
        return replies.Reply(200, found) if found else replies.user_not_found(user)

    def users(self, query):
        status = query.get("status", ["active"])[0]
        errors = _page_errors(query)
        if status not in USER_STATUSES:
            errors.append(
                {"field": "status", "message": f"Invalid field: enum {list(USER_STATUSES)}"}
            )
        if errors:
            return replies.validation_failed(errors)
        return replies.Reply(200, _page(query, self.state.users(status), "users"))

    def token(self, headers, query, raw):
        if _basic(headers) != self.credentials:
            return replies.invalid_client()
        # Zoom reads the form body, and query parameters too.
        params = {**query, **parse_qs(raw.decode("utf-8", "replace"))}
        if params.get("grant_type") != ["account_credentials"]:
            return replies.oauth_error(400, "unsupported_grant_type", "Unsupported grant type")
        if params.get("account_id") != [self.account_id]:
            return replies.oauth_error(400, "invalid_request", "Invalid account_id")
        token, scopes = self.state.issue_token()
        body = {
            "access_token": token,
            "token_type": "bearer",
            "expires_in": self.state.token_ttl,
            "scope": " ".join(scopes),
            "api_url": self.api_url,
        }
        return replies.Reply(200, body)

    def create(self, host, raw):
        try:
            body = parse_body(raw, "create")
        except InvalidBody as invalid:
            return replies.validation_failed(invalid.errors, invalid.key)
        if not self.state.take_daily(host):
            return replies.daily_limited(
                self.state.limits.daily_per_host, category=CATEGORIES["create"]
            )
        now = datetime.now(UTC)
        meeting = self.state.add_meeting(lambda id_: meetings.new_meeting(id_, host, body, now))
        return replies.Reply(201, meeting)

    def patch(self, meeting_id, raw):
        meeting = self.state.meeting(meeting_id)
        if meeting is None:
            return replies.meeting_not_found(meeting_id)
        try:
            body = parse_body(raw, "patch")
        except InvalidBody as invalid:
            return replies.validation_failed(invalid.errors, invalid.key)
        if "schedule_for" in body:
            # Zoom's schema takes it, but a Server-to-Server app may not move a meeting to
            # another host: it is refused, the meeting unchanged and the request not counted.
            return replies.cannot_schedule_for(body["schedule_for"])
        if not self.state.take_daily(meeting["host_email"]):
            return replies.daily_limited(
                self.state.limits.daily_per_host, category=CATEGORIES["patch"]
            )
        changed = self.state.replace_meeting(meeting_id, lambda m: meetings.patched(m, body))
        return replies.Reply(204) if changed else replies.meeting_not_found(meeting_id)

    def list(self, host, query):
        kind = query.get("type", ["scheduled"])[0]
        errors = _page_errors(query)
        if kind not in LIST_TYPES:
            errors.append({"field": "type", "message": f"Invalid field: enum {list(LIST_TYPES)}"})
        if errors:
            return replies.validation_failed(errors)
        found = sorted(_of_kind(self.state.host_meetings(host), kind), key=_start_order)
        body = _page(query, [meetings.list_item(meeting) for meeting in found], "meetings")
        return replies.Reply(200, body)

    def participants_report(self, target, query):
        """Who was in a played meeting and when; 404 code 3001 when it has no report."""
        errors = _page_errors(query)
        if errors:
            return replies.validation_failed(errors)
        # Zoom wants a uuid with a slash encoded twice: what is left encoded is decoded here.
        rows = self.state.report(unquote(target))
        if rows is None:
            return replies.meeting_not_found(target)
        return replies.Reply(200, _page(query, [dict(row) for row in rows], "participants"))

    def delete_recordings(self, target, query):
        """Trash (the default) or delete a meeting's cloud recordings; 404 code 3301 when it has
        none. The meeting is named by its id or its uuid, the way the report names it."""
        action = query.get("action", ["trash"])[0]
        if action not in RECORDING_ACTIONS:
            errors = [{"field": "action", "message": f"Invalid field: enum {RECORDING_ACTIONS}"}]
            return replies.validation_failed(errors)
        deleted = self.state.delete_recordings(unquote(target), action)
        return replies.Reply(204) if deleted else replies.no_recording()


def _page_errors(query):
    """What is wrong with a list's page_size and next_page_token (Zoom's field errors)."""
    errors = []
    size = query.get("page_size", [str(DEFAULT_PAGE_SIZE)])[0]
    if not size.isdigit() or int(size) < 1:
        errors.append({"field": "page_size", "message": "Invalid field: positive integer"})
    if _page_offset(query.get("next_page_token", [""])[0]) is None:
        errors.append({"field": "next_page_token", "message": "Invalid field: unknown token"})
    return errors


def _page(query, items, name):
    """One page of `items` under `name`, Zoom's way: page_size at most 300, next_page_token ""
    on the last page; the query passed _page_errors."""
    page_size = min(int(query.get("page_size", [str(DEFAULT_PAGE_SIZE)])[0]), MAX_PAGE_SIZE)
    offset = _page_offset(query.get("next_page_token", [""])[0])
    more = offset + page_size < len(items)
    return {
        "page_size": page_size,
        "total_records": len(items),
        "next_page_token": _page_token(offset + page_size) if more else "",
        name: items[offset : offset + page_size],
    }


def _of_kind(found, kind):
    now = datetime.now(UTC)
    if kind == "live":
        return []  # nobody ever starts a sandbox meeting
    if kind == "previous_meetings":
        return [meeting for meeting in found if meetings.has_ended(meeting, now)]
    if kind in ("upcoming", "upcoming_meetings"):
        return [meeting for meeting in found if not meetings.has_ended(meeting, now)]
    return found


def _start_order(meeting):
    return meeting["start_time"], meeting["created_at"], meeting["id"]


def _page_token(offset):
    # Opaque to clients like Zoom's; the sandbox just needs to read the offset back.
    return base64.urlsafe_b64encode(f"page:{offset}".encode()).decode()


def _page_offset(token):
    if not token:
        return 0
    try:
        prefix, _, offset = base64.urlsafe_b64decode(token).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return None
    return int(offset) if prefix == "page" and offset.isdigit() else None


def _bearer(headers):
    scheme, _, token = headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def _basic(headers):
    scheme, _, encoded = headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        client_id, _, secret = base64.b64decode(encoded.strip()).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return None
    return client_id, secret
