"""The LOGGING dict: JSON lines (production) or plain text (a developer's terminal).

Settings import this module, so it imports nothing of the apps: the filter and formatter are
named by their dotted paths and built by `logging.config` once the apps can be imported.
"""

FORMATS = ("json", "plain")


def logging_config(*, log_format: str, level: str) -> dict:
    """The LOGGING dict for `log_format` ("json" or "plain")."""
    if log_format not in FORMATS:
        raise ValueError(f"LUNOVA_LOG_FORMAT must be one of {', '.join(FORMATS)}")
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"ids": {"()": "zoom_worker.observability.logs.IdsFilter"}},
        "formatters": {
            "json": {"()": "zoom_worker.observability.logs.LunovaJsonFormatter"},
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
