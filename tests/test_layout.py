"""Page layout from word positions: columns, GAO-style margin side headings, footnote reference marks, lost
ligature gaps, overprinted text, rotated margin stamps and tables (ruled, boxed and unruled). Each fixture PDF
places text runs, rules and boxes at given positions (generated into tmp_path by `positioned_pdf`, Helvetica, no
third-party writer)."""

from __future__ import annotations

from pathlib import Path

import pdfplumber

from pipeline.process import process_file
from pipeline.read.layout import layout_lines, page_text
from pipeline.text import normalise_document
from pdf_fixtures import escape_pdf_string

PAGE_WIDTH, PAGE_HEIGHT = 612, 792
Run = tuple[float, float, float, "str | list"]


def _show(size: float, content) -> bytes:
    """Text operators for a run: a string, or a list of strings, gaps (a float, in em: the space a lost glyph
    leaves) and ("sup", digits) superscripts set small and raised after the text before them."""
    if isinstance(content, str):
        return b"(" + escape_pdf_string(content) + b") Tj"
    ops = []
    for part in content:
        if isinstance(part, float):
            ops.append(f"[{-part * 1000:.0f}] TJ".encode())
        elif isinstance(part, tuple):
            ops.append(f"/F1 {size * 0.6:.1f} Tf {size * 0.35:.1f} Ts (".encode() + escape_pdf_string(part[1])
                       + f") Tj /F1 {size} Tf 0 Ts".encode())
        else:
            ops.append(b"(" + escape_pdf_string(part) + b") Tj")
    return b" ".join(ops)


def positioned_pdf(path: Path, runs: list[Run], rotated: tuple = (), rules: tuple = (), boxes: tuple = (),
                   fills: tuple = ()) -> Path:
    """One page; each run is (x, top, size, content) in points from the top-left; `rotated` runs are set at 90°;
    `rules` are stroked lines, `boxes` stroked rectangles and `fills` grey filled ones (a word processor draws
    cell borders as thin filled rectangles), each (x0, top, x1, bottom)."""
    ops = [f"0.9 g {x0} {PAGE_HEIGHT - bottom} {x1 - x0} {bottom - top} re f 0 g".encode()
           for x0, top, x1, bottom in fills]
    ops += [f"0.5 w {x0} {PAGE_HEIGHT - top} m {x1} {PAGE_HEIGHT - bottom} l S".encode()
            for x0, top, x1, bottom in rules]
    ops += [f"0.5 w {x0} {PAGE_HEIGHT - bottom} {x1 - x0} {bottom - top} re S".encode()
            for x0, top, x1, bottom in boxes]
    for x, top, size, content in runs:
        baseline = PAGE_HEIGHT - top - size * 0.8
        ops.append(f"BT /F1 {size} Tf 1 0 0 1 {x} {baseline} Tm ".encode() + _show(size, content) + b" ET")
    for x, top, size, text in rotated:
        ops.append(f"BT /F1 {size} Tf 0 1 -1 0 {x} {PAGE_HEIGHT - top} Tm (".encode() + escape_pdf_string(text)
                   + b") Tj ET")
    stream = b"\n".join(ops) + b"\n"
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        4: (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] "
            f"/Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>").encode(),
        5: f"<< /Length {len(stream)} >>\nstream\n".encode() + stream + b"endstream",
    }
    out = bytearray(b"%PDF-1.4\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += f"{number} 0 obj\n".encode() + objects[number] + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n".encode() + b"0000000000 65535 f \n"
    out += b"".join(f"{offsets[n]:010d} 00000 n \n".encode() for n in sorted(objects))
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))
    return path


def read(path: Path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return page_text(pdf.pages[0]).split("\n")


def lines_at(x: float, top: float, lines: list[str], size: float = 10, leading: float = 13) -> list[tuple]:
    return [(x, top + i * leading, size, line) for i, line in enumerate(lines)]


LEFT_COLUMN = ["The mission reviewed every grant agreement", "signed between 2019 and 2022 and found that",
               "monitoring plans were missing for most of them.", "Partners reported results late."]
RIGHT_COLUMN = ["The regional office agreed to draft guidance", "for site visits and to train its award",
                "managers before the next funding round opens.", "It expects to finish by June."]


def test_two_columns_are_read_left_column_first(tmp_path):
    runs = [(72, 60, 14, "Audit of Grant Monitoring in the Region")]
    runs += lines_at(72, 100, LEFT_COLUMN) + lines_at(320, 100, RIGHT_COLUMN)
    runs += [(72, 740, 8, "Page 3")]
    lines = [line for line in read(positioned_pdf(tmp_path / "columns.pdf", runs)) if line]
    assert lines == ["Audit of Grant Monitoring in the Region", *LEFT_COLUMN, *RIGHT_COLUMN, "Page 3"]


def test_columns_whose_lines_are_never_level_are_read_one_after_the_other(tmp_path):
    # A heading in one column shifts its lines half a line from the other's, so no row holds both columns.
    runs = [(72, 60, 14, "Audit of Grant Monitoring in the Region")]
    runs += lines_at(72, 100, LEFT_COLUMN) + lines_at(320, 106.5, RIGHT_COLUMN)
    lines = [line for line in read(positioned_pdf(tmp_path / "offset.pdf", runs)) if line]
    assert lines == ["Audit of Grant Monitoring in the Region", *LEFT_COLUMN, *RIGHT_COLUMN]


def test_an_indented_quotation_is_not_a_column(tmp_path):
    quoted = ["Monitoring plans shall be approved before", "the first disbursement of any award and",
              "reviewed at least once every year."]
    runs = lines_at(72, 100, BODY[:3], size=10) + lines_at(120, 100 + 4 * 13, quoted, size=10)
    runs += lines_at(72, 100 + 8 * 13, BODY[4:], size=10)
    lines = [line for line in read(positioned_pdf(tmp_path / "quote.pdf", runs)) if line]
    assert lines == [*BODY[:3], *quoted, *BODY[4:]]


def test_three_columns(tmp_path):
    third = ["Agency comments were received on time.", "The agency concurred with all findings",
             "and described the actions it will take.", "Details are in appendix two."]
    left = [line[:36].strip() for line in LEFT_COLUMN]
    middle = [line[:36].strip() for line in RIGHT_COLUMN]
    right = [line[:36].strip() for line in third]
    runs = lines_at(40, 100, left, size=8) + lines_at(230, 100, middle, size=8) + lines_at(420, 100, right, size=8)
    lines = [line for line in read(positioned_pdf(tmp_path / "three.pdf", runs)) if line]
    assert lines == [*left, *middle, *right]


BODY = ["The Employee Council was established in 2000 to give staff groups a",
        "forum to raise their concerns with senior management and to propose",
        "solutions where appropriate. It meets every quarter with the agency.",
        "",
        "Five council members volunteered to conduct the survey you requested",
        "and pre-tested it with a small number of employees in each office",
        "before it was sent to all employees in November of that year."]


def test_margin_side_headings_become_paragraphs_before_their_body_text(tmp_path):
    runs = [(36, 100, 13, "Overview of the"), (36, 116, 13, "Council")]
    runs += [(36, 100 + 4 * 13, 13, "Survey Background")]
    runs += lines_at(216, 100, BODY, size=10, leading=13)
    lines = read(positioned_pdf(tmp_path / "side.pdf", [r for r in runs if r[3]]))
    assert lines == ["Overview of the Council", "", *BODY[:3], "", "Survey Background", "", *BODY[4:]]


def test_a_hanging_bullet_list_is_not_taken_for_side_headings(tmp_path):
    items = ["Partner reports were late in every quarter of the year.",
             "Site visits were not documented in the award files.",
             "Indicators were changed without approval by the mission."]
    runs = []
    for i, item in enumerate(items):
        runs += [(72, 100 + i * 13, 10, "-"), (90, 100 + i * 13, 10, item)]
    lines = read(positioned_pdf(tmp_path / "bullets.pdf", runs))
    assert lines == [f"- {item}" for item in items]


def test_table_rows_are_not_split_into_columns(tmp_path):
    rows = [("Population", "18,711,560"), ("Area", "2,724,900 km2"), ("Density", "7 per km2"),
            ("Capital", "Astana"), ("Currency", "Tenge")]
    runs = []
    for i, (label, value) in enumerate(rows):
        runs += [(72, 100 + i * 13, 10, label), (300, 100 + i * 13, 10, value)]
    assert read(positioned_pdf(tmp_path / "table.pdf", runs)) == [f"{a} {b}" for a, b in rows]


def test_raised_small_footnote_numbers_are_dropped(tmp_path):
    runs = [(72, 100, 10, ["The 2030 Agenda", ("sup", "150"), " was adopted by all"]),
            (72, 113, 10, ["members in 2015.", ("sup", "2")])]
    assert read(positioned_pdf(tmp_path / "marks.pdf", runs)) == ["The 2030 Agenda was adopted by all",
                                                                   "members in 2015."]


def test_footnote_text_keeps_its_number(tmp_path):
    runs = [(72, 700, 8, "1"), (80, 700, 8, "GAO, Government Auditing Standards, GAO-21-368G.")]
    assert read(positioned_pdf(tmp_path / "note.pdf", runs)) == ["1 GAO, Government Auditing Standards, GAO-21-368G."]


def test_a_gap_left_by_a_lost_ligature_glyph_is_closed_for_the_repair(tmp_path):
    # 0.556 em: the width of the "fi" glyph the font could not map
    runs = [(72, 100, 10, ["The audit found a signi", 0.556, "cant gap in the de", 0.556, "nition."])]
    lines = read(positioned_pdf(tmp_path / "ligature.pdf", runs))
    assert lines == ["The audit found a signicant gap in the denition."]
    doc = normalise_document(tuple(lines))
    assert doc.text == "The audit found a significant gap in the definition."
    assert doc.repairs["ligatures"] == 2


def test_real_words_across_a_wide_space_stay_apart(tmp_path):
    runs = [(72, 100, 10, ["The field", 0.5, "office closed."])]
    assert read(positioned_pdf(tmp_path / "space.pdf", runs)) == ["The field office closed."]


def test_text_printed_over_a_line_in_another_size_gets_its_own_line(tmp_path):
    runs = [(216, 45, 8, "Appendix I: Briefing Slides"), (36, 43, 27, "Appendix I: Briefing Slides")]
    assert sorted(read(positioned_pdf(tmp_path / "overprint.pdf", runs))) == ["Appendix I: Briefing Slides"] * 2


def test_rotated_margin_stamp_is_dropped(tmp_path):
    runs = lines_at(72, 100, LEFT_COLUMN + RIGHT_COLUMN)
    lines = read(positioned_pdf(tmp_path / "stamp.pdf", runs, rotated=((30, 500, 14, "arXiv:2004.04906v3"),)))
    assert lines == LEFT_COLUMN + RIGHT_COLUMN


def test_layout_lines_accepts_words_without_size():
    words = [{"text": "Findings", "x0": 72.0, "x1": 120.0, "top": 100.0, "bottom": 110.0},
             {"text": "Controls", "x0": 72.0, "x1": 118.0, "top": 130.0, "bottom": 140.0},
             {"text": "were", "x0": 121.0, "x1": 140.0, "top": 130.0, "bottom": 140.0}]
    assert layout_lines(words, 612) == ["Findings", "", "Controls were"]


def test_gao_page_with_side_headings_reads_its_recommendation_whole(tmp_path):
    # Older GAO layout: section titles in the left margin beside the body text; read line by line they
    # interleave with the recommendation ("Recommendation for We recommend that ...").
    body = ["Formula marketing reaches most participants, and most states do not restrict",
            "the use of the program's logo in advertisements. Without such provisions in",
            "their contracts, states cannot stop manufacturers from implying that the",
            "program endorses their products, and the program cannot protect its name.",
            "",
            "We recommend that the Secretary of Agriculture direct the Food and Nutrition",
            "Service to educate all states about its policy restricting the use of the",
            "program's logo and to ensure that all state contracts include such provisions.",
            "",
            "We provided a draft of this report to the department for review and comment.",
            "The department agreed with our recommendation and said that it would issue",
            "guidance to all states before the next contracts are signed."]
    runs = [(36, 100, 13, "Conclusions"), (36, 100 + 5 * 13, 13, "Recommendation for"),
            (36, 116 + 5 * 13, 13, "Executive Action"), (36, 100 + 9 * 13, 13, "Agency Comments")]
    runs += [r for r in lines_at(216, 100, body, size=10, leading=13) if r[3]]
    positioned_pdf(tmp_path / "gao.pdf", runs)
    recs = process_file(tmp_path, tmp_path / "gao.pdf").recommendations
    assert [(r.audience, r.prov.section, r.text) for r in recs] == [
        ("Secretary of Agriculture", "Recommendation for Executive Action",
         "We recommend that the Secretary of Agriculture direct the Food and Nutrition Service to educate all states "
         "about its policy restricting the use of the program's logo and to ensure that all state contracts include "
         "such provisions.")]


# -- tables ---------------------------------------------------------------------------------------------------

def _table_runs(columns: list[float], top: float, rows: list[list[list[str]]], size: float = 9,
                leading: float = 11, padding: float = 6) -> tuple[list[tuple], list[float]]:
    """Runs for table rows whose cells are lists of wrapped lines, and the top of each row and of the table's end."""
    runs, tops = [], []
    for row in rows:
        tops.append(top)
        for x, cell in zip(columns, row):
            runs += lines_at(x + padding, top + padding, cell, size=size, leading=leading)
        top += max(len(cell) for cell in row) * leading + 2 * padding
    return runs, tops + [top]


GRID_COLUMNS = [72, 250, 430]
GRID_ROWS = [[["Recommendation"], ["Addressed to"], ["Timeline"]],
             [["Adopt a joint results framework", "for both agencies by mid-2025."], ["UNDP and UNICEF"],
              ["June 2025"]],
             [["Fund maintenance of water points."], ["Ministry of Water", "and Sanitation"], ["2026"]],
             [["Train district water officers."], ["Provincial Health", "Directorate"], ["December 2025"]]]
GRID_LINES = ["Recommendation | Addressed to | Timeline", "",
              "Adopt a joint results framework for both agencies by mid-2025. | UNDP and UNICEF | June 2025", "",
              "Fund maintenance of water points. | Ministry of Water and Sanitation | 2026", "",
              "Train district water officers. | Provincial Health Directorate | December 2025"]


def test_a_ruled_table_becomes_one_line_a_row_with_wrapped_cells_joined(tmp_path):
    runs, tops = _table_runs(GRID_COLUMNS, 150, GRID_ROWS)
    right = 560
    rules = [(72, y, right, y) for y in tops] + [(x, tops[0], x, tops[-1]) for x in [*GRID_COLUMNS, right]]
    runs = [(72, 100, 10, "The evaluation team makes three recommendations, set out in the table below.")] + runs
    runs += [(72, tops[-1] + 20, 10, "The management response is in the next annex.")]
    lines = read(positioned_pdf(tmp_path / "grid.pdf", runs, rules=rules))
    assert lines == ["The evaluation team makes three recommendations, set out in the table below.", "",
                     *GRID_LINES, "", "The management response is in the next annex."]


def test_a_table_of_boxed_cells_is_read_as_a_ruled_table(tmp_path):
    runs, tops = _table_runs(GRID_COLUMNS, 150, GRID_ROWS)
    edges = [*GRID_COLUMNS, 560]
    boxes = [(x0, top, x1, bottom) for top, bottom in zip(tops, tops[1:]) for x0, x1 in zip(edges, edges[1:])]
    assert read(positioned_pdf(tmp_path / "boxes.pdf", runs, boxes=boxes)) == GRID_LINES


def test_an_unruled_table_of_aligned_columns_with_wrapped_cells(tmp_path):
    runs = [(72, 100, 10, "Table 4: Management response to the recommendations")]
    table, tops = _table_runs([72, 182, 382, 468], 130, [
        [["Recommendation"], ["Management response"], ["Responsible unit"], ["Timeframe"]],
        [["Recommendation 1"], ["Accepted. The agencies will draft a", "joint results framework."],
         ["UNDP and UNICEF", "country offices"], ["June 2025"]],
        [["Recommendation 2"], ["Partially accepted."], ["Ministry of Health"], ["2026"]],
    ])
    runs += table + [(72, tops[-1] + 20, 10, "Both agencies will report on progress every six months to the board.")]
    assert read(positioned_pdf(tmp_path / "aligned.pdf", runs)) == [
        "Table 4: Management response to the recommendations", "",
        "Recommendation | Management response | Responsible unit | Timeframe", "",
        "Recommendation 1 | Accepted. The agencies will draft a joint results framework. | UNDP and UNICEF country "
        "offices | June 2025", "",
        "Recommendation 2 | Partially accepted. | Ministry of Health | 2026", "",
        "Both agencies will report on progress every six months to the board."]


def test_two_columns_of_prose_between_page_rules_stay_prose(tmp_path):
    # A header rule, a rule under the title and one above the footer: three rules of one width, but the text
    # between them is running text in two columns, not a table.
    runs = [(72, 60, 14, "Audit of Grant Monitoring in the Region")]
    runs += lines_at(72, 100, LEFT_COLUMN) + lines_at(320, 100, RIGHT_COLUMN) + [(72, 740, 8, "Page 3")]
    rules = [(72, 50, 540, 50), (72, 82, 540, 82), (72, 730, 540, 730)]
    lines = [line for line in read(positioned_pdf(tmp_path / "ruled_prose.pdf", runs, rules=rules)) if line]
    assert lines == ["Audit of Grant Monitoring in the Region", *LEFT_COLUMN, *RIGHT_COLUMN, "Page 3"]


def test_columns_of_prose_framed_by_rules_stay_prose(tmp_path):
    # An audit's highlights page: a frame, a title band and two columns of prose with a vertical rule between them.
    runs = [(72, 60, 14, "Audit of Grant Monitoring in the Region")]
    runs += lines_at(72, 100, LEFT_COLUMN) + lines_at(320, 100, RIGHT_COLUMN)
    rules = [(66, 50, 560, 50), (66, 85, 560, 85), (66, 160, 560, 160), (310, 85, 310, 160), (66, 50, 66, 160),
             (560, 50, 560, 160)]
    lines = [line for line in read(positioned_pdf(tmp_path / "highlights.pdf", runs, rules=rules)) if line]
    assert lines == ["Audit of Grant Monitoring in the Region", *LEFT_COLUMN, *RIGHT_COLUMN]


def test_a_boxed_paragraph_is_not_a_table(tmp_path):
    runs = lines_at(80, 100, BODY[:3], size=10) + [(80, 150, 10, "Source: GAO analysis of agency data.")]
    lines = read(positioned_pdf(tmp_path / "boxed.pdf", runs, boxes=[(72, 95, 540, 140), (72, 145, 540, 165)],
                                rules=[(72, 118, 540, 118)]))
    assert [line for line in lines if line] == [*BODY[:3], "Source: GAO analysis of agency data."]


def test_a_contents_page_and_a_numbered_list_are_not_tables(tmp_path):
    runs = []
    for i, (title, page) in enumerate([("Executive summary", "3"), ("Findings", "12"), ("Annexes", "40")]):
        runs += [(72, 100 + i * 14, 10, title), (300, 100 + i * 14, 10, "." * 30), (520, 100 + i * 14, 10, page)]
    for i, item in enumerate(["Adopt a joint results framework.", "Fund maintenance.", "Train officers."]):
        runs += [(72, 200 + i * 14, 10, f"{i + 1}."), (100, 200 + i * 14, 10, item)]
    lines = read(positioned_pdf(tmp_path / "toc.pdf", runs))
    assert not any(" | " in line for line in lines)


def test_three_columns_whose_long_lines_come_within_an_em_of_the_next_column(tmp_path):
    # A justified line ending one em short of the next column is no segment gap away from it: the row's words
    # run on across the gutter, which must still split the columns (not read "... the French Bureau of" level
    # with the next column's line).
    left = ["The accident is under investigation by", "the national board with assistance from",
            "the manufacturer and the operator, the", "French Bureau of Enquiry and Analysis",
            "for Civil Aviation Safety and others."]
    middle = ["The agency issued an emergency order", "requiring operators to revise the flight",
              "manual procedures, with the revisions due", "within thirty days of its publication in",
              "the register, and it has since reviewed."]
    right = ["Comments will be available in the", "docket shortly after they are received",
             "by the agency, which will consider all", "comments received before the closing",
             "date for comments on this proposal."]
    # The longest left line ends at 201, the longest middle one at 379.6: gutters of 10 and 9.4 points.
    runs = lines_at(45, 100, left, size=9, leading=10) + lines_at(211, 100, middle, size=9, leading=10)
    runs += lines_at(389, 100, right, size=9, leading=10)
    lines = [line for line in read(positioned_pdf(tmp_path / "gutters.pdf", runs)) if line]
    assert lines == [*left, *middle, *right]
