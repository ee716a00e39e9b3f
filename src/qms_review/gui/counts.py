"""A number with its noun, in the interface's language: "1 line", "3 lines".

English is the only language among ours with two forms; the source strings give both and
every other catalogue translates both (Chinese the same way). Longer sentences take these
as their arguments (``self.tr("Imported {0}: {1}").format(number, counts.lines(n))``), so a
sentence never says "1 lines". lupdate finds strings only in literal ``translate()`` calls,
so each function spells out both of its own.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def _one_or_many(n: int, one: str, many: str) -> str:
    return (one if n == 1 else many).format(grouped(n))


def grouped(n: int) -> str:
    """``n`` with its thousands grouped, as both our languages write them: "1,000,000"."""
    return f"{n:,}"


def lines(n: int) -> str:
    return _one_or_many(
        n,
        QCoreApplication.translate("Counts", "{0} line"),
        QCoreApplication.translate("Counts", "{0} lines"),
    )


def orders(n: int) -> str:
    return _one_or_many(
        n,
        QCoreApplication.translate("Counts", "{0} order"),
        QCoreApplication.translate("Counts", "{0} orders"),
    )


def parts(n: int) -> str:
    return _one_or_many(
        n,
        QCoreApplication.translate("Counts", "{0} part"),
        QCoreApplication.translate("Counts", "{0} parts"),
    )


def warnings(n: int) -> str:
    return _one_or_many(
        n,
        QCoreApplication.translate("Counts", "{0} warning"),
        QCoreApplication.translate("Counts", "{0} warnings"),
    )


def errors(n: int) -> str:
    return _one_or_many(
        n,
        QCoreApplication.translate("Counts", "{0} error"),
        QCoreApplication.translate("Counts", "{0} errors"),
    )


def to_review(n: int) -> str:
    return _one_or_many(
        n,
        QCoreApplication.translate("Counts", "{0} thing to review"),
        QCoreApplication.translate("Counts", "{0} things to review"),
    )


def records(n: int) -> str:
    return _one_or_many(
        n,
        QCoreApplication.translate("Counts", "{0} record"),
        QCoreApplication.translate("Counts", "{0} records"),
    )


def pages(n: int) -> str:
    return _one_or_many(
        n,
        QCoreApplication.translate("Counts", "{0} page"),
        QCoreApplication.translate("Counts", "{0} pages"),
    )


def rows(n: int) -> str:
    return _one_or_many(
        n,
        QCoreApplication.translate("Counts", "{0} row"),
        QCoreApplication.translate("Counts", "{0} rows"),
    )


def customers(n: int) -> str:
    return _one_or_many(
        n,
        QCoreApplication.translate("Counts", "{0} customer"),
        QCoreApplication.translate("Counts", "{0} customers"),
    )


def sections(n: int) -> str:
    return _one_or_many(
        n,
        QCoreApplication.translate("Counts", "{0} section"),
        QCoreApplication.translate("Counts", "{0} sections"),
    )


def items(n: int) -> str:
    return _one_or_many(
        n,
        QCoreApplication.translate("Counts", "{0} item"),
        QCoreApplication.translate("Counts", "{0} items"),
    )


def files(n: int) -> str:
    return _one_or_many(
        n,
        QCoreApplication.translate("Counts", "{0} file"),
        QCoreApplication.translate("Counts", "{0} files"),
    )


def days(n: float) -> str:
    """A whole number of days as it is ("1 day", "3 days"), any other to one decimal."""
    shown = f"{n:.0f}" if float(n).is_integer() else f"{n:.1f}"
    one = QCoreApplication.translate("Counts", "{0} day")
    many = QCoreApplication.translate("Counts", "{0} days")
    return (one if shown == "1" else many).format(shown)


def enquiries_bids_orders(n: int) -> str:
    return _one_or_many(
        n,
        QCoreApplication.translate("Counts", "{0} enquiry, bid or order"),
        QCoreApplication.translate("Counts", "{0} enquiries, bids and orders"),
    )


def communications(n: int) -> str:
    return _one_or_many(
        n,
        QCoreApplication.translate("Counts", "{0} communication"),
        QCoreApplication.translate("Counts", "{0} communications"),
    )


def open_feedback(n: int) -> str:
    return _one_or_many(
        n,
        QCoreApplication.translate("Counts", "{0} open feedback or complaint"),
        QCoreApplication.translate("Counts", "{0} open feedback or complaints"),
    )


def property_held(n: int) -> str:
    return _one_or_many(
        n,
        QCoreApplication.translate("Counts", "{0} item of property held"),
        QCoreApplication.translate("Counts", "{0} items of property held"),
    )


def losses_not_told(n: int) -> str:
    return _one_or_many(
        n,
        QCoreApplication.translate("Counts", "{0} loss or damage not yet told"),
        QCoreApplication.translate("Counts", "{0} losses or damage not yet told"),
    )
