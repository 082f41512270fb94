"""The key ring for identifying fields: keys outside the database and the repository.

A key ring is a list of keys, newest first. The newest encrypts; every key decrypts, so a value
written under an older key stays readable until ``maca keys rotate`` has re-encrypted it. Each key
is 32 random bytes with a short id; from it HKDF derives two sub-keys, one for AES-256-GCM and one
for the HMAC-SHA256 blind index, so the index never reveals anything the cipher key could.

The ring comes from ``settings.MACA_FIELD_KEYS`` (the environment variable, one ``id:key`` per
comma or line) or else from the key file ``settings.MACA_FIELD_KEY_FILE`` (same lines; ``#``
comments). Development settings make the key file on first run, readable by its owner only.
"""

from __future__ import annotations

import base64
import os
import secrets
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from maca.problems import Problem

KEY_BYTES = 32


class KeyProblem(Problem):
    """The key ring cannot be read or is not usable: one line for the user."""


def _derive(secret: bytes, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose).derive(secret)


@dataclass(frozen=True)
class Key:
    id: str
    secret: bytes

    @cached_property
    def cipher_key(self) -> bytes:
        return _derive(self.secret, b"maca identifying field encryption v1")

    @cached_property
    def index_key(self) -> bytes:
        return _derive(self.secret, b"maca identifying field blind index v1")

    @cached_property
    def backup_key(self) -> bytes:
        return _derive(self.secret, b"maca backup v1")

    def line(self) -> str:
        return f"{self.id}:{base64.urlsafe_b64encode(self.secret).decode('ascii')}"


def new_key() -> Key:
    return Key(id="k" + secrets.token_hex(4), secret=secrets.token_bytes(KEY_BYTES))


def parse(text: str, where: str) -> list[Key]:
    """``id:base64key`` entries, one per line or comma, newest first."""
    keys: list[Key] = []
    lines = [line.partition("#")[0] for line in text.splitlines()]
    entries = [e.strip() for line in lines for e in line.split(",")]
    for entry in entries:
        if not entry:
            continue
        key_id, _, encoded = entry.partition(":")
        try:
            secret = base64.urlsafe_b64decode(encoded.encode("ascii"))
        except (ValueError, UnicodeEncodeError):
            secret = b""
        if not key_id or len(secret) != KEY_BYTES:
            raise KeyProblem(f"{where}: an entry is not id:key with a 32-byte base64 key")
        if any(k.id == key_id for k in keys):
            raise KeyProblem(f"{where}: key id {key_id} is listed twice")
        keys.append(Key(key_id, secret))
    if not keys:
        raise KeyProblem(f"{where}: holds no key")
    return keys


def write_key_file(path: Path, keys: list[Key]) -> None:
    """Write the key file whole (owner-only), replacing any old one in one step."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = (
        "# maca field keys, newest first (maca keys new / rotate / retire). Keep a copy apart\n"
        "# from the database and its backups: without these keys the identifying details in\n"
        "# the database cannot be read.\n" + "".join(k.line() + "\n" for k in keys)
    )
    scratch = path.with_name(path.name + ".new")
    descriptor = os.open(scratch, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="ascii") as handle:
        handle.write(text)
    os.replace(scratch, path)


def ensure_key_file(path: Path) -> None:
    """Development and tests: make the key file with one new key if there is none."""
    if not path.exists():
        write_key_file(path, [new_key()])


class KeyRing:
    def __init__(self, keys: list[Key], source: str, file: Path | None = None) -> None:
        self.keys = keys
        self.source = source
        self.file = file

    @property
    def current(self) -> Key:
        return self.keys[0]

    def get(self, key_id: str) -> Key | None:
        return next((k for k in self.keys if k.id == key_id), None)


_ring: KeyRing | None = None


def ring() -> KeyRing:
    """The key ring of the settings in force (read once; ``reload()`` after a change)."""
    global _ring
    if _ring is None:
        _ring = load()
    return _ring


def reload() -> KeyRing:
    global _ring
    _ring = None
    return ring()


def load(setting: str = "MACA_FIELD_KEYS") -> KeyRing:
    """The ring named by a setting (``MACA_FIELD_KEYS`` or ``MACA_BACKUP_KEY``), else by its key
    file setting (``..._FILE``)."""
    from django.conf import settings

    text = getattr(settings, setting, "")
    if text:
        return KeyRing(parse(text, setting), setting)
    file_setting = setting.removesuffix("S") + "_FILE"
    file = getattr(settings, file_setting, None)
    if not file:
        raise KeyProblem(f"no key: set {setting} or {file_setting}")
    path = Path(file)
    try:
        text = path.read_text(encoding="ascii")
    except FileNotFoundError:
        raise KeyProblem(f"the field key file {path} does not exist") from None
    except (OSError, UnicodeDecodeError) as error:
        raise KeyProblem(f"the field key file {path} cannot be read ({error})") from None
    if path.stat().st_mode & 0o077:
        raise KeyProblem(f"the field key file {path} is readable by others (chmod 600 it)")
    return KeyRing(parse(text, str(path)), str(path), path)
