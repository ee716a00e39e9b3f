"""The rule book (resources/checks/rules.toml) is validated on load: a bad edit is refused with
the file, the place and the problem, never a KeyError in the middle of an import."""

from __future__ import annotations

from pathlib import Path

import pytest

from qms_review import cli
from qms_review.core.checks import rules, run
from qms_review.core.checks.rules import PLACEHOLDERS, RulesError
from qms_review.resources import resource
from tests.core.checks.test_checks import CASES

SHIPPED = resource("checks", "rules.toml")
NO_PART_NUMBER = """[rules."clarity.no_part_number"]
kind = "clarity"
severity = "error"
item = "technical.parts_revisions"
message = { en = "Line {line} has no part number.", zh = "第 {line} 行没有零件号。" }
"""
NO_CATALOGUE = """[rules."capability.no_catalogue"]
kind = "capability"
severity = "info"
item = "delivery.capacity_lead_time"
message = { en = "The capability catalogue is empty: parts, lots, lead times and capacity were not checked.", zh = "产品能力目录为空:未检查零件、批量、生产周期和产能。" }
"""


def _edited(folder: Path, old: str, new: str) -> Path:
    """A copy of the shipped rule book with ``old`` (found exactly once) replaced by ``new``."""
    content = SHIPPED.read_text(encoding="utf-8")
    assert content.count(old) == 1, old
    path = folder / "rules.toml"
    path.write_text(content.replace(old, new), encoding="utf-8")
    return path


def _refusal(path: Path, place: str, problem: str) -> str:
    return f"The rule book of the automatic checks {path} cannot be used — at {place}: {problem}"


BREAKAGES = [
    (
        "unknown severity",
        '[rules."clarity.vague"]\nkind = "clarity"\nseverity = "warning"',
        '[rules."clarity.vague"]\nkind = "clarity"\nseverity = "urgent"',
        'rules."clarity.vague".severity',
        "“urgent” is not one of error, warning, info",
    ),
    (
        "unknown kind",
        NO_PART_NUMBER,
        NO_PART_NUMBER.replace('kind = "clarity"', 'kind = "clearness"'),
        'rules."clarity.no_part_number".kind',
        "“clearness” is not one of clarity, capability, change",
    ),
    (
        "missing required key",
        NO_PART_NUMBER,
        NO_PART_NUMBER.replace('severity = "error"\n', ""),
        'rules."clarity.no_part_number"',
        "“severity” is missing",
    ),
    (
        "message without English",
        NO_PART_NUMBER,
        NO_PART_NUMBER.replace('en = "Line {line} has no part number.", ', ""),
        'rules."clarity.no_part_number".message',
        "“en” is missing",
    ),
    (
        "message not bilingual",
        NO_PART_NUMBER,
        NO_PART_NUMBER.replace(
            'message = { en = "Line {line} has no part number.", zh = "第 {line} 行没有零件号。" }',
            'message = "Line {line} has no part number."',
        ),
        'rules."clarity.no_part_number".message',
        "expected a table, not “Line {line} has no part number.”",
    ),
    (
        "unknown placeholder",
        "Line {line} has no part number.",
        "Line {line} has no part number {part}.",
        'rules."clarity.no_part_number".message.en',
        "the placeholder {part} is not known here; known: {field}, {line}, {where}",
    ),
    (
        "unbalanced braces",
        "Line {line} has no part number.",
        "Line {line has no part number.",
        'rules."clarity.no_part_number".message.en',
        "the placeholders in braces are not well formed (expected '}' before end of string)",
    ),
    (
        "bad regular expression",
        r"pattern = '\bTBD\b|\bto be defined\b|\bto be determined\b'",
        r"pattern = '\bTBD\b|(to be defined'",
        "vague[2].pattern",
        "not a valid regular expression (missing ), unterminated subpattern at position 8)",
    ),
    (
        "threshold not a number",
        'amount_tolerance = "0.01"',
        'amount_tolerance = "one cent"',
        "settings.amount_tolerance",
        "must be a number, zero or more, not “one cent”",
    ),
    (
        "negative threshold",
        'amount_tolerance_relative = "0.0005"',
        "amount_tolerance_relative = -0.0005",
        "settings.amount_tolerance_relative",
        "must be a number, zero or more, not -0.0005",
    ),
    (
        "list written as text",
        'required_header = ["order_date", "currency", "delivery_terms"]',
        'required_header = "order_date"',
        "settings.required_header",
        "must be a list of texts, not “order_date”",
    ),
    (
        "unknown field name",
        'required_header = ["order_date", "currency", "delivery_terms"]',
        'required_header = ["order_date", "curency"]',
        "settings.required_header",
        "“curency” is not one of order_date, currency, payment_terms, delivery_terms, buyer, notes",
    ),
    (
        "misspelt rule",
        '[rules."clarity.two_units"]',
        '[rules."clarity.two_unit"]',
        "rules",
        "no check makes findings of “clarity.two_unit” (a typing mistake?)",
    ),
    (
        "rule removed",
        NO_CATALOGUE,
        "",
        "rules",
        "“capability.no_catalogue” is missing",
    ),
    (
        "misspelt key in a rule",
        NO_PART_NUMBER,
        NO_PART_NUMBER.replace('severity = "error"', 'severity = "error"\ncolour = "red"'),
        'rules."clarity.no_part_number"',
        "unknown “colour” (a typing mistake?)",
    ),
    (
        "vague entry without hints",
        'hints = ["tba", "to be a"]\n',
        "",
        "vague[3]",
        "“hints” is missing",
    ),
    (
        "placeholder in the place's words",
        'line = { en = "Line {line} ({part})"',
        'line = { en = "Line {line_no} ({part})"',
        "where.line.en",
        "the placeholder {line_no} is not known here; known: {line}, {part}",
    ),
    (
        "section removed",
        "[basis]\n",
        "[basises]\n",
        "—",
        "“basis” is missing",
    ),
    (
        "not TOML",
        'term = "ASAP"',
        'term = "ASAP',
        "—",
        "not valid TOML (Illegal character '\\n' (at line 28, column 13))",
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "place", "problem"), [b[1:] for b in BREAKAGES], ids=[b[0] for b in BREAKAGES]
)
def test_a_broken_rule_book_is_refused_with_file_place_and_problem(
    tmp_path: Path, old: str, new: str, place: str, problem: str
):
    path = _edited(tmp_path, old, new)
    with pytest.raises(RulesError) as caught:
        rules.load(path)
    assert caught.value.message("en") == _refusal(path, place, problem)
    assert caught.value.place == ("" if place == "—" else place)
    assert str(path) in caught.value.message("zh_CN")


def test_the_refusal_is_in_chinese_too(tmp_path: Path):
    path = _edited(tmp_path, 'severity = "info"', 'severity = "urgent"')
    with pytest.raises(RulesError) as caught:
        rules.load(path)
    assert caught.value.message("zh_CN") == (
        f'自动检查规则文件 {path} 无法使用——位置 rules."capability.no_catalogue".severity:'
        "“urgent”不是以下之一：error, warning, info"
    )


def test_a_file_that_is_missing_or_not_utf8_is_refused(tmp_path: Path):
    missing = tmp_path / "none.toml"
    with pytest.raises(RulesError) as caught:
        rules.load(missing)
    assert caught.value.message("en") == _refusal(
        missing, "—", "cannot read the file (No such file or directory)"
    )
    latin = tmp_path / "latin.toml"
    latin.write_bytes(SHIPPED.read_text(encoding="utf-8").encode("utf-16"))
    with pytest.raises(RulesError) as caught:
        rules.load(latin)
    assert caught.value.message("en") == _refusal(latin, "—", "the file is not UTF-8 text")


def test_the_shipped_rule_book_loads_clean():
    book = rules.load(SHIPPED)
    assert set(book.rules) == set(PLACEHOLDERS)
    assert book.amount_tolerance > 0


def test_every_placeholder_the_validation_allows_is_given_by_its_check(tmp_path: Path):
    """A rule book whose messages use every placeholder allowed for their rule still makes
    every finding of the checks' cases: what the validation lets through never fails later."""
    content = SHIPPED.read_text(encoding="utf-8")
    for rule, names in PLACEHOLDERS.items():
        every = " ".join(f"{{{name}}}" for name in sorted(names))
        start = content.index(f'[rules."{rule}"]')
        at = content.index("message = {", start)
        end = content.index("\n", at)
        content = f'{content[:at]}message = {{ en = "{every}", zh = "{every}" }}{content[end:]}'
    path = tmp_path / "rules.toml"
    path.write_text(content, encoding="utf-8")
    book = rules.load(path)
    fired: set[str] = set()
    for _rule, fires, _near_miss in CASES:
        case = fires()
        fired |= {f.rule for f in run(case.subject, case.context, book)}
    assert fired == set(PLACEHOLDERS)


def test_the_command_line_says_what_is_wrong_with_the_rule_book(
    capsys, folder: Path, edited_rules: Path
):
    _edited(edited_rules.parent, 'severity = "info"', 'severity = "urgent"')
    assert cli.main(["demo"]) == 1
    refusal = _refusal(
        edited_rules,
        'rules."capability.no_catalogue".severity',
        "“urgent” is not one of error, warning, info",
    )
    assert capsys.readouterr().err == refusal + "\n"


def test_a_third_language_is_added_by_the_file_alone(tmp_path: Path):
    """A rule book may carry any language beside English, by its code; a key that is not a
    language is refused."""
    third = NO_PART_NUMBER.replace(
        'zh = "第 {line} 行没有零件号。" }',
        'zh = "第 {line} 行没有零件号。", de = "Zeile {line} ohne Teilenummer." }',
    )
    book = rules.load(_edited(tmp_path, NO_PART_NUMBER, third))
    message = book.rules["clarity.no_part_number"].message
    assert message("de") == "Zeile {line} ohne Teilenummer."
    assert message("de_AT") == "Zeile {line} ohne Teilenummer."
    assert message("fr") == "Line {line} has no part number."
    wrong = NO_PART_NUMBER.replace('zh = "', 'chinese = "')
    path = _edited(tmp_path, NO_PART_NUMBER, wrong)
    with pytest.raises(RulesError) as caught:
        rules.load(path)
    assert caught.value.message("en") == _refusal(
        path, 'rules."clarity.no_part_number".message', "unknown “chinese” (a typing mistake?)"
    )
