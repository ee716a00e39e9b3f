"""Checklist templates: the built-in ones load and compose; broken ones are refused with the file,
the place and the problem; stored versions never change under a review."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select, text, update
from sqlalchemy.exc import DatabaseError

from qms_review.core.review import checklists, templates
from qms_review.core.review.checklists import TemplateError
from qms_review.core.store.database import Store
from qms_review.core.store.models import ChecklistTemplate, Customer, Order, OrderRevision, Review
from qms_review.core.store.vocabulary import OrderKind
from tests.helpers import shipped_templates

GOOD = """
key = "mini"
version = "1.0"
title = { en = "Mini", zh = "迷你" }

[[sections]]
key = "only"
function = "sales"
title = { en = "Only", zh = "唯一" }

[[sections.items]]
key = "only.one"
clause = "8.2"
text = { en = "One", zh = "一" }
"""


def test_every_builtin_template_loads_and_is_bilingual():
    found = shipped_templates()
    assert [(t.key, t.kind) for t in found] == [
        ("iso9001", "template"),
        ("as9100d", "pack"),
        ("iatf16949", "pack"),
        ("iso13485", "pack"),
    ]
    for template in found:
        for item in template.items:
            assert item.text["en"]
            assert item.text["zh"]
            assert item.clause
            assert item.text["en"] != item.text["zh"]
    default = found[0]
    assert len(default.items) >= 29
    assert default.functions[-1] == "approver"


def test_packs_add_their_items_to_the_default():
    default, *packs = shipped_templates()
    composed = checklists.compose(default, packs)
    assert len(composed.items) == len(default.items) + sum(len(p.items) for p in packs)
    assert composed.sections[-1].key == "decision"
    assert composed.item("iatf.waiver_authorised") is not None
    section = composed.section_of("iatf.special_characteristics")
    assert section is not None
    assert section.key == "technical"
    assert "production" in composed.change_impact["part_revision"]


def test_applicability_conditions():
    default = shipped_templates()[0]
    amendment_only = default.item("change.amendment_informed")
    offer = default.item("commercial.offer_claims")
    assert amendment_only is not None
    assert offer is not None
    first_order = checklists.facts_of(OrderKind.ORDER, 1, False, True, False)
    amendment = checklists.facts_of(OrderKind.ORDER, 2, False, True, True)
    bid = checklists.facts_of(OrderKind.BID, 1, False, False, False)
    assert not amendment_only.applies(first_order)
    assert amendment_only.applies(amendment)
    assert offer.applies(bid)
    assert offer.applies(amendment)
    assert not offer.applies(first_order)


BROKEN = [
    ("not toml", 'key = "x"\nversion = ', "", "not valid TOML"),
    (
        "no title",
        GOOD.replace('title = { en = "Mini", zh = "迷你" }', ""),
        "—",
        "“title” is missing",
    ),
    (
        "english only",
        GOOD.replace('text = { en = "One", zh = "一" }', 'text = { en = "One" }'),
        'sections[1] "only".items[1] "only.one".text',
        "“zh” is missing",
    ),
    ("bad answer", GOOD + 'answers = ["yes", "maybe"]\n', 'items[1] "only.one"', "“maybe”"),
    ("unknown condition", GOOD + 'when = ["rainy"]\n', 'items[1] "only.one"', "“rainy”"),
    (
        "unknown owner",
        GOOD.replace('function = "sales"', 'function = "marketing"'),
        'sections[1] "only"',
        "“marketing”",
    ),
    ("typo field", GOOD + "mandatroy = false\n", 'items[1] "only.one"', "“mandatroy”"),
    ("not a flag", GOOD + 'mandatory = "yes"\n', 'items[1] "only.one"', "true or false"),
    ("bad version", GOOD.replace('version = "1.0"', 'version = "one"'), "version", "“one”"),
    (
        "pack without base",
        GOOD.replace('key = "mini"', 'key = "mini"\nkind = "pack"'),
        "extends",
        "extends",
    ),
    (
        "duplicate item",
        GOOD + GOOD[GOOD.index("[[sections.items]]") :],
        "sections[1].items[2]",
        "“only.one” is used twice",
    ),
    ("no items", GOOD[: GOOD.index("[[sections.items]]")], 'sections[1] "only"', "no items"),
]


@pytest.mark.parametrize(
    ("name", "content", "place", "problem"), BROKEN, ids=[b[0] for b in BROKEN]
)
def test_broken_templates_are_refused_with_file_place_and_problem(
    tmp_path: Path, name: str, content: str, place: str, problem: str
):
    path = tmp_path / "broken.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        checklists.load(path)
    message = caught.value.message("en")
    assert "broken.toml" in message
    assert place in message
    assert problem in message
    assert "broken.toml" in caught.value.message("zh_CN")


def test_a_file_that_is_not_utf8_is_refused(tmp_path: Path):
    path = tmp_path / "gbk.toml"
    path.write_bytes(GOOD.encode("gb18030"))
    with pytest.raises(TemplateError, match="UTF-8"):
        checklists.load(path)


def test_builtin_templates_are_stored_once_when_a_database_opens(store: Store):
    with store.read() as session:
        stored = templates.listing(session)
    assert [(s.key, s.version, s.source) for s in stored][:1] == [("iso9001", "1.0", "built-in")]
    assert len(stored) == len(checklists.builtin_files())
    with store.write("tester") as session:
        assert templates.store_builtin(session) == 0


def test_stored_templates_cannot_be_changed(store: Store):
    with pytest.raises(DatabaseError), store.write("mallory") as session:
        session.execute(update(ChecklistTemplate).values(titles={"en": "Changed"}))


def _version(tmp_path: Path, version: str, extra_item: bool = False) -> Path:
    content = GOOD.replace('version = "1.0"', f'version = "{version}"')
    if extra_item:
        content += '\n[[sections.items]]\nkey = "only.two"\nclause = "8.2"\ntext = { en = "Two", zh = "二" }\n'
    path = tmp_path / f"mini-{version}.toml"
    path.write_text(content, encoding="utf-8")
    return path


def test_a_new_version_leaves_a_running_review_on_its_old_version(store: Store, tmp_path: Path):
    with store.write("quality") as session:
        _first, created = templates.import_file(session, _version(tmp_path, "1.0"))
        assert created
        first_id = templates.current_id(session, "mini")
        customer = Customer(name="Acme")
        order = Order(customer=customer, kind=OrderKind.ORDER, number="PO-1", revision_count=1)
        revision = OrderRevision(order=order, number=1, created_by="tester")
        session.add_all([customer, order, revision])
        session.flush()
        session.add(Review(revision_id=revision.id, template_id=first_id))
    with store.write("quality") as session:
        _second, created = templates.import_file(session, _version(tmp_path, "1.1", True))
        assert created
    with store.read() as session:
        review = session.scalars(select(Review)).one()
        kept = templates.by_id(session, review.template_id)
        assert (kept.version, len(kept.items)) == ("1.0", 1)
        newest = templates.current(session, "mini")
        assert newest is not None
        assert (newest.version, len(newest.items)) == ("1.1", 2)
        assert [s.version for s in templates.listing(session) if s.key == "mini"] == ["1.1", "1.0"]


def test_same_version_same_content_is_a_no_op_and_other_content_is_refused(
    store: Store, tmp_path: Path
):
    path = _version(tmp_path, "1.0")
    with store.write("quality") as session:
        templates.import_file(session, path)
    with store.write("quality") as session:
        assert templates.import_file(session, path)[1] is False
    changed = _version(tmp_path, "1.0", extra_item=True)
    with pytest.raises(TemplateError, match="new version"), store.write("quality") as session:
        templates.import_file(session, changed)
    with store.read() as session:
        count = session.execute(
            text("SELECT count(*) FROM checklist_templates WHERE key = 'mini'")
        ).scalar()
    assert count == 1


def test_a_pack_needs_its_template_and_must_fit_it(store: Store, tmp_path: Path):
    pack = tmp_path / "pack.toml"
    pack.write_text(
        'key = "extra"\nversion = "1.0"\nkind = "pack"\nextends = "nothing"\n'
        'title = { en = "E", zh = "额" }\n[[sections]]\nkey = "gate"\n[[sections.items]]\n'
        'key = "gate.kind"\nclause = "1"\ntext = { en = "Dup", zh = "重" }\n',
        encoding="utf-8",
    )
    with pytest.raises(TemplateError, match="import nothing first"), store.write("q") as session:
        templates.import_file(session, pack)
    pack.write_text(pack.read_text(encoding="utf-8").replace('"nothing"', '"iso9001"'), "utf-8")
    with pytest.raises(TemplateError, match="used twice"), store.write("q") as session:
        templates.import_file(session, pack)
