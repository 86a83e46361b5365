"""GET /healthz: 200 when the database and the broker answer, else 503 naming what is down."""

import logging

from django.db import connection
from django.http import JsonResponse

from celery_app import app

logger = logging.getLogger(__name__)


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except Exception:
        logger.warning("health: database unreachable", exc_info=True)
        return False


def _broker_ok() -> bool:
    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return True
    except Exception:
        logger.warning("health: broker unreachable", exc_info=True)
        return False


def healthz(request):
    checks = {"database": _database_ok(), "broker": _broker_ok()}
    down = [name for name, ok in checks.items() if not ok]
    body = {
        "status": "ok" if not down else "down",
        "checks": {k: "ok" if v else "down" for k, v in checks.items()},
    }
    if down:
        body["down"] = down
    return JsonResponse(body, status=503 if down else 200)
