"""AES-256-GCM for one value, and the keyed HMAC blind index beside it.

A stored value reads ``maca1:<key id>:<base64url(nonce + ciphertext + tag)>``. The associated
data is the field's label (``audits.case.person_id``), so a value copied into another column does
not decrypt. Text without the ``maca1:`` prefix is a value written before encryption came in: it
reads as it is, and the migration or ``maca keys rotate`` encrypts it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from maca.problems import Problem

from . import keys

PREFIX = "maca1:"
NONCE_BYTES = 12


class DecryptionProblem(Problem):
    """A stored value does not decrypt: its key is not in the ring, or it was altered."""


def encrypt(plain: str, label: str, key: keys.Key | None = None) -> str:
    key = key or keys.ring().current
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(key.cipher_key).encrypt(nonce, plain.encode("utf-8"), label.encode("utf-8"))
    return f"{PREFIX}{key.id}:{base64.urlsafe_b64encode(nonce + sealed).decode('ascii')}"


def key_id_of(stored: str) -> str | None:
    """The id of the key a stored value is under; None for a legacy plain value."""
    if not stored.startswith(PREFIX):
        return None
    return stored[len(PREFIX) :].partition(":")[0]


def decrypt(stored: str, label: str) -> str:
    key_id = key_id_of(stored)
    if key_id is None:
        return stored
    key = keys.ring().get(key_id)
    if key is None:
        raise DecryptionProblem(f"{label}: key {key_id} is not in the key ring")
    blob = base64.urlsafe_b64decode(stored.rpartition(":")[2].encode("ascii"))
    try:
        plain = AESGCM(key.cipher_key).decrypt(
            blob[:NONCE_BYTES], blob[NONCE_BYTES:], label.encode("utf-8")
        )
    except InvalidTag:
        raise DecryptionProblem(f"{label}: a stored value does not decrypt (altered?)") from None
    return plain.decode("utf-8")


def blind_index(value: str, label: str, key: keys.Key | None = None) -> str:
    """HMAC-SHA256 of the value, keyed by the ring's index key: equal values, equal indexes."""
    if value == "":
        return ""
    key = key or keys.ring().current
    message = label.encode("utf-8") + b"\x00" + value.encode("utf-8")
    return hmac.new(key.index_key, message, hashlib.sha256).hexdigest()


def blind_indexes(value: str, label: str) -> list[str]:
    """The value's index under every key of the ring (a lookup during a rotation finds rows
    indexed under the old key as well as the new)."""
    return [blind_index(value, label, key) for key in keys.ring().keys]
