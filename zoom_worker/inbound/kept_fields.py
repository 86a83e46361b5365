"""What of a Zoom webhook is stored: an allow-list of the fields the handlers read, per event.

Zoom's bodies carry more than its documentation lists, and real ones hold personal data in
places no deny-list foresees (a participant's name inside `leave_reason`, IP addresses, e-mails,
chat text of events this service never asked for). So a body is rebuilt from the fields named
here and nothing else: for a handled event the ids, times, operator, the changed meeting fields,
and the participant's per-session key, with their Zoom user id kept only when it is the host's
(that is how the host is told apart); for any other event only its name and time.
"""

# The meeting fields a handler reads from `object` (and `old_object`) of a handled event.
_MEETING_FIELDS = frozenset(
    {"id", "uuid", "host_id", "topic", "start_time", "end_time", "duration", "timezone"}
)
# The participant fields read: the per-session key (user_id, else participant_uuid), the host
# check (`id`, kept only when it is the host's) and the instant of a join, leave or wait.
_PARTICIPANT_FIELDS = frozenset(
    {"user_id", "participant_uuid", "id", "join_time", "leave_time", "date_time"}
)
_PAYLOAD_FIELDS = frozenset({"account_id", "operator", "operator_id"})
# The events the handlers act on (their table must name exactly these; a test holds them equal).
HANDLED_EVENTS = frozenset(
    {
        "meeting.participant_joined",
        "meeting.participant_left",
        "meeting.deleted",
        "meeting.started",
        "meeting.ended",
        "meeting.updated",
        "recording.completed",
        # Live presence's: who enters and leaves the waiting room, and when (`date_time`).
        "meeting.participant_joined_waiting_room",
        "meeting.participant_put_in_waiting_room",
        "meeting.participant_admitted",
        "meeting.participant_left_waiting_room",
    }
)
# A recording's object is the meeting with the recording's links, passcodes and files, and its
# download token sits beside the payload: only the meeting's identity and time are read.
_OBJECT_FIELDS = {
    "recording.completed": frozenset({"id", "uuid", "host_id", "start_time", "duration"}),
}


def name_and_time(*, event: str, envelope: dict) -> dict:
    """What is kept of an event the service does not act on (or no longer needs)."""
    return {"event": event, "event_ts": envelope.get("event_ts")}


def kept_envelope(*, event: str, envelope: dict) -> dict:
    """The envelope as it may be stored: only what the service reads (see the module's note)."""
    kept = name_and_time(event=event, envelope=envelope)
    if event not in HANDLED_EVENTS:
        return kept
    payload = envelope.get("payload")
    if not isinstance(payload, dict):
        return kept
    stored = {key: payload[key] for key in _PAYLOAD_FIELDS if key in payload}
    for name in ("object", "old_object"):
        obj = payload.get(name)
        if isinstance(obj, dict):
            stored[name] = _kept_object(obj, _OBJECT_FIELDS.get(event, _MEETING_FIELDS))
    kept["payload"] = stored
    return kept


def _kept_object(obj: dict, fields: frozenset[str]) -> dict:
    kept = {key: obj[key] for key in fields if key in obj}
    participant = obj.get("participant")
    if isinstance(participant, dict):
        kept["participant"] = _kept_participant(participant, host_id=obj.get("host_id"))
    return kept


def _kept_participant(participant: dict, *, host_id) -> dict:
    kept = {key: participant[key] for key in _PARTICIPANT_FIELDS if key in participant}
    # A signed-in guest's Zoom user id says who they are; only the host's is needed.
    if "id" in kept and (not host_id or str(kept["id"]) != str(host_id)):
        kept["id"] = ""
    return kept
