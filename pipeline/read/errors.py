"""Document statuses and the one error readers raise."""

from __future__ import annotations

# Every document ends with one of these statuses; the published documents table allows no other.
#   ok             read in full
#   partial        some pages could not be read; the others were kept (the error names the lost pages)
#   no_text_layer  most pages are images without text (scans) that were not, or could not be, OCR'd
#   garbled_text   most pages have a text layer that is debris (a bad OCR layer, fonts without a Unicode map)
#   mislabelled    read by content, but the file name claims another type (an HTML error page saved as .pdf)
#   empty          nothing to read (0 bytes, blank pages)
#   encrypted      password-protected and no working password in passwords.yml
#   corrupt        not readable as the type its content claims (truncated download, broken structure)
#   unsupported    a type the pipeline does not read (images, Office files, archives)
#   too_large      over a limit in pipeline/config.py (file size: not read; page count: first pages kept)
#   timeout        stopped at the per-document time limit
#   duplicate      same bytes as another file of the run
#   error          an unexpected failure (a file the disk will not give, a bug); the other documents go on
DOCUMENT_STATUSES = ("ok", "partial", "no_text_layer", "garbled_text", "mislabelled", "empty", "encrypted", "corrupt",
                     "unsupported", "too_large", "timeout", "duplicate", "error")


class ReadError(Exception):
    """A file could not be read; `status` is one of DOCUMENT_STATUSES, the message says why."""

    def __init__(self, status: str, message: str):
        if status not in DOCUMENT_STATUSES:
            raise ValueError(f"unknown document status {status!r}")
        super().__init__(message)
        self.status = status
