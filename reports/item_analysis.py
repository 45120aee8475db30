"""The admins' item-analysis and fairness report: reliability per scale,
item statistics with weak items flagged, and adverse impact by group."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from reports.document import ALERT, STRADDLE_BG, ReportDocument
from reports.model import ItemAnalysisReport


class ItemAnalysisDocument(ReportDocument):
    report_title_key = "item_analysis"

    def __init__(self, data: ItemAnalysisReport):
        super().__init__(
            data.language,
            subject=f"{data.instrument} {data.instrument_version}",
            author=data.author or data.organisation,
            header=f"{data.instrument} {data.instrument_version} · {data.date}",
            footer=data.organisation,
        )
        self.data = data

    def story(self) -> list:
        story: list = []
        for block in (self._title, self._reliability, self._items, self._impact):
            story += block()
        return story

    def _title(self) -> list:
        d, lab = self.data, self.labels
        out = [
            self.text(lab["item_analysis"], "title"),
            self.facts_table(
                [
                    (lab["organisation"], d.organisation),
                    (lab["instrument"], d.instrument),
                    (lab["instrument_version"], d.instrument_version),
                    (lab["date"], d.date),
                    (lab["sample"], d.sample),
                ]
            ),
        ]
        return out + [self.text(note, "small") for note in d.notes]

    def _reliability(self) -> list:
        lab = self.labels
        head = [lab["scale"], lab["alpha"], lab["alpha_ci"], lab["omega"], "n", lab["items_n"]]
        widths = [0, 18 * mm, 28 * mm, 18 * mm, 16 * mm, 16 * mm]
        widths[0] = self.frame_width - sum(widths)
        rows = [
            [
                r.scale,
                lab.number(r.alpha),
                lab.interval(r.alpha_ci95),
                lab.number(r.omega),
                str(r.n),
                str(r.items),
            ]
            for r in self.data.reliability
        ]
        return [self.text(lab["reliability_table"], "h1"), self.grid(head, rows, widths)]

    def _items(self) -> list:
        d, lab = self.data, self.labels
        head = [
            lab["item"],
            lab["scale"],
            lab["item"],
            lab["mean"],
            lab["sd"],
            lab["citc"],
            lab["alpha_if_deleted"],
            "n",
            lab["flag"],
        ]
        widths = [16 * mm, 30 * mm, 0, 12 * mm, 11 * mm, 12 * mm, 16 * mm, 11 * mm, 11 * mm]
        widths[2] = self.frame_width - sum(widths)
        rows, marks = [], []
        for i, it in enumerate(d.items, start=1):
            low = it.citc is not None and it.citc < d.citc_threshold
            rows.append(
                [
                    it.item,
                    it.scale,
                    it.text,
                    lab.number(it.mean),
                    lab.number(it.sd),
                    lab.number(it.citc),
                    lab.number(it.alpha_if_deleted),
                    str(it.n),
                    "⚠" if low else "",
                ]
            )
            if low:
                marks += [
                    ("BACKGROUND", (0, i), (-1, i), STRADDLE_BG),
                    ("TEXTCOLOR", (5, i), (5, i), ALERT),
                ]
        note = lab.format("low_citc", threshold=lab.number(d.citc_threshold))
        return [
            self.text(lab["item_statistics"], "h1"),
            self.grid(head, rows, widths, *marks),
            self.text(f"⚠ {note}", "small"),
        ]

    def _impact(self) -> list:
        d, lab = self.data, self.labels
        out = [
            self.text(lab["adverse_impact"], "h1"),
            self.text(lab["adverse_intro"]),
        ]
        if not d.impact:
            return [*out, self.text(lab["none"])]
        head = [
            lab["group_variable"],
            lab["group"],
            "n",
            lab["selected"],
            lab["rate"],
            lab["impact_ratio"],
            lab["fisher_p"],
            lab["four_fifths"],
        ]
        widths = [28 * mm, 0, 13 * mm, 16 * mm, 14 * mm, 20 * mm, 17 * mm, 20 * mm]
        widths[1] = self.frame_width - sum(widths)
        rows, marks, small = [], [], False
        for i, r in enumerate(d.impact, start=1):
            few = r.n < d.small_group
            small |= few
            rows.append(
                [
                    r.variable,
                    f"{r.group} †" if few else r.group,
                    str(r.n),
                    str(r.selected),
                    lab.number(r.rate),
                    lab.number(r.impact_ratio),
                    lab.number(r.fisher_p, 3),
                    f"⚠ {lab['yes']}" if r.below_four_fifths else lab["no"],
                ]
            )
            if r.below_four_fifths:
                marks += [
                    ("BACKGROUND", (0, i), (-1, i), STRADDLE_BG),
                    ("TEXTCOLOR", (-1, i), (-1, i), ALERT),
                ]
        out += [Spacer(1, 2 * mm), self.grid(head, rows, widths, *marks)]
        if small:
            out.append(self.text("† " + lab.format("small_sample", n=d.small_group), "small"))
        if d.unknown_excluded:
            out.append(self.text(lab.format("unknown_excluded", n=d.unknown_excluded), "small"))
        out.append(self.text(lab["decision_note"], "note"))
        return out


def build_item_analysis_report(data: ItemAnalysisReport) -> bytes:
    """Render the item-analysis and fairness report to PDF bytes."""
    document = ItemAnalysisDocument(data)
    return document.render(document.story())
