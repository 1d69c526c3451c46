"""Page layout: a pdfplumber page's words -> text lines in reading order."""

from __future__ import annotations

# Words whose tops differ by less than this (points) share a line.
LINE_TOLERANCE = 3.0


def page_text(page) -> str:
    """Group the page's words into lines by position, top to bottom, left to right."""
    words = page.extract_words(keep_blank_chars=False, use_text_flow=False, x_tolerance=1.5)
    lines: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(lines[-1][0]["top"] - word["top"]) <= LINE_TOLERANCE:
            lines[-1].append(word)
        else:
            lines.append([word])
    out: list[str] = []
    previous_bottom = None
    for line in lines:
        line.sort(key=lambda w: w["x0"])
        top = min(w["top"] for w in line)
        height = max(w["bottom"] - w["top"] for w in line)
        if previous_bottom is not None and top - previous_bottom > height * 0.9:
            out.append("")  # a vertical gap taller than a line: paragraph break
        out.append(" ".join(w["text"] for w in line))
        previous_bottom = max(w["bottom"] for w in line)
    return "\n".join(out)
