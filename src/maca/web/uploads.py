"""The bound on uploaded files, checked before and while the body is read.

Django bounds a form's fields (``DATA_UPLOAD_MAX_MEMORY_SIZE``) but not its files: without this
handler a 40 MB upload is streamed to a temporary file before any form can look at its size.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler


class UploadTooLarge(RequestDataTooBig):
    """An upload over ``MACA_UPLOAD_MAX_BYTES``: answered with the 413 page (errors.py)."""


def request_limit() -> int:
    """The largest multipart body: one file at its bound plus the form's other fields."""
    return settings.MACA_UPLOAD_MAX_BYTES + settings.DATA_UPLOAD_MAX_MEMORY_SIZE


class BoundedUploadHandler(FileUploadHandler):
    """First of ``FILE_UPLOAD_HANDLERS``: refuses a body whose Content-Length is over
    :func:`request_limit` before reading it, and any one file once it passes its bound."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        if content_length > request_limit():
            raise UploadTooLarge("The request's Content-Length is over the upload bound.")
        return None

    def new_file(self, *args, **kwargs) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > settings.MACA_UPLOAD_MAX_BYTES:
            raise UploadTooLarge("An uploaded file is over MACA_UPLOAD_MAX_BYTES.")
        return raw_data

    def file_complete(self, file_size):
        return None
