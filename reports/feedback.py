"""The candidate's own feedback report: friendly, developmental, in the
candidate's language; bands and advice, no numbers, no norms and no
comparison with anyone else."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer

from reports.charts import band_meter
from reports.document import ReportDocument
from reports.model import FeedbackReport


class FeedbackReportDocument(ReportDocument):
    report_title_key = "feedback_report"

    def __init__(self, data: FeedbackReport):
        super().__init__(
            data.language,
            subject=f"{data.candidate} — {data.role}",
            author=data.author or data.organisation,
            header=f"{data.organisation} · {data.date}",
            footer=data.organisation,
        )
        self.data = data

    def story(self) -> list:
        story: list = []
        for block in (self._greeting, self._scales, self._strengths, self._closing):
            story += block()
        return story

    def _greeting(self) -> list:
        d, lab = self.data, self.labels
        return [
            self.text(lab["feedback_report"], "title"),
            self.text(d.instrument, "subtitle", 300),
            self.text(lab.format("greeting", name=d.candidate[:300]), "h2"),
            self.text(
                lab.format("feedback_intro", role=d.role, organisation=d.organisation), limit=1200
            ),
            Spacer(1, 3 * mm),
        ]

    def _scales(self) -> list:
        lab = self.labels
        out: list = []
        for s in self.data.scales:
            block = [
                self.text(s.name, "h1", 200),
                self.text(s.description),
                Spacer(1, 2 * mm),
                self.rich([(f"{lab['your_result']}: {s.band[:200]}", True)]),
                band_meter(s.band_rank, s.band_count),
                self.text(s.text),
            ]
            if s.advice:
                block.append(self.text(lab["advice"], "h2"))
                block += self.bullets(s.advice)
            out.append(KeepTogether(block))
        return out

    def _strengths(self) -> list:
        if not self.data.strengths:
            return []
        return [
            self.text(self.labels["strengths"], "h1"),
            *self.bullets(self.data.strengths),
        ]

    def _closing(self) -> list:
        text = self.labels.format("feedback_closing", organisation=self.data.organisation)
        return [Spacer(1, 4 * mm), self.text(text, "note", 1200)]


def build_feedback_report(data: FeedbackReport) -> bytes:
    """Render the candidate's feedback report to PDF bytes."""
    document = FeedbackReportDocument(data)
    return document.render(document.story())
