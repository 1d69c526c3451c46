"""The one error readers raise."""

from __future__ import annotations

# Every document ends with one of these statuses; the published documents table allows no other.
DOCUMENT_STATUSES = ("ok", "empty", "encrypted", "corrupt", "unsupported", "too_large", "timeout", "duplicate", "error")


class ReadError(Exception):
    """A file could not be read; `status` is one of DOCUMENT_STATUSES, the message says why."""

    def __init__(self, status: str, message: str):
        if status not in DOCUMENT_STATUSES:
            raise ValueError(f"unknown document status {status!r}")
        super().__init__(message)
        self.status = status
