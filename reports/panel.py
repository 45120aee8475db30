"""The hiring panel's pack for one campaign: comparison, forest plot, heat
map, panel agreement, then a summary page and a blank structured-interview
sheet per candidate. Built for 1 to several hundred candidates: tables
repeat their header on every page and charts are cut into page-sized
chunks."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, PageBreak, Paragraph, Spacer

from reports.candidate import fit_line, norm_basis_text, score_table
from reports.charts import forest_plot, heat_map, profile_chart
from reports.document import ALERT, RULE, STRADDLE_BG, ReportDocument
from reports.flowables import FormContent, SharedBlock
from reports.model import CompetencySheet, PanelCandidate, PanelPack
from reports.text import escape
from reports.typeface import BOLD

FOREST_ROWS = 62
"""Candidates per forest-plot chunk: one chunk fills at most one page."""
HEAT_ROWS = 62


def _chunks(items: tuple, size: int):
    for start in range(0, len(items), size):
        yield start, items[start : start + size]


class PanelPackDocument(ReportDocument):
    report_title_key = "panel_pack"

    def __init__(self, data: PanelPack):
        super().__init__(
            data.language,
            subject=f"{data.campaign} — {data.role}",
            author=data.author or data.organisation,
            header=f"{data.campaign} · {data.role} · {data.date}",
            footer=data.organisation,
        )
        self.data = data
        self._sheet = None

    def story(self) -> list:
        story: list = []
        for block in (
            self._title,
            self._comparison,
            self._forest,
            self._heat_map,
            self._panel_ratings,
        ):
            story += block()
        for candidate in self.data.candidates:
            story += self._candidate_summary(candidate)
            story += self._scoring_sheet(candidate)
        return story

    def _title(self) -> list:
        d, lab = self.data, self.labels
        return [
            self.text(lab["panel_pack"], "title"),
            self.text(d.campaign, "h1", 300),
            self.facts_table(
                [
                    (lab["organisation"], d.organisation),
                    (lab["role"], d.role),
                    (lab["campaign"], d.campaign),
                    (lab["date"], d.date),
                    (lab["instrument"], f"{d.instrument} {d.instrument_version}"),
                    (lab["scoring_version"], d.scoring_version),
                    (lab["norm_basis"], norm_basis_text(d.norms, lab)),
                    (lab["candidates"], str(len(d.candidates))),
                ]
            ),
            self.text(lab["decision_note"], "note"),
        ]

    def _comparison(self) -> list:
        lab = self.labels
        head = [
            lab["rank"],
            lab["candidate"],
            lab["composite"],
            lab["ci95"],
            lab["fit_band"],
            lab["group"],
            lab["validity"],
        ]
        widths = [11 * mm, 0, 24 * mm, 24 * mm, 30 * mm, 14 * mm, 18 * mm]
        widths[1] = self.frame_width - sum(widths)
        rows = [
            [
                str(c.rank),
                c.name,
                lab.number(c.fit.composite, 1),
                lab.interval(c.fit.ci95, 1),
                c.fit.band,
                c.group,
                f"⚠ {len(c.validity)}" if c.validity else "",
            ]
            for c in self.data.candidates
        ]
        return [
            self.text(lab["comparison"], "h1"),
            self.text(lab["comparison_intro"]),
            Spacer(1, 2 * mm),
            self.grid(head, rows, widths),
        ]

    def _forest(self) -> list:
        out: list = [PageBreak()]
        for start, chunk in _chunks(self.data.candidates, FOREST_ROWS):
            title = self.labels["forest"]
            if len(self.data.candidates) > FOREST_ROWS:
                title += f" ({start + 1}–{start + len(chunk)})"
            chart = forest_plot(chunk, self.frame_width, self.labels, self.data.fit_thresholds)
            out += [CondPageBreak(chart.height + 30), self.text(title, "h1"), chart]
        return out

    def _heat_map(self) -> list:
        d = self.data
        names = [s.name for s in d.candidates[0].scales] if d.candidates else []
        out: list = []
        for start, chunk in _chunks(d.candidates, HEAT_ROWS):
            title = self.labels["heat_map"]
            if len(d.candidates) > HEAT_ROWS:
                title += f" ({start + 1}–{start + len(chunk)})"
            chart = heat_map(chunk, names, self.frame_width, self.labels)
            out += [CondPageBreak(chart.height + 30), self.text(title, "h1"), chart]
        return out

    def _panel_ratings(self) -> list:
        d, lab = self.data, self.labels
        out: list = [CondPageBreak(80 * mm), self.text(lab["panel_ratings"], "h1")]
        if not d.ratings:
            return [*out, self.text(lab["no_ratings"])]
        if d.agreement:
            head = [lab["competency"], lab["icc"], lab["ci95"], lab["raters"], lab["candidates"]]
            widths = [0, 22 * mm, 30 * mm, 20 * mm, 22 * mm]
            widths[0] = self.frame_width - sum(widths)
            rows = [
                [
                    a.competency,
                    lab.number(a.icc),
                    lab.interval(a.ci95),
                    str(a.raters),
                    str(a.candidates),
                ]
                for a in d.agreement
            ]
            out += [self.text(lab["agreement"], "h2"), self.grid(head, rows, widths)]
        names = {c.reference: c.name for c in d.candidates}
        raters = list(d.raters)
        rater_w = min(22 * mm, (self.frame_width - 100 * mm) / max(len(raters), 1))
        widths = [50 * mm, 0, *[rater_w] * len(raters), 16 * mm]
        widths[1] = self.frame_width - sum(widths)
        rows, highlight = [], []
        for i, r in enumerate(d.ratings, start=1):
            values = [lab.number(v, 0) for v in r.ratings]
            values += [lab["none"]] * (len(raters) - len(values))
            rows.append(
                [
                    names.get(r.candidate_reference, r.candidate_reference),
                    r.competency,
                    *values[: len(raters)],
                    lab.number(r.spread, 0),
                ]
            )
            if r.spread is not None and r.spread >= 2:
                highlight += [
                    ("BACKGROUND", (0, i), (-1, i), STRADDLE_BG),
                    ("TEXTCOLOR", (-1, i), (-1, i), ALERT),
                ]
        out += [
            self.text(lab["ratings"], "h2"),
            self.grid(
                [lab["candidate"], lab["competency"], *raters, lab["spread"]],
                rows,
                widths,
                *highlight,
            ),
        ]
        if highlight:
            out.append(self.text(f"■ {lab['disagreement']}", "flag"))
        return out

    def _candidate_summary(self, c: PanelCandidate) -> list:
        lab = self.labels
        out: list = [
            PageBreak(),
            self.text(f"{c.rank}. {c.name}", "h1", 320),
            self.text(
                f"{lab['reference']}: {c.reference[:100]} · {lab['group']}: "
                f"{(c.group or lab['none'])[:50]}",
                "small",
            ),
            self.rich(fit_line(c.fit, lab)),
        ]
        out += self.bullets(c.fit.reasons)
        out += [
            Spacer(1, 2 * mm),
            profile_chart(c.scales, self.frame_width, lab),
            Spacer(1, 2 * mm),
            score_table(c.scales, self),
        ]
        for key, items in (("strengths", c.strengths), ("development", c.development)):
            if items:
                out.append(self.text(lab[key], "h2"))
                out += self.bullets(items)
        if c.validity:
            out += [
                self.text(lab["validity"], "h2"),
                self.text(lab["validity_note"], "small"),
            ]
            out += self.bullets([f"{f.index} ({f.value}): {f.explanation}" for f in c.validity])
        return out

    def _scoring_sheet(self, c: PanelCandidate) -> list:
        lab = self.labels
        return [
            PageBreak(),
            self.text(f"{lab['scoring_sheet']}: {c.name}", "h1", 400),
            self.grid(
                None,
                [
                    [lab["candidate"], f"{c.name} ({c.reference})"],
                    [lab["interviewer"], ""],
                    [lab["date"], ""],
                ],
                [45 * mm, self.frame_width - 45 * mm],
                bold_first=True,
            ),
            self.text(lab["scoring_sheet_intro"], "small"),
            *self._sheet_body(),
        ]

    def _sheet_body(self) -> list:
        """The competencies with their anchors: the same for every candidate,
        so each is laid out and drawn once and stamped on every sheet."""
        if self._sheet is None:
            self._sheet = [
                FormContent(
                    f"competency{i}",
                    [Spacer(1, 3 * mm), self._competency_table(comp)],
                    self.frame_width,
                    self.frame_height,
                )
                for i, comp in enumerate(self.data.competencies)
            ]
        return [SharedBlock(content) for content in self._sheet]

    def _competency_table(self, comp: CompetencySheet):
        lab = self.labels
        cell = self.styles["cell"]
        description = f"<b>{escape(comp.name, 200)}</b> — {escape(comp.description, 600)}"
        rows = [[Paragraph(description, cell), "", "", "", ""], [str(k) for k in range(1, 6)]]
        rows.append([Paragraph(escape(a, 400), cell) for a in (*comp.anchors, *[""] * 5)[:5]])
        if comp.questions:
            questions = " ".join(escape(q, 400) for q in comp.questions)
            rows.append(
                [Paragraph(f"<i>{escape(lab['questions'])}:</i> {questions}", cell), "", "", "", ""]
            )
        rows.append([f"{lab['rating']}: ☐1 ☐2 ☐3 ☐4 ☐5", "", "", "", ""])
        rows.append([f"{lab['evidence']}:", "", "", "", ""])
        last = len(rows) - 1
        spans = [("SPAN", (0, r), (-1, r)) for r in (0, *range(3, last + 1))]
        return self.grid(
            None,
            rows,
            [(self.frame_width - 4 * mm) / 5] * 5,
            *spans,
            ("BOTTOMPADDING", (0, last), (-1, last), 28),
            ("BOX", (0, 0), (-1, -1), 0.6, RULE),
            ("FONT", (0, 1), (-1, 1), BOLD, 8),
            ("ALIGN", (0, 1), (-1, 1), "CENTER"),
        )


def build_panel_pack(data: PanelPack) -> bytes:
    """Render the panel pack for one campaign to PDF bytes."""
    document = PanelPackDocument(data)
    return document.render(document.story())
