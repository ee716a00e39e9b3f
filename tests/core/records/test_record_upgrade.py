"""A record made before an upgrade keeps verifying after it: records made before schema 0006
embed each text as a pair of keys (``title_en``/``title_zh``), today's as one mapping by
language; verification reads both as the same content, so an honest upgrade raises no alarm
while changed data still does."""

from __future__ import annotations

import io
import json
from typing import Any

from pyhanko.pdf_utils.reader import PdfFileReader

from qms_review.core.records import archive, contents, rendering, verification
from qms_review.core.store.database import Store


def _legacy(value: Any) -> Any:
    """Today's record data as the program wrote it before schema 0006."""
    if isinstance(value, list):
        return [_legacy(v) for v in value]
    if not isinstance(value, dict):
        return value
    shaped: dict[str, Any] = {}
    for key, item in value.items():
        if key in contents.LEGACY_PAIRS and isinstance(item, dict):
            shaped.update({f"{key}_{language}": text for language, text in item.items()})
        else:
            shaped[key] = _legacy(item)
    return shaped


def _embedded_sha(store: Store, review_id: int, body: dict[str, Any]) -> str | None:
    with store.read() as session:
        data = contents.load(session, review_id)
    pdf = rendering.render(data, "QR-test", "en", "2026-11-30 00:00 +0000")
    pdf = archive.embed_data(pdf, json.dumps(body, ensure_ascii=False), "review data")
    return verification._attached(PdfFileReader(io.BytesIO(pdf)))[1]


def test_an_old_records_data_is_read_in_todays_shape(store: Store, decided: int):
    with store.read() as session:
        data = contents.load(session, decided)
    today = json.loads(data.as_json())
    old = _legacy(today)
    assert "title_en" in old["sections"][0]
    assert "title" not in old["sections"][0]
    assert contents.in_todays_shape(old) == today
    assert contents.in_todays_shape(today) == today
    assert _embedded_sha(store, decided, old) == data.sha256


def test_changed_data_in_an_old_record_is_still_noticed(store: Store, decided: int):
    with store.read() as session:
        data = contents.load(session, decided)
    old = _legacy(json.loads(data.as_json()))
    old["sections"][0]["items"][0]["text_en"] = "Something else was reviewed."
    assert _embedded_sha(store, decided, old) != data.sha256
