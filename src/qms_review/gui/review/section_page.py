"""A section of the review: its items to answer and, in the side panel, its findings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from qms_review.core.messages import label
from qms_review.core.review.walkthrough import SectionView
from qms_review.core.store.vocabulary import Function
from qms_review.gui.review.items import FindingRowWidget, ItemRow

if TYPE_CHECKING:
    from qms_review.gui.review.host import ReviewHost


class SectionPage(QWidget):
    """The page of one section.

    Attributes:
        side: the section's findings with their dispositions, for the side panel.
        focus: the row that takes the focus (the item last worked on, else the first).
    """

    def __init__(self, window: ReviewHost, section: SectionView) -> None:
        super().__init__()
        language = window.language
        editable = window.editable(section)
        layout = QVBoxLayout(self)
        owner = label("owner", section.function.value, language)
        title = QLabel(
            f"<h3>{section.title(language)}</h3>"
            + self.tr("Answered and signed by {0}.").format(owner)
        )
        title.setWordWrap(True)
        layout.addWidget(title)
        if section.signature is not None:
            sig = section.signature
            note = QLabel(
                self.tr(
                    "Signature BROKEN — the signed data was changed outside the program since "
                    "it was signed: {0}, {1}. The section does not count as signed."
                ).format(sig.printed_name, sig.when)
                if sig.broken
                else self.tr("Signature LAPSED — the content changed since: {0}, {1}").format(
                    sig.printed_name, sig.when
                )
                if sig.lapsed
                else self.tr("Signed by {0}, {1} — {2}. The section is locked.").format(
                    sig.printed_name, sig.when, sig.meaning
                )
            )
            note.setObjectName("signature_broken" if sig.broken else "signature_note")
            bad = sig.lapsed or sig.broken
            note.setStyleSheet("color: #b00020; font-weight: bold;" if bad else "color: #1b5e20;")
            note.setWordWrap(True)
            layout.addWidget(note)
        self.focus: ItemRow | None = None
        for item in section.items:
            if not item.applies:
                continue
            row = ItemRow(window, item, editable)
            layout.addWidget(row)
            if item.item.key == window.current_item or self.focus is None:
                self.focus = row
        layout.addStretch()
        self.side = QWidget()
        side_layout = QVBoxLayout(self.side)
        side_layout.addWidget(
            QLabel(self.tr("<b>Findings of this section</b> ({0})").format(len(section.findings)))
        )
        for finding in section.findings:
            side_layout.addWidget(
                FindingRowWidget(
                    window, finding, editable or window.person.holds(Function.APPROVER)
                )
            )
        if not section.findings:
            side_layout.addWidget(QLabel(self.tr("None.")))
        side_layout.addStretch()
