"""Settings for Werkstressweek, read from the environment.

Every value has a safe default for local use: with no environment at all the app runs on a
SQLite file in the project folder and an embedded Celery broker on the file system.
Production sets DATABASE_URL, REDIS_URL, SECRET_KEY, DEBUG=false and ALLOWED_HOSTS.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    """Return an environment variable; `NAME_FILE` (a path to a secret) wins over `NAME`."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        return Path(path).read_text().strip()
    return os.environ.get(name, default)


def envbool(name: str, default: str) -> bool:
    return env(name, default).strip().lower() in ("1", "true", "yes", "on")


def envint(name: str, default: str) -> int:
    return int(env(name, default))


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", "false")
SECRET_KEY = env("SECRET_KEY", "django-insecure-local-development-key-change-me")
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "csp",
    "axes",
    "import_export",
    "werkstressweek",
    "werkstressweek.accounts",
    "werkstressweek.notify",
    "werkstressweek.documents",
    "werkstressweek.audit",
    "werkstressweek.retention",
    "campaigns",
    "measurements",
    "actions",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "werkstressweek.middleware.RejectControlCharactersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "werkstressweek.accounts.middleware.UserLanguageMiddleware",
    "werkstressweek.middleware.QueryLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    "werkstressweek.accounts.middleware.OrganisationMiddleware",
    # Axes must come last: it answers a locked-out login attempt itself.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "werkstressweek.urls"
WSGI_APPLICATION = "werkstressweek.wsgi.application"
ASGI_APPLICATION = "werkstressweek.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "werkstressweek.accounts.context_processors.organisation",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------------------------
# SQLite is the embedded default. WAL lets readers and one writer work at once, and IMMEDIATE
# transactions take the write lock up front so concurrent writers wait (busy_timeout) instead of
# failing with "database is locked" halfway through a transaction.
DATABASE_URL = env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
else:
    # A new PostgreSQL connection per request costs a factor of five in throughput.
    DATABASES["default"]["CONN_MAX_AGE"] = envint("CONN_MAX_AGE", "60")
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # Prepared statements: planning the answer page's lookup costs more than running it, so each
    # connection prepares a query the second time it runs it (psycopg server-side binding plus
    # prepare_threshold; Django's default None never prepares, and binding alone is slower).
    # Behind PgBouncer in transaction mode this needs PgBouncer >= 1.21 with max_prepared_statements
    # set; behind any other pooler that does not track prepared statements, set
    # DB_PREPARED_STATEMENTS=false (README, "Connection poolers").
    if envbool("DB_PREPARED_STATEMENTS", "true"):
        DATABASES["default"].setdefault("OPTIONS", {}).update(
            server_side_binding=True, prepare_threshold=envint("DB_PREPARE_THRESHOLD", "2")
        )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Covering indexes (INCLUDE) serve PostgreSQL; SQLite simply builds the index without them.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

# --- Accounts -----------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
INVITATION_VALID_DAYS = envint("INVITATION_VALID_DAYS", "14")
# Password-reset requests per hour, per address (whether or not it has an account, so the limit
# reveals nothing) and per client address.
PASSWORD_RESET_PER_ADDRESS = envint("PASSWORD_RESET_PER_ADDRESS", "3")
PASSWORD_RESET_PER_CLIENT = envint("PASSWORD_RESET_PER_CLIENT", "10")

# Failed logins are throttled per combination of account and IP address. The account is the e-mail
# address trimmed and in lower case, so every way of typing it shares one counter.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", "5")
AXES_COOLOFF_MINUTES = envint("AXES_COOLOFF_MINUTES", "15")
AXES_COOLOFF_TIME = AXES_COOLOFF_MINUTES / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "werkstressweek.accounts.auth.axes_username"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_CALLABLE = "werkstressweek.accounts.views.lockout"
# The client address (login throttle and the pulse guessing limit alike) comes from django-ipware.
# PROXY_COUNT reverse proxies in front each append the address they received from to
# X-Forwarded-For, so the client is the PROXY_COUNT-th entry from the right; anything further left
# was sent by the client and is not trusted. (ipware counts the proxies listed before our own last
# one, hence the -1.) Without proxies only REMOTE_ADDR counts and X-Forwarded-For is ignored.
PROXY_COUNT = max(envint("PROXY_COUNT", "0"), 0)
if PROXY_COUNT:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    AXES_IPWARE_PROXY_COUNT = PROXY_COUNT - 1
    IPWARE_STRICT = False
else:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("REMOTE_ADDR",)
    AXES_IPWARE_PROXY_COUNT = None

# --- Internationalisation -------------------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Exported PDF reports go through Django's storage API. Default: files on disk under
# MEDIA_ROOT/reports/ (never served directly; only the download view hands them out). For an
# S3-compatible store install django-storages and set, for example,
# REPORTS_STORAGE_BACKEND=storages.backends.s3.S3Storage and
# REPORTS_STORAGE_OPTIONS='{"bucket_name": "werkstressweek-reports", "endpoint_url": "https://…"}'.
STORAGES["reports"] = {
    "BACKEND": env("REPORTS_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage"),
    "OPTIONS": json.loads(env("REPORTS_STORAGE_OPTIONS", "{}")),
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- E-mail ---------------------------------------------------------------------------------------
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", "25")
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "false")
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Werkstressweek <noreply@werkstressweek.local>")

# --- Security -------------------------------------------------------------------------------------
# TLS_AT_PROXY=true when a load balancer terminates TLS and forwards X-Forwarded-Proto.
if envbool("TLS_AT_PROXY", "false"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "false" if DEBUG else "true")
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000")
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", "true")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# No inline scripts anywhere: behaviour lives in static/js. Inline style attributes stay allowed
# for progress bars and chart sizes.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

# --- Celery ---------------------------------------------------------------------------------------
REDIS_URL = env("REDIS_URL", "")
CELERY_DATA_DIR = Path(env("CELERY_DATA_DIR", str(BASE_DIR / "var" / "broker")))
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
else:
    # Embedded broker: kombu's filesystem transport needs no server. A short polling interval
    # keeps a backlog moving (the default 1 s handles about one message per poll).
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_DATA_DIR / "queue"),
        "data_folder_out": str(CELERY_DATA_DIR / "queue"),
        "processed_folder": str(CELERY_DATA_DIR / "processed"),
        "control_folder": str(CELERY_DATA_DIR / "control"),
        "store_processed": False,
        "polling_interval": 0.05,
    }
# Rendered QR codes are kept here (measurements/qr.py): in Redis, shared by every web process, when
# there is one; otherwise in each process's memory.
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": "wsw"}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 5000}}
    )
}
CELERY_TASK_ALWAYS_EAGER = envbool("CELERY_TASK_ALWAYS_EAGER", "false")
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(CELERY_DATA_DIR / "celerybeat-schedule")
# Tests shorten the heartbeat interval to see a real worker come alive within seconds.
HEARTBEAT_INTERVAL_SECONDS = float(env("HEARTBEAT_INTERVAL_SECONDS", "30"))
CELERY_BEAT_SCHEDULE = {
    "heartbeat": {"task": "werkstressweek.tasks.heartbeat", "schedule": HEARTBEAT_INTERVAL_SECONDS},
    "notifications-send-due": {"task": "notify.tasks.send_due", "schedule": 30.0},
    "intervention-moments-plan": {"task": "campaigns.tasks.moments_plan", "schedule": 600.0},
    "campaign-messages": {"task": "campaigns.tasks.messages_deliver", "schedule": 300.0},
    "pulse-mail-plan": {"task": "measurements.tasks.pulse_mail_plan", "schedule": 900.0},
    "pulses-housekeeping": {"task": "measurements.tasks.pulses_housekeeping", "schedule": 600.0},
    "retention-daily": {"task": "retention.tasks.retention_daily", "schedule": crontab(hour=3, minute=30)},
    "actions-checkin-reminders": {"task": "actions.tasks.checkin_reminders", "schedule": 3600.0},
    "actions-preconditions-review": {"task": "actions.tasks.preconditions_review", "schedule": 86400.0},
    "actions-evaluation-reminders": {"task": "actions.tasks.evaluation_reminders", "schedule": 86400.0},
}
# A notification claimed longer ago than this by a sender that never reported back counts as
# interrupted (its worker died mid-delivery): marked failed, never sent twice.
NOTIFY_CLAIM_TIMEOUT_SECONDS = envint("NOTIFY_CLAIM_TIMEOUT_SECONDS", "600")
# Webhooks (Slack, Teams) are called only on the providers' hosts over https. Tests and the demo
# add a local "host:port" here to post to a server of their own; keep it empty in production.
NOTIFY_WEBHOOK_TEST_HOSTS = envlist("NOTIFY_WEBHOOK_TEST_HOSTS", "")
# At most this many messages a minute to one team channel (Slack takes about one a second).
NOTIFY_CHANNEL_MAX_PER_MINUTE = envint("NOTIFY_CHANNEL_MAX_PER_MINUTE", "20")
NOTIFY_WEBHOOK_TIMEOUT_SECONDS = float(env("NOTIFY_WEBHOOK_TIMEOUT_SECONDS", "10"))
# A worker whose heartbeat is older than this counts as down in /healthz.
HEARTBEAT_MAX_AGE_SECONDS = envint("HEARTBEAT_MAX_AGE_SECONDS", "120")

# --- Logging --------------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Secrets in URLs (answer links, invitation and password-reset tokens) never reach a log.
    "filters": {"redact_secrets": {"()": "werkstressweek.logfilters.RedactSecrets"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["redact_secrets"]}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # WeasyPrint logs every layout step at INFO; keep its warnings only.
        "weasyprint.progress": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
