"""What ``maca keys ...`` does, in words for the operator (the CLI only prints)."""

from __future__ import annotations

from . import keys, rotation


def new() -> list[str]:
    ring = keys.ring()
    key = keys.new_key()
    if ring.file is None:
        return [
            "A new key (the field keys come from MACA_FIELD_KEYS, which maca does not change):",
            f"  {key.line()}",
            "Put it first in MACA_FIELD_KEYS (keep the others after it), restart maca, then run "
            "`maca keys rotate`.",
        ]
    keys.write_key_file(ring.file, [key, *ring.keys])
    keys.reload()
    return [
        f"New key {key.id} is now the newest in {ring.file}; new values are encrypted with it.",
        "Run `maca keys rotate` to re-encrypt the values under the older keys.",
    ]


def status() -> list[str]:
    ring = keys.ring()
    counts = rotation.in_use()
    lines = [f"Field keys from {ring.source}, newest first:"]
    for index, key in enumerate(ring.keys):
        role = "encrypts new values" if index == 0 else "decrypts only"
        lines.append(f"  {key.id}: {counts.get(key.id, 0)} values ({role})")
    unknown = {k: n for k, n in counts.items() if k != "plain" and ring.get(k) is None}
    for key_id, count in unknown.items():
        lines.append(f"  {key_id}: {count} values under a key that is NOT in the ring")
    if counts.get("plain"):
        lines.append(f"  not encrypted yet: {counts['plain']} values (run `maca keys rotate`)")
    return lines


def rotate(say) -> list[str]:
    ring = keys.ring()
    result = rotation.rotate(say=say)
    left = {k: n for k, n in rotation.in_use().items() if k != ring.current.id}
    lines = [
        f"{result.re_encrypted} values re-encrypted under {ring.current.id}, "
        f"{result.already_current} were already; {result.indexes_rewritten} indexes rewritten."
    ]
    old = [k.id for k in ring.keys[1:]]
    if left:
        lines.append(f"Still under other keys: {left} (run again)")
    elif old:
        lines.append(f"No value is under {', '.join(old)} any more: `maca keys retire` them.")
    return lines


class RetireRefused(keys.KeyProblem):
    pass


def retire(key_id: str) -> list[str]:
    ring = keys.ring()
    if ring.get(key_id) is None:
        raise RetireRefused(f"there is no key {key_id} in {ring.source}")
    if key_id == ring.current.id:
        raise RetireRefused(f"{key_id} is the newest key; add a new one first (maca keys new)")
    held = rotation.in_use().get(key_id, 0)
    if held:
        raise RetireRefused(f"{held} values are still under {key_id}: run `maca keys rotate`")
    if ring.file is None:
        return [f"No value is under {key_id}: remove it from MACA_FIELD_KEYS and restart maca."]
    keys.write_key_file(ring.file, [k for k in ring.keys if k.id != key_id])
    keys.reload()
    return [f"Key {key_id} removed from {ring.file}."]
