"""Refusals a service raises that the API turns into an answer: the service says what went
wrong and its stable machine-readable code; the API only maps the kind to an HTTP status."""


class Conflict(Exception):
    """The current state refuses the request (a 409): `code` tells a program which refusal."""

    def __init__(self, message: str, *, code: str, **details):
        super().__init__(message)
        self.code = code
        # More for a program to act on (a series' conflicting start times), sent as they are.
        self.details = details


class Unavailable(Exception):
    """Something outside the service could not be reached in time (a 503); worth a retry."""
