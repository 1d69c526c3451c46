"""Inline SVG charts for the report, generated here: no chart library, no script, nothing fetched."""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.report.html import esc

# Layout in CSS pixels; labels longer than LABEL_CHARS are cut (the full text stays in a tooltip).
LABEL_WIDTH = 230
BAR_AREA = 250  # two bar charts fit side by side in the report's 1180 px column
ROW_HEIGHT = 20
LABEL_CHARS = 32
CELL = 34  # heatmap cell side
COLUMN_LABEL_HEIGHT = 90
FONT = "font-family:system-ui,Arial,sans-serif;font-size:12px"
BAR_COLOUR = "#2f5d8a"
HEAT_LOW, HEAT_HIGH = (238, 243, 249), (47, 93, 138)  # RGB of an empty and of the fullest heatmap cell


def _cut(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def bar_chart(title: str, data: Sequence[tuple[str, float]], unit: str = "") -> str:
    """Horizontal bars, one per (label, value), in the order given."""
    if not data:
        return f'<p class="note">{esc(title)}: nothing to show.</p>'
    top = max(value for _, value in data) or 1
    height = ROW_HEIGHT * len(data) + 8
    width = LABEL_WIDTH + BAR_AREA + 60
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{esc(title)}" width="{width}" '
             f'height="{height}" viewBox="0 0 {width} {height}" style="{FONT}">']
    for row, (label, value) in enumerate(data):
        y = 4 + row * ROW_HEIGHT
        length = max(1.0, BAR_AREA * value / top)
        tip = f"{label}: {value:,g}{(' ' + unit) if unit else ''}"
        parts.append(
            f'<g><title>{esc(tip)}</title>'
            f'<text x="{LABEL_WIDTH - 6}" y="{y + 13}" text-anchor="end" fill="#1d2430">{esc(_cut(label))}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y + 2}" width="{length:.1f}" height="{ROW_HEIGHT - 5}" '
            f'fill="{BAR_COLOUR}" rx="2"/>'
            f'<text x="{LABEL_WIDTH + length + 5:.1f}" y="{y + 13}" fill="#1d2430">{value:,g}</text></g>')
    parts.append("</svg>")
    return "".join(parts)


def heatmap(title: str, rows: Sequence[str], columns: Sequence[str], counts: dict[tuple[str, str], int]) -> str:
    """A grid of counts (rows x columns); darker cells hold more, every non-empty cell prints its number."""
    if not rows or not columns:
        return f'<p class="note">{esc(title)}: nothing to show.</p>'
    top = max(counts.values(), default=0) or 1
    width = LABEL_WIDTH + CELL * len(columns) + COLUMN_LABEL_HEIGHT  # room for the last slanted label
    height = COLUMN_LABEL_HEIGHT + CELL * len(rows) + 6
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{esc(title)}" width="{width}" '
             f'height="{height}" viewBox="0 0 {width} {height}" style="{FONT}">']
    for col, name in enumerate(columns):
        x = LABEL_WIDTH + col * CELL + CELL / 2
        parts.append(f'<text transform="translate({x + 4:.1f},{COLUMN_LABEL_HEIGHT - 6}) rotate(-50)" '
                     f'fill="#1d2430"><title>{esc(name)}</title>{esc(_cut(name)[:16])}</text>')
    for row, label in enumerate(rows):
        y = COLUMN_LABEL_HEIGHT + row * CELL
        parts.append(f'<text x="{LABEL_WIDTH - 6}" y="{y + CELL / 2 + 4:.1f}" text-anchor="end" fill="#1d2430">'
                     f'<title>{esc(label)}</title>{esc(_cut(label))}</text>')
        for col, name in enumerate(columns):
            count = counts.get((label, name), 0)
            share = count / top
            fill = "rgb({},{},{})".format(*(round(lo + (hi - lo) * share) for lo, hi in zip(HEAT_LOW, HEAT_HIGH)))
            x = LABEL_WIDTH + col * CELL
            text_colour = "#fff" if share > 0.5 else "#1d2430"
            number = (f'<text x="{x + CELL / 2:.1f}" y="{y + CELL / 2 + 4:.1f}" text-anchor="middle" '
                      f'fill="{text_colour}">{count}</text>') if count else ""
            parts.append(f'<g><title>{esc(label)} / {esc(name)}: {count}</title>'
                         f'<rect x="{x + 1}" y="{y + 1}" width="{CELL - 2}" height="{CELL - 2}" fill="{fill}"/>'
                         f'{number}</g>')
    parts.append("</svg>")
    return "".join(parts)
