"""The translation catalogues: every key the code uses has an English text, every translation
keeps its source's placeholders, the fallback chain, and a new language made only of files."""

from __future__ import annotations

import ast
import os
import re
import string
from pathlib import Path

import pytest

from qms_review import cli
from qms_review.cli import context as cli_context
from qms_review.core import catalogues
from qms_review.core.catalogues import CORE, SOURCE
from qms_review.core.messages import Message, QmsError, Texts, label, text
from qms_review.core.orders import catalogue as parts
from qms_review.core.review.checklists import CONDITIONS, KINDS
from qms_review.core.review.workflow import Action
from qms_review.core.store import settings
from qms_review.core.store.vocabulary import (
    Answer,
    CommunicationKind,
    Decision,
    Disposition,
    FeedbackKind,
    FeedbackStatus,
    FindingKind,
    Function,
    IncidentKind,
    OrderKind,
    OrderStatus,
    PartStatus,
    ReviewState,
    Severity,
)
from qms_review.resources import ENVIRONMENT, resource
from tests import corpus
from tests.catalogues import CLOSE, OPEN, PSEUDO, entries, po_files, pseudo_resources

SRC = Path(__file__).resolve().parents[2] / "src" / "qms_review"
ENGLISH = {key for (_, key) in entries(resource("translations", f"{SOURCE}.po"), CORE)}
FAMILIES = {key.split(".", 1)[0] for key in ENGLISH}
KEY = re.compile(r"^[a-z_]+(\.[a-z0-9_]+)+$")
#: Strings shaped like message keys that are something else: file names, and a prefix of
#: labels (``label("check.severity", …)``, checked below).
NOT_KEYS = re.compile(
    r"\.(key|pdf|toml)$|^(check\.severity|check\.rule|record\.basis|record\.change)$"
)  # file names, not keys


def _literals() -> tuple[set[str], set[str]]:
    """(every string constant in src shaped like a key of a known family, every f-string key
    prefix such as ``review.blocker.``)."""
    keys: set[str] = set()
    prefixes: set[str] = set()
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr):
                first = node.values[0] if node.values else None
                if (
                    isinstance(first, ast.Constant)
                    and isinstance(first.value, str)
                    and re.fullmatch(r"[a-z_]+(\.[a-z0-9_]+)*\.", first.value)
                    and first.value.split(".", 1)[0] in FAMILIES
                ):
                    prefixes.add(first.value)
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                value = node.value
                if KEY.match(value) and value.split(".", 1)[0] in FAMILIES:
                    keys.add(value)
    return keys, prefixes


def test_every_key_used_in_src_has_an_english_text():
    keys, prefixes = _literals()
    assert len(keys) > 100
    missing = sorted(k for k in keys - ENGLISH if not NOT_KEYS.search(k))
    assert missing == []
    empty_families = sorted(p for p in prefixes if not any(k.startswith(p) for k in ENGLISH))
    assert empty_families == []


@pytest.mark.parametrize(
    ("prefix", "values"),
    [
        ("kind", OrderKind),
        ("status", OrderStatus),
        ("owner", Function),
        ("part_status", PartStatus),
        ("review_state", ReviewState),
        ("review_action", Action),
        ("decision", Decision),
        ("answer", Answer),
        ("disposition", Disposition),
        ("check.kind", FindingKind),
        ("check.severity", Severity),
        ("condition", CONDITIONS),
        ("template_kind", KINDS),
        ("feedback_kind", FeedbackKind),
        ("feedback_status", FeedbackStatus),
        ("incident_kind", IncidentKind),
        ("communication", CommunicationKind),
        ("customer_match", ("customer", "feedback", "property")),
        ("record.basis", ("previous", "quotation")),
        ("record.change", ("added", "removed", "changed", "header")),
    ],
)
def test_every_label_has_an_english_text(prefix: str, values):
    missing = [v for v in values if f"{prefix}.{v}" not in ENGLISH]
    assert missing == []


def _placeholders(template: str) -> list[str]:
    """The str.format fields (``{reason}``, ``{0}``) and Qt's ``%1``/``%n`` markers."""
    fields = [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]
    return sorted([*fields, *re.findall(r"%(?:\d+|n)", template)])


@pytest.mark.parametrize("po", po_files(), ids=lambda p: p.stem)
def test_translations_keep_the_placeholders_of_their_source(po: Path):
    """Electrum's check: a translation that drops or renames a placeholder (``{reason_zh}`` for
    ``{reason}``) would fail at run time, in that language only."""
    english = entries(resource("translations", f"{SOURCE}.po"))
    wrong = []
    for (context, msgid), translated in entries(po).items():
        if not translated:
            continue
        source = english.get((context, msgid), msgid) if context == CORE else msgid
        if context == catalogues.PUNCTUATION:
            continue
        if _placeholders(translated) != _placeholders(source):
            wrong.append((context, msgid, translated))
    assert wrong == []


def test_no_message_names_another_language():
    """Placeholders are the same in every language; none is a twin for one language."""
    twins = []
    for po in po_files():
        for (_, msgid), translated in entries(po).items():
            if re.search(r"\{[a-z_]+_(zh|en)\}", translated):
                twins.append(msgid)
    assert twins == []


def test_fallback_chain():
    assert catalogues.chain("zh_CN.UTF-8") == ("zh_CN", "zh", "en")
    assert catalogues.chain("zh-CN") == ("zh_CN", "zh", "en")
    assert catalogues.chain("en_GB") == ("en_GB", "en")
    assert catalogues.chain("") == ("en",)
    assert catalogues.best("zh_CN.UTF-8") == "zh_CN"
    assert catalogues.best("zh_TW") == "zh_CN"
    assert catalogues.best("de_AT") == "en"
    assert catalogues.best("C") == "en"
    assert catalogues.match("") is None
    assert text("kind.order", "zh_CN.UTF-8") == "订单"
    assert text("kind.order", "de") == "Order"
    assert Texts(en="One", zh="一")("zh_CN") == "一"
    assert Texts(en="One", zh="一")("fr") == "One"
    assert Texts(en="One", zh_CN="一")("zh_CN") == "一"


def test_languages_are_the_catalogues_present():
    available = catalogues.available()
    assert next(iter(available)) == "en"
    assert available["zh_CN"] == "简体中文"
    assert settings.language_or_system("zh_CN", "en_GB") == "zh_CN"
    assert settings.language_or_system("", "zh_CN.UTF-8") == "zh_CN"
    assert settings.language_or_system("klingon", "en_US") == "en"
    assert settings.language_or_system("zh", "en_US") == "zh_CN"
    assert settings.language_or_system("en_GB", "zh_CN") == "en"


def test_a_message_argument_is_rendered_in_the_messages_language():
    error = QmsError(
        "review.not_ready", count=2, first=QmsError("review.blocker.open_item", key="a", section="")
    )
    assert error.message("en").endswith(text("review.blocker.open_item", "en", key="a", section=""))
    chinese = error.message("zh_CN")
    assert chinese.endswith(text("review.blocker.open_item", "zh_CN", key="a", section=""))
    decided = Message(
        "review.cannot_decide", decision=Message("decision.declined"), count=1, first="x"
    )
    assert label("decision", "declined", "zh_CN") in decided.render("zh_CN")
    assert label("decision", "declined", "en") in decided.render("en")


# --- a new language, made of files only ------------------------------------------------------


@pytest.fixture
def pseudo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = pseudo_resources(tmp_path / "resources")
    monkeypatch.setenv(ENVIRONMENT, str(folder))
    return folder


def _bracketed(line: str) -> bool:
    return line.startswith(OPEN) and CLOSE in line


def test_a_pseudo_language_is_offered_and_used(pseudo: Path):
    assert catalogues.available()[PSEUDO] == "Pseudo"
    assert text("kind.order", PSEUDO) == f"{OPEN}Order{CLOSE}"
    nested = QmsError(
        "intake.unreadable", file="a.txt", reason=Message("intake.reason.suffix", suffix=".txt")
    )
    assert nested.message(PSEUDO).count(OPEN) == 2
    assert Texts(en="One", zh="一")(PSEUDO) == "One"  # a data file without it: English


@pytest.mark.parametrize("how", ["environment", "setting"])
def test_the_command_line_speaks_the_pseudo_language(
    pseudo: Path, folder: Path, monkeypatch: pytest.MonkeyPatch, capsys, how: str
):
    for name in catalogues.ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)
    if how == "environment":
        monkeypatch.setenv("LANG", PSEUDO)
    else:
        values = settings.Settings.in_folder(folder)
        values.set(settings.LANGUAGE, PSEUDO)
        values.save()
    assert cli.main(["db", "upgrade"]) == 0
    capsys.readouterr()
    assert cli.main(["check", "PO-NOWHERE"]) == 1
    error = capsys.readouterr().err.strip()
    assert _bracketed(error), error
    assert "PO-NOWHERE" in error
    assert cli.main(["db", "info"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 3
    assert all(_bracketed(line) for line in lines), lines


#: The demo's order with a decided review and a signed record (``demo_records``).
DECIDED = "PO-1001-260927"


def _pure_data(line: str) -> bool:
    """A printed line that is data, not words: blank (between sections), or a row of
    ``catalogue list`` (tab-separated, one column per field). Nothing else."""
    return not line.strip() or line.count("\t") == len(parts.FIELDS) - 1


def _run(args: list[str], capsys) -> tuple[int, list[str]]:
    """(exit code, every line printed on stdout and stderr) of one command."""
    code = cli.main(args)
    captured = capsys.readouterr()
    return code, captured.out.splitlines() + captured.err.splitlines()


def test_a_command_line_journey_speaks_only_the_pseudo_language(
    pseudo: Path,
    folder: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys,
    demo_records: None,
):
    """Every line the command line prints, normal output and errors, comes from a catalogue:
    a language made only of files reaches all of it."""
    for name in catalogues.ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", PSEUDO)
    order = corpus.messy(tmp_path / "po.xlsx")
    signed = tmp_path / "signed.pdf"
    record = tmp_path / "record.pdf"
    journey: list[tuple[list[str], int]] = [
        (["db", "upgrade"], 0),
        (["db", "upgrade"], 0),
        (["demo"], 0),
        (["db", "info"], 0),
        (["import", str(order), "--dry-run"], 0),
        (["import", str(order)], 0),
        (["import", str(tmp_path / "missing.xlsx")], 1),
        (["check", "PO-88001"], 0),
        (["check", "PO-1001-RUSH", "--all"], 0),
        (["template", "list"], 0),
        (["template", "show", "iso9001"], 0),
        (["template", "show", "iatf16949"], 0),
        (["catalogue", "list"], 0),
        (["user", "list"], 0),
        (["review", "status", "PO-1001-RUSH"], 0),
        (["review", "status", DECIDED], 0),
        (["review", "start", "PO-88001", "--as", "sales"], 0),
        (["review", "ask", "PO-88001", "Which certificate?", "--as", "sales"], 0),
        (["review", "answer-question", "PO-88001", "99999", "3.1", "--as", "sales"], 1),
        (["review", "log", "PO-88001", "Confirmed in writing", "--as", "sales"], 0),
        (["review", "submit", "PO-88001", "--as", "sales"], 1),
        (["review", "reopen", "PO-88001", "--reason", "price", "--as", "approver"], 1),
        (
            [
                "review",
                "waive",
                "PO-88001",
                "--evidence",
                str(order),
                "--note",
                "PO",
                "--as",
                "approver",
            ],
            1,
        ),
        (["review", "acknowledge", "PO-88001", "--as", "planning"], 1),
        (["review", "status", "PO-88001"], 0),
        (["verify", str(signed)], 0),
        (["record", "make", DECIDED, "--output", str(record)], 0),
        (["verify", str(record)], 1),
        (["export", str(tmp_path / "register.xlsx")], 0),
        (["export", str(tmp_path / "review.xlsx"), "--review-of", DECIDED], 0),
        (["import-template", str(tmp_path / "template.xlsx")], 0),
        (["backup", str(tmp_path / "backup.sqlite3")], 0),
        (["backup", str(tmp_path / "backup.sqlite3")], 1),
    ]
    english: dict[str, list[str]] = {}
    printed = 0
    passwords: list[str] = []
    monkeypatch.setattr(cli_context, "_read", lambda _prompt: passwords.pop(0))
    for args, expected in journey:
        if "--as" in args:
            passwords.append(f"{args[args.index('--as') + 1]}-demo")
        if args[0] == "verify" and not signed.exists():
            signed.write_bytes(_signed_record(DECIDED))
        code, lines = _run(args, capsys)
        assert code == expected, (args, lines)
        if args == ["catalogue", "list"]:  # a table for scripts, no header: data only
            assert lines
            assert all(_pure_data(line) for line in lines), lines
        else:
            assert any(not _pure_data(line) for line in lines), args  # each says something
        printed += len(lines)
        if unbracketed := [line for line in lines if not _pure_data(line) and OPEN not in line]:
            english[" ".join(args[:2])] = unbracketed
    assert english == {}
    assert printed > 150


def _signed_record(order: str) -> bytes:
    """The newest record of ``order``'s review, as the demo signed it."""
    from qms_review.cli import context
    from qms_review.cli.lookup import review_of_order
    from qms_review.core.records.pades import latest

    ctx = context.resolve(None, os.environ)
    with context.opened(ctx, create=False) as store:
        _order_id, _number, review_id = review_of_order(store, order, None)
        assert review_id is not None
        with store.read() as session:
            return latest(session, review_id).pdf


def test_the_pure_data_lines_are_few_and_plain():
    """The journey's exemption stays narrow: words, even in columns, are not data."""
    row = "\t".join(["P-1"] + [""] * (len(parts.FIELDS) - 1))
    assert _pure_data(row)
    assert _pure_data("")
    assert not _pure_data("Dry run: nothing was imported.")
    assert not _pure_data("   sales.customer_requirements      ISO 9001 8.2.2 a)      text")
    assert not _pure_data("a\tb")


def _texts_in(data, place: str = ""):
    """Every per-language table (``{ en = "…", zh = "…" }``) in parsed TOML, with its place."""
    if isinstance(data, dict):
        if isinstance(data.get(SOURCE), str):
            yield place, data
        for key, value in data.items():
            yield from _texts_in(value, f"{place}.{key}")
    elif isinstance(data, list):
        for number, value in enumerate(data):
            yield from _texts_in(value, f"{place}[{number}]")


def test_data_files_keep_the_placeholders_of_their_english():
    """The same check for the texts of the data files (rules, fields, checklist templates)."""
    import tomllib

    wrong = []
    checked = 0
    for path in sorted(resource().rglob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for place, texts in _texts_in(data):
            checked += 1
            for language, translated in texts.items():
                if _placeholders(translated) != _placeholders(texts[SOURCE]):
                    wrong.append((path.name, place, language))
    assert checked > 150
    assert wrong == []


CJK = r"[\u3400-\u9fff]"


def test_chinese_texts_use_full_width_punctuation():
    """，；：？！（） beside Chinese text, never the ASCII marks (a menu's accelerator "(&F)"
    and technical text such as "ISO 9001:2015" and a file dialog's ASCII ";;" aside)."""
    import polib

    mixed = []
    for entry in polib.pofile(str(catalogues.folder() / "zh_CN.po")):
        if entry.msgctxt == catalogues.PUNCTUATION:
            continue
        shown = re.sub(r"\(&[A-Za-z0-9]\)", "", entry.msgstr).replace(";;", " ")
        if re.search(rf"{CJK}[,;:?!(]|[,;?!)]{CJK}", shown):
            mixed.append(f"{entry.msgctxt}|{entry.msgid}: {entry.msgstr}")
    assert mixed == []


@pytest.mark.parametrize("po", sorted(catalogues.folder().glob("*.po")), ids=lambda p: p.name)
def test_every_entry_has_its_context_and_none_is_obsolete(po: Path):
    """A core key without ``msgctxt "core"`` is not found at run time (and ``extract`` would
    then mark its translation obsolete): both happened once in a merge."""
    import polib

    entries = polib.pofile(str(po))
    assert [e.msgid for e in entries if not e.msgctxt] == []
    assert [e.msgid for e in entries.obsolete_entries()] == []


#: A file dialog's filter group: ``(*.xlsx *.xls)`` or ``(*)``, ASCII parentheses and all.
_PATTERNS = re.compile(r"\((?:\*[^()]*)\)")


@pytest.mark.parametrize("po", po_files(), ids=lambda p: p.stem)
def test_file_dialog_filters_keep_their_ascii_separators(po: Path):
    """A file dialog splits its filters on ASCII ``;;`` and reads the patterns in ASCII
    parentheses: a translation with ``;；`` showed one filter reading "…*.txt);；所有文件 (*)"."""
    wrong = []
    for (context, msgid), translated in entries(po).items():
        if not translated or context in (CORE, catalogues.PUNCTUATION):
            continue
        if ";;" not in msgid and not _PATTERNS.search(msgid):
            continue
        if (
            translated.count(";;") != msgid.count(";;")
            or re.search(r";；|；;|；；", translated)
            or _PATTERNS.findall(translated) != _PATTERNS.findall(msgid)
        ):
            wrong.append(f"{context}|{msgid}: {translated}")
    assert wrong == []
