"""Viewing and printing review records.

QtPdf does not draw signature appearances, so the viewer shows a flattened copy (pikepdf); the
signed original is never re-saved — "Save as PDF…" writes its bytes exactly. Pages are rendered
on white (QtPdf renders them transparent) for printing.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QPointF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from qms_review.gui import folders, guide, operations, screen
from qms_review.gui.i18n import TranslatedDialog


def flattened(pdf: bytes) -> bytes:
    """A copy with the signature appearances drawn into the pages, for QtPdf to show."""
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        document.flatten_annotations(mode="all")
        out = io.BytesIO()
        document.save(out)
    return out.getvalue()


class Loaded:
    """A PDF held in memory by QtPdf (the buffer must live as long as the document)."""

    def __init__(self, pdf: bytes, parent: QObject | None = None) -> None:
        """``parent`` None: the document belongs to the thread that made it (printing off the
        GUI thread)."""
        self.data = QByteArray(pdf)
        self.buffer = QBuffer(self.data)
        self.buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(parent) if parent is not None else QPdfDocument()
        self.document.load(self.buffer)

    @property
    def pages(self) -> int:
        return self.document.pageCount()


def print_documents(printer: QPrinter, documents: Sequence[QPdfDocument]) -> int:
    """Paint every page of the documents on the printer, each on white; pages printed."""
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    printed = 0
    try:
        for document in documents:
            for page in range(document.pageCount()):
                if printed:
                    printer.newPage()
                area = painter.viewport()
                size = (
                    document.pagePointSize(page)
                    .toSize()
                    .scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
                )
                image = document.render(page, QSize(size.width(), size.height()))
                white = QImage(image.size(), QImage.Format.Format_RGB32)
                white.fill(QColor("white"))
                with_page = QPainter(white)
                with_page.drawImage(QPointF(0, 0), image)
                with_page.end()
                painter.drawImage(QPointF(0, 0), white)
                printed += 1
    finally:
        painter.end()
    return printed


def print_pdfs(
    printer: QPrinter, pdfs: Sequence[bytes], progress: Callable[[int, int], None] | None = None
) -> int:
    """Flatten, load and print the records in one job, all in the calling thread (a background
    operation's worker: QPainter may paint on a printer there); pages printed."""
    loaded = []  # each keeps its buffer alive as long as its document
    for n, pdf in enumerate(pdfs, start=1):
        loaded.append(Loaded(flattened(pdf)))
        if progress is not None:
            progress(n, len(pdfs))
    return print_documents(printer, [item.document for item in loaded])


class RecordViewer(TranslatedDialog):
    """One record: the pages, Print preview, Print (Ctrl+P) and Save as PDF.

    Attributes:
        original: the signed file, exactly as kept.
        shown: the flattened copy the view displays.
    """

    def __init__(
        self, original: bytes, title: str, parent: QWidget | None = None, language: str = "en"
    ) -> None:
        super().__init__(parent)
        guide.offer(self, "records")
        self.original = original
        self.language = language
        self.shown = Loaded(flattened(original), self)
        self.setWindowTitle(title)
        screen.fit(self, 900, 1000)
        self.view = QPdfView()
        self.view.setDocument(self.shown.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.info = QLabel()
        self.preview_button, self.print_button, self.save_button = (QPushButton() for _ in range(3))
        self.preview_button.clicked.connect(self.preview)
        self.print_button.clicked.connect(self.print_)
        self.print_button.setShortcut("Ctrl+P")
        self.save_button.clicked.connect(lambda: self.save())
        tools = QHBoxLayout()
        tools.addWidget(self.info, 1)
        for button in (self.preview_button, self.print_button, self.save_button):
            tools.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(tools)
        layout.addWidget(self.view, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.info.setText(
            self.tr(
                "{0} pages — the signatures are checked with “verify”; this view shows a copy"
            ).format(self.shown.pages)
        )
        self.preview_button.setText(self.tr("Print preview…"))
        self.print_button.setText(self.tr("Print…"))
        self.save_button.setText(self.tr("Save as PDF…"))

    def print_to(self, printer: QPrinter) -> int:
        return print_documents(printer, [self.shown.document])

    def preview(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintPreviewDialog(printer, self)
        dialog.paintRequested.connect(self.print_to)
        dialog.exec()

    def print_(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
            return
        original = self.original
        operations.task(
            self, lambda progress: print_pdfs(printer, [original], progress), language=self.language
        ).in_background(self.tr("Printing…")).run()

    def save(self, path: Path | None = None) -> Path | None:
        """The signed original, byte for byte."""
        if path is None:
            name = folders.save_name(
                self, folders.OUTPUTS, self.tr("Save as PDF"), "record.pdf", self.tr("PDF (*.pdf)")
            )
            if not name:
                return None
            path = Path(name)
        path.write_bytes(self.original)
        return path
