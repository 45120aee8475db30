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


class Sketch(Flowable):
    """A chart drawn straight onto the page canvas.

    A ``reportlab.graphics`` Drawing walks a shape tree and resolves a
    graphics state per node when drawn; a chart of a few dozen fixed shapes
    is cheaper as a list of canvas calls. Coordinates are in points from the
    sketch's bottom-left corner; text stays real text in the given font.
    """

    def __init__(self, width: float, height: float):
        super().__init__()
        self.width, self.height = width, height
        self._ops: list[tuple] = []

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def line(self, x1, y1, x2, y2, colour, width: float) -> None:
        self._ops.append(("line", colour, width, (x1, y1, x2, y2)))

    def rect(self, x, y, w, h, colour) -> None:
        self._ops.append(("rect", colour, (x, y, w, h)))

    def polygon(self, points: list[float], colour) -> None:
        self._ops.append(("polygon", colour, tuple(points)))

    def circle(self, x, y, r, colour) -> None:
        self._ops.append(("circle", colour, (x, y, r)))

    def string(self, x, y, text: str, font: str, size: float, colour, anchor="start") -> None:
        self._ops.append(("string", colour, (x, y, text, font, size, anchor)))

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        for op in self._ops:
            kind, colour = op[0], op[1]
            if kind == "line":
                canvas.setStrokeColor(colour)
                canvas.setLineWidth(op[2])
                canvas.line(*op[3])
            elif kind == "string":
                x, y, text, font, size, anchor = op[2]
                canvas.setFillColor(colour)
                canvas.setFont(font, size)
                if anchor == "middle":
                    canvas.drawCentredString(x, y, text)
                elif anchor == "end":
                    canvas.drawRightString(x, y, text)
                else:
                    canvas.drawString(x, y, text)
            else:
                canvas.setFillColor(colour)
                if kind == "rect":
                    canvas.rect(*op[2], stroke=0, fill=1)
                elif kind == "circle":
                    canvas.circle(*op[2], stroke=0, fill=1)
                else:
                    points = op[2]
                    path = canvas.beginPath()
                    path.moveTo(points[0], points[1])
                    for i in range(2, len(points), 2):
                        path.lineTo(points[i], points[i + 1])
                    path.close()
                    canvas.drawPath(path, stroke=0, fill=1)
        canvas.restoreState()
