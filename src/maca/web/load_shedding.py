"""Load shedding: a bounded number of password checks at once in each process.

A password hash costs tens of milliseconds of CPU by design. When more people sign in at once
than the process can check, the rest wait their turn for at most ``MACA_SIGN_IN_WAIT_SECONDS``
and are then told to try again shortly (the 503 page with Retry-After), instead of every
request slowing down until clients time out.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings


class Overloaded(Exception):
    """More work of one kind than this process takes at once: the 503 page (errors.py)."""


_lock = threading.Lock()
_slots: dict[int, threading.BoundedSemaphore] = {}
_held = threading.local()  # a check that hashes again (PBKDF2's verify) keeps its one slot


def _semaphore() -> threading.BoundedSemaphore:
    size = settings.MACA_SIGN_IN_CONCURRENCY
    with _lock:
        if size not in _slots:
            _slots[size] = threading.BoundedSemaphore(size)
        return _slots[size]


@contextmanager
def sign_in_slot() -> Iterator[None]:
    """Hold one of the process's password-check slots, or raise :class:`Overloaded`."""
    if getattr(_held, "slot", False):
        yield
        return
    slots = _semaphore()
    if not slots.acquire(timeout=settings.MACA_SIGN_IN_WAIT_SECONDS):
        raise Overloaded("no password-check slot became free in time")
    _held.slot = True
    try:
        yield
    finally:
        _held.slot = False
        slots.release()
