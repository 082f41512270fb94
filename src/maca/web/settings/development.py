"""`make run`: SQLite under ./var, console email, a per-install secret key.

DEBUG stays off so that people see the real error pages; set MACA_DEBUG=1 while developing.
"""

from __future__ import annotations

import os
import secrets

from maca import config
from maca.web.encryption.keys import ensure_key_file

from .base import *  # noqa: F403
from .base import (
    MACA_BACKUP_KEY,
    MACA_BACKUP_KEY_FILE,
    MACA_FIELD_KEY_FILE,
    MACA_FIELD_KEYS,
    MACA_HOME,
)

DEBUG = config.debug()


def _secret_key() -> str:
    if os.environ.get("MACA_SECRET_KEY"):
        return os.environ["MACA_SECRET_KEY"]
    MACA_HOME.mkdir(parents=True, exist_ok=True)
    key_file = MACA_HOME / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()

# `make run`: the field and backup keys are made on first run, owner-only, under MACA_HOME
# (production names its own, outside the database's folder).
if not MACA_FIELD_KEYS:
    ensure_key_file(MACA_FIELD_KEY_FILE)
if not MACA_BACKUP_KEY:
    ensure_key_file(MACA_BACKUP_KEY_FILE)
MACA_DEMO_ALLOWED = True
