"""An operator's command prints its result lines and nothing else: while it runs, the log lines
on the terminal (the LOGGING handlers writing to a stream) are held back below ERROR, so Zoom's
per-call INFO lines and a refusal's WARNING do not crowd the one line that says what happened.
`-v 2` shows them all. Handlers of any other kind an installation adds still get every record.

Settings import nothing of the apps, so this lives beside the LOGGING dict, not in an app.
"""

import logging
from contextlib import contextmanager

from django.core.management.base import BaseCommand


class _BelowError(logging.Filter):
    def filter(self, record):
        return record.levelno >= logging.ERROR


def _terminal_handlers():
    return [
        handler
        for handler in logging.getLogger().handlers
        if type(handler) is logging.StreamHandler  # not FileHandler, its subclass
    ]


@contextmanager
def result_lines_only():
    """Terminal log lines below ERROR held back for the block."""
    held = _BelowError()
    handlers = _terminal_handlers()
    for handler in handlers:
        handler.addFilter(held)
    try:
        yield
    finally:
        for handler in handlers:
            handler.removeFilter(held)


class ResultCommand(BaseCommand):
    """A command an operator runs for its result lines; `-v 2` adds the log lines."""

    def execute(self, *args, **options):
        if options.get("verbosity", 1) > 1:
            return super().execute(*args, **options)
        with result_lines_only():
            return super().execute(*args, **options)
