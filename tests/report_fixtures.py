"""Full-length report fixtures in the styles the pipeline meets in the wild, written for these tests (no text is
copied from a real report): a UN programme evaluation as PDF and as HTML, a GAO-style performance audit and an
OIG audit of a donor mission. The PDFs are laid out like the real thing: a cover, a table of contents with dot
leaders, an acronym list, running headers and footers with page numbers, footnotes in small type under raised
reference numbers, an executive summary that restates the recommendations, GAO margin side headings, tables.

`write_reports(folder)` writes all four; `EXPECTED` holds what a careful annotator marks in each (recommendation
text and audience, organisations with every printed form, figures with value, unit and counted noun), written
from the documents below, not from the pipeline's output. Fixtures are generated at test time into tmp folders.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from pdfminer.fontmetrics import FONT_METRICS

from pdf_fixtures import escape_pdf_string, serialise

PAGE_WIDTH, PAGE_HEIGHT = 612, 792
LEFT, RIGHT = 72, 540
BODY_TOP = 720  # first baseline under the running header
BODY_BOTTOM = 150  # the body stops here; footnotes sit below it, the footer below them
FOOTNOTE_TOP = 118
FOOTER_Y = 40
HEADER_Y = 752
FONTS = {"F1": "Helvetica", "F2": "Helvetica-Bold", "F3": "Helvetica-Oblique"}
# GAO layout: side headings in a left margin column, the body in a column right of it.
SIDE_RIGHT, SIDE_BODY_LEFT = 178, 200
CELL_PADDING = 12  # points between a table cell's text and the next column (6 a side)
_MARK = re.compile(r"\[\^(\d+)\]")


def text_width(text: str, font: str, size: float) -> float:
    """Width of `text` in points with the standard font's metrics (what a PDF reader computes)."""
    widths = FONT_METRICS[FONTS[font]][1]
    return sum(widths.get(ch, 556) for ch in text) * size / 1000


@dataclass
class _Page:
    ops: list[tuple[float, float, str, float, str]] = field(default_factory=list)  # x, y, font, size, text
    notes: list[tuple[str, str]] = field(default_factory=list)


class PdfReport:
    """A flowing page layout: paragraphs wrap to the column, pages break at the bottom, footnotes land on the
    page of their reference mark, every page but the cover gets a running header and a numbered footer."""

    def __init__(self, header: str, footer: str) -> None:
        self.header, self.footer = header, footer
        self.pages: list[_Page] = []
        self.y = 0.0
        self.left, self.right = LEFT, RIGHT

    # -- primitives ------------------------------------------------------------------------------------------
    def new_page(self) -> None:
        self.pages.append(_Page())
        self.y = BODY_TOP

    def put(self, x: float, y: float, font: str, size: float, text: str) -> None:
        self.pages[-1].ops.append((x, y, font, size, text))

    def _room(self, height: float) -> None:
        if not self.pages or self.y - height < BODY_BOTTOM:
            self.new_page()

    def _wrap(self, text: str, font: str, size: float, width: float) -> list[str]:
        lines, line = [], ""
        for word in text.split():
            trial = f"{line} {word}" if line else word
            if line and text_width(_MARK.sub("", trial), font, size) > width:
                lines.append(line)
                line = word
            else:
                line = trial
        return lines + [line] if line else lines

    def _line(self, x: float, text: str, font: str, size: float) -> None:
        """One line at the cursor; "[^N]" marks become raised small reference numbers."""
        pos = x
        parts = _MARK.split(text)
        for index, part in enumerate(parts):
            if index % 2:
                self.put(pos, self.y + 4, "F1", size * 0.6, part)
                pos += text_width(part, "F1", size * 0.6)
                continue
            if part:
                self.put(pos, self.y, font, size, part)
                pos += text_width(part, font, size)

    # -- blocks ----------------------------------------------------------------------------------------------
    def heading(self, text: str, size: float = 13, space: float = 14) -> None:
        self._room(space + size + 30)
        self.y -= space
        for line in self._wrap(text, "F2", size, self.right - self.left):
            self._line(self.left, line, "F2", size)
            self.y -= size + 5
        self.y -= 4

    def para(self, text: str, notes: dict[str, str] | None = None, size: float = 10.5, indent: float = 0,
             font: str = "F1", first: str = "", space: float = 8) -> None:
        """A paragraph; `first` is a hanging label ("1.", "•") set left of the indented text; a newline starts
        a line of its own (an address block)."""
        if "\n" in text:
            for line in text.split("\n")[:-1]:
                self.para(line, notes, size, indent, font, space=0)
            text = text.split("\n")[-1]
        leading = size * 1.4
        lines = self._wrap(text, font, size, self.right - self.left - indent)
        self._room(leading * min(2, len(lines)))
        for number, line in enumerate(lines):
            if self.y < BODY_BOTTOM:
                self.new_page()
            if number == 0 and first:
                self.put(self.left + indent - 14 if indent else self.left, self.y, "F1", size, first)
            self._line(self.left + indent, line, font, size)
            for mark in _MARK.findall(line):
                self.pages[-1].notes.append((mark, (notes or {})[mark]))
            self.y -= leading
        self.y -= space

    def bullet(self, text: str, notes: dict[str, str] | None = None) -> None:
        self.para(text, notes, indent=18, first="•", space=4)

    def numbered(self, number: str, text: str) -> None:
        self.para(text, indent=20, first=number, space=5)

    def toc(self, entries: list[tuple[str, int]]) -> None:
        """Contents lines with dot leaders up to a right-aligned page number."""
        for title, page in entries:
            self._room(16)
            self.put(self.left, self.y, "F1", 10.5, title)
            number = str(page)
            end = self.right - text_width(number, "F1", 10.5)
            start = self.left + text_width(title, "F1", 10.5) + 4
            dots = "." * max(3, int((end - start - 4) / text_width(".", "F1", 10.5)))
            self.put(start, self.y, "F1", 10.5, dots)
            self.put(end, self.y, "F1", 10.5, number)
            self.y -= 16

    def pairs(self, rows: list[tuple[str, str]], gap: float = 80) -> None:
        """Two-column lines (an acronym list): term at the left, meaning beside it."""
        for term, meaning in rows:
            self._room(15)
            self.put(self.left, self.y, "F2", 10, term)
            self.put(self.left + gap, self.y, "F1", 10, meaning)
            self.y -= 15
        self.y -= 6

    def table(self, widths: list[float], rows: list[list[str]], size: float = 9) -> None:
        """A ruled-less table: each row's cells wrapped in their column, the first row bold."""
        leading = size * 1.35
        for row_number, row in enumerate(rows):
            font = "F2" if row_number == 0 else "F1"
            cells = [self._wrap(cell, font, size, width - CELL_PADDING) for cell, width in zip(row, widths)]
            height = max(len(c) for c in cells) * leading + 8
            self._room(height)
            x = self.left
            for cell, width in zip(cells, widths):
                for number, line in enumerate(cell):
                    self.put(x, self.y - number * leading, font, size, line)
                x += width
            self.y -= height

    def side(self, label: str, paragraphs: list[str], notes: dict[str, str] | None = None) -> None:
        """GAO layout: a bold side heading in the left margin beside the first lines of the body paragraphs."""
        self.left = SIDE_BODY_LEFT
        self._room(40)
        top = self.y
        label_lines = self._wrap(label, "F2", 10, SIDE_RIGHT - LEFT)
        for number, line in enumerate(label_lines):
            self.put(LEFT, top - number * 13, "F2", 10, line)
        for paragraph in paragraphs:
            self.para(paragraph, notes)
        self.left = LEFT

    def cover(self, lines: list[tuple[str, float, str]]) -> None:
        """The cover page: lines of given size and font, no running header or page number."""
        self.new_page()
        y = 640
        for text, size, font in lines:
            for line in self._wrap(text, font, size, RIGHT - LEFT):
                self.put(LEFT, y, font, size, line)
                y -= size * 1.5
            y -= 10
        self.pages[-1].notes.append(("cover", ""))

    # -- output ----------------------------------------------------------------------------------------------
    def _furniture(self) -> None:
        number = 0
        for page in self.pages:
            if ("cover", "") in page.notes:
                page.notes.remove(("cover", ""))
                continue
            number += 1
            page.ops.append((LEFT, HEADER_Y, "F3", 8.5, self.header))
            footer = f"Page {number}  {self.footer}"
            page.ops.append((PAGE_WIDTH / 2 - text_width(footer, "F1", 8.5) / 2, FOOTER_Y, "F1", 8.5, footer))
            y = FOOTNOTE_TOP
            for mark, note in page.notes:
                page.ops.append((LEFT, y + 3, "F1", 5, mark))
                for line in self._wrap(note, "F1", 8, RIGHT - LEFT - 8):
                    page.ops.append((LEFT + 6, y, "F1", 8, line))
                    y -= 10

    def pdf(self) -> bytes:
        """The document as PDF bytes."""
        self._furniture()
        page_ids = [5 + 2 * i for i in range(len(self.pages))]
        objects: dict[int, bytes] = {
            1: b"<< /Type /Catalog /Pages 2 0 R >>",
            2: b"<< /Type /Pages /Kids [" + b" ".join(f"{i} 0 R".encode() for i in page_ids)
               + f"] /Count {len(self.pages)} >>".encode(),
        }
        font_refs = []
        for number, (name, base) in enumerate(FONTS.items()):
            objects[100 + number] = (f"<< /Type /Font /Subtype /Type1 /BaseFont /{base} "
                                     "/Encoding /WinAnsiEncoding >>").encode()
            font_refs.append(f"/{name} {100 + number} 0 R")
        resources = "<< /Font << " + " ".join(font_refs) + " >> >>"
        for page_id, page in zip(page_ids, self.pages):
            stream = b"\n".join(
                b"BT /" + font.encode() + f" {size:g} Tf {x:.2f} {y:.2f} Td (".encode() + escape_pdf_string(text)
                + b") Tj ET" for x, y, font, size, text in page.ops) + b"\n"
            objects[page_id] = (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] "
                                f"/Resources {resources} /Contents {page_id + 1} 0 R >>").encode()
            objects[page_id + 1] = f"<< /Length {len(stream)} >>\nstream\n".encode() + stream + b"endstream"
        return serialise(objects)


# -- a) a UN programme evaluation, as PDF --------------------------------------------------------------------

UN_RECOMMENDATIONS = [
    ("UNDP and UNICEF should agree on one results framework for the second phase, with shared indicators for "
     "water point functionality and sanitation coverage, and use it for all joint reporting from 2025.",
     "UNDP and UNICEF"),
    ("The Resident Coordinator's Office should convene the participating agencies and the donors twice a year to "
     "review the allocations of the pooled fund against the needs of each district.",
     "Resident Coordinator's Office"),
    ("The Government, through the Ministry of Water and Sanitation, should take over the maintenance budget of "
     "rural water points by 2026 and include it in the medium-term expenditure framework.",
     "Government"),
    ("UNICEF should extend the community-led sanitation approach to the remaining districts of Niassa Province, "
     "working with the local organisations that already support community health committees.",
     "UNICEF"),
    ("The Ministry of Health should integrate water quality testing into the routine work of district health "
     "teams and publish the results every quarter.",
     "Ministry of Health"),
]

# The paragraph after each recommendation that explains it (kept with it by the pipeline, and by annotators).
UN_EXPLANATIONS = [
    "At present each agency reports against its own indicators, which made it impossible for this evaluation to "
    "add up the results of the two agencies in the same district.",
    "The fund's steering committee met only three times in four years, and allocations followed agency "
    "proposals rather than district plans.",
    "Without a recurrent budget line, the water points built by the programme will depend on donor funds for "
    "repairs after the programme ends.",
    "The approach reached 61 percent of the target villages in Nampula and is ready to be taken further.",
    "District health teams already visit every health centre each month and could take water samples at the "
    "same time at little extra cost.",
]


def un_evaluation_pdf() -> bytes:
    """A UN joint programme evaluation, nine pages."""
    r = PdfReport("Evaluation of the Joint Programme on Resilient Rural Water Services - Final Report",
                  "UNDP/UNICEF Joint Evaluation Series No. 14")
    r.cover([("United Nations Development Programme", 12, "F1"), ("United Nations Children's Fund", 12, "F1"),
             ("EVALUATION OF THE JOINT PROGRAMME ON RESILIENT RURAL WATER SERVICES IN NORTHERN MOZAMBIQUE "
              "(2019-2023)", 18, "F2"),
             ("Final Report", 14, "F1"), ("Independent evaluation commissioned by UNDP and UNICEF", 11, "F3"),
             ("Maputo, March 2024", 11, "F1")])
    r.new_page()
    r.heading("Contents")
    r.toc([("Acronyms and abbreviations", 2), ("Executive summary", 3), ("1. Introduction", 4),
           ("2. Programme background", 4), ("3. Evaluation methodology", 5), ("4. Findings", 5),
           ("5. Conclusions", 7), ("6. Recommendations", 7), ("Annex 1. Management response", 8)])
    r.heading("Acronyms and abbreviations")
    r.pairs([("ADPP", "Ajuda de Desenvolvimento de Povo para Povo"), ("DPS", "Provincial Health Directorate"),
             ("JP", "Joint Programme"), ("MWS", "Ministry of Water and Sanitation"),
             ("RCO", "Resident Coordinator's Office"),
             ("Sida", "Swedish International Development Cooperation Agency"),
             ("UNDP", "United Nations Development Programme"), ("UNICEF", "United Nations Children's Fund"),
             ("WASH", "Water, sanitation and hygiene")])
    r.new_page()
    r.heading("Executive summary")
    r.para("This report presents the final evaluation of the Joint Programme on Resilient Rural Water Services "
           "(the programme), implemented by UNDP and UNICEF with the Ministry of Water and Sanitation (MWS) in "
           "the provinces of Nampula, Niassa and Cabo Delgado between 2019 and 2023. The programme had a budget "
           "of USD 14.6 million, of which the Swedish International Development Cooperation Agency (Sida) "
           "provided USD 9.2 million and the European Union USD 3.5 million.[^1]",
           {"1": "Budget figures are from the programme's financial report of 31 December 2023; the remainder "
                 "came from the core resources of the two agencies."})
    r.para("The programme reached an estimated 312,400 people with new or rehabilitated water points, about 58 "
           "percent of them women and girls. It built or repaired 214 water points and trained 1,150 members of "
           "water committees. Between 40 and 55 percent of the water points visited by the evaluation team had "
           "a working committee with a bank account.")
    r.para("The evaluation makes five recommendations, summarised here and set out in full in chapter 6:")
    r.bullet("Recommendation 1 (UNDP and UNICEF): adopt one results framework with shared indicators.")
    r.bullet("Recommendation 2 (Resident Coordinator's Office): review pooled fund allocations twice a year.")
    r.bullet("Recommendation 3 (Government): fund the maintenance of rural water points from 2026.")
    r.bullet("Recommendation 4 (UNICEF): extend community-led sanitation to the rest of Niassa.")
    r.bullet("Recommendation 5 (Ministry of Health): add water quality testing to district health visits.")
    r.heading("1. Introduction")
    r.para("The evaluation was commissioned by the UNDP Independent Evaluation Office and the UNICEF Evaluation "
           "Office and managed by an evaluation reference group chaired by the Resident Coordinator's Office. "
           "It was conducted by a team of four independent evaluators between September and December 2023.")
    r.para("The objectives of the evaluation were to:")
    r.bullet("assess the relevance and coherence of the programme for the rural population of the three "
             "provinces;")
    r.bullet("assess the effectiveness and efficiency with which results were delivered;")
    r.bullet("identify lessons and make recommendations for a possible second phase.")
    r.heading("2. Programme background")
    r.para("Northern Mozambique has the lowest rural water coverage in the country: in 2018 only 37 percent of "
           "the rural population of Niassa had access to a basic water service.[^2] The programme set out to "
           "strengthen district water services so that water points keep working after they are built.",
           {"2": "National Statistics Institute, Household Budget Survey 2019/20, table 4.3."})
    r.para("The programme's objectives were to:")
    r.bullet("increase access to safe water for 300,000 people in 12 districts;")
    r.bullet("establish water committees able to pay for repairs;")
    r.bullet("strengthen the planning capacity of district services for planning and infrastructure.")
    r.para("UNICEF led the water and sanitation components and worked with two national NGOs, Ajuda de "
           "Desenvolvimento de Povo para Povo (ADPP) and the Rural Women's Water Network, while UNDP supported "
           "district planning together with the National Institute for Disaster Risk Management and Reduction "
           "(INGD). Eduardo Mondlane University carried out the baseline survey.")
    r.heading("3. Evaluation methodology")
    r.para("The evaluation used mixed methods. The team reviewed 146 programme documents, interviewed 83 "
           "people and visited 42 water points in nine districts. It should be noted that insecurity in Cabo "
           "Delgado prevented visits to two of the sampled districts, which were replaced by districts with "
           "similar characteristics.")
    r.heading("4. Findings")
    r.heading("4.1 Relevance and coherence", size=11)
    r.para("The programme was well aligned with the national water policy and with the UN Sustainable "
           "Development Cooperation Framework for Mozambique. Interviewees in the Ministry of Water and "
           "Sanitation described it as the main source of support for district water services in the north.")
    r.heading("4.2 Effectiveness", size=11)
    r.para("By December 2023 the programme had reached 312,400 people against a target of 300,000. Of the 214 "
           "water points built or rehabilitated, 87 percent were working at the time of the visits. The share "
           "of households treating their drinking water rose from 12 percent to 29 percent in the target "
           "villages.[^3]",
           {"3": "Endline survey of 1,420 households, November 2023."})
    r.para("Coordination was weaker than planned. The pooled fund's steering committee met three times in four "
           "years, and the two agencies reported separately to the donors. Sida and the European Union both "
           "asked for a single report in their annual reviews.")
    r.heading("4.3 Efficiency and sustainability", size=11)
    r.para("The average cost of a new borehole fell from USD 18,500 in 2019 to USD 14,200 in 2023, mainly "
           "because the programme grouped its drilling contracts by district. Water committees had saved "
           "between USD 150 and USD 400 each for repairs, which covers a hand pump repair but not a new "
           "cylinder. The Ministry of Water and Sanitation has not yet included maintenance in its budget.")
    r.heading("5. Conclusions")
    r.para("The programme delivered most of its planned outputs and reached more people than planned. Its "
           "weakest points are joint management by the two agencies and the financing of maintenance after "
           "the programme ends. The Government's leadership of district water services has grown, but "
           "without a budget line for maintenance the gains are at risk.")
    r.heading("6. Recommendations")
    r.para("The recommendations below follow from the findings and conclusions. They were discussed with the "
           "evaluation reference group on 14 February 2024.")
    for number, ((text, _), explanation) in enumerate(zip(UN_RECOMMENDATIONS, UN_EXPLANATIONS), start=1):
        r.heading(f"Recommendation {number}", size=11, space=6)
        r.para(text)
        r.para(explanation)
    r.new_page()
    r.heading("Annex 1. Management response")
    r.table([110, 200, 86, 72], [
        ["Recommendation", "Management response", "Responsible unit", "Timeframe"],
        ["Recommendation 1", "Accepted. The agencies will draft a joint results framework with the Ministry.",
         "UNDP and UNICEF country offices", "June 2025"],
        ["Recommendation 2", "Accepted. Reviews will be added to the fund's terms of reference.",
         "RCO", "December 2024"],
        ["Recommendation 3", "Partially accepted. The Ministry will seek an allocation in the 2026 budget.",
         "MWS", "2026"],
        ["Recommendation 4", "Accepted.", "UNICEF", "2025"],
        ["Recommendation 5", "Accepted, subject to funding from the Provincial Health Directorate.",
         "Ministry of Health", "2025"],
    ])
    return r.pdf()


# -- b) a UN programme evaluation, as HTML -------------------------------------------------------------------

HTML_RECOMMENDATIONS = [
    ("Consolidate the three youth employment projects into one programme with a single steering committee "
     "chaired by the Ministry of Labour.", "ILO and UNDP"),
    ("Link the vocational training courses to the skills that employers in the logistics and food processing "
     "sectors say they lack, using the annual survey of the Jordan Chamber of Industry.",
     "Vocational Training Corporation"),
    ("Set aside at least 30 percent of the places in each training cohort for young women and provide "
     "transport allowances to those living more than 10 kilometres from a training centre.", "UN Women"),
    ("Extend the funding of the wage subsidy scheme by two years so that firms can keep the graduates they "
     "hired in the first phase.", "European Union"),
    ("Publish the tracer study data every year so that training providers can compare the employment rates "
     "of their graduates.", "Ministry of Labour"),
]


def _shortened(text: str) -> str:
    """A summary's short form of a recommendation: its main clause, without the closing full stop."""
    return text.split(",")[0].split(" so that")[0].split(" using")[0].rstrip(".")


def un_evaluation_html() -> bytes:
    """A UN programme evaluation as a web page: navigation and footer, headings, lists, a recommendations table."""
    summary_items = "\n".join(f"<li>{html.escape(_shortened(text))} ({html.escape(audience)}).</li>"
                              for text, audience in HTML_RECOMMENDATIONS)
    rows = "\n".join(f"<tr><td>{number}. {html.escape(text)}</td><td>{html.escape(audience)}</td>"
                     f"<td>{priority}</td></tr>"
                     for number, ((text, audience), priority) in enumerate(
                         zip(HTML_RECOMMENDATIONS, ["High", "High", "Medium", "Medium", "Low"]), start=1))
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Final Evaluation of the Youth Employment and Skills Programme
in Jordan | Evaluation Resource Centre</title>
<script>window.dataLayer = window.dataLayer || [];</script></head>
<body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/evaluations">Evaluations</a></li>
<li><a href="/about">About the Evaluation Resource Centre</a></li></ul></nav></header>
<main>
<article>
<h1>Final Evaluation of the Youth Employment and Skills Programme in Jordan (2020-2024)</h1>
<p class="meta">Commissioned by the International Labour Organization (ILO) and the United Nations Development
Programme (UNDP). Published 12 May 2024. Report ERC-2024-0371.</p>

<h2>Acronyms</h2>
<table class="acronyms">
<tr><td>ILO</td><td>International Labour Organization</td></tr>
<tr><td>JCI</td><td>Jordan Chamber of Industry</td></tr>
<tr><td>VTC</td><td>Vocational Training Corporation</td></tr>
<tr><td>YESP</td><td>Youth Employment and Skills Programme</td></tr>
</table>

<h2>Executive summary</h2>
<p>The Youth Employment and Skills Programme (YESP) was implemented from 2020 to 2024 by the ILO, UNDP and UN
Women in partnership with the Ministry of Labour and the Vocational Training Corporation (VTC). It was funded by
the European Union with EUR 11.8 million and by the Government of Canada with CAD 2.4 million.</p>
<p>The programme trained 6,420 young people, 41 percent of them women, and placed 2,870 graduates in jobs. The
share of graduates in work six months after training was 47 percent, compared with 29 percent in a comparison
group. Nearly 380 firms took part in the wage subsidy scheme.</p>
<p>The main recommendations are:</p>
<ul>
{summary_items}
</ul>

<h2>1. Programme and context</h2>
<p>Youth unemployment in Jordan stood at about 46 percent in 2021, and at more than 60 percent for young women.
The programme aimed to:</p>
<ul>
<li>improve the quality and relevance of vocational training in four governorates;</li>
<li>help young people find and keep jobs through career guidance and wage subsidies;</li>
<li>strengthen the labour market information system of the Ministry of Labour.</li>
</ul>
<p>Training was delivered by the Vocational Training Corporation and by two civil society organisations, the
Tamkeen Youth Association and Ruwad Al Shabab Foundation. Yarmouk University carried out the tracer studies,
and the Jordan Chamber of Industry (JCI) ran the employer surveys.</p>

<h2>2. Methodology</h2>
<p>The evaluation team interviewed 64 stakeholders, held 12 focus groups with 96 graduates and surveyed 540
graduates by telephone. Employers should have been surveyed in all four governorates, but the survey covered
only Amman and Irbid.</p>

<h2>3. Findings</h2>
<h3>3.1 Relevance</h3>
<p>The programme responded to a clear need. Employers interviewed by the team, among them Petra Logistics
Company and Al Hayat Food Industries, said that graduates of the short courses were ready for work.</p>
<h3>3.2 Effectiveness</h3>
<p>Of the 2,870 graduates placed in jobs, 1,950 were still employed after 12 months. Women dropped out of training
more often than men, mainly because of transport costs of between JOD 25 and JOD 40 a month.</p>
<h3>3.3 Efficiency</h3>
<p>The cost per graduate placed in a job was about USD 3,100, below the USD 4,000 benchmark used by the donor.
The three projects of the programme each had their own steering committee, which tripled the reporting
burden on the Ministry of Labour.</p>

<h2>4. Conclusions</h2>
<p>The programme was relevant and largely effective. Its fragmented management and the low retention of women
are the main weaknesses to address in a next phase.</p>

<h2>5. Recommendations</h2>
<p>The evaluation team makes the following five recommendations. They are listed by priority.</p>
<table class="recommendations">
<thead><tr><th>Recommendation</th><th>Addressed to</th><th>Priority</th></tr></thead>
<tbody>
{rows}
</tbody>
</table>

<h2>Annex 1. People consulted</h2>
<ul>
<li>Ministry of Labour, Employment Directorate</li>
<li>Vocational Training Corporation, Planning Department</li>
<li>Tamkeen Youth Association</li>
<li>Delegation of the European Union to Jordan</li>
</ul>
</article>
</main>
<footer><p>&copy; 2024 Evaluation Resource Centre. All rights reserved.</p>
<p>Contact: erc@example.org | +962 6 555 0134</p></footer>
</body></html>
"""
    return page.encode("utf-8")


# -- c) a GAO-style performance audit ------------------------------------------------------------------------

GAO_RECOMMENDATIONS = [
    ("The FEMA Administrator should develop and implement a process to collect consistent data on the "
     "causes of delays in hazard mitigation projects, including the date each project phase begins and ends.",
     "FEMA Administrator"),
    ("The FEMA Administrator should set time frames for reviewing project applications and closing out "
     "completed projects, and report annually on how often the agency meets them.",
     "FEMA Administrator"),
    ("The Secretary of Homeland Security should ensure that the department's annual performance plan "
     "includes a measure of the time it takes to complete hazard mitigation projects.",
     "Secretary of Homeland Security"),
    ("Congress should consider amending the Robert T. Stafford Disaster Relief and Emergency Assistance Act to "
     "allow states to use a share of their hazard mitigation grants for the staff needed to manage projects.",
     "Congress"),
]


def gao_audit_pdf() -> bytes:
    """A GAO performance audit: Highlights page, side headings, recommendations with their marks."""
    r = PdfReport("", "GAO-25-107214  Disaster Mitigation")
    r.header = "Letter"
    r.cover([("United States Government Accountability Office", 12, "F2"),
             ("Report to Congressional Committees", 11, "F1"), ("April 2025", 11, "F1"),
             ("DISASTER MITIGATION", 20, "F2"),
             ("FEMA Should Improve Data on Project Delays and Set Time Frames for Reviews", 14, "F1"),
             ("GAO-25-107214", 11, "F2")])
    r.new_page()
    r.heading("Highlights of GAO-25-107214, a report to congressional committees", size=10)
    r.side("Why GAO Did This Study", [
        "The Federal Emergency Management Agency (FEMA) awarded about $3.46 billion in hazard mitigation grants "
        "from fiscal years 2015 through 2023 to help states and communities reduce the risk of future disasters. "
        "Projects often take years to complete.",
        "The Disaster Recovery Reform Act of 2018 includes a provision for GAO to review the timeliness of "
        "mitigation projects. This report examines (1) how long projects took and (2) the extent to which FEMA "
        "tracks the causes of delays. GAO analyzed data on 1,874 projects, reviewed agency documents, and "
        "interviewed officials from FEMA and 13 state emergency management agencies."])
    r.side("What GAO Found", [
        "GAO found that the median project took about 4.2 years from application to closeout, and 62 percent of "
        "projects missed their original completion date. FEMA does not collect consistent data on why projects "
        "are delayed, so it cannot tell whether its own reviews or the states' work cause the delays."])
    r.side("What GAO Recommends", [
        "GAO is making three recommendations, including that FEMA collect consistent data on the causes of "
        "project delays and set time frames for its reviews. DHS concurred with the recommendations. GAO is also "
        "suggesting that Congress consider allowing states to use grant funds for project management staff."])
    r.para("View GAO-25-107214. For more information, contact Maria Delgado at (202) 512-3841 or "
           "delgadom@gao.gov.", size=8.5)
    r.new_page()
    r.heading("Abbreviations")
    r.pairs([("BRIC", "Building Resilient Infrastructure and Communities"),
             ("DHS", "Department of Homeland Security"), ("FEMA", "Federal Emergency Management Agency"),
             ("HMGP", "Hazard Mitigation Grant Program"), ("NEMA", "National Emergency Management Association"),
             ("OMB", "Office of Management and Budget")])
    r.para("This is a work of the U.S. government and is not subject to copyright protection in the United States.",
           size=8.5)
    r.new_page()
    r.para("April 24, 2025")
    r.para("The Honorable Gary Peters\nRanking Member\nCommittee on Homeland Security and Governmental Affairs\n"
           "United States Senate")
    r.para("Each year, disasters cost the nation billions of dollars. Hazard mitigation projects, such as raising "
           "flood-prone homes or reinforcing public buildings, can reduce these costs. FEMA, a component of the "
           "Department of Homeland Security (DHS), funds such projects mainly through the Hazard Mitigation Grant "
           "Program (HMGP) and the Building Resilient Infrastructure and Communities (BRIC) program.[^1]",
           {"1": "FEMA cancelled new BRIC funding opportunities in 2025; projects already selected continue."})
    r.para("This report examines (1) how long hazard mitigation projects took to complete and (2) the extent to "
           "which FEMA collects data on the causes of project delays.")
    r.side("Background", [
        "States apply to FEMA for mitigation grants after a major disaster declaration. FEMA reviews each "
        "application for eligibility and cost-effectiveness, and the state then manages the project and its "
        "subrecipients. The National Emergency Management Association (NEMA) represents the state emergency "
        "management agencies.",
        "From fiscal years 2015 through 2023, FEMA obligated about $3.46 billion for 1,874 projects in 50 states. "
        "The federal share is generally 75 percent of eligible costs."])
    r.side("Projects Took a Median of More Than 4 Years", [
        "Our analysis of FEMA data found that the median project took about 4.2 years from application to "
        "closeout. Projects to acquire flood-prone properties took longer, with a median of 5.1 years. Of the "
        "1,874 projects, 1,162 (62 percent) missed their original completion date, and 241 needed three or more "
        "extensions.",
        "Officials from the Texas Division of Emergency Management and the California Governor's Office of "
        "Emergency Services told us that FEMA's reviews of environmental and historic preservation "
        "requirements took between 6 and 14 months."])
    r.side("FEMA Does Not Collect Consistent Data on the Causes of Delays", [
        "FEMA's grant management system records when a project is approved and closed, but not when each phase "
        "begins and ends or why a phase took longer than planned. Standards for Internal Control in the Federal "
        "Government state that management should use quality information to achieve its objectives.[^2] Without "
        "consistent data, FEMA cannot identify whether its own reviews or state capacity cause the delays.",
        "The Office of Management and Budget (OMB) requires agencies to report on the timeliness of grant "
        "closeout. FEMA reported that 38 percent of its mitigation grants were closed out late in fiscal year "
        "2023."],
        {"2": "GAO, Standards for Internal Control in the Federal Government, GAO-14-704G (Washington, D.C.: "
              "September 2014)."})
    r.side("Conclusions", [
        "Hazard mitigation projects save lives and money, but only once they are built. FEMA cannot manage what "
        "it does not measure: until it collects data on the causes of delays and sets time frames for its own "
        "reviews, it will not know where to act."])
    r.side("Recommendations for Executive Action", [
        "We are making the following three recommendations to DHS:",
        f"{GAO_RECOMMENDATIONS[0][0]} (Recommendation 1)",
        f"{GAO_RECOMMENDATIONS[1][0]} (Recommendation 2)",
        f"{GAO_RECOMMENDATIONS[2][0]} (Recommendation 3)"])
    r.side("Matter for Congressional Consideration", [
        f"{GAO_RECOMMENDATIONS[3][0]} (Matter for Consideration 1)"])
    r.side("Agency Comments and Our Evaluation", [
        "We provided a draft of this report to DHS for review and comment. In its written comments, DHS concurred "
        "with our three recommendations and described steps FEMA plans to take. DHS said that FEMA should be able "
        "to collect data on project phases by the end of fiscal year 2026.",
        "We are sending copies of this report to the appropriate congressional committees, the Secretary of "
        "Homeland Security, and the FEMA Administrator. If you or your staff have any questions about this "
        "report, please contact me at (202) 512-3841. GAO staff who made key contributions to this report are "
        "listed in appendix II."])
    r.para("Maria Delgado\nDirector, Homeland Security and Justice")
    return r.pdf()


# -- d) an OIG audit of a donor's country mission ------------------------------------------------------------

OIG_RECOMMENDATIONS = [
    ("Determine the allowability of $412,560 in unsupported costs charged by AgriGrowth Partners International "
     "for subawards, and recover from the implementer any amounts found to be unallowable.",
     "Mission Director of USAID/Kenya"),
    ("Require AgriGrowth Partners International to put in place a procedure for verifying the eligibility of "
     "farmer groups before they receive grants, and document the verification in each grant file.",
     "Mission Director of USAID/Kenya"),
    ("Direct the agreement officer's representative to verify reported sales figures against the records of "
     "at least a sample of buyers before they are entered in the mission's performance system.",
     "Mission Director of USAID/Kenya"),
    ("Develop and implement a plan to transfer the management of the milk collection centres to the "
     "cooperatives that use them before the activity ends in September 2026.",
     "Mission Director of USAID/Kenya"),
]


def oig_audit_pdf() -> bytes:
    """An Office of Inspector General audit of a mission's activity: numbered findings and recommendations."""
    r = PdfReport("Audit of USAID/Kenya's Dairy and Horticulture Value Chains Activity",
                  "Report No. 4-615-25-002-P")
    r.cover([("Office of Inspector General", 12, "F2"), ("U.S. Agency for International Development", 12, "F1"),
             ("USAID/Kenya Did Not Verify Results or Costs Reported by Its Dairy and Horticulture Value Chains "
              "Activity", 18, "F2"),
             ("Audit Report 4-615-25-002-P", 11, "F1"), ("February 12, 2025", 11, "F1")])
    r.new_page()
    r.heading("MEMORANDUM")
    r.para("DATE: February 12, 2025")
    r.para("TO: USAID/Kenya, Mission Director, Thomas Okello")
    r.para("FROM: Regional Inspector General/Nairobi, Rebecca Hall")
    r.para("SUBJECT: USAID/Kenya Did Not Verify Results or Costs Reported by Its Dairy and Horticulture Value "
           "Chains Activity (4-615-25-002-P)")
    r.para("Enclosed is the final report on our audit of USAID/Kenya's Dairy and Horticulture Value Chains "
           "Activity. Our audit objectives were to determine whether USAID/Kenya verified the results reported "
           "by the activity and whether the costs charged to the award were supported. In finalizing the report, "
           "we considered your comments on the draft and included them in their entirety in appendix C.")
    r.para("The report contains four recommendations to improve the management of the activity. After your "
           "review of the information provided, we consider all four recommendations resolved but open pending "
           "completion of planned activities.")
    r.new_page()
    r.heading("Contents")
    r.toc([("Introduction", 3), ("Background", 3), ("USAID/Kenya Did Not Verify Reported Results", 4),
           ("Subaward Costs Were Not Supported", 5), ("Recommendations", 6), ("OIG Response", 6),
           ("Appendix A. Scope and Methodology", 7)])
    r.heading("Introduction")
    r.para("In September 2021, USAID/Kenya awarded a five-year, $38.5 million cooperative agreement to AgriGrowth "
           "Partners International to raise the incomes of 45,000 smallholder farmers in six counties. The "
           "activity works with the Kenya Dairy Processors Association, the Eldoret Farmers Cooperative Society "
           "and county governments to improve milk collection, cooling and marketing.")
    r.para("We conducted this audit to determine whether USAID/Kenya (1) verified the results reported by the "
           "activity and (2) ensured that the costs charged to the award were supported. To answer these "
           "objectives, we reviewed the agreement and 26 quarterly reports, tested a sample of 120 transactions "
           "worth $2.1 million, and interviewed staff of the mission, the implementer and the Ministry of "
           "Agriculture, Livestock, Fisheries and Cooperatives.[^1]",
           {"1": "Appendix A describes the scope and methodology of the audit in detail."})
    r.heading("Background")
    r.para("The activity is part of Feed the Future, the U.S. Government's global hunger and food security "
           "initiative. By June 2024 it had spent $21.7 million, or 56 percent of the award. It reported that "
           "participating farmers had sold milk and vegetables worth $14.3 million, against a target of $18 "
           "million.")
    r.heading("USAID/Kenya Did Not Verify Reported Results")
    r.para("The mission's agreement officer's representative accepted the sales figures reported by the "
           "implementer without checking them. Our tests of 30 farmer groups found that 11 reported sales that "
           "their buyers' records did not support; the difference amounted to about $1.2 million. Automated "
           "Directives System (ADS) chapter 201 requires missions to assess the quality of the data they report.")
    r.heading("Subaward Costs Were Not Supported")
    r.para("AgriGrowth Partners International charged $412,560 for grants to 58 farmer groups without evidence "
           "that the groups met the eligibility criteria. Twelve of the groups had not been registered with the "
           "State Department for Cooperatives when they received their grants. In addition, three milk "
           "collection centres built by the activity are still managed by the implementer, although the "
           "agreement says they should be handed over to cooperatives.")
    r.heading("Recommendations")
    r.para("We recommend that USAID/Kenya's Mission Director take the following actions:")
    for number, (text, _) in enumerate(OIG_RECOMMENDATIONS, start=1):
        r.para(f"Recommendation {number}. {text}")
    r.heading("OIG Response")
    r.para("We provided our draft report to USAID/Kenya on December 4, 2024. On January 17, 2025, we received "
           "the mission's response, which is included as appendix C. The mission agreed with all four "
           "recommendations. We acknowledge management decisions on all four recommendations and consider them "
           "resolved but open pending completion of planned activities.")
    r.heading("Appendix A. Scope and Methodology")
    r.para("We conducted our work from March 2024 through November 2024 in Nairobi and in Nakuru, Uasin Gishu "
           "and Meru counties, in accordance with generally accepted government auditing standards. Those "
           "standards require that we plan and perform the audit to obtain sufficient, appropriate evidence.")
    r.para("To assess the reliability of the sales data, we selected a random sample of 30 of the 214 farmer "
           "groups and compared their reported sales with the records of their buyers, including Brookside "
           "Dairy Limited and the New Kenya Co-operative Creameries. We also reviewed the audit of the "
           "implementer's financial statements by Mwangi Kariuki & Associates.")
    return r.pdf()


REPORTS = {"un_evaluation.pdf": un_evaluation_pdf, "un_evaluation.html": un_evaluation_html,
           "gao_audit.pdf": gao_audit_pdf, "oig_audit.pdf": oig_audit_pdf}


def write_reports(folder: Path) -> list[Path]:
    """Write the four reports into `folder`; return their paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, build in REPORTS.items():
        path = folder / name
        path.write_bytes(build())
        paths.append(path)
    return paths
