"""The recruiter's candidate report: about three pages from one
``CandidateReport``."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Spacer

from reports.charts import profile_chart
from reports.document import ReportDocument
from reports.labels import Labels
from reports.model import CandidateReport, Fit, NormBasis, ScaleScore


def norm_basis_text(norms: NormBasis, labels: Labels) -> str:
    """The norm basis line every report prints (plain text, not markup)."""
    if norms.source is None:
        return labels["no_norms"]
    n = norms.n if norms.n is not None else labels["none"]
    key = "simulated_norms" if norms.simulated else "norms"
    return labels.format(key, source=norms.source, n=n)


def fit_line(fit: Fit, labels: Labels) -> list[tuple[str, bool]]:
    """``Band — 72.4 (95% interval 65.1–79.7) — ...`` as runs for ``rich``."""
    rest = []
    if fit.composite is not None:
        rest.append(
            f"{labels.number(fit.composite, 1)} ({labels['ci95']} {labels.interval(fit.ci95, 1)})"
        )
    if fit.bars_met is not None:
        rest.append(labels["bars_met" if fit.bars_met else "bars_not_met"])
    parts = [(fit.band[:200], True)]
    if rest:
        parts.append((" — " + " — ".join(rest), False))
    return parts


SCORE_HEAD = ("scale", "score", "sem", "ci90", "ci95", "t", "sten", "percentile", "band")


def score_rows(scales: tuple[ScaleScore, ...], labels: Labels) -> list[list[str]]:
    """The score table's rows: every number with its SEM and intervals."""
    lab = labels
    rows: list[list[str]] = []
    for s in scales:
        if s.raw is None:
            reason = f"{lab['not_scored']}: {s.missing_reason}".rstrip(": ")
            rows.append([s.name, reason, *[""] * 7])
            continue
        sten = lab.number(s.sten, 0) if s.sten is not None else lab["none"]
        rows.append(
            [
                s.name,
                lab.number(s.raw),
                lab.number(s.sem),
                lab.interval(s.ci90),
                lab.interval(s.ci95),
                lab.number(s.t, 0),
                sten,
                lab.number(s.percentile, 0),
                s.band,
            ]
        )
    return rows


SCORE_WIDTHS = [38 * mm, 13 * mm, 12 * mm, 22 * mm, 22 * mm, 10 * mm, 10 * mm, 18 * mm]


def score_table(scales: tuple[ScaleScore, ...], doc: ReportDocument):
    """The score table; an unscored scale's reason spans the number columns."""
    widths = [*SCORE_WIDTHS, doc.frame_width - sum(SCORE_WIDTHS)]
    spans = [("SPAN", (1, i), (-1, i)) for i, s in enumerate(scales, start=1) if s.raw is None]
    head = [doc.labels[k] for k in SCORE_HEAD]
    return doc.grid(head, score_rows(scales, doc.labels), widths, *spans)


class CandidateReportDocument(ReportDocument):
    report_title_key = "candidate_report"

    def __init__(self, data: CandidateReport):
        super().__init__(
            data.language,
            subject=f"{data.candidate} — {data.role}",
            author=data.author or data.organisation,
            header=f"{data.candidate} · {data.role} · {data.date}",
            footer=data.organisation,
        )
        self.data = data

    def story(self) -> list:
        story: list = []
        for block in (
            self._title,
            self._facts,
            self._fit,
            self._profile,
            self._scores,
            self._interpretation,
            self._strengths,
            self._situational,
            self._validity,
            self._interview,
            self._appendix,
        ):
            story += block()
        return story

    def _title(self) -> list:
        d, lab = self.data, self.labels
        return [
            self.text(lab["candidate_report"], "title"),
            self.text(d.candidate, "h1", 300),
            self.text(lab["decision_note"], "note"),
        ]

    def _facts(self) -> list:
        d, lab = self.data, self.labels
        return [
            self.facts_table(
                [
                    (lab["candidate"], d.candidate),
                    (lab["reference"], d.reference),
                    (lab["organisation"], d.organisation),
                    (lab["role"], d.role),
                    (lab["campaign"], d.campaign),
                    (lab["date"], d.date),
                    (lab["instrument"], d.instrument),
                    (lab["instrument_version"], d.instrument_version),
                    (lab["scoring_version"], d.scoring_version),
                    (lab["norm_basis"], norm_basis_text(d.norms, lab)),
                ]
            )
        ]

    def _fit(self) -> list:
        fit, lab = self.data.fit, self.labels
        out = [self.text(lab["fit"], "h1"), self.rich(fit_line(fit, lab))]
        if fit.band_text:
            out.append(self.text(fit.band_text))
        if fit.reasons:
            out.append(self.text(lab["reasons"], "h2"))
            out += self.bullets(fit.reasons)
        return out

    def _profile(self) -> list:
        lab = self.labels
        return [
            self.text(lab["profile"], "h1"),
            profile_chart(self.data.scales, self.frame_width, lab),
            self.text(lab["profile_caption"], "small"),
        ]

    def _scores(self) -> list:
        return [Spacer(1, 3 * mm), score_table(self.data.scales, self)]

    def _interpretation(self) -> list:
        lab = self.labels
        out = [self.text(lab["interpretation"], "h1")]
        for s in self.data.scales:
            band = f" — {s.band[:200]}" if s.band else ""
            out.append(self.text(f"{s.name[:200]}{band}", "h2"))
            if s.interpretation:
                out.append(self.text(s.interpretation))
            for f in s.facets:
                rest = f" ({lab.number(f.raw)}, {f.band[:100]})"
                if f.interpretation:
                    rest += f": {f.interpretation}"
                out.append(self.rich([(f.name[:200], True), (rest, False)], "bullet", "•"))
        return out

    def _strengths(self) -> list:
        d, lab = self.data, self.labels
        out: list = []
        for key, items in (("strengths", d.strengths), ("development", d.development)):
            if items:
                out.append(self.text(lab[key], "h2"))
                out += self.bullets(items)
        return out

    def _situational(self) -> list:
        d, lab = self.data, self.labels
        if not (d.situational or d.situational_summary):
            return []
        out = [self.text(lab["situational"], "h1")]
        if d.situational_summary:
            out.append(self.text(d.situational_summary))
        if d.situational:
            head = [lab["scenario"], lab["agreement_with_key"]]
            rows = [
                [f"{r.scenario} {r.comment}".strip(), lab.number(r.agreement, 0)]
                for r in d.situational
            ]
            widths = [self.frame_width - 45 * mm, 45 * mm]
            out += [Spacer(1, 2 * mm), self.grid(head, rows, widths)]
        return out

    def _validity(self) -> list:
        d, lab = self.data, self.labels
        out = [self.text(lab["validity"], "h1")]
        if not d.validity:
            return [*out, self.text(lab["validity_none"])]
        out.append(self.text(lab["validity_note"], "note"))
        head = [lab["index"], lab["value"], lab["meaning"]]
        rows = [[f.index, f.value, f.explanation] for f in d.validity]
        widths = [38 * mm, 30 * mm, self.frame_width - 68 * mm]
        return [*out, self.grid(head, rows, widths, bold_first=True)]

    def _interview(self) -> list:
        d, lab = self.data, self.labels
        if not d.interview_questions:
            return []
        out = [
            self.text(lab["interview_questions"], "h1"),
            self.text(lab["interview_intro"]),
        ]
        for q in d.interview_questions:
            out.append(
                self.rich([(q.facet[:200], True), (f": {q.question}", False)], "bullet", "•")
            )
        return out

    def _appendix(self) -> list:
        a, lab = self.data.appendix, self.labels
        lo, hi = a.response_min, a.response_max
        # The appendix starts its own page: a reader can set it aside whole.
        out = [PageBreak(), self.text(lab["appendix"], "h1"), self.text(lab["appendix_intro"])]
        formulas = [
            lab.format("formula_reverse", min=lo, max=hi),
            lab["formula_mean"],
            lab.format("formula_missing", share=lab.share(a.min_answered)),
            lab["formula_sem"],
            lab["formula_ci"],
            lab["formula_t"],
            lab["formula_pomp"],
            lab.format("formula_mosier", value=lab.number(a.composite_reliability)),
        ]
        out += self.bullets(formulas)
        if a.keys:
            heads = ("scale", "keyed", "reversed", "norm_mean", "norm_sd", "reliability")
            rows = [
                [
                    k.scale,
                    " ".join(k.keyed),
                    " ".join(k.reversed),
                    lab.number(k.mean),
                    lab.number(k.sd),
                    lab.number(k.reliability),
                ]
                for k in a.keys
            ]
            rest = (self.frame_width - 78 * mm) / 2
            widths = [34 * mm, rest, rest, 13 * mm, 13 * mm, 18 * mm]
            out += [
                Spacer(1, 2 * mm),
                self.text(lab["keys"], "h2"),
                self.grid([lab[k] for k in heads], rows, widths),
            ]
        out.append(self.text(lab["decision_note"], "note"))
        return out


def build_candidate_report(data: CandidateReport) -> bytes:
    """Render the recruiter's report on one candidate to PDF bytes."""
    document = CandidateReportDocument(data)
    return document.render(document.story())
