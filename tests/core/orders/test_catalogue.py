"""The capability catalogue's edits are validated."""

from __future__ import annotations

import pytest

from qms_review.core.orders import catalogue
from qms_review.core.store.database import Store
from tests.core.helpers import add_part


def test_catalogue_edits_are_validated(store: Store):
    part = add_part(store)
    with pytest.raises(catalogue.Invalid) as caught, store.write("q") as session:
        catalogue.save(session, part, {"part_number": "P-1", "min_lot": "10", "max_lot": "5"})
    assert caught.value.field == "max_lot"
    with pytest.raises(catalogue.Invalid, match="already in the catalogue"), store.write("q") as s:
        catalogue.save(s, None, {"part_number": "P-1", "revision": "A"})
    with pytest.raises(catalogue.Invalid, match="negative"), store.write("q") as s:
        catalogue.save(s, part, {"part_number": "P-1", "revision": "A", "lead_time_days": "-3"})
