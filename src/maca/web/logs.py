from __future__ import annotations

import logging


class NoPersonalDataFilter(logging.Filter):
    """Keeps log records free of what might identify a child or family.

    Django's request and server loggers name the URL and, on errors, attach a traceback whose
    text may quote data. maca's URLs hold database keys and pseudonymous references only, so the
    path stays; the traceback is reduced to the exception's type.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[0] is not None:
            record.msg = f"{record.getMessage()} [{record.exc_info[0].__name__}]"
            record.args = ()
            record.exc_info = None
            record.exc_text = None
        record.__dict__.pop("request", None)
        return True
