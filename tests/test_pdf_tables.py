"""Recommendations tables in PDF annexes, end to end: a UN evaluation's "Recommendation | Addressed to | Timeline"
annex, ruled, boxed or unruled, read from a generated PDF through the whole per-file pipeline; each row's
recommendation cell is one recommendation and its "Addressed to" cell the audience."""

from __future__ import annotations

import pytest

from pipeline.process import process_file
from test_layout import _table_runs, positioned_pdf

COLUMNS = [72, 300, 470]
RIGHT = 560
ROWS = [
    [["Recommendation"], ["Addressed to"], ["Timeline"]],
    [["Agree a joint results framework with the Ministry", "of Water and Sanitation before the next phase."],
     ["UNDP and UNICEF country", "offices"], ["June 2025"]],
    [["Include the maintenance of water points in the", "sector budget from 2026 onwards."],
     ["Ministry of Water and", "Sanitation"], ["2026"]],
    [["Train district health officers to test water quality", "in every health facility."],
     ["Provincial Health Directorate"], ["December 2025"]],
]
EXPECTED = [
    ("UNDP and UNICEF country offices",
     "Agree a joint results framework with the Ministry of Water and Sanitation before the next phase."),
    ("Ministry of Water and Sanitation",
     "Include the maintenance of water points in the sector budget from 2026 onwards."),
    ("Provincial Health Directorate",
     "Train district health officers to test water quality in every health facility."),
]


def _annex(tmp_path, style: str):
    runs = [(72, 60, 14, "Annex 2. Recommendations"),
            (72, 90, 10, "The evaluation makes three recommendations, addressed to the agencies below.")]
    table, tops = _table_runs(COLUMNS, 130, ROWS)
    runs += table + [(72, tops[-1] + 24, 10, "The management response to each recommendation is in Annex 3.")]
    edges = [*COLUMNS, RIGHT]
    rules = boxes = fills = ()
    if style == "ruled":
        rules = [(72, y, RIGHT, y) for y in tops] + [(x, tops[0], x, tops[-1]) for x in edges]
    elif style == "boxed":
        boxes = [(x0, top, x1, bottom) for top, bottom in zip(tops, tops[1:]) for x0, x1 in zip(edges, edges[1:])]
    elif style == "word processor":  # a shaded header; each cell's borders thin filled rectangles of their own
        fills = [(72, tops[0], RIGHT, tops[1])]
        for top, bottom in zip(tops, tops[1:]):
            for x0, x1 in zip(edges, edges[1:]):
                fills += [(x0, top - 0.25, x1, top + 0.25), (x0, bottom - 0.25, x1, bottom + 0.25),
                          (x0 - 0.25, top, x0 + 0.25, bottom), (x1 - 0.25, top, x1 + 0.25, bottom)]
    return positioned_pdf(tmp_path / f"annex_{style}.pdf", runs, rules=rules, boxes=boxes, fills=fills)


@pytest.mark.parametrize("style", ["ruled", "boxed", "word processor", "unruled"])
def test_each_row_of_a_pdf_recommendations_table_is_a_recommendation_with_its_audience(tmp_path, style):
    result = process_file(tmp_path, _annex(tmp_path, style))
    assert [(r.audience, r.text) for r in result.recommendations] == EXPECTED
    assert {r.prov.page for r in result.recommendations} == {1}
