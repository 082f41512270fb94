"""pytest: in-memory SQLite unless DATABASE_URL names another database (CI uses PostgreSQL)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import dj_database_url

from maca.web.encryption.keys import ensure_key_file

from .base import *  # noqa: F403
from .base import overwrite_freed_space

# Files the tests make (the demo's synthetic data, uploads) go to a folder of this run's own.
MACA_HOME = Path(tempfile.mkdtemp(prefix="maca-test-home-"))
MEDIA_ROOT = MACA_HOME / "uploads"

SECRET_KEY = "test-only-key-not-secret-" + "x" * 30  # noqa: S105
DATABASES = {
    "default": overwrite_freed_space(
        dj_database_url.config(default="sqlite://:memory:")
        if os.environ.get("DATABASE_URL")
        else {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}
    )
}
# This run's own field and backup keys, in its own folder.
MACA_FIELD_KEYS = ""
MACA_FIELD_KEY_FILE = MACA_HOME / "field_keys"
ensure_key_file(MACA_FIELD_KEY_FILE)
MACA_BACKUP_KEY = ""
MACA_BACKUP_KEY_FILE = MACA_HOME / "backup_key"
ensure_key_file(MACA_BACKUP_KEY_FILE)
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
MACA_DEMO_ALLOWED = True

# Under pytest, log records go to pytest's capture (caplog) rather than to a stream that pytest
# may close while Django's live-server threads still write to it.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"no_personal_data": {"()": "maca.web.logs.NoPersonalDataFilter"}},
    "loggers": {
        "django": {"level": "WARNING", "filters": ["no_personal_data"]},
        "maca": {"level": "INFO", "filters": ["no_personal_data"]},
    },
}
