"""Reports in styles the unseen-report fixtures (report_fixtures.py) do not cover, written for these tests (no text is
copied from a real report): a Joint Inspection Unit review (PDF), a UNICEF evaluation with a management response
(HTML), a World Bank completion report's lessons with its independent review, a donor's annual review and a USAID
evaluation, an older-style OIG audit with its evaluation of management comments (PDF), a GAO product web page, and
documents that only talk about recommendations (a programme page, an inception report, a literature review).

`STYLES` maps a file name to a builder of its bytes and what an annotator marks in it: each recommendation as key
words its text must contain (the whole item: wrapped lines joined, explanation kept) and the audiences accepted,
and words that must not start or make up a recommendation of their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from report_fixtures import PdfReport


@dataclass(frozen=True)
class Expected:
    words: tuple[str, ...]  # all in the recommendation's text, in any case
    audiences: tuple[str, ...]  # any of these, compared without case, spaces or a leading "the"


@dataclass(frozen=True)
class Style:
    build: Callable[[], bytes]
    expected: list[Expected]
    absent: list[str] = field(default_factory=list)  # no recommendation's text contains any of these


# -- a Joint Inspection Unit review, as PDF ------------------------------------------------------------------

JIU_RECS = [
    ("The legislative bodies of the United Nations system organizations should, by the end of 2028, request the "
     "executive heads to report to them every two years on the state of business continuity preparedness, "
     "including the results of the most recent tests of their plans."),
    ("The executive heads of the United Nations system organizations should, by the end of 2027, ensure that their "
     "business continuity plans are tested at least once a year with the participation of their field offices, and "
     "that the lessons from each test are recorded and acted upon."),
    ("The Secretary-General, in his capacity as Chair of the United Nations System Chief Executives Board for "
     "Coordination, should task the High-level Committee on Management with developing, by 2028, a common "
     "framework for sharing alternate work sites and critical staff among organizations at the same duty "
     "station."),
    ("The executive heads of the United Nations system organizations should designate, by the end of 2027, a "
     "senior official accountable for business continuity who reports directly to the executive head."),
]


def jiu_review_pdf() -> bytes:
    """A JIU system-wide review: numbered paragraphs, bold 'Recommendation N' lines, an annex table by organisation."""
    r = PdfReport("JIU/REP/2026/3", "GE.26-04112")
    r.cover([("JIU/REP/2026/3", 11, "F2"),
             ("Review of business continuity management in the United Nations system organizations", 18, "F2"),
             ("Report of the Joint Inspection Unit", 12, "F1"), ("Prepared by Elena Marchetti and Kwame Asante", 11,
                                                                 "F1"),
             ("Joint Inspection Unit of the United Nations system, Geneva 2026", 11, "F1")])
    r.new_page()
    r.heading("Executive summary")
    r.para("Review of business continuity management in the United Nations system organizations JIU/REP/2026/3")
    r.heading("Main findings and conclusions", size=11)
    r.para("Business continuity management has progressed since the previous review of the Joint Inspection Unit "
           "(JIU/REP/2011/6), but unevenly. Only 9 of the 28 participating organizations test their plans every "
           "year, and few involve their field offices in the tests.[^1]",
           {"1": "Responses to the JIU questionnaire, received from 26 of the 28 participating organizations."})
    r.para("Governing bodies rarely receive information on preparedness. Organizations at the same duty station "
           "seldom share alternate sites, although doing so would lower costs.")
    r.heading("Recommendations", size=11)
    r.para("The present review contains four formal recommendations, of which one is addressed to the legislative "
           "bodies and three to the executive heads. They are complemented by informal recommendations, which "
           "appear in bold in the text.")
    r.heading("Recommendation 2", size=10.5, space=4)
    r.para(JIU_RECS[1])
    r.new_page()
    r.heading("I. Introduction")
    r.para("1. As part of its programme of work for 2025, the Joint Inspection Unit conducted a review of "
           "business continuity management in the United Nations system organizations.")
    r.para("2. The objectives of the review were:")
    r.para("(a) To assess the policies and practices of the participating organizations;", indent=20, space=3)
    r.para("(b) To identify good practices and lessons learned;", indent=20, space=3)
    r.para("(c) To make recommendations to improve preparedness across the system.", indent=20, space=6)
    r.para("3. The Inspectors reviewed policy documents, sent a questionnaire to all participating "
           "organizations and interviewed 112 officials at headquarters and in six duty stations.")
    r.heading("II. Governance and oversight")
    r.para("14. In most organizations, the governing bodies are not informed of the results of business "
           "continuity tests. The Inspectors consider that regular reporting would strengthen "
           "oversight, and the implementation of the following recommendation is expected to "
           "enhance accountability.")
    r.heading("Recommendation 1", size=10.5, space=4)
    r.para(JIU_RECS[0])
    r.para("15. The Inspectors found that responsibility for business continuity is often spread across "
           "security, information technology and human resources units, with no single official in "
           "charge.")
    r.heading("III. Testing and shared arrangements")
    r.para("21. Plans that are not tested give a false sense of security. At the time of the review, 11 "
           "organizations had not tested their plans for more than three years.")
    r.heading("Recommendation 2", size=10.5, space=4)
    r.para(JIU_RECS[1])
    r.para("22. Organizations at the same duty station face the same risks. The Inspectors suggest that "
           "they share testing schedules through the existing inter-agency security network.")
    r.heading("Recommendation 3", size=10.5, space=4)
    r.para(JIU_RECS[2])
    r.para("23. A framework of this kind already exists for information technology in Nairobi and could "
           "serve as a model.")
    r.heading("Recommendation 4", size=10.5, space=4)
    r.para(JIU_RECS[3])
    r.new_page()
    r.heading("Annex III. Overview of actions to be taken by participating organizations on the recommendations of "
              "the Joint Inspection Unit", size=11)
    r.table([120, 60, 60, 60, 60, 60, 60], [
        ["Recommendation", "Intended impact", "United Nations", "UNDP", "UNFPA", "UNICEF", "WFP"],
        ["Recommendation 1", "a", "L", "L", "L", "L", "L"],
        ["Recommendation 2", "c", "E", "E", "E", "E", "E"],
        ["Recommendation 3", "d", "E", "", "", "", ""],
        ["Recommendation 4", "a", "E", "E", "E", "E", "E"],
    ])
    r.para("Legend: L: Recommendation for decision by legislative organ. E: Recommendation for action by executive "
           "head. Intended impact: a: enhanced accountability; c: enhanced controls and compliance; d: enhanced "
           "effectiveness.", size=8.5)
    return r.pdf()


JIU_EXPECTED = [
    Expected(("legislative bodies", "every two years", "most recent tests"),
             ("legislative bodies of the United Nations system organizations", "legislative bodies")),
    Expected(("tested at least once a year", "lessons from each test"),
             ("executive heads of the United Nations system organizations", "executive heads")),
    Expected(("High-level Committee on Management", "same duty station"), ("Secretary-General",)),
    Expected(("senior official accountable",),
             ("executive heads of the United Nations system organizations", "executive heads")),
]

# Numbered paragraphs after a recommendation go on with the report; the annex table and its legend are no new ones.
JIU_ABSENT = ["Inspectors found that responsibility", "Plans that are not tested", "Inspectors suggest",
              "framework of this kind", "Overview of actions", "To assess the policies", "Recommendation for decision"]


# -- a UNICEF evaluation with a management response, as HTML --------------------------------------------------

UNICEF_RECS = [
    ("UNICEF and the Ministry of Health should move the procurement of vaccines and cold-chain equipment to a "
     "five-year forecast agreed with the national immunization technical advisory group.",
     "UNICEF and the Ministry of Health"),
    ("The UNICEF country office should give the district health teams in the four northern regions the staff and "
     "vehicles they need to supervise outreach sessions every month.", "UNICEF country office"),
    ("The Ministry of Health should publish district immunization coverage every quarter and use it to decide "
     "where the mobile teams go.", "Ministry of Health"),
]


def unicef_evaluation_html() -> bytes:
    """An evaluation report page: key recommendations as a lettered list, labelled recommendations, and a
    management response table that restates them with key actions."""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Evaluation of the Immunization Programme 2021-2025 | UNICEF
Evaluation Database</title></head>
<body>
<nav><a href="/">Home</a> | <a href="/evaluation">Evaluation</a> | <a href="/reports">Reports</a></nav>
<main>
<h1>Country Programme Evaluation: Immunization and Primary Health Care, 2021-2025</h1>
<p>Commissioned by the UNICEF Country Office. Final report, October 2025.</p>
<h2>Executive summary</h2>
<p>Routine immunization coverage recovered after the pandemic, but 14 of the 62 districts remain below 70 percent
for the third dose of the pentavalent vaccine. Stock-outs of vaccines were reported in 23 percent of health
facilities visited.</p>
<h3>Key recommendations</h3>
<p>(a) UNICEF and the Ministry of Health should move the procurement of vaccines and cold-chain equipment to a
five-year forecast;</p>
<p>(b) The UNICEF country office should give the district health teams in the four northern regions the staff and
vehicles they need;</p>
<p>(c) The Ministry of Health should publish district immunization coverage every quarter.</p>
<h2>1. Purpose and methodology</h2>
<p>The evaluation will recommend ways to improve the reach of the programme in the last two years of the country
programme. It should also inform the design of the next country programme document.</p>
<p>The evaluation team visited 48 health facilities and interviewed 97 health workers and 30 officials.</p>
<h2>4. Conclusions</h2>
<p>The programme is relevant, but its results depend on a supply chain the Ministry does not yet plan beyond one
year.</p>
<h2>5. Recommendations</h2>
<p><strong>Recommendation 1</strong></p>
<p>{UNICEF_RECS[0][0]} A longer forecast would let suppliers plan deliveries and avoid the stock-outs seen in 2023
and 2024.</p>
<p><strong>Recommendation 2</strong></p>
<p>{UNICEF_RECS[1][0]}</p>
<p><strong>Recommendation 3</strong></p>
<p>{UNICEF_RECS[2][0]}</p>
<h2>Annex 2. Management response</h2>
<table>
<thead><tr><th>Recommendation</th><th>Response</th><th>Key actions</th><th>Responsible unit</th><th>Priority</th>
<th>Timeline</th></tr></thead>
<tbody>
<tr><td>1. {UNICEF_RECS[0][0]}</td><td>Agreed</td><td>Draft a five-year forecast with the Ministry of Health and the
advisory group.</td><td>Health section</td><td>High</td><td>June 2026</td></tr>
<tr><td>2. {UNICEF_RECS[1][0]}</td><td>Partially agreed</td><td>Fund two supervisors per northern region from the
health budget.</td><td>Health section and field offices</td><td>High</td><td>December 2026</td></tr>
<tr><td>3. {UNICEF_RECS[2][0]}</td><td>Agreed</td><td>Support the Ministry's health information unit to produce
quarterly dashboards.</td><td>Planning, monitoring and evaluation section</td><td>Medium</td><td>2026</td></tr>
</tbody>
</table>
</main>
<footer>UNICEF Evaluation Office. Contact: evalhelp@example.org</footer>
</body></html>
""".encode("utf-8")


UNICEF_EXPECTED = [
    Expected(("five-year forecast", "national immunization technical advisory group"),
             ("UNICEF and the Ministry of Health", "UNICEF and Ministry of Health", "Health section")),
    Expected(("district health teams", "supervise outreach sessions"),
             ("UNICEF country office", "Health section and field offices")),
    Expected(("publish district immunization coverage", "mobile teams"),
             ("Ministry of Health", "Planning, monitoring and evaluation section")),
]
UNICEF_ABSENT = ["Draft a five-year forecast", "Fund two supervisors", "quarterly dashboards",
                 "evaluation will recommend", "inform the design"]


# -- a World Bank completion report's lessons and its independent review, as text ------------------------------

WORLD_BANK_TEXT = ["""Implementation Completion and Results Report
Rural Roads Connectivity Project (P160123)

1. Project context and development objectives

The project development objective was to improve all-season road access for rural communities in three provinces.
The project aimed to:

• rehabilitate 1,200 km of rural roads to all-season standard;
• strengthen the capacity of provincial road departments to plan and maintain the network;
• pilot performance-based maintenance contracts with local firms.

""", """ICR - Rural Roads Connectivity Project                                                   Page 12

5. Lessons and recommendations

The following lessons are drawn from the experience of the project.

Lesson 1. Performance-based maintenance contracts work when payments are made on time. Where the provincial
treasuries delayed payments by more than three months, contractors stopped work, and the condition of the roads
fell back within a year.

Lesson 2. Projects that rely on new agencies should budget for hands-on procurement support in the first two
years. Early delays in this project came from the procurement unit's lack of experience with framework
contracts.

Lesson 3. Community road committees need a recognised legal status to collect user fees.

""", """ICR Review                                                                 Independent Evaluation Group

Lessons

IEG draws the following lessons from the ICR, with some adaptation:

• Maintenance outcomes depend more on the timeliness of payments than on the form of the contract.
• The design of a project that relies on a new agency should match its procurement capacity.

The ICR recommends that future operations in the sector finance maintenance for at least five years. The
previous IEG review recommended that the Bank require a maintenance plan before approving road rehabilitation.
"""]

# Lessons are not recommendations, but a lesson phrased as one ("... should budget for ...") under a heading that
# announces recommendations too is one, as any "should" sentence in a recommendations section.
WORLD_BANK_EXPECTED = [Expected(("new agencies should budget for hands-on procurement support",), ("",))]
WORLD_BANK_ABSENT = ["Performance-based maintenance contracts work",
           "recognised legal status", "timeliness of payments", "future operations",
           "maintenance plan before approving", "rehabilitate 1,200 km"]


# -- a donor annual review and a USAID evaluation, as text -----------------------------------------------------

DONOR_REVIEW_TEXT = ["""Annual Review - Summary Sheet

Programme title: Girls' Education Challenge - Northern Nigeria Transition Window
Programme value: GBP 42 million
Review date: March 2026

Summary of the programme's performance

The programme remains on track. Attendance of girls in the supported schools rose to 78 percent, and 9,400 girls
moved from primary to junior secondary school in the 2024/25 school year. Learning gains in numeracy were below
target in Kano State.

Recommendations for the next phase:

• Agree revised numeracy targets for Kano State with the fund manager before the next payment is released (FCDO).
• Set up a learning exchange between the three implementing partners on teaching at the right level
(Fund manager).
• Report attendance separately for girls with disabilities from the next quarterly report onwards
(Implementing partners).

Progress on recommendations from the previous review

The previous review recommended that the fund manager simplify its reporting templates. This was done in
June 2025.
""", """Mid-term Performance Evaluation of the Northern Uganda Agricultural Markets Activity

RECOMMENDATIONS

For USAID/Uganda

1. Revise the activity's results framework so that the income indicator measures net income from the supported
value chains rather than gross sales.

2. Require the implementing partner to submit a sustainability plan for the 14 bulking centres by the end of
fiscal year 2026.

For the implementing partner

3. Train the cooperative boards in financial management before the bulking centres are handed over to them.
The training should cover bookkeeping, pricing and the management of members' savings.

4. Extend the input voucher scheme to the two districts added in 2025.

Annex A. Evaluation statement of work

The evaluation will assess the relevance of the activity and recommend adjustments for its last two years. The
evaluation team should answer the following questions:

• To what extent has the activity raised the incomes of participating farmers?
• Which approaches should USAID continue in a follow-on activity?
"""]

DONOR_EXPECTED = [
    Expected(("revised numeracy targets", "payment is released"), ("FCDO",)),
    Expected(("learning exchange", "teaching at the right level"), ("Fund manager",)),
    Expected(("girls with disabilities", "quarterly report"), ("Implementing partners",)),
    Expected(("results framework", "net income", "gross sales"), ("USAID/Uganda",)),
    Expected(("sustainability plan", "bulking centres", "fiscal year 2026"), ("USAID/Uganda",)),
    Expected(("financial management", "bookkeeping, pricing"), ("implementing partner",)),
    Expected(("input voucher scheme",), ("implementing partner",)),
]
DONOR_ABSENT = ["simplify its reporting templates", "recommend adjustments", "raised the incomes",
                "Which approaches should USAID continue"]


# -- an OIG audit in the older style, as PDF -------------------------------------------------------------------

OIG_ITEMS = [
    "Determine the allowability of $1,284,310 in questioned costs charged by Horn Relief Partners for commodity "
    "distribution in Somali Region, and recover any amounts determined to be unallowable.",
    "Require Horn Relief Partners to reconcile its commodity stock records with the warehouse ledgers every month "
    "and submit the reconciliations to the agreement officer's representative.",
    "Conduct a data quality assessment of the beneficiary numbers reported under the award before the next "
    "annual report.",
]
OIG_BUREAU = ("We recommend that the Bureau for Humanitarian Assistance issue guidance requiring implementers of "
              "emergency food assistance to register beneficiaries biometrically where the host government allows "
              "it.")


def oig_ethiopia_pdf() -> bytes:
    """An OIG audit: recommendations inline in the finding sections, and an evaluation of management comments that
    restates each one."""
    r = PdfReport("Audit of USAID/Ethiopia's Emergency Food Assistance in Somali Region", "Report No. 5-663-26-004-P")
    r.cover([("Office of Inspector General", 12, "F2"), ("U.S. Agency for International Development", 12, "F1"),
             ("USAID/Ethiopia Needs to Strengthen Oversight of Emergency Food Distribution in Somali Region", 18,
              "F2"), ("Audit Report 5-663-26-004-P", 11, "F1"), ("May 8, 2026", 11, "F1")])
    r.new_page()
    r.heading("Summary of Results")
    r.para("OIG found that USAID/Ethiopia did not verify the commodity distribution reports of Horn Relief "
           "Partners, the implementer of its emergency food assistance award in Somali Region. We made four "
           "recommendations to strengthen oversight.")
    r.heading("Audit Findings")
    r.heading("Commodity Records Did Not Support Reported Distributions", size=11)
    r.para("Horn Relief Partners charged $1,284,310 for distributions that its warehouse ledgers did not support. "
           "In 5 of the 12 warehouses we visited, stock records had not been reconciled for more than six "
           "months.[^1]", {"1": "We visited warehouses in Jijiga, Gode, Kebri Dehar, Degehabur and Warder."})
    r.para("We recommend that the Mission Director, USAID/Ethiopia:")
    for number, text in enumerate(OIG_ITEMS[:2], start=1):
        r.numbered(f"{number}.", text)
    r.heading("Beneficiary Numbers Were Not Verified", size=11)
    r.para("The mission accepted beneficiary numbers without a data quality assessment, which Automated Directives "
           "System chapter 201 requires for reported indicators.")
    r.para(f"Recommendation 3. We recommend that the Mission Director, USAID/Ethiopia, "
           f"{OIG_ITEMS[2][0].lower()}{OIG_ITEMS[2][1:]}")
    r.heading("Beneficiaries Were Registered Twice", size=11)
    r.para("Other donors in Somali Region register beneficiaries with fingerprints, which prevents the same household "
           "from collecting rations twice. The award does not require biometric registration.")
    r.para(f"Recommendation 4. {OIG_BUREAU}")
    r.heading("Evaluation of Management Comments")
    r.para("USAID/Ethiopia agreed with recommendations 1 through 3 and the Bureau for Humanitarian Assistance agreed "
           "with recommendation 4. We acknowledge management decisions on all four recommendations.")
    r.para("Recommendation 1. The mission agreed to determine the allowability of the questioned costs and expects to "
           "complete its review by September 30, 2026. We acknowledge the management decision.")
    r.para("Recommendation 4. The Bureau agreed and said that guidance on biometric registration should be issued "
           "by December 2026. We consider the recommendation resolved but open.")
    return r.pdf()


OIG_ETHIOPIA_EXPECTED = [
    Expected(("allowability of $1,284,310", "recover any amounts"), ("Mission Director, USAID/Ethiopia",
                                                                   "Mission Director of USAID/Ethiopia")),
    Expected(("reconcile its commodity stock records", "agreement officer's representative"),
             ("Mission Director, USAID/Ethiopia", "Mission Director of USAID/Ethiopia")),
    Expected(("data quality assessment", "next annual report"),
             ("Mission Director, USAID/Ethiopia", "Mission Director of USAID/Ethiopia", "Mission Director")),
    Expected(("Bureau for Humanitarian Assistance issue guidance", "biometrically"),
             ("Bureau for Humanitarian Assistance",)),
]
OIG_ETHIOPIA_ABSENT = ["The mission agreed", "The Bureau agreed", "Other donors in Somali Region"]


# -- a GAO product web page, as HTML ---------------------------------------------------------------------------

GAO_RECS = [
    ("The Secretary of Defense should ensure that the Under Secretary of Defense for Acquisition and Sustainment, "
     "in coordination with the Secretaries of the military departments, develops a plan with milestones for "
     "replacing the spare parts that depend on a single supplier.", "Secretary of Defense"),
    ("The Secretary of Defense should ensure that the Director of the Defense Logistics Agency collects data on "
     "the lead times of spare parts ordered from single suppliers and reports them to the department's "
     "supply chain council each year.", "Secretary of Defense"),
]
GAO_MATTER = ("Congress should consider requiring the Department of Defense to report annually on spare parts that "
              "depend on a single foreign supplier.")


def gao_product_html() -> bytes:
    """A GAO product page: the highlights ('What GAO Recommends'), a recommendations table with status, a matter for
    congressional consideration."""
    rows = "\n".join(f"<tr><td>Department of Defense</td><td>{text} (Recommendation {n})</td><td>Open</td></tr>"
                     for n, (text, _) in enumerate(GAO_RECS, start=1))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Defense Supply Chain: DOD Should Reduce Its Reliance on Single
Suppliers of Spare Parts | U.S. GAO</title></head>
<body>
<header><nav><a href="/">Home</a><a href="/reports-testimonies">Reports &amp; Testimonies</a></nav></header>
<main>
<h1>Defense Supply Chain: DOD Should Reduce Its Reliance on Single Suppliers of Spare Parts</h1>
<p>GAO-26-106931 Published: Mar 12, 2026. Publicly Released: Mar 12, 2026.</p>
<h2>Fast Facts</h2>
<p>The Department of Defense buys about 40,000 kinds of spare parts from only one supplier. We recommended that DOD
plan how to replace such parts and track how long orders take.</p>
<h2>Highlights</h2>
<h3>What GAO Found</h3>
<p>GAO found that 18 percent of the spare parts that the military services ordered in fiscal year 2024 came from a
single supplier, and that orders for these parts took 41 percent longer to fill.</p>
<h3>What GAO Recommends</h3>
<p>GAO is making two recommendations, that DOD develop a plan for replacing spare parts that depend on a single
supplier and collect data on their lead times. DOD concurred with both recommendations. GAO also suggests that
Congress consider requiring DOD to report annually on such parts.</p>
<h2>Recommendations</h2>
<h3>Recommendations for Executive Action</h3>
<table>
<thead><tr><th>Agency Affected</th><th>Recommendation</th><th>Status</th></tr></thead>
<tbody>
{rows}
</tbody>
</table>
<h3>Matter for Congressional Consideration</h3>
<table>
<thead><tr><th>Matter</th><th>Status</th></tr></thead>
<tbody>
<tr><td>{GAO_MATTER} (Matter for Consideration 1)</td><td>Open</td></tr>
</tbody>
</table>
<h2>Full Report</h2>
<p>GAO Contacts: Office of Public Affairs, (202) 512-4800.</p>
</main>
<footer>U.S. Government Accountability Office, 441 G St. NW, Washington, DC 20548</footer>
</body></html>
""".encode("utf-8")


GAO_PAGE_EXPECTED = [
    Expected(("Under Secretary of Defense for Acquisition and Sustainment", "milestones"),
             ("Secretary of Defense", "Department of Defense")),
    Expected(("Defense Logistics Agency", "lead times", "supply chain council"),
             ("Secretary of Defense", "Department of Defense")),
    Expected(("report annually on spare parts",), ("Congress",)),
]
GAO_PAGE_ABSENT = ["We recommended that DOD plan", "GAO is making two recommendations"]


# -- documents that talk about recommendations without making any ---------------------------------------------

PROGRAMME_PAGE_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Clean Cooking for Schools | Our programmes</title></head>
<body><nav><a href="/">Home</a> <a href="/programmes">Programmes</a></nav>
<main>
<h1>Clean Cooking for Schools</h1>
<p>The programme brings clean cookstoves and school gardens to 600 primary schools in three counties.</p>
<h2>Our objectives</h2>
<ul>
<li>Replace open-fire kitchens in 600 schools with efficient stoves by 2027.</li>
<li>Train cooks and parents' committees to maintain the stoves.</li>
<li>Reduce the firewood each school burns by half.</li>
</ul>
<h2>How we work</h2>
<p>Schools should apply through their county education office. Each school must have a parents' committee willing
to manage the kitchen.</p>
<h2>Partners</h2>
<ul><li>Ministry of Education</li><li>County Government of Kitui</li><li>Green Stoves Cooperative</li></ul>
</main></body></html>
"""

INCEPTION_TEXT = ["""Inception Report: Evaluation of the Social Protection Programme

3. Methodology

The team will recommend options for the design of the second phase, based on the findings. Recommendations will
be developed with the reference group in a workshop. The evaluation will recommend measures to improve targeting
if the analysis shows exclusion errors.

Data collection will follow these steps:

1. Review programme documents and monitoring data.
2. Interview national and county officials.
3. Survey 1,200 beneficiary households in four counties.

4. Literature review

The 2019 review recommended that donors pool their funding for cash transfers through the national system.
Earlier evaluations of the programme recommended that the Ministry strengthen its grievance mechanism, and a
study by the World Bank recommends that governments index transfers to inflation.
"""]

NEGATIVE_ABSENT = ["Replace open-fire kitchens", "Schools should apply", "options for the design",
                   "Review programme documents", "pool their funding", "grievance mechanism", "index transfers"]


# -- an OIOS audit, as PDF --------------------------------------------------------------------------------------

OIOS_RECS = [
    ("The Mission should establish a schedule for the preventive maintenance of its generators and monitor its "
     "implementation every month.", "Mission"),
    ("The Mission should reconcile its fuel consumption records with the generator logs and investigate "
     "differences above 5 per cent.", "Mission"),
    ("The Department of Operational Support should issue guidance to peacekeeping missions on the minimum "
     "stock of spare parts for generators.", "Department of Operational Support"),
]


def oios_audit_pdf() -> bytes:
    """An OIOS audit: labelled recommendations each followed by the client's acceptance, and an annex that lists
    them again with their status and the client's response."""
    r = PdfReport("Report 2026/041", "Audit of generator management in the United Nations Mission in South Sudan")
    r.cover([("INTERNAL AUDIT DIVISION", 12, "F2"), ("REPORT 2026/041", 12, "F1"),
             ("Audit of generator management in the United Nations Mission in South Sudan", 18, "F2"),
             ("The Mission needed to improve the maintenance of generators and the control of fuel", 12, "F3"),
             ("23 June 2026", 11, "F1"), ("Assignment No. AP2025-633-04", 11, "F1")])
    r.new_page()
    r.heading("I. BACKGROUND")
    r.para("1. The Office of Internal Oversight Services (OIOS) conducted an audit of generator management in the "
           "United Nations Mission in South Sudan (UNMISS). The Mission operated 612 generators at 19 locations, "
           "which consumed 21.4 million litres of fuel in 2025.")
    r.para("2. Comments provided by UNMISS are incorporated in italics.")
    r.heading("II. AUDIT OBJECTIVE, SCOPE AND METHODOLOGY")
    r.para("3. The objective of the audit was to assess the adequacy and effectiveness of governance, risk "
           "management and control processes over generator management in UNMISS.")
    r.heading("III. AUDIT RESULTS")
    r.heading("A. Maintenance of generators", size=11)
    r.para("4. Of the 60 generators that OIOS inspected, 23 had missed their scheduled service, and 9 had run "
           "more than 1,000 hours beyond it.")
    r.para(f"(1) {OIOS_RECS[0][0]}", font="F2")
    r.para("UNMISS accepted recommendation 1 and stated that a maintenance schedule would be put in place by "
           "December 2026.", font="F3")
    r.heading("B. Fuel consumption", size=11)
    r.para("5. Fuel issued to generators at three sites exceeded the consumption expected from their logged hours "
           "by 11 to 18 per cent.")
    r.para(f"(2) {OIOS_RECS[1][0]}", font="F2")
    r.para("UNMISS accepted recommendation 2.", font="F3")
    r.para("6. Missions do not share a standard for the spare parts they keep for generators, and UNMISS waited up "
           "to five months for parts.")
    r.para(f"(3) {OIOS_RECS[2][0]}", font="F2")
    r.para("The Department of Operational Support accepted recommendation 3 and stated that guidance would be issued "
           "in 2027.", font="F3")
    r.heading("IV. ACKNOWLEDGEMENT")
    r.para("7. OIOS wishes to express its appreciation to the management and staff of UNMISS for the assistance "
           "and cooperation extended to the auditors during this assignment.")
    r.new_page()
    r.heading("ANNEX I")
    r.heading("STATUS OF AUDIT RECOMMENDATIONS", size=11)
    r.table([40, 200, 60, 40, 128], [
        ["Rec. no.", "Recommendation", "Critical/Important", "C/O", "Actions needed to close recommendation"],
        ["1", OIOS_RECS[0][0], "Important", "O", "Receipt of the approved maintenance schedule."],
        ["2", OIOS_RECS[1][0], "Important", "O", "Receipt of the reconciliation for 2026."],
        ["3", OIOS_RECS[2][0], "Important", "O", "Receipt of the guidance issued to missions."],
    ])
    return r.pdf()


OIOS_EXPECTED = [Expected(("preventive maintenance of its generators",), ("Mission", "UNMISS")),
                 Expected(("reconcile its fuel consumption records",), ("Mission", "UNMISS")),
                 Expected(("minimum stock of spare parts",), ("Department of Operational Support",))]
OIOS_ABSENT = ["accepted recommendation", "Receipt of the", "appreciation"]


# -- a GAO report with agency comments that restate the recommendations, as text -------------------------------

GAO_TEXT = ["""GAO Highlights

What GAO Recommends

GAO is making two recommendations, including that the Secretary of Veterans Affairs direct the Veterans Health
Administration to set a target for wait times for community care. VA concurred with both recommendations.

""", """Recommendations for Executive Action

We are making the following two recommendations to VA:

The Secretary of Veterans Affairs should direct the Under Secretary for Health to set a target for the time
veterans wait for a community care appointment, and to report the results against it each quarter.
(Recommendation 1)

The Secretary of Veterans Affairs should direct the Under Secretary for Health to collect data on the reasons
community care referrals are returned to VA medical centers. (Recommendation 2)

Matter for Congressional Consideration

Congress should consider requiring VA to report annually on community care wait times by medical center.
(Matter for Consideration 1)

Agency Comments and Our Evaluation

We provided a draft of this report to VA for review and comment. In its comments, VA concurred with our
recommendations. VA concurred with our first recommendation, that the Under Secretary for Health should set a
target for community care wait times, and said it would do so by March 2027. VA stated that it should be able to
collect data on returned referrals once its new referral system is in place.

GAO Contact and Staff Acknowledgments

GAO Contact: Jane Doe, (202) 512-7114
"""]

GAO_TEXT_EXPECTED = [
    Expected(("set a target for the time veterans wait", "(Recommendation 1)"), ("Secretary of Veterans Affairs",)),
    Expected(("reasons community care referrals are returned", "(Recommendation 2)"),
             ("Secretary of Veterans Affairs",)),
    Expected(("report annually on community care wait times",), ("Congress",)),
]
GAO_TEXT_ABSENT = ["GAO is making two", "VA concurred", "VA stated", "We are making"]


# -- a USAID evaluation's findings, conclusions and recommendations table, as HTML -----------------------------

FCR_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Final Evaluation of the Feed the Future Market Systems Activity
</title></head><body><main>
<h1>Final Evaluation of the Feed the Future Market Systems Activity</h1>
<h2>Evaluation Purpose and Questions</h2>
<p>USAID/Malawi commissioned this evaluation to learn which approaches should be carried into a follow-on activity.
The evaluation team should answer three questions.</p>
<h2>Findings, Conclusions and Recommendations</h2>
<table>
<tr><th>Findings</th><th>Conclusions</th><th>Recommendations</th></tr>
<tr><td>Only 40 percent of trained farmers adopted the improved seed.</td><td>Training alone did not change
practice.</td><td>USAID should fund demonstration plots in each extension planning area in the follow-on
activity.</td></tr>
<tr><td>Cooperatives kept no accounts.</td><td>Cooperatives are not ready to manage warehouses.</td><td>The
implementing partner should train cooperative boards in bookkeeping before the warehouses are handed over.</td></tr>
</table>
<h2>Annex I. Evaluation Statement of Work</h2>
<p>The evaluation will recommend adjustments to the activity's last year.</p>
</main></body></html>
"""

FCR_EXPECTED = [Expected(("demonstration plots",), ("USAID",)),
                Expected(("train cooperative boards in bookkeeping",), ("implementing partner",))]
FCR_ABSENT = ["Only 40 percent", "Training alone", "carried into", "recommend adjustments"]


# -- a UN evaluation page whose list items open with their audience, as HTML ---------------------------------

ITEM_AUDIENCES_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Evaluation of the Country Programme of Malawi</title></head>
<body><main><h1>Evaluation of the Country Programme on Gender-Based Violence, Malawi 2022-2026</h1>
<h2>Recommendations</h2>
<ol>
<li><strong>UNDP and UNFPA:</strong> Strengthen the joint monitoring of the gender-based violence programme, with
one set of indicators for both agencies.</li>
<li><strong>Government of Malawi:</strong> Allocate a budget line for the maintenance of one-stop centres from
2027.</li>
<li><b>To donors</b> &ndash; Provide multi-year funding to the survivor support fund.</li>
<li><strong>Short term:</strong> Publish the referral pathway in the three main languages.</li>
</ol>
<h2>Annex 1. Management response</h2>
<table><tr><th>Key action(s)</th><th>Completion date</th><th>Responsible unit(s)</th><th>Status</th></tr>
<tr><td>1.1 Develop a joint indicator framework with UNFPA.</td><td>June 2027</td><td>Country office</td>
<td>Not started</td></tr>
</table>
</main></body></html>
"""

ITEM_AUDIENCES_EXPECTED = [
    Expected(("Strengthen the joint monitoring", "both agencies"), ("UNDP and UNFPA",)),
    Expected(("Allocate a budget line",), ("Government of Malawi",)),
    Expected(("Provide multi-year funding",), ("donors",)),
    Expected(("Publish the referral pathway",), ("",)),
]
ITEM_AUDIENCES_ABSENT = ["joint indicator framework", "UNDP and UNFPA:", "Government of Malawi:"]


def _text(pages: list[str]) -> Callable[[], bytes]:
    return lambda: "\f".join(pages).encode("utf-8")


STYLES: dict[str, Style] = {
    "jiu_review.pdf": Style(jiu_review_pdf, JIU_EXPECTED, JIU_ABSENT),
    "unicef_evaluation.html": Style(unicef_evaluation_html, UNICEF_EXPECTED, UNICEF_ABSENT),
    "world_bank_icr.txt": Style(_text(WORLD_BANK_TEXT), WORLD_BANK_EXPECTED, WORLD_BANK_ABSENT),
    "donor_reviews.txt": Style(_text(DONOR_REVIEW_TEXT), DONOR_EXPECTED, DONOR_ABSENT),
    "oig_ethiopia.pdf": Style(oig_ethiopia_pdf, OIG_ETHIOPIA_EXPECTED, OIG_ETHIOPIA_ABSENT),
    "gao_product_page.html": Style(gao_product_html, GAO_PAGE_EXPECTED, GAO_PAGE_ABSENT),
    "oios_audit.pdf": Style(oios_audit_pdf, OIOS_EXPECTED, OIOS_ABSENT),
    "gao_report.txt": Style(_text(GAO_TEXT), GAO_TEXT_EXPECTED, GAO_TEXT_ABSENT),
    "usaid_fcr_table.html": Style(lambda: FCR_HTML.encode("utf-8"), FCR_EXPECTED, FCR_ABSENT),
    "item_audiences.html": Style(lambda: ITEM_AUDIENCES_HTML.encode("utf-8"), ITEM_AUDIENCES_EXPECTED,
                                 ITEM_AUDIENCES_ABSENT),
    "programme_page.html": Style(lambda: PROGRAMME_PAGE_HTML.encode("utf-8"), [], NEGATIVE_ABSENT),
    "inception_report.txt": Style(_text(INCEPTION_TEXT), [], NEGATIVE_ABSENT),
}


# -- a DoD-style OIG audit: "Recommendations, Management Comments, and Our Response", as PDF ------------------

DOD_OIG_PARTS = [
    "Review the 23 task orders we identified and determine whether the contractor billed for grounds maintenance "
    "that was not performed.",
    "Establish a procedure requiring contracting officer's representatives to inspect completed work before they "
    "approve an invoice.",
]
DOD_OIG_DCAA = ("We recommend that the Director, Defense Contract Audit Agency, perform an incurred-cost audit of the "
                "base operations support contract for FY 2024 and FY 2025.")
DOD_OIG_INLINE = [
    "update the Navy's facilities sustainment guidance to require a condition assessment before each task order "
    "is renewed",
    "require installations to report the results of the assessments to the Navy Installations Command each year",
]
DOD_OIG_NAVY = "Assistant Secretary of the Navy (Energy, Installations, and Environment)"


def dod_oig_pdf() -> bytes:
    """An OIG audit whose recommendations alternate with the management comments and the OIG's response to them;
    recommendation 1 lists lettered parts on lines of their own, recommendation 3 inline after its colon."""
    r = PdfReport("Audit of Base Operations Support at Naval Station Coronado Bay", "DODIG-2026-071")
    r.cover([("INSPECTOR GENERAL", 12, "F2"), ("U.S. Department of Defense", 12, "F1"),
             ("Audit of Base Operations Support at Naval Station Coronado Bay", 18, "F2"),
             ("DODIG-2026-071", 11, "F1"), ("March 19, 2026", 11, "F1")])
    r.new_page()
    r.heading("Results in Brief")
    r.heading("Objective", size=11)
    r.para("The objective of this audit was to determine whether the Navy received the grounds maintenance services "
           "it paid for under the base operations support contract at Naval Station Coronado Bay.")
    r.heading("Findings", size=11)
    r.para("The Navy paid $2.7 million for grounds maintenance that contracting officer's representatives did not "
           "inspect. Installation staff should inspect completed work under the contract's quality plan, but the "
           "plan was not followed.")
    r.heading("Recommendations", size=11)
    r.para("Among other recommendations, we recommended that the Commander review the task orders we identified and "
           "establish inspection procedures.")
    r.heading("Management Comments and Our Response", size=11)
    r.para("The Deputy Commander agreed with the recommendations. Please see the Recommendations Table on the next "
           "page for the status of recommendations.")
    r.table([200, 110, 100, 80], [
        ["Management", "Recommendations Unresolved", "Recommendations Resolved", "Recommendations Closed"],
        ["Commander, Naval Facilities Engineering Systems Command", "None", "1.a, 1.b", "None"],
        ["Director, Defense Contract Audit Agency", "None", "2", "None"]])
    r.new_page()
    r.heading("Finding")
    r.heading("The Navy Paid for Grounds Maintenance It Did Not Inspect", size=11)
    r.para("To answer our objective, we reviewed 60 task orders, interviewed contracting officials and visited 14 "
           "sites. The contract requires the contractor to mow, edge and irrigate 1,150 acres every month.")
    r.para("Contracting officer's representatives approved invoices without inspecting the work. In 23 of the 60 "
           "task orders, the sites we visited showed no sign of the work billed.")
    r.heading("Recommendations, Management Comments, and Our Response")
    r.heading("Recommendation 1", size=11)
    r.para("We recommend that the Commander, Naval Facilities Engineering Systems Command:")
    for letter, text in zip("ab", DOD_OIG_PARTS):
        r.numbered(f"{letter}.", text)
    r.heading("Commander, Naval Facilities Engineering Systems Command Comments", size=10.5)
    r.para("The Deputy Commander, responding for the Commander, agreed and stated that the command would review the "
           "task orders by June 30, 2026, and issue the procedure by September 30, 2026.")
    r.heading("Our Response", size=10.5)
    r.para("Comments from the Deputy Commander addressed all specifics of the recommendation; therefore, the "
           "recommendation is resolved but will remain open. The command should send us the procedure once it is "
           "issued so that we can close the recommendation.")
    r.heading("Recommendation 2", size=11)
    r.para(DOD_OIG_DCAA)
    r.heading("Director, Defense Contract Audit Agency Comments", size=10.5)
    r.para("The Director agreed and will schedule the audit for the first quarter of FY 2027.")
    r.heading("Our Response", size=10.5)
    r.para("Comments from the Director addressed the recommendation; therefore, it is resolved but open.")
    r.heading("Recommendation 3", size=11)
    r.para(f"We recommend that the {DOD_OIG_NAVY}: (a) {DOD_OIG_INLINE[0]}; and (b) {DOD_OIG_INLINE[1]}.")
    r.heading("Assistant Secretary of the Navy Comments", size=10.5)
    r.para("The Assistant Secretary did not respond to the recommendation in the draft report. We request comments "
           "on the final report.")
    r.new_page()
    r.heading("Appendix A")
    r.heading("Scope and Methodology", size=11)
    r.para("We conducted this performance audit from May 2025 through January 2026. To answer our objective, we:")
    r.bullet("Reviewed the base operations support contract and its quality assurance surveillance plan.")
    r.bullet("Selected 60 of the 212 task orders issued in FY 2024 and FY 2025.")
    return r.pdf()


DOD_OIG_COMMANDER = ("Commander, Naval Facilities Engineering Systems Command",
                     "Commander of Naval Facilities Engineering Systems Command")
DOD_OIG_EXPECTED = [
    Expected(("23 task orders we identified", "was not performed"), DOD_OIG_COMMANDER),
    Expected(("inspect completed work before they approve",), DOD_OIG_COMMANDER),
    Expected(("incurred-cost audit",), ("Director, Defense Contract Audit Agency",)),
    Expected(("condition assessment before each task order",), (DOD_OIG_NAVY,)),
    Expected(("report the results of the assessments",), (DOD_OIG_NAVY,)),
]
DOD_OIG_ABSENT = ["Among other recommendations", "should send us", "Deputy Commander", "Reviewed the base",
                  "Installation staff should", "1.a, 1.b", "Assistant Secretary did not"]


# -- a World Bank policy note: a "Key recommendations" box with bold lead sentences, as HTML ------------------

POLICY_NOTE_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Tanzania Health Public Expenditure Review: Policy Note</title>
</head><body><main>
<h1>Making Health Spending Count: Tanzania Health Public Expenditure Review</h1>
<h2>Executive Summary</h2>
<p>Public spending on health rose by 40 percent in real terms between 2018 and 2024, but primary care facilities
received a falling share of it. This note reviews how the budget is allocated, released and spent.</p>
<div class="box">
<h3>Box 1. Key recommendations</h3>
<ul>
<li><strong>Protect the budget for primary health care.</strong> The Ministry of Finance and Planning should
ring-fence the allocation to dispensaries and health centres in the annual budget, so that in-year cuts fall
elsewhere.</li>
<li><strong>Release funds on time.</strong> The Treasury should release quarterly transfers to local government
authorities within 15 days of the start of each quarter. Late releases are the main cause of stock-outs.</li>
<li><strong>Pay facilities directly.</strong> Extend direct facility financing to all dispensaries and publish the
amounts each facility receives.</li>
</ul>
</div>
<h2>1. Background</h2>
<p>The 2019 Public Expenditure Review recommended merging the vertical disease programmes into the sector budget.
Development partners agreed in 2021 to align their funding with the sector plan. The objectives of the Health Basket
Fund are to:</p>
<ul>
<li>Improve the availability of essential medicines in primary care facilities.</li>
<li>Strengthen the planning capacity of council health management teams.</li>
</ul>
<h2>2. Methodology</h2>
<p>The review followed four steps:</p>
<ol>
<li>Collect budget and expenditure data for 2018 to 2024 from the Ministry of Finance and Planning.</li>
<li>Survey 180 health facilities in 12 councils.</li>
<li>Validate the findings with the Ministry of Health and development partners.</li>
</ol>
<h2>3. Findings</h2>
<p>Primary care received 31 percent of recurrent health spending in 2024, down from 38 percent in 2018. Only 62
percent of the approved budget for councils was released by the end of the year.</p>
<h2>4. Recommendations</h2>
<p>The recommendations below are grouped by time frame.</p>
<ol>
<li><em>Short term:</em> The Ministry of Health should publish a quarterly report on the budget released to each
council health management team.</li>
<li><em>Medium term:</em> Introduce a funding formula for councils that weights population, poverty and the distance
to the nearest hospital.</li>
<li>Priority: High &ndash; Merge the vertical disease programmes' recurrent budgets into the sector budget by 2028.</li>
</ol>
</main></body></html>
"""

POLICY_NOTE_EXPECTED = [
    Expected(("Protect the budget for primary health care", "in-year cuts fall elsewhere"),
             ("Ministry of Finance and Planning",)),
    Expected(("Release funds on time", "main cause of stock-outs"), ("Treasury",)),
    Expected(("Pay facilities directly", "publish the amounts"), ("",)),
    Expected(("quarterly report on the budget released",), ("Ministry of Health",)),
    Expected(("funding formula for councils",), ("",)),
    Expected(("Merge the vertical disease programmes' recurrent budgets",), ("",)),
]
POLICY_NOTE_ABSENT = ["Short term:", "Medium term:", "Priority: High", "merging the vertical", "Improve the availability",
                      "Collect budget", "Validate the findings", "recommendations below"]


# -- an OIOS evaluation: "Recommendation 3 (result C)", addressees in brackets, a management response table ----

OIOS_EVALUATION_TEXT = ["""Evaluation of Field Security Training in the Department of Safety and Security

Report of the Office of Internal Oversight Services

Summary

The Office of Internal Oversight Services (OIOS) evaluated the relevance and effectiveness of the field security
training of the Department of Safety and Security (DSS) from 2021 to 2025. OIOS makes four important
recommendations to DSS.

""", """IV. Conclusion

Training has reached more personnel each year, but what they learn is rarely tested in the field.

V. Recommendations

Recommendation 1 (result A)

DSS should carry out a training needs assessment for each duty station by the end of 2027, and use it to set annual
targets for the number of personnel trained.

Indicator of achievement: training needs assessments completed for all duty stations

Recommendation 2 (results A and B)

Priority: High

The Training and Development Section should replace the classroom module on hostage incident management with a
scenario-based exercise, and measure what participants retain after six months.

Indicator of achievement: scenario-based exercise delivered in all regions

Recommendation 3 (result C)

Immediate action: Establish a roster of certified instructors in each region and share it with the designated
officials (DSS Division of Regional Operations, in consultation with the Office of Human Resources).

Recommendation 4 (result D)

Short term: Publish an annual report on security training coverage and incidents involving trained personnel (DSS
Policy, Planning and Coordination Unit).

""", """Annex I. Management response

Recommendation | Responsible entity | Management response | Target date
1. DSS should carry out a training needs assessment for each duty station by the end of 2027 and set annual targets. | DSS Training and Development Section | Accepted. DSS will complete the assessments with the designated officials. | December 2027
2. Replace the classroom module on hostage incident management with a scenario-based exercise. | DSS Training and Development Section | Accepted. The exercise should be piloted in two regions first. | June 2027
"""]

OIOS_EVALUATION_EXPECTED = [
    Expected(("training needs assessment for each duty station", "annual targets"),
             ("DSS", "Department of Safety and Security")),
    Expected(("scenario-based exercise", "retain after six months"), ("Training and Development Section",)),
    Expected(("roster of certified instructors",), ("DSS Division of Regional Operations",)),
    Expected(("annual report on security training coverage",), ("DSS Policy, Planning and Coordination Unit",)),
]
OIOS_EVALUATION_ABSENT = ["Immediate action:", "Short term:", "Priority", "Indicator of achievement", "Accepted",
                          "should be piloted", "OIOS makes"]


# -- documents that report other documents' recommendations, as text ------------------------------------------

SYNTHESIS_TEXT = ["""Annual Report on Evaluation 2025

Introduction

This report presents the evaluation function's work in 2025 to the Executive Board.

Synthesis of Evaluation Recommendations

The 22 country programme evaluations completed in 2025 made 187 recommendations. The most frequent were:

• Strengthen results-based monitoring and the quality of indicators (14 evaluations).
• Develop exit strategies with national partners before programmes close (11 evaluations).
• Increase the share of core resources spent on gender equality (9 evaluations).

The Regional Review's recommendations

The regional review recommended that country offices share procurement staff. Its key recommendations were:

• Pool procurement staff across the four country offices of the subregion.
• Harmonise the procurement thresholds of the country offices.

How the Recommendations Were Developed

1. Draft recommendations from the findings of each chapter.
2. Discuss the draft recommendations with the reference group.
3. Revise the recommendations in light of the comments received.

Key Recommendations

The independent review of the Fund, published in March, made 15 recommendations to the Board. Among them were:

• Simplify the accreditation of national implementing entities.
• Publish the Fund's decisions on project proposals within 30 days.

Programme objectives

The new strategic plan aims to:

• Reduce maternal mortality in the 20 priority countries.
• Expand access to family planning for adolescents.
"""]

SYNTHESIS_ABSENT = ["accreditation", "within 30 days", "results-based monitoring", "exit strategies", "core resources", "Pool procurement",
                    "procurement thresholds", "Draft recommendations", "reference group", "in light of",
                    "maternal mortality", "family planning"]

STYLES.update({
    "dod_oig_audit.pdf": Style(dod_oig_pdf, DOD_OIG_EXPECTED, DOD_OIG_ABSENT),
    "policy_note.html": Style(lambda: POLICY_NOTE_HTML.encode("utf-8"), POLICY_NOTE_EXPECTED, POLICY_NOTE_ABSENT),
    "oios_evaluation.txt": Style(_text(OIOS_EVALUATION_TEXT), OIOS_EVALUATION_EXPECTED, OIOS_EVALUATION_ABSENT),
    "evaluation_synthesis.txt": Style(_text(SYNTHESIS_TEXT), [], SYNTHESIS_ABSENT),
})
