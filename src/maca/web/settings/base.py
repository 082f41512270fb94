"""Settings shared by development, test and production.

Deny by default: every view needs a signed-in user (LoginRequiredMiddleware) unless it is marked
``login_not_required``; permissions are named ``rules`` predicates.
"""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

WEB_DIR = Path(__file__).resolve().parent.parent
# Local data (SQLite database, uploads, generated files) lives in ./var unless MACA_HOME says.
MACA_HOME = Path(os.environ.get("MACA_HOME", Path.cwd() / "var")).resolve()

DEBUG = False
ALLOWED_HOSTS: list[str] = ["127.0.0.1", "localhost"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "django_otp",
    "maca.web.common",
    "maca.web.accounts",
    "maca.web.trail",
    "maca.web.audits",
    "maca.web.briefings",
    "maca.web.administration",
    "maca.web.profiles",
    "maca.web.actions",
    "maca.web.chronology",
]

MIDDLEWARE = [
    # First: forwarded headers are believed only from MACA_TRUSTED_PROXIES, then every log line
    # of the request carries its id, and the probes answer before host checks and sessions.
    "maca.web.proxy.TrustedProxyMiddleware",
    "maca.web.logs.RequestIdMiddleware",
    "maca.web.health.HealthMiddleware",
    "maca.web.input_bounds.QueryStringBoundMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "maca.web.security.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "maca.web.common.timeout.SessionRenewalMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Django's LoginRequiredMiddleware, keeping what a form sent after the session ended.
    "maca.web.common.kept.SignInKeepsAnswers",
    # Two-factor sign-in (django-otp's verification state, then maca's deny-by-default check).
    "django_otp.middleware.OTPMiddleware",
    "maca.web.accounts.two_factor.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "maca.web.urls"
WSGI_APPLICATION = "maca.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [WEB_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "maca.web.accounts.context.partnership",
                "maca.web.accounts.context.second_factor",
                "maca.web.common.navigation.nav_items",
                "maca.web.common.timeout.timeout_warning",
            ],
        },
    },
]


def overwrite_freed_space(database: Any) -> Any:
    """SQLite overwrites deleted and updated content at once (secure_delete), so a purged or
    re-encrypted value does not linger in the file's free pages."""
    if database.get("ENGINE") == "django.db.backends.sqlite3":
        options = database.setdefault("OPTIONS", {})
        options["init_command"] = "PRAGMA secure_delete = ON;"
    return database


# A kept connection is checked before each request reuses it, so that after a database
# restart the first request does not fail on a dead connection.
DATABASES = {
    "default": overwrite_freed_space(
        dj_database_url.config(
            default=f"sqlite:///{MACA_HOME / 'maca.sqlite3'}",
            conn_max_age=60,
            conn_health_checks=True,
        )
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    # Passwords as Django's ModelBackend checks them; no model permissions (ADR 0503).
    "maca.web.accounts.backends.AccountBackend",
]
# NCSC password guidance: a minimum length, a deny-list of common and breached passwords, no
# composition rules (ADR 0511). No NumericPasswordValidator: it is a composition rule.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "maca.web.accounts.passwords.ServiceWordsValidator"},
    # No longer than the sign-in form passes on to be checked (accounts.forms).
    {"NAME": "maca.web.accounts.passwords.MaximumLengthValidator"},
]
# A one-time set-password link (a new user's, or after a reset) works for three days.
PASSWORD_RESET_TIMEOUT = 3 * 24 * 60 * 60
LOGIN_URL = "sign-in"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "sign-in"

# Lock an account after repeated failures (django-axes); a business-team admin can reset it.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

# Sessions end after 30 minutes without activity and when the browser closes. Each session row
# knows its user, so a password change or a two-factor reset ends the user's other sessions.
SESSION_ENGINE = "maca.web.accounts.sessions"
SESSION_COOKIE_AGE = 30 * 60
# The idle timeout: each request renews the session, written at most once a minute
# (maca.web.common.timeout.SessionRenewalMiddleware; ADR 0503), not on every request.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
# A form with a stale token keeps what it sent and says so in plain words (common/kept.py).
CSRF_FAILURE_VIEW = "maca.web.common.kept.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT: Path | None = None  # production collects into MACA_HOME/static
STATICFILES_DIRS = [WEB_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = MACA_HOME / "uploads"


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def _env_float(name: str, default: float) -> float:
    value = os.environ.get(name, "").strip()
    return float(value) if value else default


# Input bounds (docs/input-limits.md, ADR 0502). A form's fields together (everything but its
# files) may hold 2.5 MB: the largest form, the briefing's narrative, holds about 30 fields of at
# most 10,000 characters. Each uploaded file may hold MACA_UPLOAD_MAX_BYTES; the upload handler
# refuses a request whose Content-Length says more before reading its body. Beyond either bound
# the answer is the 413 page.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_500_000
MACA_UPLOAD_MAX_BYTES = _env_int("MACA_UPLOAD_MAX_BYTES", 10_000_000)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_500_000  # larger files wait in a temporary file, not in memory
FILE_UPLOAD_HANDLERS = [
    "maca.web.uploads.BoundedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# Reliability under load (docs/production.md, ADRs 0500 and 0501).
# Addresses (or networks) of the reverse proxies whose X-Forwarded-For, X-Forwarded-Proto and
# X-Request-ID are believed; from anyone else those headers are removed.
MACA_TRUSTED_PROXIES = [
    p.strip() for p in os.environ.get("MACA_TRUSTED_PROXIES", "").split(",") if p.strip()
]
for _proxy in MACA_TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError:
        raise ImproperlyConfigured(
            f"MACA_TRUSTED_PROXIES: {_proxy!r} is not an address or network"
        ) from None
# Load shedding: at most this many password checks at once in one process; a sign-in that
# waits longer than MACA_SIGN_IN_WAIT_SECONDS for its turn gets the 503 page.
MACA_SIGN_IN_CONCURRENCY = _env_int("MACA_SIGN_IN_CONCURRENCY", 2)
MACA_SIGN_IN_WAIT_SECONDS = _env_float("MACA_SIGN_IN_WAIT_SECONDS", 5.0)
# The Retry-After of every 503 (database unavailable, too many sign-ins at once).
MACA_RETRY_AFTER_SECONDS = _env_int("MACA_RETRY_AFTER_SECONDS", 10)
# maca serve --production: gunicorn's address, worker processes and threads per worker.
MACA_BIND = os.environ.get("MACA_BIND", "127.0.0.1:8000")
MACA_WORKERS = _env_int("MACA_WORKERS", 4)
MACA_THREADS = _env_int("MACA_THREADS", 4)

# Argon2id at OWASP's m=19 MiB, t=2, p=1 first: a PBKDF2 hash is upgraded at its next sign-in.
PASSWORD_HASHERS = [
    "maca.web.accounts.hashers.Argon2idPasswordHasher",
    "maca.web.accounts.hashers.PBKDF2PasswordHasher",
]

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = "maca@localhost"

# Logs carry events and pseudonymous references only: never names, ids, dates of birth or
# request bodies. Django's request logger would print URLs and, on errors, local variables;
# it goes through a filter that keeps the status line and drops the rest. Each line names its
# request (request=<id>, also in the X-Request-ID header and on the 500 and 503 pages) and the
# signed-in user's database id (user=<id>), and an exception by type and place only.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"no_personal_data": {"()": "maca.web.logs.NoPersonalDataFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(context)s %(message)s"}
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["no_personal_data"],
        }
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "maca": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # WeasyPrint warns about every SVG presentation property its CSS parser skips (the
        # charts still draw): only its errors are worth a line.
        "weasyprint": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "fontTools": {"handlers": ["console"], "level": "ERROR", "propagate": False},
    },
}

# The canonical DuckDB store (maca ingest) the briefing's disclosure check reads identifiers
# from; empty: only the person ids held on the audit's cases.
MACA_STORE = os.environ.get("MACA_STORE", "")

MACA_PARTNERSHIP_FALLBACK_NAME = "Safeguarding Children Partnership"

# Links in reminder emails.
MACA_BASE_URL = os.environ.get("MACA_BASE_URL", "http://127.0.0.1:8000")

# Identifying fields are encrypted at rest (ADR 0510). The keys: MACA_FIELD_KEYS (id:key, newest
# first, comma-separated) or else the key file MACA_FIELD_KEY_FILE; never in the database.
MACA_FIELD_KEYS = os.environ.get("MACA_FIELD_KEYS", "")
MACA_FIELD_KEY_FILE = Path(os.environ.get("MACA_FIELD_KEY_FILE", MACA_HOME / "field_keys"))

# `maca backup` encrypts with MACA_BACKUP_KEY (or the key file MACA_BACKUP_KEY_FILE), kept
# apart from the database and from the field keys.
MACA_BACKUP_KEY = os.environ.get("MACA_BACKUP_KEY", "")
MACA_BACKUP_KEY_FILE = Path(os.environ.get("MACA_BACKUP_KEY_FILE", MACA_HOME / "backup_key"))

# `maca retention run`: identifying details of an audit go this many days after its briefing was
# first published (a partnership may set its own number).
MACA_RETENTION_DAYS = int(os.environ.get("MACA_RETENTION_DAYS", "365"))

# django-otp: no plain TOTP secrets in admin pages; throttling is per device (models).
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
