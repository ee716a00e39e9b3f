"""Opening a database: created, checked, upgraded, or refused unchanged."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest

from qms_review.core.messages import QmsError, text
from qms_review.core.store import engines, schema, settings
from qms_review.core.store.columns import Fixed6, UTCDateTime
from qms_review.core.store.database import Store, open_store
from tests.catalogues import core_texts

CATALOGUE = core_texts()  # key → (English, 简体中文)


def test_newer_database_is_refused_unchanged(store: Store, url: str, folder: Path):
    store.close()
    path = folder / "qms-review.sqlite3"
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffff'")
        conn.commit()
    before = path.read_bytes()
    with pytest.raises(QmsError) as caught:
        open_store(url, folder)
    assert caught.value.key == "error.db_too_new"
    assert "newer version" in str(caught.value)
    assert "更新版本" in caught.value.message("zh_CN")
    assert path.read_bytes() == before


def test_non_database_file_is_refused(tmp_path: Path, folder: Path):
    path = tmp_path / "notes.sqlite3"
    path.write_text("shopping list\n" * 200)
    with pytest.raises(QmsError) as caught:
        open_store(engines.sqlite_url(path), folder)
    assert caught.value.key == "error.db_unreadable"
    assert path.read_text() == "shopping list\n" * 200


def test_missing_file_without_create(tmp_path: Path, folder: Path):
    with pytest.raises(QmsError, match="does not exist"):
        open_store(engines.sqlite_url(tmp_path / "absent.sqlite3"), folder, create=False)
    assert not (tmp_path / "absent.sqlite3").exists()


def test_new_database_is_at_head_with_identity(store: Store):
    with store.engine.connect() as conn:
        assert schema.current_revision(conn) == schema.HEAD
    assert len(store.identity.store_uuid) == 36
    assert not store.identity.is_demo


def test_reopening_keeps_identity(store: Store, url: str, folder: Path):
    first = store.identity.store_uuid
    store.close()
    again = open_store(url, folder)
    assert again.identity.store_uuid == first
    again.close()


def test_every_message_has_both_languages():
    for key, (english, chinese) in CATALOGUE.items():
        assert english.strip(), key
        assert chinese.strip(), key
        assert any("\u4e00" <= ch <= "\u9fff" for ch in chinese), key
    assert text("kind.order", "zh_CN") == "订单"


def test_fixed6_is_exact_and_refuses_rounding():
    column = Fixed6()
    assert column.process_bind_param(Decimal("12.345678"), None) == 12_345_678
    assert column.process_result_value(12_345_678, None) == Decimal("12.345678")
    assert str(column.process_result_value(100_000_000, None)) == "100"
    with pytest.raises(ValueError, match="decimal places"):
        column.process_bind_param(Decimal("0.0000001"), None)


def test_utc_datetime_requires_time_zone():
    column = UTCDateTime()
    shanghai = timezone(timedelta(hours=8))
    stored = column.process_bind_param(datetime(2026, 11, 23, 16, 0, tzinfo=shanghai), None)
    assert stored == datetime(2026, 11, 23, 8, 0)
    assert column.process_result_value(stored, None) == datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
    with pytest.raises(ValueError, match="aware"):
        column.process_bind_param(datetime(2026, 11, 23), None)


def test_settings_round_trip_with_chinese_path(tmp_path: Path):
    s = settings.Settings.in_folder(tmp_path / "设置")
    s.set(settings.DATABASE_URL, engines.sqlite_url(tmp_path / "数据" / "评审.sqlite3"))
    s.set(settings.LANGUAGE, "zh_CN")
    s.save()
    again = settings.Settings.in_folder(tmp_path / "设置")
    assert again.get(settings.LANGUAGE) == "zh_CN"
    assert (
        engines.sqlite_path(again.get(settings.DATABASE_URL)) == tmp_path / "数据" / "评审.sqlite3"
    )
    assert again.get(settings.LAST_LOGIN) == ""


def test_database_at_a_chinese_path(tmp_path: Path):
    path = tmp_path / "质量部" / "合同评审.sqlite3"
    opened = open_store(engines.sqlite_url(path), tmp_path / "数据")
    opened.close()
    assert path.exists()


def test_language_choice():
    assert settings.language_or_system("zh_CN", "en_US") == "zh_CN"
    assert settings.language_or_system("", "zh_CN") == "zh_CN"
    assert settings.language_or_system("", "de_DE") == "en"
    assert settings.language_or_system("klingon", "en_GB") == "en"


def test_review_due_days_setting(folder: Path):
    values = settings.Settings.in_folder(folder)
    assert settings.due_days(values) == 3
    values.set(settings.REVIEW_DUE_DAYS, "5")
    assert settings.due_days(values) == 5
    values.set(settings.REVIEW_DUE_DAYS, "soon")
    assert settings.due_days(values) == 3
    values.set(settings.REVIEW_DUE_DAYS, "400")
    assert settings.due_days(values) == 60
