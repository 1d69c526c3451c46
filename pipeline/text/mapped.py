"""Text that remembers, for each character, the offset it came from in the source."""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable
from dataclasses import dataclass

Replacement = str | Callable[[re.Match[str]], str | None]


@dataclass(frozen=True, slots=True)
class MappedText:
    """`offsets[i]` is the source offset of `text[i]`; `offsets[len(text)]` is the source length (unsigned
    32-bit: a page's offsets, 4 bytes a character)."""

    text: str
    offsets: array

    @classmethod
    def identity(cls, text: str) -> MappedText:
        return cls(text, array("I", range(len(text) + 1)))

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Source offsets covering text[start:end]."""
        if end <= start:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.offsets[end - 1] + 1

    def sub(self, pattern: re.Pattern[str], repl: Replacement) -> tuple[MappedText, int]:
        """Like re.sub, but returns a new MappedText and the number of replacements made.

        A callable `repl` may return None to leave a match unchanged (it is then not counted).
        """
        edits = []
        for match in pattern.finditer(self.text):
            new = repl if isinstance(repl, str) else repl(match)
            if new is not None and new != match.group(0):
                edits.append((match.start(), match.end(), new))
        return self.edit(edits), len(edits)

    def edit(self, edits: list[tuple[int, int, str]]) -> MappedText:
        """Replace each text[start:end] by its new string; edits are sorted and do not overlap.

        Replacement characters map onto the replaced source characters in order; surplus ones map to the last,
        and the last one always maps to the last replaced character, so a span's end never falls short.
        """
        if not edits:
            return self
        pieces: list[str] = []
        offsets = array("I")
        position = 0
        for start, end, new in edits:
            pieces.append(self.text[position:start])
            offsets.extend(self.offsets[position:start])
            pieces.append(new)
            width = end - start
            for i in range(len(new)):
                last = i == len(new) - 1
                offsets.append(self.offsets[start + (width - 1 if last else min(i, width - 1))] if width
                               else self.offsets[start])
            position = end
        pieces.append(self.text[position:])
        offsets.extend(self.offsets[position:])
        return MappedText("".join(pieces), offsets)
