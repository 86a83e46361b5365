"""Which of a host's meetings overlap in time: what proves a host was never double-booked."""

from datetime import timedelta

from .meetings import parse_zoom_time


def host_view(meetings, buffer_minutes):
    """A host's live meetings, the most of them running at one instant, and the pairs that
    overlap; each meeting holds [start, start + duration + buffer)."""
    spans = sorted((_span(meeting, buffer_minutes), meeting["id"]) for meeting in meetings)
    # A meeting of no length (0 minutes, no buffer) holds no instant, so it overlaps nothing.
    spans = [(span, meeting_id) for span, meeting_id in spans if span[0] < span[1]]
    overlapping = [
        [first_id, second_id]
        for index, ((_, first_end), first_id) in enumerate(spans)
        for (second_start, _), second_id in spans[index + 1 :]
        if second_start < first_end  # sorted by start: the second starts no sooner
    ]
    return {
        "meetings": [
            {
                "id": meeting["id"],
                "start_time": meeting["start_time"],
                "duration": meeting["duration"],
            }
            for meeting in sorted(
                meetings, key=lambda meeting: (meeting["start_time"], meeting["id"])
            )
        ],
        "max_overlap": _max_overlap(span for span, _ in spans),
        "overlapping": overlapping,
    }


def _span(meeting, buffer_minutes):
    start = parse_zoom_time(meeting["start_time"])
    return start, start + timedelta(minutes=meeting["duration"] + buffer_minutes)


def _max_overlap(spans):
    # Half-open intervals: at one instant an end is counted before a start (False sorts first).
    edges = sorted(edge for start, end in spans for edge in ((start, True), (end, False)))
    running = most = 0
    for _, starts in edges:
        running += 1 if starts else -1
        most = max(most, running)
    return most
