"""The automatic checks: pure functions from an order revision (with its quotation, its
previous revision, the catalogue and the load of accepted orders) to findings.

:func:`run` is the whole of it; :mod:`qms_review.core.checks.findings` reads the inputs from the
database and stores what is found.
"""

from __future__ import annotations

from qms_review.core.checks import capability, change, clarity
from qms_review.core.checks.rules import Found, Rules, default
from qms_review.core.checks.subject import Basis, Context, Part, Subject

__all__ = ["Basis", "Context", "Found", "Part", "Rules", "Subject", "run"]


def run(subject: Subject, context: Context, rules: Rules | None = None) -> list[Found]:
    """Every finding for ``subject``: clarity, capability, then change; each once."""
    book = rules or default()
    found: dict[str, Found] = {}
    for finding in (
        *clarity.check(subject, book),
        *capability.check(subject, context, book),
        *change.check(subject, context, book),
    ):
        found.setdefault(finding.fingerprint, finding)
    return list(found.values())
