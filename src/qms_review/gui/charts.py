"""Bar charts drawn with QPainter: no charting library (see docs/dashboard.md for why).

A :class:`BarChart` shows labelled bars, horizontal (a label left of each bar, its value text at
its end) or vertical (months along the bottom). Each bar names a figure; clicking a bar, or
pressing Enter on the one chosen with the arrow keys, emits :attr:`BarChart.chosen` with it.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

BLUE = QColor(31, 78, 121)
LIGHT = QColor(91, 155, 213)
PAD = 6


@dataclass(frozen=True)
class Bar:
    """One bar: the figure it stands for, its label, its length and the text at its end."""

    key: str
    label: str
    value: float
    shown: str


class BarChart(QWidget):
    """A titled bar chart whose bars click through to their figure.

    Attributes:
        title: the chart's title.
        bars: the bars shown.
        vertical: bars standing up (months), else lying down (names).
        empty: the text shown when there are no bars.

    Signals:
        chosen(str): a bar was clicked (or Enter pressed on it): its figure's key.
    """

    chosen = Signal(str)

    def __init__(self, vertical: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = ""
        self.bars: list[Bar] = []
        self.vertical = vertical
        self.empty = ""
        self.current = -1
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(220, 150)

    def set_bars(self, title: str, bars: list[Bar], empty: str) -> None:
        self.title, self.bars, self.empty = title, bars, empty
        self.current = min(self.current, len(bars) - 1)
        self.setAccessibleName(title)
        self.update()

    def sizeHint(self) -> QSize:
        """Override QWidget.sizeHint."""
        return QSize(320, 200)

    # --- geometry ------------------------------------------------------------------------------

    def _plot(self) -> QRect:
        title = self.fontMetrics().height() + PAD
        return self.rect().adjusted(PAD, title + PAD, -PAD, -PAD)

    def bar_rects(self) -> list[QRect]:
        """Where each bar's clickable area is (its whole row or column)."""
        plot, count = self._plot(), len(self.bars)
        if not count:
            return []
        if self.vertical:
            width = plot.width() / count
            return [
                QRect(int(plot.left() + i * width), plot.top(), int(width), plot.height())
                for i in range(count)
            ]
        height = min(plot.height() / count, self.fontMetrics().height() * 2.2)
        return [
            QRect(plot.left(), int(plot.top() + i * height), plot.width(), int(height))
            for i in range(count)
        ]

    def _at(self, point: QPoint) -> int:
        for index, rect in enumerate(self.bar_rects()):
            if rect.contains(point):
                return index
        return -1

    # --- painting ------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        """Override QWidget.paintEvent: the title, then the bars (or the empty text)."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().color(QPalette.ColorRole.WindowText)
        metrics = self.fontMetrics()
        bold = painter.font()
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(text)
        painter.drawText(
            QRect(PAD, PAD, self.width() - 2 * PAD, metrics.height()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            QFontMetrics(bold).elidedText(self.title, Qt.TextElideMode.ElideRight, self.width()),
        )
        painter.setFont(self.font())
        if not self.bars:
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(self._plot(), Qt.AlignmentFlag.AlignCenter, self.empty)
            return
        top = max(b.value for b in self.bars) or 1.0
        for index, (bar, rect) in enumerate(zip(self.bars, self.bar_rects(), strict=True)):
            colour = BLUE if index != self.current else LIGHT
            if self.vertical:
                self._column(painter, bar, rect, top, colour, text)
            else:
                self._row(painter, bar, rect, top, colour, text)
        if self.hasFocus() and 0 <= self.current < len(self.bars):
            painter.setPen(QColor(text))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(self.bar_rects()[self.current].adjusted(0, 0, -1, -1))

    def _row(
        self, painter: QPainter, bar: Bar, rect: QRect, top: float, colour: QColor, text: QColor
    ) -> None:
        metrics = self.fontMetrics()
        label_width = min(
            max(metrics.horizontalAdvance(b.label) for b in self.bars) + 3 * PAD,
            rect.width() * 45 // 100,
        )
        value_width = max(metrics.horizontalAdvance(b.shown) for b in self.bars) + PAD
        painter.setPen(text)
        painter.drawText(
            QRect(rect.left(), rect.top(), label_width - PAD, rect.height()),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(bar.label, Qt.TextElideMode.ElideMiddle, label_width - PAD),
        )
        room = max(rect.width() - label_width - value_width, 1)
        length = room * bar.value / top
        height = rect.height() * 0.6
        painter.fillRect(
            QRectF(rect.left() + label_width, rect.center().y() - height / 2, length, height),
            colour,
        )
        painter.drawText(
            QRect(
                int(rect.left() + label_width + length + 4), rect.top(), value_width, rect.height()
            ),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            bar.shown,
        )

    def _column(
        self, painter: QPainter, bar: Bar, rect: QRect, top: float, colour: QColor, text: QColor
    ) -> None:
        metrics = self.fontMetrics()
        line = metrics.height()
        room = max(rect.height() - 2 * line, 1)
        length = room * bar.value / top
        width = rect.width() * 0.6
        left = rect.left() + (rect.width() - width) / 2
        painter.fillRect(QRectF(left, rect.bottom() - line - length, width, length), colour)
        painter.setPen(text)
        flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter
        shown = max(rect.width(), metrics.horizontalAdvance(bar.shown) + 2)
        painter.drawText(  # the value may be wider than its column: centred over it
            QRect(
                rect.center().x() - shown // 2,
                int(rect.bottom() - line - length - line),
                shown,
                line,
            ),
            flags,
            bar.shown,
        )
        painter.drawText(
            QRect(rect.left(), rect.bottom() - line, rect.width(), line),
            flags,
            metrics.elidedText(bar.label, Qt.TextElideMode.ElideRight, rect.width()),
        )

    # --- using ---------------------------------------------------------------------------------

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        """Override QWidget.mouseMoveEvent: a pointing hand and a tip over a bar."""
        index = self._at(event.position().toPoint())
        if index >= 0:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
            bar = self.bars[index]
            QToolTip.showText(event.globalPosition().toPoint(), f"{bar.label}: {bar.shown}", self)
        else:
            self.unsetCursor()
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        """Override QWidget.mouseReleaseEvent: a click on a bar chooses its figure."""
        index = self._at(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and index >= 0:
            self.current = index
            self.update()
            self.chosen.emit(self.bars[index].key)
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Override QWidget.keyPressEvent: arrows move between bars, Enter or Space chooses."""
        key = event.key()
        forward = (Qt.Key.Key_Right, Qt.Key.Key_Down)
        backward = (Qt.Key.Key_Left, Qt.Key.Key_Up)
        if self.bars and key in forward + backward:
            step = 1 if key in forward else -1
            self.current = max(0, min(len(self.bars) - 1, self.current + step))
            self.update()
            return
        chosen = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)
        if chosen and 0 <= self.current < len(self.bars):
            self.chosen.emit(self.bars[self.current].key)
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        """Override QWidget.focusInEvent: the first bar is chosen to start with."""
        if self.current < 0 and self.bars:
            self.current = 0
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        """Override QWidget.focusOutEvent."""
        self.update()
        super().focusOutEvent(event)
