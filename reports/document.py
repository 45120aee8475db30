"""What every report shares: A4 geometry, named paragraph styles, PDF
metadata, the running header and the "Page X of Y" footer."""

from __future__ import annotations

import io
from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, Table, TableStyle
from reportlab.platypus.paraparser import ParaFrag, ParaParser

from reports import text as _text  # noqa: F401  (empties ReportLab's trusted URL lists)
from reports.flowables import Heading
from reports.labels import Labels
from reports.text import clip, plain
from reports.typeface import BOLD, FAMILY, REGULAR, register_fonts

INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#616e7c")
RULE = colors.HexColor("#cbd2d9")
SHADE = colors.HexColor("#f0f4f8")
ACCENT = colors.HexColor("#2d6a8f")
WARN = colors.HexColor("#b7791f")
ALERT = colors.HexColor("#b42318")
STRADDLE_BG = colors.HexColor("#fdf0d5")

LANG_TAGS = {"en": "en-GB", "fi": "fi-FI"}


@cache
def styles() -> dict[str, ParagraphStyle]:
    """The named paragraph styles, built once per process."""
    family = register_fonts()
    body = ParagraphStyle(
        "body", fontName=family, bulletFontName=family, fontSize=9, leading=12, textColor=INK
    )
    return {
        "body": body,
        "title": ParagraphStyle(
            "title", body, fontName=BOLD, fontSize=17, leading=21, spaceAfter=4
        ),
        "subtitle": ParagraphStyle(
            "subtitle", body, fontSize=10, leading=13, textColor=MUTED, spaceAfter=6
        ),
        "h1": ParagraphStyle(
            "h1",
            body,
            fontName=BOLD,
            fontSize=13,
            leading=16,
            spaceBefore=8,
            spaceAfter=4,
            textColor=ACCENT,
        ),
        "h2": ParagraphStyle(
            "h2",
            body,
            fontName=BOLD,
            fontSize=10.5,
            leading=13,
            spaceBefore=6,
            spaceAfter=2,
        ),
        "small": ParagraphStyle("small", body, fontSize=7.5, leading=9.5, textColor=MUTED),
        "note": ParagraphStyle(
            "note",
            body,
            fontSize=8.5,
            leading=11,
            textColor=INK,
            backColor=SHADE,
            borderPadding=4,
            spaceBefore=6,
            spaceAfter=6,
        ),
        "bullet": ParagraphStyle("bullet", body, leftIndent=10, bulletIndent=2, spaceAfter=1),
        "cell": ParagraphStyle("cell", body, fontSize=8, leading=10),
        "cell_bold": ParagraphStyle("cell_bold", body, fontName=BOLD, fontSize=8, leading=10),
        "cell_right": ParagraphStyle(
            "cell_right", body, fontSize=8, leading=10, alignment=TA_RIGHT
        ),
        "head": ParagraphStyle(
            "head", body, fontName=BOLD, fontSize=7.5, leading=9.5, textColor=colors.white
        ),
        "flag": ParagraphStyle(
            "flag", body, fontName=BOLD, fontSize=8, leading=10, textColor=ALERT
        ),
    }


_GRID = (
    ("FONT", (0, 0), (-1, -1), REGULAR, 8),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
    ("TOPPADDING", (0, 0), (-1, -1), 2),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ("LEFTPADDING", (0, 0), (-1, -1), 3),
    ("RIGHTPADDING", (0, 0), (-1, -1), 3),
)
_HEADER = (
    ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
    ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
    ("FONT", (0, 0), (-1, 0), BOLD, 7.5),
)


@cache
def _plain_fragment(style: str) -> ParaFrag:
    """The fragment the markup parser makes of plain text in ``style``."""
    _, frags, _ = ParaParser().parse("x", styles()[style])
    return frags[0]


def table_style(*extra: tuple, header: bool = True, zebra: bool = True) -> TableStyle:
    """The grid every report table uses: a dark header row, light rules,
    optional zebra rows."""
    commands = list(_GRID)
    if header:
        commands += _HEADER
    if zebra:
        commands.append(
            ("ROWBACKGROUNDS", (0, 1 if header else 0), (-1, -1), [colors.white, SHADE])
        )
    return TableStyle(commands + list(extra))


def _numbered_canvas(page_label: str, font: str):
    """A canvas class that holds pages back until the total is known, then
    stamps ``page_label`` (with ``{page}`` and ``{pages}``) on each."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):  # noqa: N802 (ReportLab's name)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self.setFont(font, 7.5)
                self.setFillColor(MUTED)
                self.drawRightString(
                    ReportDocument.page_width - ReportDocument.margin_right,
                    ReportDocument.footer_y,
                    page_label.format(page=number, pages=total),
                )
                super().showPage()
            super().save()

    return NumberedCanvas


class ReportDocument:
    """A4 portrait pages with a running header and a numbered footer.

    Subclasses build a story (a list of flowables) from their dataclass and
    call ``render``. Geometry is in millimetres, converted to points.
    """

    page_width, page_height = A4
    margin_left = 18 * mm
    margin_right = 18 * mm
    margin_top = 20 * mm
    margin_bottom = 18 * mm
    header_y = page_height - 11 * mm
    footer_y = 9 * mm
    frame_width = page_width - margin_left - margin_right
    frame_height = page_height - margin_top - margin_bottom

    report_title_key = ""

    def __init__(self, language: str, *, subject: str, author: str, header: str, footer: str):
        register_fonts()
        self.labels = Labels(language)
        self.language = language
        self.styles = styles()
        self.subject = plain(subject, 300)
        self.author = plain(author or "assess", 200)
        self.header = plain(header, 110)
        self.footer = plain(footer, 140)

    @property
    def title(self) -> str:
        return self.labels[self.report_title_key]

    # -- building blocks -------------------------------------------------
    def para(self, markup: str, style: str = "body") -> Paragraph:
        """A paragraph of markup that is already escaped."""
        return Paragraph(markup, self.styles[style])

    def text(
        self, s: object, style: str = "body", limit: int = _text.DEFAULT_LIMIT, bullet=None
    ) -> Paragraph:
        """A paragraph of plain text (a person's or a label): handed to
        ReportLab as a ready fragment, so it is never parsed as markup (and
        skipping the parser makes layout faster)."""
        text = clip(s, limit)
        frag = _plain_fragment(style).clone(text=text)
        kind = Heading if style in ("h1", "h2") else Paragraph
        return kind(text, self.styles[style], bulletText=bullet, frags=[frag])

    def rich(
        self, parts: list[tuple[str, bool]], style: str = "body", bullet: str | None = None
    ) -> Paragraph:
        """A paragraph of plain text runs, each ``(text, bold)``: bold lead-ins
        without markup, so nothing in the text is ever parsed."""
        base = _plain_fragment(style)
        frags = []
        for run, bold in parts:
            text = clip(run, 800)
            if text:
                frags.append(
                    base.clone(text=text, fontName=BOLD, bold=1) if bold else base.clone(text=text)
                )
        joined = "".join(f.text for f in frags)
        return Paragraph(joined, self.styles[style], bulletText=bullet, frags=frags or None)

    def cell(self, value: object, width: float, style: str = "cell", limit: int = 300):
        """A table cell for ``value``: a plain string when it fits on one line
        (drawn as text, never parsed as markup, and much faster to lay out),
        otherwise an escaped, wrapping Paragraph. Flowables pass through."""
        if not isinstance(value, str):
            return value
        text = plain(value, limit)
        para_style = self.styles[style]
        fits = len(text) == len(value) and (
            stringWidth(text, para_style.fontName, para_style.fontSize) <= width - 6
        )
        return text if fits else self.text(value, style, limit)

    def grid(
        self,
        head: list[str] | None,
        rows: list[list],
        widths: list[float],
        *extra: tuple,
        bold_first: bool = False,
    ) -> Table:
        """A report table: header labels, rows of strings (person text is
        fine: it becomes a plain cell or an escaped Paragraph) or flowables,
        column widths in points; the header row repeats on every page."""
        data = []
        if head is not None:
            data.append([self.cell(h, w, "head") for h, w in zip(head, widths, strict=True)])
        for row in rows:
            data.append(
                [
                    self.cell(v, w, "cell_bold" if bold_first and j == 0 else "cell")
                    for j, (v, w) in enumerate(zip(row, widths, strict=True))
                ]
            )
        commands = list(extra)
        if bold_first:
            commands.append(("FONT", (0, 1 if head else 0), (0, -1), BOLD, 8))
        table = Table(data, colWidths=widths, repeatRows=1 if head else 0)
        table.setStyle(table_style(*commands, header=head is not None, zebra=head is not None))
        return table

    def facts_table(self, rows: list[tuple[str, object]]) -> Table:
        """Label/value pairs in two columns."""
        widths = [45 * mm, self.frame_width - 45 * mm]
        data = [[label, "" if value is None else str(value)] for label, value in rows]
        return self.grid(None, data, widths, bold_first=True)

    def bullets(self, items: tuple[str, ...] | list[str], style: str = "bullet") -> list:
        return [self.text(item, style, 600, bullet="•") for item in items]

    # -- page furniture --------------------------------------------------
    def _draw_header(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(BOLD, 8)
        canvas.setFillColor(ACCENT)
        canvas.drawString(self.margin_left, self.header_y, self.title)
        canvas.setFont(REGULAR, 8)
        canvas.setFillColor(MUTED)
        canvas.drawRightString(self.page_width - self.margin_right, self.header_y, self.header)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        line_y = self.header_y - 2.5 * mm
        canvas.line(self.margin_left, line_y, self.page_width - self.margin_right, line_y)
        self._draw_footer(canvas)
        canvas.restoreState()

    def _draw_footer(self, canvas: Canvas) -> None:
        canvas.setFont(REGULAR, 7.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(self.margin_left, self.footer_y, self.footer)

    def render(self, story: list) -> bytes:
        """Lay out ``story`` and return the PDF bytes (identical for identical
        input: ``invariant=1`` fixes dates and document ids)."""
        buffer = io.BytesIO()
        doc = BaseDocTemplate(
            buffer,
            pagesize=A4,
            leftMargin=self.margin_left,
            rightMargin=self.margin_right,
            topMargin=self.margin_top,
            bottomMargin=self.margin_bottom,
            title=plain(f"{self.title}: {self.subject}", 300),
            author=self.author,
            subject=self.subject,
            creator="assess",
            lang=LANG_TAGS[self.language],
            invariant=1,
            initialFontName=FAMILY,
        )
        frame = Frame(
            self.margin_left,
            self.margin_bottom,
            self.frame_width,
            self.frame_height,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="body",
        )
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._draw_header)])
        doc.build(story, canvasmaker=_numbered_canvas(self.labels["page"], REGULAR))
        return buffer.getvalue()
