"""Logging set-up: JSON lines (production) or plain text (a developer's terminal), each record
carrying the ids bound for its request or task.

Imported by settings, so it depends on nothing but the standard library and python-json-logger.
"""

import logging

from pythonjsonlogger.json import JsonFormatter

from zoom_worker.observability.context import current_ids

FORMATS = ("json", "plain")


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


def logging_config(*, log_format: str, level: str) -> dict:
    """The LOGGING dict for `log_format` ("json" or "plain")."""
    if log_format not in FORMATS:
        raise ValueError(f"LUNOVA_LOG_FORMAT must be one of {', '.join(FORMATS)}")
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"ids": {"()": IdsFilter}},
        "formatters": {
            "json": {"()": LunovaJsonFormatter},
            "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": log_format,
                "filters": ["ids"],
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # urllib3 logs full URLs at DEBUG; keep it quiet so nothing sensitive leaks.
            "urllib3": {"level": "WARNING"},
        },
    }
