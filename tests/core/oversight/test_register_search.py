"""The register's substring index (migration 0009): the same answers as LIKE on every row, kept
in step by every writer."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from sqlalchemy import insert, select, text, update

from qms_review.core import demo
from qms_review.core.intake import importer
from qms_review.core.intake.analysis import analyse
from qms_review.core.oversight import register_filter
from qms_review.core.oversight.register import count_matching, matching_ids, page
from qms_review.core.review import templates
from qms_review.core.store import schema
from qms_review.core.store.database import Store, open_store
from qms_review.core.store.models import Customer, Order
from qms_review.core.store.vocabulary import OrderKind, OrderStatus
from tests import corpus

NAMES = [
    "Northwind Pumps",
    "Percent 100% Ltd",
    "Under_Score GmbH",
    'Quote "Q" Co',
    "Back\\slash AG",
    "深圳华强精密机械",
    "苏州新材料科技",
    "ÉCOLE Ärzte",
    "Kestrel Marine",
]


def _generated(store: Store, orders: int = 300) -> None:
    """Orders in bulk (Core inserts: the triggers keep the index as they do for the ORM)."""
    rng = random.Random(16)
    with store.write("t") as session:
        session.execute(
            insert(Customer),
            [{"name": n, "code": f"C-{i}{n[:2]}"} for i, n in enumerate(NAMES)],
        )
        ids = session.scalars(select(Customer.id)).all()
        session.execute(
            insert(Order),
            [
                {
                    "customer_id": rng.choice(ids),
                    "kind": rng.choice(list(OrderKind)),
                    "number": rng.choice(["PO-", "订单", "A_", "10%", "x"]) + f"{i:04d}",
                    "status": rng.choice(list(OrderStatus)),
                    "revision_count": 1,
                }
                for i in range(orders)
            ],
        )


@pytest.fixture
def searched(store: Store, demo_store) -> Store:
    _generated(store)
    return store


def _words(rng: random.Random) -> list[str]:
    sources = [*NAMES, "PO-0012", "订单0100", "A_0007", "10%0042", "northwind", "NORTH"]
    found = ["%", "_", "\\", '"', "a", "ab", "华", "华强", "订单", "10%", "A_", "in review", "逾期"]
    found += ["Under_", "e_S", "100%", 't "Q', "k\\s", "école", "ÉCOLE", "Ärz", "ärz", "精密机械"]
    for _ in range(60):
        source = rng.choice(sources)
        start = rng.randrange(len(source))
        word = source[start : start + rng.randint(1, 6)].strip()
        if word:
            found.append(word.upper() if rng.random() < 0.3 else word)
    return found


def test_the_index_finds_what_like_finds(searched: Store, monkeypatch: pytest.MonkeyPatch):
    """Every word, long or short (no trigram: LIKE), with wildcards and quotes, in any case."""
    needles = _words(random.Random(8))
    needles += [f"{a} {b}" for a, b in zip(needles[::2], needles[1::2], strict=False)]
    with searched.read() as session:
        indexed = {n: (matching_ids(session, n), count_matching(session, n)) for n in needles}
        for share in (0.0, 1.0):  # the filter's index leading, or the sort's
            led = {n: [i for _, i in page(session, n, limit=10**4, share=share)] for n in needles}
            assert led == {n: ids for n, (ids, _) in indexed.items()}
    monkeypatch.setattr(register_filter, "COMMON", 10)  # words in many numbers: LIKE
    with searched.read() as session:
        common = {n: (matching_ids(session, n), count_matching(session, n)) for n in needles}
    assert common == indexed
    monkeypatch.setattr(register_filter, "TRIGRAM", 10**6)  # LIKE on every row, as before 0009
    with searched.read() as session:
        plain = {n: (matching_ids(session, n), count_matching(session, n)) for n in needles}
    assert indexed == plain
    for found in ("华强", "Under_", "100%", 't "Q', "k\\s", "ÉCOLE", "精密机械"):
        assert indexed[found][1] > 0, found
    assert indexed["e_S"][1] == indexed["école"][1] == 0  # "_" is no wildcard; LIKE's case


def test_long_words_use_the_index(searched: Store):
    with searched.read() as session:
        conn = session.connection()
        assert conn.execute(text("SELECT count(*) FROM order_search")).scalar() == 344
        plan = " ".join(
            str(r[-1])
            for r in conn.exec_driver_sql(
                "EXPLAIN QUERY PLAN SELECT rowid FROM order_search WHERE order_search MATCH ?",
                ('"PO-0"',),
            )
        )
    assert "VIRTUAL TABLE INDEX" in plan


def test_imports_revisions_and_renames_are_found_at_once(store: Store, tmp_path: Path):
    first = importer.commit(store, analyse(corpus.messy(tmp_path / "a.xlsx")), "t")
    with store.read() as session:
        assert matching_ids(session, "PO-88001") == [first.order_id]
        assert matching_ids(session, "华强精密") == [first.order_id]
    lines = [[*corpus.LINES[0][:4], 999, *corpus.LINES[0][5:]], *corpus.LINES[1:]]
    second = importer.commit(store, analyse(corpus.messy(tmp_path / "b.xlsx", lines)), "t")
    assert (second.order_id, second.revision) == (first.order_id, 2)
    with store.write("t") as session:
        session.execute(update(Customer).values(name="Renamed Precision Works"))
        session.execute(update(Order).values(number="RENUMBERED-1"))
    with store.read() as session:
        assert matching_ids(session, "Precision Works") == [first.order_id]
        assert matching_ids(session, "华强精密") == []
        assert matching_ids(session, "RENUMBERED") == [first.order_id]
        assert matching_ids(session, "PO-88001") == []
    with store.write("t") as session:  # an order with no revision yet can go (revisions stay)
        customer = session.scalars(select(Customer.id)).one()
        session.execute(insert(Order).values(customer_id=customer, kind="order", number="GONE-1"))
    with store.read() as session:
        assert _indexed(session, "GONE-1") == 1
    with store.write("t") as session:
        session.execute(Order.__table__.delete().where(Order.number == "GONE-1"))
    with store.read() as session:
        assert _indexed(session, "GONE-1") == 0


def _indexed(session, number: str) -> int:
    return (
        session.connection()
        .execute(
            text("SELECT count(*) FROM order_search WHERE order_search MATCH :q"),
            {"q": f'"{number}"'},
        )
        .scalar()
    )


@pytest.mark.postgres
def test_postgresql_finds_the_same_with_its_trigram_indexes(postgres_url: str, folder: Path):
    """ILIKE with the pg_trgm indexes (0009) finds what it finds without them."""
    store = open_store(postgres_url, folder)
    templates.ensure_builtin(store)
    try:
        demo.load(store, "tester")
        _generated(store)
        needles = _words(random.Random(8))
        with store.read() as session:
            conn = session.connection()
            assert {r[0] for r in conn.execute(text("SELECT indexname FROM pg_indexes"))} >= set(
                schema.SEARCH_INDEXES
            )
            conn.exec_driver_sql("SET enable_seqscan = off")  # the indexes, wherever possible
            indexed = {n: (matching_ids(session, n), count_matching(session, n)) for n in needles}
            plan = " ".join(
                r[0]
                for r in conn.exec_driver_sql(
                    "EXPLAIN SELECT id FROM orders WHERE number ILIKE '%%0012%%'"
                )
            )
            assert "ix_orders_number_trgm" in plan
        with store.engine.begin() as conn:
            for name in schema.SEARCH_INDEXES:
                conn.exec_driver_sql(f"DROP INDEX {name}")
        with store.read() as session:
            plain = {n: (matching_ids(session, n), count_matching(session, n)) for n in needles}
        assert indexed == plain
        assert indexed["华强"][1] > 0
    finally:
        store.close()
