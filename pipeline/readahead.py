"""Reading ahead while the workers warm up.

Before a run's first worker can take a document, the workers' forkserver spends a second or two importing spaCy
and building the NLP pipeline, on one core; with several workers allowed, another core would sit idle meanwhile.
A read-ahead process fills it: a plain Python process that imports only the readers (half a second) and reads the
first documents of the run, each into a file of its own, until the first worker has started; it is then stopped.
A worker given a document read ahead skips reading it (when the file's bytes are still the ones read).

The read-ahead process only reads: what it gets wrong, it leaves to the worker (a document it fails to read, or
any it has not reached, is read by the worker as usual, with the worker's time limit and error reporting), and it
never outlives the warm-up, so a document it hangs on costs nothing but the warm-up's idle core.

    python -m pipeline.readahead SRC_DIR FOLDER < [[index, path], ...] (JSON on standard input)
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

log = logging.getLogger(__name__)
# Reading ahead pays off only when there are documents to spare for the workers' first minutes; a run of a few
# documents does not start a process for it.
READ_AHEAD_MIN_DOCUMENTS = 8
# Niceness added to the read-ahead process: it must not slow the warm-up it waits for.
NICENESS = 19


class ReadAhead:
    """The read-ahead process of one run and the folder of what it has read (removed by close())."""

    def __init__(self, src_dir: Path, files: list[tuple[int, Path]]):
        self.folder = Path(tempfile.mkdtemp(prefix="pipeline-readahead-"))
        try:
            self._process: subprocess.Popen | None = subprocess.Popen(
                [sys.executable, "-m", "pipeline.readahead", str(src_dir), str(self.folder)],
                stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
            self._process.stdin.write(json.dumps([[index, str(path)] for index, path in files]).encode())
            self._process.stdin.close()
        except OSError:
            self.close()
            raise

    def stop(self) -> None:
        """Stop reading (what was read so far stays available)."""
        if self._process is not None:
            self._process.kill()
            self._process.wait()
            self._process = None

    def take(self, index: int) -> Path | None:
        """The file holding document `index` as read ahead, if it was."""
        path = self.folder / f"{index}.pickle"
        return path if path.is_file() else None

    def close(self) -> None:
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


def start(src_dir: Path, files: list[tuple[int, Path]], min_documents: int = READ_AHEAD_MIN_DOCUMENTS,
          ) -> ReadAhead | None:
    """A read-ahead process for these (index, path) files, in the order the workers will take them; None when
    they are too few, or the process cannot be started (the workers then read everything, as without it)."""
    if len(files) < min_documents:
        return None
    try:
        return ReadAhead(src_dir, files)
    except OSError as exc:
        log.debug("no read-ahead process (%s)", exc)
        return None


def load(path: str | Path) -> tuple[str, object] | None:
    """(sha256 of the bytes read, RawDocument) from a file written by the read-ahead process; None if it is gone
    or unreadable (the document is then read again)."""
    try:
        with open(path, "rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError):
        return None


def read_all(src_dir: Path, folder: Path, files: list[tuple[int, Path]]) -> None:
    """Read each file as a worker would (same limits and passwords) and write (sha256, RawDocument) to
    folder/<index>.pickle; a file that cannot be read is skipped (its worker reads it and reports why)."""
    from pipeline.config import Limits
    from pipeline.read import read_document
    from pipeline.read.passwords import load_passwords

    limits, passwords = Limits(), load_passwords(src_dir)
    for index, path in files:
        try:
            if path.stat().st_size > limits.max_file_bytes:
                continue
            data = path.read_bytes()
            raw = read_document(path, data, passwords.lookup(path.relative_to(src_dir).as_posix()),
                                max_pages=limits.max_pages)
        except Exception:  # the worker meets it again, and reports it
            continue
        partial = folder / f".{index}.partial"
        partial.write_bytes(pickle.dumps((hashlib.sha256(data).hexdigest(), raw), protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(partial, folder / f"{index}.pickle")


def main(argv: list[str] | None = None) -> int:
    src_dir, folder = (Path(arg) for arg in (argv if argv is not None else sys.argv[1:]))
    try:  # only the CPU that the forkserver's warm-up and the run itself leave idle
        os.nice(NICENESS)
    except (AttributeError, OSError):
        pass
    logging.disable(logging.CRITICAL)  # what a read meets is in the document's status and error, which its worker
    # reports; a document this process fails on, its worker reads and reports
    files = [(int(index), Path(path)) for index, path in json.load(sys.stdin)]
    read_all(src_dir, folder, files)
    return 0


if __name__ == "__main__":
    sys.exit(main())
