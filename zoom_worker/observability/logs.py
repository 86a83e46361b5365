"""The log filter and JSON formatter that `lunova.logging_config` names: each record carries the
ids bound for its request or task."""

import logging

from pythonjsonlogger.json import JsonFormatter

from zoom_worker.observability.context import current_ids


class IdsFilter(logging.Filter):
    """Copies the bound ids (request_id, appointment_id, meeting_id, task_id) onto each record."""

    def filter(self, record: logging.LogRecord) -> bool:
        for key, value in current_ids().items():
            setattr(record, key, value)
        return True


class LunovaJsonFormatter(JsonFormatter):
    def __init__(self):
        super().__init__(
            "{levelname}{name}{message}",
            style="{",
            rename_fields={"levelname": "level", "name": "logger"},
            timestamp="time",
        )
