"""What a new user sees instead of an empty register: how to get orders in."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class EmptyRegister(QWidget):
    """What a new user sees instead of an empty table: how to get orders in.

    Signals:
        load_demo: the user asked for the demo data.
        import_requested: the user asked to import an order file.
    """

    load_demo = Signal()
    import_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        self.title.setFont(font)
        self.hint = QLabel()
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.import_button = QPushButton()
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.import_requested)
        self.demo_button = QPushButton()
        self.demo_button.clicked.connect(self.load_demo)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.demo_button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addStretch()
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addSpacing(12)
        layout.addLayout(buttons)
        layout.addStretch()
        self.retranslate()

    def offer_demo(self, offered: bool) -> None:
        """Offer the demo data (a new or demo database) or not (an organisation's own)."""
        if offered == self.demo_button.isHidden():
            self.demo_button.setVisible(offered)
            self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("The register is empty"))
        hint = self.tr(
            "Import an order, contract, bid or quotation from a spreadsheet (or drop the file "
            "on this window)."
        )
        if not self.demo_button.isHidden():
            hint += " " + self.tr(
                "To look around first, load the demo data: customers, quotations "
                "and orders with several revisions."
            )
        self.hint.setText(hint)
        self.import_button.setText(self.tr("Import order…"))
        self.demo_button.setText(self.tr("Load demo data"))
