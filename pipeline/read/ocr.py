"""Optional OCR of PDF pages without a usable text layer, with the `tesseract` command when it is installed.

Pages are rendered by pdfium (pypdfium2, already a pdfplumber dependency) to a greyscale image and passed to
tesseract on stdin; nothing is written to disk. Without tesseract on PATH nothing is OCR'd and such pages are
reported (status no_text_layer or garbled_text) instead.
"""

from __future__ import annotations

import os
import shutil
import subprocess

import pypdfium2 as pdfium

TESSERACT = "tesseract"
# Tesseract's -l value: languages of the reports, as installed traineddata ("eng+fra" for English and French).
OCR_LANGUAGES = os.environ.get("PIPELINE_OCR_LANGUAGES", "eng")
# Rendering resolution: tesseract is most accurate with text ~20-30 px high, which 300 dpi gives body text.
OCR_DPI = 300
# A page that takes longer than this to OCR is given up (the document's own time limit still applies).
OCR_PAGE_TIMEOUT_S = 120


class OcrError(Exception):
    """OCR of a page failed; the message says why (never names a password)."""


def tesseract_path() -> str | None:
    """The tesseract executable on PATH, or None when OCR is not available."""
    return shutil.which(TESSERACT)


def render_page(document: pdfium.PdfDocument, index: int) -> bytes:
    """One page (0-based) as a binary greyscale PGM image at OCR_DPI."""
    bitmap = document[index].render(scale=OCR_DPI / 72, grayscale=True)
    width, height, stride = bitmap.width, bitmap.height, bitmap.stride
    buffer = bytes(bitmap.buffer)
    rows = b"".join(buffer[row * stride: row * stride + width] for row in range(height))
    return f"P5\n{width} {height}\n255\n".encode() + rows


def ocr_image(image: bytes, executable: str) -> str:
    """Text tesseract reads in an image; raise OcrError when it fails."""
    try:
        done = subprocess.run([executable, "stdin", "stdout", "-l", OCR_LANGUAGES], input=image,
                              capture_output=True, timeout=OCR_PAGE_TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired as exc:
        raise OcrError(f"tesseract took over {OCR_PAGE_TIMEOUT_S} s") from exc
    except OSError as exc:
        raise OcrError(f"tesseract could not be started ({exc.strerror})") from exc
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise OcrError(f"tesseract failed (exit code {done.returncode}: {detail[-1] if detail else 'no message'})")
    return done.stdout.decode("utf-8", "replace").replace("\f", "").strip()
