"""Pages cut into equal boxes: cards, tickets, slips and half sheets share one geometry.

A grid of ``columns`` × ``rows`` boxes inside the house margins, with a gap between boxes
and dashed cut lines running edge to edge through the gaps. Each box is one page-template
frame, so a packet fills a page by putting one boxed flowable in each frame.
"""

from __future__ import annotations

from collections.abc import Callable

from reportlab.lib.colors import Color, black
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Frame, PageTemplate

from mathroom.export.layout import MARGIN, PaperSize

GREY = Color(0.35, 0.35, 0.35)
GAP = 10 * mm  # between boxes on a shared page; the cut line runs down the middle
PADDING = 5 * mm  # inside each box

Cell = tuple[float, float, float, float]  # x, y, width, height (points, from the bottom left)


def grid_id(columns: int, rows: int) -> str:
    return f"grid-{columns}x{rows}"


def grid_cells(paper: PaperSize, columns: int, rows: int) -> list[Cell]:
    """Each box, top-left first, row by row."""
    width, height = paper.points
    inner_w, inner_h = width - 2 * MARGIN, height - 2 * MARGIN
    cell_w = (inner_w - (columns - 1) * GAP) / columns
    cell_h = (inner_h - (rows - 1) * GAP) / rows
    return [
        (
            MARGIN + col * (cell_w + GAP),
            MARGIN + (rows - 1 - row) * (cell_h + GAP),
            cell_w,
            cell_h,
        )
        for row in range(rows)
        for col in range(columns)
    ]


def box_size(paper: PaperSize, columns: int, rows: int) -> tuple[float, float]:
    """The room inside one box's padding (1 pt less high: frames are strict)."""
    _x, _y, w, h = grid_cells(paper, columns, rows)[0]
    return w - 2 * PADDING, h - 2 * PADDING - 1


def grid_template(
    paper: PaperSize, columns: int, rows: int, template_id: str | None = None
) -> PageTemplate:
    """A page template with one frame per box, boxes outlined and cut lines dashed."""
    frames = [
        Frame(
            x,
            y,
            w,
            h,
            leftPadding=PADDING,
            rightPadding=PADDING,
            topPadding=PADDING,
            bottomPadding=PADDING,
            showBoundary=0,
        )
        for x, y, w, h in grid_cells(paper, columns, rows)
    ]
    return PageTemplate(
        id=template_id or grid_id(columns, rows),
        frames=frames,
        pagesize=paper.points,
        onPage=_decorator(paper, columns, rows),
    )


def _decorator(paper: PaperSize, columns: int, rows: int) -> Callable[[Canvas, object], None]:
    cells = grid_cells(paper, columns, rows)
    width, height = paper.points
    inner_w, inner_h = width - 2 * MARGIN, height - 2 * MARGIN
    cell_w = (inner_w - (columns - 1) * GAP) / columns
    cell_h = (inner_h - (rows - 1) * GAP) / rows
    # Through the middle of each gap, edge to edge of the sheet.
    cut_xs = [MARGIN + col * (cell_w + GAP) - GAP / 2 for col in range(1, columns)]
    cut_ys = [MARGIN + row * (cell_h + GAP) - GAP / 2 for row in range(1, rows)]

    def decorate(canvas: Canvas, _doc: object) -> None:
        canvas.saveState()
        canvas.setStrokeColor(black)
        canvas.setLineWidth(1.4)
        for x, y, w, h in cells:
            canvas.roundRect(x, y, w, h, 4 * mm)
        canvas.setStrokeColor(GREY)
        canvas.setLineWidth(0.6)
        canvas.setDash(4, 3)
        for y in cut_ys:
            canvas.line(0, y, width, y)
        for x in cut_xs:
            canvas.line(x, 0, x, height)
        canvas.restoreState()

    return decorate
