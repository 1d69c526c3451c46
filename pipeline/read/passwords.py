"""Passwords for encrypted PDFs, from an optional `passwords.yml` in the source folder.

The file maps file names to passwords:

    annual-report-2021.pdf: s3cret
    audits/mission-review.pdf: "1234"

A key is looked up by the file's path relative to the source folder first, then by its bare name. Passwords
never appear in logs or error messages, and neither does any part of a malformed passwords.yml (a YAML error
quotes the offending line, which may hold a password).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import yaml

PASSWORDS_FILE = "passwords.yml"


@dataclass(frozen=True)
class Passwords:
    """File name -> password; `problem` says why passwords.yml could not be used, if it could not."""

    by_name: dict[str, str] = field(default_factory=dict, repr=False)
    problem: str | None = None

    def lookup(self, source: str) -> str | None:
        """The password for a file (path relative to the source folder), or None."""
        return self.by_name.get(source) or self.by_name.get(PurePosixPath(source).name)

    def __repr__(self) -> str:  # never show passwords, even in a debugger or a traceback's locals
        return f"Passwords({len(self.by_name)} entries, problem={self.problem!r})"


def load_passwords(src_dir: Path) -> Passwords:
    """Read src_dir/passwords.yml; a missing file means no passwords, a broken one is reported, not raised."""
    path = Path(src_dir) / PASSWORDS_FILE
    if not path.is_file():
        return Passwords()
    try:
        # BaseLoader keeps every scalar as written: 0123 stays "0123" (not the octal number 83), yes stays "yes".
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    except yaml.MarkedYAMLError as exc:
        line = f" at line {exc.problem_mark.line + 1}" if exc.problem_mark else ""
        return Passwords(problem=f"{PASSWORDS_FILE} is not valid YAML{line}, so no password from it was used")
    except (yaml.YAMLError, OSError, UnicodeDecodeError) as exc:
        return Passwords(problem=f"{PASSWORDS_FILE} could not be read ({type(exc).__name__}), "
                                 "so no password from it was used")
    if data is None:
        return Passwords()
    if not isinstance(data, dict):
        return Passwords(problem=f"{PASSWORDS_FILE} must map file names to passwords ('name.pdf: password'), "
                                 "so no password from it was used")
    return Passwords({name: password for name, password in data.items()
                      if isinstance(name, str) and isinstance(password, str)})
