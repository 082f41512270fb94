"""The audit trail: who did what, when, to which record. Append-only.

Every view of identifying data, every export and every change calls ``log_event``.
"""


def log_event(*args, **kwargs):
    """See :func:`maca.web.trail.events.log_event` (imported late: app modules load first)."""
    from .events import log_event as write_event

    return write_event(*args, **kwargs)
