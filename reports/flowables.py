"""Flowables of our own."""

from __future__ import annotations

from reportlab.platypus import Flowable


class SharedBlock(Flowable):
    """Flowables laid out and drawn once, into a PDF form XObject, then
    stamped wherever the block recurs.

    The panel pack prints the same anchored competencies on every
    candidate's interview sheet; drawing them once keeps a 500-candidate
    pack fast and small. The block must fit on one page.
    """

    def __init__(self, name: str, flowables: list[Flowable], width: float):
        super().__init__()
        self.form_name = name
        self.flowables = flowables
        self.width = width
        self._layout: list[tuple[Flowable, float]] | None = None
        self.height = 0.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if self._layout is None:
            layout, height = [], 0.0
            for flowable in self.flowables:
                _, h = flowable.wrap(self.width, 10**6)
                space = flowable.getSpaceBefore() if height else 0.0
                height += space
                layout.append((flowable, height + h))
                height += h
            self._layout, self.height = layout, height
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        if not canvas.hasForm(self.form_name):
            canvas.beginForm(self.form_name, 0, 0, self.width, self.height)
            for flowable, bottom_from_top in self._layout or []:
                flowable.drawOn(canvas, 0, self.height - bottom_from_top)
            canvas.endForm()
        canvas.doForm(self.form_name)
