"""What the review window's pages and rows may ask of the window that holds them.

The pages are built by the window, so they cannot import it; they are typed against this
protocol instead (the window satisfies it), which keeps the modules free of a circle.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from qms_review.core.identity.users import Person
from qms_review.core.review.walkthrough import SectionView, WalkthroughView
from qms_review.core.store.database import Store
from qms_review.core.store.vocabulary import Answer

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog, QListWidgetItem

    from qms_review.core.records.archive import Made
    from qms_review.gui import operations
    from qms_review.gui.users_dialog import ActionDialog


class ReviewHost(Protocol):
    """The review window as its pages see it."""

    store: Store
    person: Person
    review_id: int
    language: str
    view: WalkthroughView
    current_item: str | None

    def write(self, change: Callable[..., object], item_key: str | None = None) -> bool: ...

    def set_answer(self, key: str, value: Answer | None, comment: str | None) -> bool: ...

    def set_comment(self, key: str, comment: str) -> bool: ...

    def editable(self, section: SectionView) -> bool: ...

    def jump(self, entry: QListWidgetItem) -> None: ...

    def attach_evidence(self, key: str, path: Path | None = None) -> None: ...

    def ask_customer(
        self, item_key: str | None = None, finding_id: int | None = None
    ) -> ActionDialog: ...

    def record_answer(self, clarification_id: int) -> ActionDialog: ...

    def record_communication(self) -> ActionDialog: ...

    def edit_functions(self) -> ActionDialog | None: ...

    def reopen_review(self) -> ActionDialog: ...

    def waive_review(self) -> ActionDialog: ...

    def make_record(self) -> operations.Op[Made]: ...

    def sign_record(self) -> ActionDialog | None: ...

    def view_record(self) -> QDialog | None: ...

    def save_record(self, path: Path | None = None) -> Path | None: ...

    def export_data(self, path: Path | None = None) -> Path | None: ...

    def confirm_to_customer(self, path: Path | None = None) -> Path | None: ...
