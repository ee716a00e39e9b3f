"""Opening an order's review, and starting it first (with the sector packs chosen) when the
order has none."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

from qms_review.core.identity.users import Person
from qms_review.core.messages import QmsError
from qms_review.core.review import actions, progress
from qms_review.core.store.database import Store
from qms_review.gui import operations
from qms_review.gui.review.window import ReviewWindow

PACKS = (("iatf16949", "IATF 16949"), ("as9100d", "AS9100D"), ("iso13485", "ISO 13485"))


def open_review(
    store: Store,
    person: Person,
    order_id: int,
    language: str,
    parent: QWidget | None = None,
    ask: bool = False,
    due_days: int = actions.DUE_WORKING_DAYS,
) -> ReviewWindow | str:
    """The order's review, started first when there is none (by sales or the approver); or
    why it cannot be opened ("" when the user cancelled)."""
    found = operations.read(
        parent, store, lambda s: progress.review_of(s, order_id), language=language
    ).run()
    if not found.ok:
        return ""  # the box has told why
    review_id = found.result
    if review_id is None:
        packs = choose_packs(language, parent) if ask else ()
        if packs is None:
            return ""
        chosen = packs
        started = operations.write(
            parent,
            store,
            person.actor,
            lambda s: actions.start(s, person, order_id, packs=chosen, due_days=due_days),
            language=language,
        )
        started.failure(lambda _refusal: None).run()  # the caller tells why
        if started.result is None:
            return started.error.message(language) if isinstance(started.error, QmsError) else ""
        review_id = started.result
    window = ReviewWindow(store, person, review_id, language, parent)
    # Not modal: the register and other orders stay usable beside the review.
    window.setWindowModality(Qt.WindowModality.NonModal)
    window.show()
    return window


def choose_packs(language: str, parent: QWidget | None = None) -> tuple[str, ...] | None:
    """Ask which sector packs the new review adds to the ISO 9001 checklist (None: cancelled)."""
    from PySide6.QtWidgets import QCheckBox, QDialogButtonBox

    dialog = QDialog(parent)
    dialog.setWindowTitle(QCoreApplication.translate("ReviewWindow", "Start the review"))
    layout = QVBoxLayout(dialog)
    layout.addWidget(
        QLabel(
            QCoreApplication.translate(
                "ReviewWindow", "The ISO 9001:2015 §8.2 checklist. Add a sector pack:"
            )
        )
    )
    boxes = []
    for key, name in PACKS:
        box = QCheckBox(name)
        box.setProperty("pack", key)
        boxes.append(box)
        layout.addWidget(box)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return tuple(box.property("pack") for box in boxes if box.isChecked())
