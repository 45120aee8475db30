"""Flowables of our own."""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph


class FormContent:
    """Flowables laid out once, to be drawn once into a PDF form XObject
    named ``name`` and stamped by every ``SharedBlock`` that refers to it."""

    def __init__(self, name: str, flowables: list[Flowable], width: float, page_height: float):
        self.name = name
        self.flowables = flowables
        self.width = width
        self.page_height = page_height
        self.layout: list[tuple[Flowable, float]] | None = None
        self.height = 0.0

    def wrap(self) -> float:
        if self.layout is None:
            layout, height = [], 0.0
            for flowable in self.flowables:
                _, h = flowable.wrap(self.width, 10**6)
                height += flowable.getSpaceBefore() if height else 0.0
                layout.append((flowable, height + h))
                height += h
            self.layout, self.height = layout, height
        return self.height


class SharedBlock(Flowable):
    """One occurrence of a ``FormContent``.

    The panel pack prints the same anchored competencies on every
    candidate's interview sheet; drawing them once keeps a 500-candidate
    pack fast and small. Each occurrence is its own flowable (platypus marks
    flowables as it places them), while the layout and the drawing are
    shared. Content taller than a page falls back to its parts.
    """

    def __init__(self, content: FormContent):
        super().__init__()
        self.content = content
        self.width = content.width

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.height = self.content.wrap()
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        """Move whole to the next page; only content taller than a page is
        handed back as its parts, laid out (and split) the ordinary way."""
        content = self.content
        return list(content.flowables) if content.wrap() > content.page_height else []

    def draw(self) -> None:
        canvas, content = self.canv, self.content
        if not canvas.hasForm(content.name):
            canvas.beginForm(content.name, 0, 0, content.width, content.height)
            for flowable, bottom_from_top in content.layout or []:
                flowable.drawOn(canvas, 0, content.height - bottom_from_top)
            canvas.endForm()
        canvas.doForm(content.name)


class Heading(Paragraph):
    """A heading that starts a new page rather than end one.

    ``keepWithNext`` would do the same by measuring the following flowable,
    which makes ReportLab deep-copy the frame for every heading; a heading
    that simply asks for ``reserve`` points below itself is far cheaper.
    """

    reserve = 60.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        width, height = super().wrap(avail_width, avail_height)
        if height + self.reserve > avail_height and avail_height < 0.5 * 10**6:
            return width, avail_height + 1  # does not fit here: go to the next page
        return width, height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        return []
