"""Charts drawn with ``reportlab.graphics``: the profile chart, the forest
plot of fit and the heat map of scales by candidates.

Every chart is a ``Drawing`` (itself a flowable) built from plain shapes, so
text in it stays real, extractable text in the bundled font.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab import rl_config
from reportlab.graphics.shapes import (
    STATE_DEFAULTS,
    Drawing,
    Line,
    Rect,
    String,
)
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from reports.document import ACCENT, ALERT, INK, MUTED, RULE, SHADE, WARN
from reports.flowables import Sketch
from reports.labels import Labels
from reports.model import Fit, PanelCandidate, ScaleScore
from reports.text import plain
from reports.typeface import BOLD, REGULAR, register_fonts

# Checking every attribute assignment of every shape is ReportLab's
# development aid; our shapes are fixed code, and the check costs a third of
# a chart's time. This is ReportLab's documented production setting.
rl_config.shapeChecking = 0
# A drawing starts in this font; Helvetica (the default) has no Greek or
# Cyrillic and would be referenced in every PDF that holds a chart.
STATE_DEFAULTS["fontName"] = register_fonts()

INTERVAL = colors.HexColor("#9ec5dd")
STRADDLE = colors.HexColor("#f6c667")
# Sequential blues for stens 1-10: light (low) to dark (high).
STEN_COLOURS = tuple(
    colors.HexColor(c)
    for c in (
        "#f7fbff",
        "#deebf7",
        "#c6dbef",
        "#9ecae1",
        "#6baed6",
        "#4292c6",
        "#2171b5",
        "#08519c",
        "#08306b",
        "#041c42",
    )
)


def fit_text(s: object, width: float, size: float, font: str = REGULAR) -> str:
    """``s`` on one line, cut with ``…`` so it is at most ``width`` points wide."""
    text = plain(s, 200)
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[: max(len(text) - max(len(text) // 8, 1), 0)]
    return text + "…"


def _ticks(low: float, high: float) -> list[float]:
    span = high - low
    if span <= 0:
        return [low]
    step = 1.0 if span <= 10 else 25.0 if span <= 100 else span / 4
    first = int(low // step) * step
    return [
        first + i * step for i in range(int(span // step) + 2) if low <= first + i * step <= high
    ]


def profile_chart(scales: Sequence[ScaleScore], width: float, labels: Labels) -> Sketch:
    """Each scale as a point with its 90% interval on the scale's own metric;
    the role's must-reach bar as a red mark; an interval that straddles the
    bar drawn amber and marked ⚠. Drawn straight on the canvas (one per
    candidate report, one per candidate in a panel pack)."""
    row = 15.0
    label_w, value_w = 46 * mm, 38 * mm
    x0, x1 = label_w, width - value_w
    axis_h = 14.0
    height = row * len(scales) + axis_h + 4
    d = Sketch(width, height)
    base = scales[0] if scales else None

    def x_of(value: float, scale: ScaleScore) -> float:
        span = scale.metric_max - scale.metric_min
        share = (value - scale.metric_min) / span if span else 0.5
        return x0 + (x1 - x0) * min(max(share, 0.0), 1.0)

    if base is not None:
        for tick in _ticks(base.metric_min, base.metric_max):
            x = x_of(tick, base)
            d.line(x, axis_h, x, height - 2, SHADE, 0.6)
            d.string(x, axis_h - 9, labels.number(tick, 0), REGULAR, 6.5, MUTED, "middle")
    for i, scale in enumerate(scales):
        y = height - row * (i + 1) + row / 2 - 3
        d.string(0, y - 2.5, fit_text(scale.name, label_w - 4, 8), REGULAR, 8, INK)
        d.line(x0, y, x1, y, RULE, 0.5)
        if base is not None and (scale.metric_min, scale.metric_max) != (
            base.metric_min,
            base.metric_max,
        ):
            for value, anchor in ((scale.metric_min, "start"), (scale.metric_max, "end")):
                d.string(
                    x_of(value, scale), y - 9, labels.number(value, 0), REGULAR, 5.5, MUTED, anchor
                )
        straddles = scale.straddles_bar
        if scale.ci90 is not None:
            lo, hi = x_of(scale.ci90[0], scale), x_of(scale.ci90[1], scale)
            d.rect(lo, y - 2.5, max(hi - lo, 0.5), 5, STRADDLE if straddles else INTERVAL)
        if scale.bar is not None:
            bx = x_of(scale.bar, scale)
            d.line(bx, y - 5.5, bx, y + 5.5, ALERT, 1.4)
            d.polygon([bx - 2.2, y + 7.5, bx + 2.2, y + 7.5, bx, y + 5], ALERT)
        if scale.raw is None:
            value = labels["not_scored"]
        else:
            d.circle(x_of(scale.raw, scale), y, 2.4, INK)
            value = f"{labels.number(scale.raw)}  ({labels.interval(scale.ci90)})"
        if straddles:
            value = "⚠ " + value
        font = BOLD if straddles else REGULAR
        d.string(
            x1 + 6,
            y - 2.5,
            fit_text(value, value_w - 6, 7.5, font),
            font,
            7.5,
            WARN if straddles else INK,
        )
    return d


def forest_plot(
    candidates: Sequence[PanelCandidate],
    width: float,
    labels: Labels,
    thresholds: Sequence[tuple[str, float]] = (),
) -> Drawing:
    """Candidates in rank order, each fit composite (0-100) with its 95%
    interval; dashed lines at the fit bands' lower bounds."""
    row = 10.0
    label_w, value_w = 52 * mm, 30 * mm
    x0, x1 = label_w, width - value_w
    top = 12.0
    height = row * len(candidates) + top + 12

    def x_of(value: float) -> float:
        return x0 + (x1 - x0) * min(max(value, 0.0), 100.0) / 100.0

    d = Drawing(width, height)
    for tick in (0, 25, 50, 75, 100):
        x = x_of(tick)
        d.add(Line(x, 10, x, height - top, strokeColor=SHADE, strokeWidth=0.6))
        d.add(
            String(
                x,
                2,
                str(tick),
                fontName=REGULAR,
                fontSize=6.5,
                fillColor=MUTED,
                textAnchor="middle",
            )
        )
    for name, lower in thresholds:
        x = x_of(lower)
        d.add(
            Line(x, 10, x, height - top, strokeColor=MUTED, strokeWidth=0.5, strokeDashArray=[2, 2])
        )
        d.add(
            String(
                x,
                height - top + 3,
                fit_text(name, 24 * mm, 6),
                fontName=REGULAR,
                fontSize=6,
                fillColor=MUTED,
                textAnchor="middle",
            )
        )
    for i, candidate in enumerate(candidates):
        y = height - top - row * (i + 1) + row / 2
        d.add(
            String(
                0,
                y - 2.5,
                fit_text(f"{candidate.rank}. {candidate.name}", label_w - 4, 7),
                fontName=REGULAR,
                fontSize=7,
                fillColor=INK,
            )
        )
        fit: Fit = candidate.fit
        if fit.ci95 is not None:
            d.add(
                Line(
                    x_of(fit.ci95[0]), y, x_of(fit.ci95[1]), y, strokeColor=ACCENT, strokeWidth=1.2
                )
            )
        if fit.composite is not None:
            d.add(Rect(x_of(fit.composite) - 2, y - 2, 4, 4, fillColor=INK, strokeColor=None))
        value = f"{labels.number(fit.composite, 1)}  {candidate.group}".rstrip()
        d.add(
            String(
                x1 + 5,
                y - 2.5,
                fit_text(value, value_w - 5, 7),
                fontName=REGULAR,
                fontSize=7,
                fillColor=INK,
            )
        )
    return d


def _cell_colour(scale: ScaleScore, by_sten: bool) -> tuple[colors.Color, str]:
    if scale.raw is None:
        return colors.white, "–"
    if by_sten and scale.sten is not None:
        return STEN_COLOURS[min(max(scale.sten, 1), 10) - 1], str(scale.sten)
    if scale.band_rank is not None and scale.band_count:
        share = (scale.band_rank - 1) / max(scale.band_count - 1, 1)
        return STEN_COLOURS[round(1 + share * 7)], scale.band
    return colors.white, scale.band


def heat_map(
    candidates: Sequence[PanelCandidate],
    scale_names: Sequence[str],
    width: float,
    labels: Labels,
) -> Drawing:
    """Candidates (rows) by scales (columns), coloured by sten when every
    shown scale has one, otherwise by band rank, with a legend."""
    row = 10.0
    label_w = 52 * mm
    head = 16.0
    legend = 18.0
    cols = max(len(scale_names), 1)
    cell_w = (width - label_w) / cols
    by_sten = all(s.sten is not None for c in candidates for s in c.scales if s.raw is not None)
    height = head + row * len(candidates) + legend
    d = Drawing(width, height)
    for j, name in enumerate(scale_names):
        d.add(
            String(
                label_w + cell_w * (j + 0.5),
                height - 10,
                fit_text(name, cell_w - 2, 6.5),
                fontName=BOLD,
                fontSize=6.5,
                fillColor=INK,
                textAnchor="middle",
            )
        )
    for i, candidate in enumerate(candidates):
        y = height - head - row * (i + 1)
        d.add(
            String(
                0,
                y + 2.5,
                fit_text(f"{candidate.rank}. {candidate.name}", label_w - 4, 7),
                fontName=REGULAR,
                fontSize=7,
                fillColor=INK,
            )
        )
        for j, scale in enumerate(candidate.scales[:cols]):
            fill, text = _cell_colour(scale, by_sten)
            x = label_w + cell_w * j
            d.add(
                Rect(x, y, cell_w, row, fillColor=fill, strokeColor=colors.white, strokeWidth=0.6)
            )
            dark = fill in STEN_COLOURS[5:]
            d.add(
                String(
                    x + cell_w / 2,
                    y + 2.8,
                    fit_text(text, cell_w - 2, 6.5),
                    fontName=REGULAR,
                    fontSize=6.5,
                    textAnchor="middle",
                    fillColor=colors.white if dark else INK,
                )
            )
    caption = labels["heat_legend_sten" if by_sten else "heat_legend_band"]
    d.add(String(0, 4, caption, fontName=REGULAR, fontSize=6.5, fillColor=MUTED))
    swatch = 8 * mm
    start = width - swatch * 10
    for k, fill in enumerate(STEN_COLOURS):
        d.add(
            Rect(
                start + swatch * k, 2, swatch, 8, fillColor=fill, strokeColor=RULE, strokeWidth=0.3
            )
        )
        if by_sten:  # bands have no numbers: their legend is the gradient alone
            d.add(
                String(
                    start + swatch * (k + 0.5),
                    4,
                    str(k + 1),
                    fontName=REGULAR,
                    fontSize=6,
                    textAnchor="middle",
                    fillColor=colors.white if k >= 5 else INK,
                )
            )
    return d


def band_meter(rank: int, count: int, width: float = 60 * mm) -> Drawing:
    """``count`` segments, the first ``rank`` filled: where a band sits
    without a number (the candidate's feedback shows no scores)."""
    count = max(count, 1)
    gap = 2.0
    seg = (width - gap * (count - 1)) / count
    d = Drawing(width, 9)
    for k in range(count):
        fill = ACCENT if k < rank else SHADE
        d.add(Rect(k * (seg + gap), 1, seg, 7, fillColor=fill, strokeColor=RULE, strokeWidth=0.3))
    return d
