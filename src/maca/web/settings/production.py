"""Production: PostgreSQL from DATABASE_URL, secrets from the environment, HTTPS only.

Passes `manage.py check --deploy`. Required environment: MACA_SECRET_KEY, DATABASE_URL,
MACA_ALLOWED_HOSTS (comma-separated).
"""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403


def _required(name: str) -> str:
    value = os.environ.get(name, "")
    if not value:
        raise ImproperlyConfigured(f"Set {name} in the environment for production.")
    return value


SECRET_KEY = _required("MACA_SECRET_KEY")
# The field keys are named explicitly: from the environment, or a key file the operator made
# (`maca keys new`) outside the database's folder and the repository. Never generated here.
if not os.environ.get("MACA_FIELD_KEYS") and not os.environ.get("MACA_FIELD_KEY_FILE"):
    raise ImproperlyConfigured(
        "Set MACA_FIELD_KEYS or MACA_FIELD_KEY_FILE in the environment for production."
    )
ALLOWED_HOSTS = [h.strip() for h in _required("MACA_ALLOWED_HOSTS").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [f"https://{h}" for h in ALLOWED_HOSTS]
# Links in emails: the served address, not the development default (docs/settings.md).
MACA_BASE_URL = os.environ.get("MACA_BASE_URL") or f"https://{ALLOWED_HOSTS[0]}"

SECURE_SSL_REDIRECT = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
STATIC_ROOT = MACA_HOME / "static"  # noqa: F405
WHITENOISE_USE_FINDERS = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
MACA_DEMO_ALLOWED = False
