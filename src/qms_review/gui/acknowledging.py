"""Confirm to the customer, from the review's decision page and from the register: the order
acknowledgement made (refused before an accepting decision, before any file is asked for),
kept with the review, and saved where the user chooses — the PDF and the workbook beside it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from qms_review.core.identity.users import Person
from qms_review.core.store.database import Store
from qms_review.gui import folders, operations

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from qms_review.core.records.acknowledgement import Made


def confirm(
    parent: QWidget,
    store: Store,
    person: Person,
    review_id: int,
    order: str,
    language: str,
    done: Callable[[str], object],
    path: Path | None = None,
) -> Path | None:
    """Confirm the order to the customer; where its PDF is saved (its .xlsx beside it), and
    ``done`` told in words once it is; None when refused (a message box says why) or
    cancelled."""
    from qms_review.core.records import acknowledgement
    from qms_review.core.store import paths

    title = QCoreApplication.translate("Acknowledging", "Confirm to the customer")
    allowed = (
        operations.read(
            parent,
            store,
            lambda s: acknowledgement.refuse_unless_accepted(s, review_id),
            language=language,
        )
        .titled(title)
        .run()
    )
    if not allowed.ok:
        return None
    if path is None:
        name = folders.save_name(
            parent,
            folders.OUTPUTS,
            title,
            f"{order}-acknowledgement.pdf".replace("/", "-"),
            QCoreApplication.translate("Acknowledging", "PDF (*.pdf)"),
        )
        if not name:
            return None
        path = Path(name)
    chosen = path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")

    def make(session: Session) -> Made:
        made = acknowledgement.make(session, person, review_id)
        # Inside the unit of work: a file that cannot be written keeps nothing.
        paths.write_private(chosen, made.pdf, private=False)
        paths.write_private(chosen.with_suffix(".xlsx"), made.xlsx, private=False)
        return made

    said = QCoreApplication.translate(
        "Acknowledging", "Order acknowledgement {0} kept with the review and saved to {1} and {2}"
    )
    op = (
        operations.write(parent, store, person.actor, make, language=language)
        .in_background(
            QCoreApplication.translate("Acknowledging", "Making the order acknowledgement…")
        )
        .titled(title)
        .success(
            lambda made: done(said.format(made.reference, chosen, chosen.with_suffix(".xlsx").name))
        )
        .run()
    )
    return chosen if op.ok or not op.done else None
