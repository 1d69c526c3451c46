"""HTML building blocks for the review report: escaping, the page shell with inline CSS/JS, tables.

Every page is self-contained: no external stylesheet, script, font or image host, so the report opens from
disk with no network. The inline script only filters table rows and records script errors into the page
(`#js-errors`), so a headless browser can prove the page ran cleanly.
"""

from __future__ import annotations

import html
import sys
from collections.abc import Iterable

import numpy as np

CSS = """
:root { --ink: #1d2430; --muted: #5b6574; --line: #d8dde5; --band: #f4f6f9; --accent: #2f5d8a; --mark: #ffe27a; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
       color: var(--ink); background: #fff; }
header.top { background: var(--accent); color: #fff; padding: 10px 24px; }
header.top a { color: #fff; margin-right: 16px; text-decoration: none; font-weight: 600; }
main { max-width: 1180px; margin: 0 auto; padding: 8px 24px 48px; }
h1 { font-size: 22px; margin: 18px 0 6px; }
h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 15px; margin: 18px 0 6px; }
a { color: var(--accent); }
p.note, .muted { color: var(--muted); }
.cards { display: flex; flex-wrap: wrap; gap: 10px; margin: 10px 0; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 8px 14px; min-width: 130px; background: var(--band); }
.card b { display: block; font-size: 20px; }
.charts { display: flex; flex-wrap: wrap; gap: 18px; }
.chart { border: 1px solid var(--line); border-radius: 6px; padding: 8px; background: #fff; max-width: 100%;
         overflow-x: auto; }
.chart h3 { margin: 2px 4px 6px; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: var(--band); position: sticky; top: 0; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr:target { outline: 2px solid var(--accent); }
code, .id { font: 12px/1.3 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.id { color: var(--muted); word-break: break-all; }
mark { background: var(--mark); padding: 0 1px; }
td.ctx { width: 58%; min-width: 420px; }  /* the context and its page image get most of the row */
.warn { color: #8a3b00; overflow-wrap: anywhere; }
td.warn { max-width: 380px; }
.bad { color: #a11; font-weight: 600; }
.ok { color: #276b2f; font-weight: 600; }
img.region { display: block; max-width: 100%; margin-top: 4px; border: 1px solid var(--line); }
input.filter { margin: 4px 0; padding: 4px 8px; width: 320px; max-width: 100%; border: 1px solid var(--line);
               border-radius: 4px; }
details > summary { cursor: pointer; }
#js-errors:empty { display: none; }
#js-errors { background: #fee; color: #a11; padding: 8px; }
"""

# Error capture is installed first, in <head>, so it sees errors of every later script.
ERROR_CAPTURE_JS = """
window.reportErrors = [];
window.addEventListener('error', function (e) {
  var t = e.target;
  var failed = t && t !== window && (t.src || t.href);
  window.reportErrors.push(failed ? 'failed to load ' + failed : String(e.message || e));
  showErrors();
}, true);  // capture phase: a broken image's error does not bubble
function showErrors() {
  var box = document.getElementById('js-errors');
  if (box) { box.textContent = window.reportErrors.join('\\n'); }
}
document.addEventListener('DOMContentLoaded', showErrors);
"""

FILTER_JS = """
document.querySelectorAll('input.filter').forEach(function (input) {
  var table = document.getElementById(input.getAttribute('data-table'));
  if (!table) { return; }
  input.addEventListener('input', function () {
    var needle = input.value.toLowerCase();
    table.querySelectorAll('tbody tr').forEach(function (row) {
      row.style.display = row.textContent.toLowerCase().indexOf(needle) === -1 ? 'none' : '';
    });
  });
});
"""


def esc(value: object) -> str:
    """Escape a value for HTML text or attributes; missing values become an empty string."""
    return html.escape(text_of(value), quote=True)


def text_of(value: object) -> str:
    """A cell value as display text: None/NaN/NA as '', whole floats without '.0', sequences joined."""
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if isinstance(value, (list, tuple, np.ndarray)):
        return "; ".join(text_of(v) for v in value)
    if isinstance(value, float) and value != value:  # NaN (numpy's floats included)
        return ""
    # pandas' missing values (NA, NaT) exist only where pandas is loaded; a page-writing process has plain values
    # and does not load it.
    pandas = sys.modules.get("pandas")
    if pandas is not None and pandas.isna(value):
        return ""
    if isinstance(value, float):
        return f"{value:,.0f}" if value.is_integer() else f"{value:,.6g}"
    return str(value)


def page(title: str, body: str, nav: Iterable[tuple[str, str]] = ()) -> str:
    """A complete HTML document with the report's inline style and scripts."""
    links = "".join(f'<a href="{esc(href)}">{esc(label)}</a>' for label, href in nav)
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        f"<title>{esc(title)}</title><style>{CSS}</style><script>{ERROR_CAPTURE_JS}</script></head>\n"
        f"<body><header class=\"top\">{links}</header><main><pre id=\"js-errors\"></pre>\n"
        f"{body}\n</main><script>{FILTER_JS}</script></body></html>\n"
    )


def table(table_id: str, headers: list[str], rows: Iterable[str], numeric: Iterable[str] = (),
          filterable: bool = False) -> str:
    """A table from pre-rendered `<tr>` rows; `numeric` headers are right-aligned."""
    numeric = set(numeric)
    head = "".join(f'<th{" class=num" if h in numeric else ""}>{esc(h)}</th>' for h in headers)
    search = (f'<input class="filter" type="search" data-table="{esc(table_id)}" placeholder="Filter rows…" '
              f'aria-label="Filter rows">' if filterable else "")
    return f'{search}<table id="{esc(table_id)}"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def cell(value: object, numeric: bool = False, raw: bool = False) -> str:
    """One `<td>`; `raw` cells are already HTML."""
    content = value if raw else esc(value)
    return f'<td class="num">{content}</td>' if numeric else f"<td>{content}</td>"
