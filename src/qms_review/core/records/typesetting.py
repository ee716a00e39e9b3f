"""How the records and the report are set: the font (WenQuanYi Micro Hei, embedded, so a record
reads the same on a machine without Chinese fonts), the paragraph styles, the A4 page, and the
tables — built once per process where they can be.

A table cell is plain text, which the table draws itself, whenever each of its lines fits its
column; only a text that must wrap becomes a Paragraph (whose line breaking costs far more).
A table of more rows than a few pages hold is set a block of rows at a time
(:class:`PagedTable`), so its cost grows with its rows, not with rows × pages as one reportlab
table's page breaks do (each break sets the rest of the table again).
"""

from __future__ import annotations

import io
from functools import cache
from typing import Any
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table, TableStyle

from qms_review.core.records.contents import _plain
from qms_review.resources import resource

FONT = "WQYMicroHei"
MARGIN = 14 * mm

# Streams (the embedded font's subset above all) stored binary, not base-85 encoded: a fifth
# smaller, and no pass over every byte in Python (reportlab's C accelerator is not installed).
rl_config.useA85 = 0

#: The table cells' font size and leading, and the padding either side of a cell's text.
CELL_SIZE, CELL_LEADING, PAD = 7.2, 9.0, 2.5

#: Rows set at a time in a long table: a few pages' worth (a row is at least 12 points high).
BLOCK = 200


@cache
def font() -> str:
    """Register the record's font once; its name."""
    pdfmetrics.registerFont(
        TTFont(FONT, str(resource("fonts", "wqy-microhei.ttc")), subfontIndex=0)
    )
    return FONT


def document(out: io.BytesIO, title: str, author: str, subject: str = "") -> SimpleDocTemplate:
    """An A4 PDF with the records' margins, written to ``out`` when built."""
    return SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=title,
        author=author,
        subject=subject,
    )


@cache
def styles() -> dict[str, ParagraphStyle]:
    name = font()
    base = ParagraphStyle(
        "base", fontName=name, fontSize=8, leading=10.5, alignment=TA_LEFT, wordWrap="CJK"
    )
    return {
        "base": base,
        "small": ParagraphStyle("small", parent=base, fontSize=6.8, leading=8.6),
        "title": ParagraphStyle("title", parent=base, fontSize=15, leading=19, spaceAfter=4),
        "h2": ParagraphStyle(
            "h2",
            parent=base,
            fontSize=10.5,
            leading=13,
            spaceBefore=8,
            spaceAfter=3,
            textColor=colors.HexColor("#1a3a5c"),
        ),
        "cell": ParagraphStyle("cell", parent=base, fontSize=CELL_SIZE, leading=CELL_LEADING),
    }


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return str(value if isinstance(value, int) else _plain(value))


def paragraph(value: Any, style: str = "cell") -> Paragraph:
    """``value`` as a paragraph that wraps (kept as typed: no markup)."""
    return Paragraph(escape(_shown(value)).replace("\n", "<br/>"), styles()[style])


def _cell(value: Any, room: float) -> str | Paragraph:
    """A table cell: the plain text when each of its lines fits in ``room`` points, else a
    paragraph that wraps it."""
    shown = _shown(value)
    # No glyph is wider than one em: a line of n characters fits when n ems do (most cells,
    # without measuring); the others are measured.
    if all(
        len(line) * CELL_SIZE <= room or pdfmetrics.stringWidth(line, font(), CELL_SIZE) <= room
        for line in shown.split("\n")
    ):
        return shown
    return paragraph(shown)


@cache
def _table_style() -> TableStyle:
    return TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), font()),
            ("FONTSIZE", (0, 0), (-1, -1), CELL_SIZE),
            ("LEADING", (0, 0), (-1, -1), CELL_LEADING),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e4ebf2")),
            ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#9aa7b4")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), PAD),
            ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ]
    )


def _set(header: list[Any], rows: list[list[Any]], widths: list[float]) -> Table:
    made = Table([header, *rows], colWidths=widths, repeatRows=1)
    made.setStyle(_table_style())
    return made


def table(header: list[str], rows: list[list[Any]], widths: list[float]) -> Flowable:
    """A table with its header row repeated on every page it runs over."""
    rooms = [w - 2 * PAD for w in widths]
    cells = [[_cell(v, room) for v, room in zip(row, rooms, strict=True)] for row in rows]
    head = [_cell(v, room) for v, room in zip(header, rooms, strict=True)]
    if len(cells) <= BLOCK:
        return _set(head, cells, widths)
    return PagedTable(head, cells, widths)


class PagedTable(Flowable):
    """A long table set a block of rows at a time: what fits on the page is split off the
    first block (header included), and the rest of the rows follow as another PagedTable."""

    def __init__(self, header: list[Any], rows: list[list[Any]], widths: list[float]) -> None:
        super().__init__()
        self.header, self.rows, self.widths = header, rows, widths
        self.block = _set(header, rows[:BLOCK], widths)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        width, height = self.block.wrap(availWidth, availHeight)
        if len(self.rows) > BLOCK:  # more than this block: never all on this page
            height = max(height, availHeight + 1)
        return width, height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts = self.block.split(availWidth, availHeight)
        if not parts:
            return []
        taken = len(parts[0]._cellvalues) - 1  # type: ignore[attr-defined]  # its rows, less the header
        rest = self.rows[taken:]
        if not rest:
            return list(parts)
        following = _set(self.header, rest, self.widths) if len(rest) <= BLOCK else None
        return [parts[0], following or PagedTable(self.header, rest, self.widths)]

    def draw(self) -> None:  # only ever split (wrap says it does not fit), never drawn whole
        raise AssertionError("a paged table is split, not drawn")


class PageCounting(canvas.Canvas):
    """A canvas that keeps its pages until the document ends, so each can say "page X of Y":
    :meth:`decorate` draws on every page once the count ``total`` is known (two passes over
    the saved pages, reportlab's own recipe)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["initialFontName"] = font()  # no unembedded Helvetica
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        """Override Canvas.showPage: keep the page until the count is known."""
        self._pages.append(dict(self.__dict__))
        self._startPage()  # type: ignore[attr-defined]  # reportlab internals

    def save(self) -> None:
        """Override Canvas.save: decorate every page, then write them."""
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self.decorate(total)
            super().showPage()
        super().save()

    def decorate(self, total: int) -> None:
        """Draw on the current page, one of ``total`` (nothing here)."""
